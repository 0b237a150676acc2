"""Build the course site once per test run (the book and browser tests share it).

Under pytest-xdist several worker processes ask for the site; a file lock lets the first build
it and the others reuse that build (keyed by the run's id), so it is built once per run.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "book" / "_build"
HTML = BUILD / "html"
HTML_ZH = HTML / "zh"
BUILD_LOG = BUILD / "build-trainee.log"
INSTRUCTOR_LOG = BUILD / "build-instructor.log"


def _once(edition: str) -> int:
    """Build `edition` unless this test run already did; return its exit code."""
    from salestrain.commands import editions

    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"pid-{os.getpid()}"
    BUILD.mkdir(parents=True, exist_ok=True)
    marker = BUILD / f".tested-{edition}"
    with open(BUILD / f".tested-{edition}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if marker.exists():
            built_by, _, code = marker.read_text().partition(" ")
            if built_by == run:
                return int(code)
        log = BUILD_LOG if edition == "trainee" else INSTRUCTOR_LOG
        code = editions.build(edition, log=log)
        marker.write_text(f"{run} {code}")
        return code


def build_book() -> int:
    """`make book`: both languages of the trainee edition; the log in BUILD_LOG."""
    return _once("trainee")


def build_instructor_edition() -> Path:
    """`make book-instructor`; returns the folder of its English HTML (Chinese in zh/)."""
    from salestrain.commands import editions

    code = _once("instructor")
    assert code == 0, INSTRUCTOR_LOG.read_text()[-6000:]
    return editions.html_folder("en", "instructor")
