"""Notebook 03 in a real JupyterLab: a trainee types a proposal of their own with the keyboard,
it is saved as one file, and after a kernel restart and Run All the proposal comes back."""

from __future__ import annotations

import pytest

from tests.browser import (
    notebook_in_lab,
    restart_kernel,
    run_all_cells,
    screenshot,
    type_into,
    wait_until,
)

NOTEBOOK = "03_pingan_cross_selling.ipynb"
TITLE = "Bank managers sell the pension annuity"
RESOURCES = "Training, certification and 3 % commission"
RATIONALE = "Savers think about retirement income"






@pytest.mark.browser
def test_a_typed_proposal_is_one_file_and_comes_back_after_a_restart(jupyterlab):
    from playwright.sync_api import expect

    with notebook_in_lab(jupyterlab, NOTEBOOK) as lab:
        page, work = lab.page, lab.work
        flow = page.locator(".jp-Notebook .st-approval").first
        flow.wait_for(timeout=30_000)
        title = flow.locator(".st-approval-title input")
        # Nothing saved yet: the worked example, opened as a separate piece of work.
        expect(title).to_have_value("Life agents sell car insurance", timeout=30_000)
        expect(flow.get_by_text("opened as a separate piece of work")).to_be_visible()
        assert list(work.glob("approval-*.json")) == []

        flow.locator("button", has_text="New").first.click()
        expect(title).to_have_value("", timeout=10_000)
        type_into(title, TITLE)
        flow.locator(".st-approval-product select").select_option(label="Pension annuity")
        flow.locator(".st-approval-channel select").select_option(
            label="Bank customer managers")
        type_into(flow.locator(".st-approval-resources textarea"), RESOURCES)
        type_into(flow.locator(".st-approval-rationale textarea"), RATIONALE)
        # exact: the Load list names the saved proposal with its progress ("ready for step 1")
        expect(flow.get_by_text("Ready for step 1", exact=True)).to_be_visible(timeout=10_000)
        expect(flow.get_by_text("Saved as ", exact=False).first).to_be_visible(timeout=10_000)
        proposal = work / "approval-bank-managers-sell-the-pension-annuity.json"
        wait_until(lambda: RATIONALE in proposal.read_text(encoding="utf-8"),
                   "the proposal's last field saved")
        saved = list(work.glob("approval-*.json"))
        assert [p.name for p in saved] == ["approval-bank-managers-sell-the-pension-annuity.json"]
        text = saved[0].read_text(encoding="utf-8")
        assert TITLE in text and RATIONALE in text and "pension" in text

        restart_kernel(page)
        run_all_cells(page)
        flow = page.locator(".jp-Notebook .st-approval").first
        flow.wait_for(timeout=30_000)
        title = flow.locator(".st-approval-title input")
        expect(title).to_have_value(TITLE, timeout=30_000)
        expect(flow.locator(".st-approval-rationale textarea")).to_have_value(RATIONALE)
        expect(flow.get_by_text(f"Continuing ‘{TITLE}’", exact=False)).to_be_visible()
        assert [p.name for p in work.glob("approval-*.json")] == [saved[0].name]
        flow.scroll_into_view_if_needed()
        screenshot(page, "lab__03_pingan_cross_selling")
