"""Test-session set-up that must reach the notebooks too (a conftest under tests/ would not).

Every notebook that nbval runs gets its own empty work folder, exactly as `make notebooks`
runs each one, so no file saved by a test, another notebook or a trainee can change an output.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
_notebooks_started: set[str] = set()


def _fresh_work_folder() -> None:
    os.environ["SALESTRAIN_WORK"] = tempfile.mkdtemp(prefix="salestrain-test-work-")


def pytest_configure(config: pytest.Config) -> None:
    from salestrain.commands.execute import SOURCE_DATE_EPOCH

    _fresh_work_folder()
    # As in `make notebooks`: times the tools show do not depend on the clock.
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    sanitize = ROOT / "tests" / "nbval_sanitize.cfg"
    if getattr(config.option, "nbval", False) and sanitize.exists():
        config.option.nbval_sanitize_with = str(sanitize)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before nbval starts a notebook's kernel (on its first cell), empty the work folder."""
    if item.path.suffix == ".ipynb" and str(item.path) not in _notebooks_started:
        _notebooks_started.add(str(item.path))
        _fresh_work_folder()

