"""User text stays text, and the pages need nothing the CSP does not allow.

lit-html binds `${text}` as text; these are the ways around that, and the
inline code or styles `default-src 'self'` would block (server/security.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "static"
OURS = sorted(p for p in STATIC.rglob("*") if p.is_file() and "vendor" not in p.parts)
SCRIPTS = [p for p in OURS if p.suffix == ".js"]
PAGES = [p for p in OURS if p.suffix == ".html"]

HTML_FROM_STRINGS = re.compile(
    r"unsafeHTML|unsafeSVG|unsafeStatic|insertAdjacentHTML|createContextualFragment"
    r"|\.innerHTML\s*=|\.outerHTML\s*=|document\.write|\beval\(|new Function\("
)
# A style attribute (lit's styleMap writes one on its first render too).
STYLE_ATTRIBUTE = re.compile(r"style=\$\{|styleMap|setAttribute\(\s*['\"]style")


def test_the_pages_have_scripts_to_check() -> None:
    assert len(SCRIPTS) > 40 and len(PAGES) >= 6


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(STATIC)))
def test_no_script_turns_strings_into_html(path: Path) -> None:
    found = HTML_FROM_STRINGS.findall(path.read_text())
    assert not found, f"{path.name}: {found}"


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(STATIC)))
def test_no_script_sets_a_style_attribute(path: Path) -> None:
    found = STYLE_ATTRIBUTE.findall(path.read_text())
    assert not found, f"{path.name}: {found} (set CSSOM properties: cssProps in lit.js)"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_no_page_has_inline_script_style_or_handlers(path: Path) -> None:
    text = path.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)", text), "inline <script>"
    assert not re.search(r"<style\b|\sstyle=", text), "inline style"
    assert not re.search(r"\son[a-z]+=", text), "inline event handler"
