"""Every page of the Chinese site, as the English ones are checked (its own file, so that the
two languages' page checks run on different test workers)."""

from __future__ import annotations

import pytest

from tests.book.test_browser import check_every_page


@pytest.mark.browser
def test_every_chinese_page_loads_offline_accessible_and_unsqueezed(built_book):
    check_every_page(built_book, "zh")
