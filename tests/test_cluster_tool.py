"""tests/cluster.py picks a Redis 7 binary even when an older one comes first on PATH."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cluster import ClusterError, _binary


def fake(folder: Path, version: str) -> None:
    folder.mkdir()
    script = folder / "redis-server"
    script.write_text(f"#!/bin/sh\necho 'Redis server v={version} sha=0 malloc=libc'\n")
    script.chmod(0o755)


def test_an_older_redis_first_on_path_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake(tmp_path / "venv-bin", "6.2.14")  # what the embedded Redis puts in a venv
    fake(tmp_path / "debian", "7.0.15")
    path = os.pathsep.join([str(tmp_path / "venv-bin"), str(tmp_path / "debian")])
    monkeypatch.setenv("PATH", path)
    assert _binary("redis-server") == str(tmp_path / "debian" / "redis-server")


def test_no_redis_7_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake(tmp_path / "venv-bin", "6.2.14")
    monkeypatch.setenv("PATH", str(tmp_path / "venv-bin"))
    with pytest.raises(ClusterError, match="Redis 7 or later"):
        _binary("redis-server")
