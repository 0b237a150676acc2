"""The Chinese instructor edition, checked as the English one (its own file, so the two run on
different test workers)."""

from __future__ import annotations

import pytest

from tests.book.test_a11y import check_instructor_edition


@pytest.mark.browser
def test_chinese_instructor_edition_is_accessible_and_unsqueezed(instructor_book):
    check_instructor_edition(instructor_book, "zh")
