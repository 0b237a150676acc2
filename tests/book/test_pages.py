"""Every page of the English site, checked as tests/book/test_browser.py says (its own file, so
that this long test, the Chinese pages and the site's other browser tests run on different
test workers)."""

from __future__ import annotations

import pytest

from tests.book.test_browser import check_every_page


@pytest.mark.browser
def test_every_english_page_loads_offline_accessible_and_unsqueezed(built_book):
    check_every_page(built_book, "en")
