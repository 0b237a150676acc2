"""Notebook 05 in a real JupyterLab, typed with the keyboard as a trainee types: the walker opens
on the worked example as a separate piece, refuses to advance without evidence, advances once
the evidence is typed, walks away and reopens; after a kernel restart and Run All the same
opportunity comes back — its evidence, its history, one file, one history entry per evidence
item."""

from __future__ import annotations

import json

import pytest

from tests.browser import (
    notebook_in_lab,
    restart_kernel,
    run_all_cells,
    screenshot,
    type_into,
    wait_until,
)

NOTEBOOK = "05_ibm_signature_selling.ipynb"
EXAMPLE = "Provincial local-tax bureau — invoice delivery"
FILE = "opportunity-provincial-local-tax-bureau-invoice-delivery.json"
SOLUTION = "Solution and value case agreed with the director"
WALK = "The courier company offered a lower price"
REOPEN = "The director called: the pilot must go on"




def _type_evidence(walker, row: int, what: str, who: str) -> None:
    """One outcome's evidence: what, when (2 July 2013, typed into the date field's month, day
    and year), who at the customer."""
    type_into(walker.locator(".st-ev-what input").nth(row), what)
    when = walker.locator(".st-ev-when input").nth(row)
    when.focus()  # the month part
    when.press_sequentially("07022013", delay=20)
    type_into(walker.locator(".st-ev-who input").nth(row), who)


def _decide(walker, button: str, reason: str) -> None:
    """Press Walk away / Reopen, type why, leave the field, confirm."""
    walker.locator(f"button.{button}").click()
    type_into(walker.locator(".st-reason input"), reason)
    walker.locator("button.st-confirm").click()




def _saved(work) -> dict:
    return json.loads((work / FILE).read_text(encoding="utf-8"))["data"]


@pytest.mark.browser
def test_walked_away_and_reopened_opportunity_comes_back_after_a_restart(jupyterlab):
    from playwright.sync_api import expect

    with notebook_in_lab(jupyterlab, NOTEBOOK) as lab:
        page, work = lab.page, lab.work
        walker = page.locator(".jp-Notebook .st-walker").first
        walker.wait_for(timeout=30_000)
        # Nothing saved yet: the worked example, opened as a separate piece of work.
        expect(walker.locator(".st-opp-name input")).to_have_value(EXAMPLE, timeout=30_000)
        expect(walker.get_by_text("opened as a separate piece of work")).to_be_visible()
        assert list(work.glob("opportunity-*.json")) == []
        advance = walker.locator("button.st-advance")
        # Step 4: two outcomes lack evidence, so Advance is disabled and says why.
        expect(advance).to_be_disabled()
        expect(walker.get_by_text("Cannot advance from step 4")).to_be_visible()
        _type_evidence(walker, 1, "Evaluation plan signed: pilot in two cities", "IT office")
        expect(advance).to_be_disabled()
        _type_evidence(walker, 2, "Director agrees to a pilot-based proposal", "Director")
        expect(advance).to_be_enabled(timeout=10_000)
        advance.click()
        expect(walker.get_by_text("Cannot advance from step 5")).to_be_visible(timeout=10_000)
        # Step 5: one outcome typed, then the deal is walked away from and reopened.
        type_into(walker.locator(".st-ev-what input").nth(0), SOLUTION)
        _decide(walker, "st-walk", WALK)
        expect(walker.get_by_text("You walked away at step 5")).to_be_visible(timeout=10_000)
        expect(advance).to_be_disabled()
        expect(walker.locator("button.st-reopen")).to_be_visible()
        _decide(walker, "st-reopen", REOPEN)
        expect(walker.get_by_text("Reopened at step 5")).to_be_visible(timeout=10_000)
        expect(walker.locator("button.st-reopen")).to_be_hidden()
        wait_until(lambda: _saved(work)["history"][-1]["action"] == "reopen",
                   "the reopening saved")

        assert [p.name for p in work.glob("opportunity-*.json")] == [FILE]
        data = _saved(work)
        assert data["status"] == "open" and data["current_step"] == 5
        assert data["evidence"]["s4_evaluation_plan"]["when"] == "2013-07-02"
        assert data["evidence"]["s5_solution_agreed"]["what"] == SOLUTION
        typed = [(h["action"], h["detail"]) for h in data["history"][19:]]  # after the example's
        assert typed == [("evidence", "s4_evaluation_plan"), ("evidence", "s4_go_forward"),
                         ("advance", ""), ("evidence", "s5_solution_agreed"), ("walk_away", WALK),
                         ("reopen", REOPEN)], typed

        restart_kernel(page)
        run_all_cells(page)
        walker = page.locator(".jp-Notebook .st-walker").first
        walker.wait_for(timeout=30_000)
        expect(walker.locator(".st-ev-what input").nth(0)).to_have_value(SOLUTION,
                                                                          timeout=30_000)
        expect(walker.get_by_text(f"Continuing ‘{EXAMPLE}’", exact=False)).to_be_visible()
        walker.get_by_text("History", exact=True).click()
        for text in ("walked away", "reopened", WALK, REOPEN, "Step 4 → Step 5"):
            expect(walker.get_by_text(text, exact=True).first).to_be_visible(timeout=10_000)
        assert [p.name for p in work.glob("opportunity-*.json")] == [FILE]
        assert _saved(work)["history"] == data["history"]
        walker.scroll_into_view_if_needed()
        screenshot(page, "lab__05_ibm_signature_selling")
