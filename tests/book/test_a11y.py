"""The instructor edition, both languages. Its pages are the trainee edition's pages — which
the every-page tests check whole, widgets and all — plus what only the instructor sees: every
solution and the edition banner. So here axe checks exactly those parts on every page, and the
layout check runs over the whole page (solutions hold tables too)."""

from __future__ import annotations

import pytest

from tests.book.checks import axe_problems, layout_problems
from tests.book.test_browser import site_pages
from tests.browser import LAUNCH_ARGS, chromium_executable, static_server


def check_instructor_edition(instructor_book, lang: str) -> None:
    from playwright.sync_api import sync_playwright

    pages = [p for p in site_pages(instructor_book) if p.rsplit("/", 1)[-1] != "index.html"]
    assert "notebooks/04_hp_key_accounts.html" in pages
    assert "zh/notebooks/04_hp_key_accounts.html" in pages
    pages = [p for p in pages if p.startswith("zh/") == (lang == "zh")]
    problems = []
    with static_server(instructor_book) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for name in pages:
            page = context.new_page()
            page.goto(f"{base}/{name}", wait_until="load")
            page.wait_for_selector(".st-edition-banner")
            parts = [[".st-edition-banner"]]
            if page.locator(".solution").count():
                parts.append([".solution"])
            found = axe_problems(page, {"include": parts}) + layout_problems(page)
            problems += [f"{name}: {p}" for p in found]
            page.close()
        browser.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.browser
def test_english_instructor_edition_is_accessible_and_unsqueezed(instructor_book):
    check_instructor_edition(instructor_book, "en")
