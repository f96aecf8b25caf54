"""The slow-client cut-off relies on python-engineio's and uvicorn's insides: pin the versions.

tests/server/test_slow_reader.py and test_faults.py show that it works; this
test says *when* to look again: as soon as an upgrade moves either package
outside the versions server/backpressure.py was checked against.
"""

from __future__ import annotations

import importlib.metadata

import pytest

from server.backpressure import CHECKED_WITH, WHAT_TO_CHECK


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:3] if part.isdigit())


def _checked(package: str, installed: str) -> bool:
    lowest, first_unchecked = CHECKED_WITH[package]
    return _version(lowest) <= _version(installed) < _version(first_unchecked)


@pytest.mark.parametrize("package", sorted(CHECKED_WITH))
def test_the_installed_version_is_one_the_cut_off_was_checked_against(package: str) -> None:
    installed = importlib.metadata.version(package)
    lowest, first_unchecked = CHECKED_WITH[package]
    assert _checked(package, installed), (
        f"{package} {installed} is outside {lowest} up to (not including) {first_unchecked}, "
        f"which server/backpressure.py was checked against. Check that {WHAT_TO_CHECK[package]}; "
        "run tests/server/test_slow_reader.py and test_faults.py; then widen CHECKED_WITH."
    )


def test_every_pinned_package_says_what_to_check() -> None:
    assert set(WHAT_TO_CHECK) == set(CHECKED_WITH)


def test_the_next_minor_version_and_an_older_one_are_not_taken_as_checked() -> None:
    for package, (lowest, first_unchecked) in CHECKED_WITH.items():
        assert _checked(package, lowest + ".0")
        assert not _checked(package, first_unchecked + ".0")
        major, minor = _version(lowest)[:2]
        assert not _checked(package, f"{major}.{minor - 1}.9" if minor else f"{major - 1}.99.0")
