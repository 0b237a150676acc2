"""Build the course site once per test session (the book and browser tests share it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "book" / "_build" / "html"
BUILD_LOG = ROOT / "book" / "_build" / "build.log"


def build_book() -> subprocess.CompletedProcess:
    """`jupyter-book build book -W --keep-going`, output kept in book/_build/build.log."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    BUILD_LOG.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(jupyter_book), "build", "book", "-W", "--keep-going"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    BUILD_LOG.write_text(result.stdout + result.stderr)
    return result


def build_instructor_edition(out: Path) -> Path:
    """`make book-instructor` into `out`; returns the folder of its HTML."""
    from salestrain.commands import bookgen

    config = bookgen.write_instructor_config(out / "_config_instructor.yml")
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    result = subprocess.run(
        [str(jupyter_book), "build", "book", "-W", "--keep-going", "--config", str(config),
         "--path-output", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out / "_build" / "html"
