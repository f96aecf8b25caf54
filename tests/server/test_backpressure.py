"""Three modules rely on python-engineio's, uvicorn's and segno's insides: pin the versions.

server/backpressure.py (the slow-client cut-off), server/timeouts.py (the
deadline on a request's headers) and server/qr.py (segno's QR mask choice,
made faster). tests/server/test_slow_reader.py, test_faults.py,
test_limits.py and test_qr.py show that they work; this test says *when* to
look again: as soon as an upgrade moves a package outside the versions the
module was checked against.
"""

from __future__ import annotations

import importlib.metadata

import pytest

from server import backpressure, qr, timeouts

MODULES = {
    "server/backpressure.py": backpressure,
    "server/timeouts.py": timeouts,
    "server/qr.py": qr,
}
PINS = [
    (name, package, module.CHECKED_WITH[package], module.WHAT_TO_CHECK[package])
    for name, module in MODULES.items()
    for package in sorted(module.CHECKED_WITH)
]


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:3] if part.isdigit())


def _checked(checked_with: tuple[str, str], installed: str) -> bool:
    lowest, first_unchecked = checked_with
    return _version(lowest) <= _version(installed) < _version(first_unchecked)


@pytest.mark.parametrize(("module", "package", "checked_with", "what"), PINS)
def test_the_installed_version_is_one_the_module_was_checked_against(
    module: str, package: str, checked_with: tuple[str, str], what: str
) -> None:
    installed = importlib.metadata.version(package)
    lowest, first_unchecked = checked_with
    assert _checked(checked_with, installed), (
        f"{package} {installed} is outside {lowest} up to (not including) {first_unchecked}, "
        f"which {module} was checked against. Check that {what}; run "
        "tests/server/test_slow_reader.py, test_faults.py, test_limits.py and test_qr.py; "
        "then widen "
        f"CHECKED_WITH in {module}."
    )


def test_each_module_pins_what_it_reaches_into() -> None:
    assert {(name, package) for name, package, _, _ in PINS} == {
        ("server/backpressure.py", "python-engineio"),
        ("server/backpressure.py", "uvicorn"),
        ("server/timeouts.py", "uvicorn"),
        ("server/qr.py", "segno"),
    }


def test_every_pinned_package_says_what_to_check() -> None:
    for module in MODULES.values():
        assert set(module.WHAT_TO_CHECK) == set(module.CHECKED_WITH)
        assert all(module.WHAT_TO_CHECK.values())


def test_the_next_minor_version_and_an_older_one_are_not_taken_as_checked() -> None:
    for _, _, checked_with, _ in PINS:
        lowest, first_unchecked = checked_with
        assert _checked(checked_with, lowest + ".0")
        assert not _checked(checked_with, first_unchecked + ".0")
        major, minor = _version(lowest)[:2]
        unchecked = f"{major}.{minor - 1}.9" if minor else f"{major - 1}.99.0"
        assert not _checked(checked_with, unchecked)
