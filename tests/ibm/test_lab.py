"""Notebook 05 in a real JupyterLab: the walker refuses to advance without evidence, then
advances two steps once the trainee types the customer's evidence."""

from __future__ import annotations

import pytest

from tests.browser import notebook_in_lab, screenshot

NOTEBOOK = "05_ibm_signature_selling.ipynb"


def _fill_row(walker, row: int, what: str, who: str) -> None:
    """Type one outcome's evidence: what, when, who (Enter commits each text field)."""
    field = walker.locator(".st-ev-what input").nth(row)
    field.fill(what)
    field.press("Enter")
    walker.locator(".st-ev-when input").nth(row).fill("2013-07-02")
    who_field = walker.locator(".st-ev-who input").nth(row)
    who_field.fill(who)
    who_field.press("Enter")


@pytest.mark.browser
def test_walker_refuses_then_advances_two_steps_in_jupyterlab(tmp_path):
    from playwright.sync_api import expect

    with notebook_in_lab(tmp_path, NOTEBOOK) as lab:
        page, work = lab.page, lab.work
        walker = page.locator(".st-walker").filter(
            has_text="local-tax bureau — invoice delivery").first
        walker.wait_for(timeout=30_000)
        advance = walker.locator("button.st-advance")
        # Step 4: two outcomes lack evidence, so Advance is disabled and says why.
        expect(advance).to_be_disabled()
        expect(walker.get_by_text("Cannot advance from step 4")).to_be_visible()
        _fill_row(walker, 1, "Evaluation plan signed", "IT office")
        expect(advance).to_be_disabled()
        _fill_row(walker, 2, "Director agrees to a pilot-based proposal", "Director")
        expect(advance).to_be_enabled(timeout=10_000)
        advance.click()
        expect(walker.get_by_text("Cannot advance from step 5")).to_be_visible(timeout=10_000)
        expect(advance).to_be_disabled()
        # Step 5: three outcomes, then advance again.
        for row, text in enumerate(["Solution and value case agreed", "Price agreed",
                                    "Conditional approval: sign after the pilot"]):
            _fill_row(walker, row, text, "Director")
        expect(advance).to_be_enabled(timeout=10_000)
        advance.click()
        # Step 6: the contract is not signed, so Advance refuses again.
        expect(walker.get_by_text("Cannot advance from step 6")).to_be_visible(timeout=10_000)
        expect(advance).to_be_disabled()
        expect(walker.get_by_text("Proposed / verbal agreement").first).to_be_visible()
        page.get_by_text("Saved to opportunity-").first.wait_for(timeout=10_000)
        assert list(work.glob("opportunity-*.json"))
        walker.scroll_into_view_if_needed()
        screenshot(page, "lab__05_ibm_signature_selling")
