"""The instructor edition, both languages: the same accessibility and layout checks as the
trainee edition (its pages also show every solution and the edition banner)."""

from __future__ import annotations

import pytest

from tests.book.checks import axe_problems, layout_problems
from tests.book.test_browser import open_like_a_reader, site_pages
from tests.browser import LAUNCH_ARGS, chromium_executable, static_server


@pytest.mark.browser
def test_instructor_edition_is_accessible_and_unsqueezed(instructor_book):
    from playwright.sync_api import sync_playwright

    pages = [p for p in site_pages(instructor_book) if p.rsplit("/", 1)[-1] != "index.html"]
    assert "notebooks/04_hp_key_accounts.html" in pages
    assert "zh/notebooks/04_hp_key_accounts.html" in pages
    problems = []
    with static_server(instructor_book) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for name in pages:
            page = context.new_page()
            open_like_a_reader(page, base, name)
            problems += [f"{name}: {p}" for p in axe_problems(page) + layout_problems(page)]
            page.close()
        browser.close()
    assert problems == [], "\n".join(problems)
