"""book/_templates/layout.html replaces one block of the installed theme with a copy of it (one
condition added): when a theme update changes that block, the copy must be made again."""

from __future__ import annotations

import re
from pathlib import Path

import pydata_sphinx_theme
import sphinx_book_theme

LAYOUT = Path(__file__).resolve().parents[2] / "book" / "_templates" / "layout.html"
THEME_LAYOUT = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
                / "layout.html")
BOOK_THEME_LAYOUT = (Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme"
                     / "layout.html")
# The one change: the search tools load on a page only when search-as-you-type is on.
THEIRS = "{% if pagename == 'search' %}"
OURS = "{% if pagename == 'search' or not theme_search_as_you_type|tobool %}"


def block(template: str, name: str) -> str | None:
    found = re.search(r"\{%-?\s*block " + name + r"\s*%\}.*?\{%-?\s*endblock(?: " + name
                      + r")?\s*-?%\}", template, re.S)
    return found.group(0) if found else None


def test_the_copied_block_is_the_installed_themes_with_one_condition_added():
    theirs = block(THEME_LAYOUT.read_text(encoding="utf-8"), "extrahead")
    assert theirs is not None and theirs.count(THEIRS) == 1, (
        "pydata-sphinx-theme's extrahead block changed: copy it into "
        "book/_templates/layout.html again and add the condition")
    ours = block(LAYOUT.read_text(encoding="utf-8"), "extrahead")
    assert ours == theirs.replace(THEIRS, OURS), (
        "book/_templates/layout.html's extrahead is not the installed theme's: copy it again")


def test_the_book_theme_between_does_not_override_the_block():
    """Our layout extends sphinx-book-theme's, which extends pydata's: a block of its own would
    be the one copied."""
    assert block(BOOK_THEME_LAYOUT.read_text(encoding="utf-8"), "extrahead") is None
