"""README runs as written: its commands are the ones CI runs, and the wheel holds what they need."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from server.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
RUN_COMMAND = "pip install . && changeboard serve --demo"
TEST_COMMAND = "pip install '.[test]' && pytest"


def _code_blocks(markdown: str) -> list[str]:
    return [
        m.group(1).strip() for m in re.finditer(r"^```[^\n]*\n(.*?)^```", markdown, re.S | re.M)
    ]


def test_readme_opens_with_the_run_and_test_commands_only() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _code_blocks(readme)[:2] == [RUN_COMMAND, TEST_COMMAND]
    before_commands = " ".join(readme[: readme.index("```")].split())
    assert "Working Together for Change" in before_commands


def test_ci_runs_the_readme_test_command() -> None:
    script = ROOT / ".ci" / "run"
    text = script.read_text(encoding="utf-8")
    assert TEST_COMMAND in text
    assert "set -euo pipefail" in text
    assert os.access(script, os.X_OK)


def test_readme_configuration_table_names_every_setting() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        variable = "REDIS_URL" if name == "redis_url" else f"CHANGEBOARD_{name.upper()}"
        assert f"| `{variable}` |" in readme, f"{variable} ({field.annotation}) missing"


def test_procfile_serves_on_the_platform_port() -> None:
    procfile = (ROOT / "Procfile").read_text(encoding="utf-8")
    assert re.fullmatch(r"web: changeboard serve --host 0\.0\.0\.0 --port \$PORT.*\n", procfile)


@pytest.mark.slow
def test_wheel_holds_the_pages_the_demo_data_and_the_command(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = tmp_path.glob("changeboard-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        scripts = archive.read(entry_points).decode()
    assert "server/demo/copd-reviews.csv" in names
    assert {"server/cli.py", "server/app.py", "server/embedded_redis.py"} <= names
    assert "board/__init__.py" in names
    static = [p.relative_to(ROOT / "static").as_posix() for p in (ROOT / "static").rglob("*")]
    pages = {f"server/_static/{p}" for p in static if (ROOT / "static" / p).is_file()}
    assert "server/_static/phone.html" in pages
    assert pages <= names, sorted(pages - names)
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert "changeboard = server.cli:main" in scripts
