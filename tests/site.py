"""Build the course site once per test session (the book and browser tests share it)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "book" / "_build" / "html"
HTML_ZH = HTML / "zh"
BUILD_LOG = ROOT / "book" / "_build" / "build-trainee.log"
INSTRUCTOR_LOG = ROOT / "book" / "_build" / "build-instructor.log"


def build_book() -> int:
    """`make book`: both languages of the trainee edition; the log in BUILD_LOG."""
    from salestrain.commands import editions

    return editions.build("trainee", log=BUILD_LOG)


def build_instructor_edition() -> Path:
    """`make book-instructor`; returns the folder of its English HTML (Chinese in zh/)."""
    from salestrain.commands import editions

    code = editions.build("instructor", log=INSTRUCTOR_LOG)
    assert code == 0, INSTRUCTOR_LOG.read_text()[-6000:]
    return editions.html_folder("en", "instructor")
