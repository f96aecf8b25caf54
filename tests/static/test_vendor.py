"""The vendored browser code is what static/vendor/README.md says it is."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

VENDOR = Path(__file__).resolve().parents[2] / "static" / "vendor"
README = (VENDOR / "README.md").read_text()
SCRIPT = (VENDOR / "refresh.sh").read_text()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_socket_io_client_matches_its_pin_and_hash() -> None:
    version = (VENDOR / "socket.io-client" / "VERSION").read_text().strip()
    assert f"| socket.io-client | {version} |" in README
    assert f'SOCKET_IO_VERSION="{version}"' in SCRIPT
    digest = sha256(VENDOR / "socket.io-client" / "socket.io.esm.min.js")
    assert f"`{digest}`" in README


LIT_HASHES = dict(re.findall(r"\| `([\w/-]+\.js)` \| `([0-9a-f]{64})` \|", README))


def test_lit_html_matches_its_pin_and_licence() -> None:
    version = (VENDOR / "lit-html" / "VERSION").read_text().strip()
    assert f"| lit-html | {version} |" in README
    assert f'LIT_HTML_VERSION="{version}"' in SCRIPT
    assert "BSD 3-Clause License" in (VENDOR / "lit-html" / "LICENSE").read_text()
    shipped = {str(p.relative_to(VENDOR / "lit-html")) for p in (VENDOR / "lit-html").rglob("*.js")}
    assert shipped == set(LIT_HASHES), "README's table lists exactly the files shipped"
    listed = set(re.search(r'LIT_HTML_FILES="([^"]*)"', SCRIPT)[1].split())  # type: ignore[index]
    assert listed == shipped, "refresh.sh copies exactly the files shipped"


@pytest.mark.parametrize("name", sorted(LIT_HASHES))
def test_each_lit_html_file_has_its_published_hash(name: str) -> None:
    assert sha256(VENDOR / "lit-html" / name) == LIT_HASHES[name]
    assert (VENDOR / "lit-html" / f"{name}.map").is_file()
