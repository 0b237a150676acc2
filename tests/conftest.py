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
def built_book() -> Path:
    """The trainee edition (English; Chinese in zh/), built with -W once per test run into the
    run's own folder; fails with the build log when the build fails."""
    from .site import build_book

    return build_book()


@pytest.fixture(scope="session")
def instructor_book() -> Path:
    """The instructor edition, built once per test run (independently of the trainee one)."""
    from .site import build_instructor_edition

    return build_instructor_edition()


@pytest.fixture(scope="module")
def jupyterlab(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """One JupyterLab for all the tests of a module (starting one takes seconds); its menus in
    the module's LAB_LOCALE ("zh_CN" for Chinese, as `make lab-zh`). See tests/browser.py."""
    from .browser import module_lab

    locale = getattr(request.module, "LAB_LOCALE", None)
    with module_lab(tmp_path_factory.mktemp("lab"), locale) as lab:
        yield lab
