"""Fixtures shared by the tests (the session set-up is in the root conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def work_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private work folder for one test."""
    monkeypatch.setenv("SALESTRAIN_WORK", str(tmp_path / "work"))
    return tmp_path / "work"


@pytest.fixture(scope="session")
def built_book():
    """The course site, built once with -W; fails with the build log when the build fails."""
    from .site import BUILD_LOG, HTML, build_book

    assert build_book() == 0, BUILD_LOG.read_text()[-6000:]
    return HTML


@pytest.fixture(scope="session")
def instructor_book(built_book):
    """The instructor edition of the site, built once (after the trainee edition)."""
    from .site import build_instructor_edition

    return build_instructor_edition()
