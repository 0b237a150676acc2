"""Shared test set-up: notebooks run with an empty, throw-away work folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    # Kernels started by nbval inherit this, exactly as `make notebooks` sets it, so no file a
    # trainee saved on this machine can change a notebook's output.
    os.environ["SALESTRAIN_WORK"] = tempfile.mkdtemp(prefix="salestrain-nbval-work-")
    sanitize = ROOT / "tests" / "nbval_sanitize.cfg"
    if getattr(config.option, "nbval", False) and sanitize.exists():
        config.option.nbval_sanitize_with = str(sanitize)


_notebook_with_fresh_work: list[object] = []


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before nbval starts a notebook's kernel, give that notebook an empty work folder.

    A notebook run must not see files that tests or other notebooks saved earlier in the
    session, exactly as `make notebooks` runs each one with a fresh folder.
    """
    notebook = item.parent
    if item.path.suffix == ".ipynb" and notebook not in _notebook_with_fresh_work:
        _notebook_with_fresh_work.append(notebook)
        os.environ["SALESTRAIN_WORK"] = tempfile.mkdtemp(prefix="salestrain-nbval-work-")


@pytest.fixture
def work_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private work folder for one test."""
    monkeypatch.setenv("SALESTRAIN_WORK", str(tmp_path / "work"))
    return tmp_path / "work"


@pytest.fixture(scope="session")
def built_book():
    """The course site, built once with -W; fails with the build log when the build fails."""
    from .site import HTML, build_book

    result = build_book()
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return HTML
