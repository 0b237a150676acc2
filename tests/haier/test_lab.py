"""Notebook 02 in a real JupyterLab: run all cells, drive the simulator and the role mapper."""

from __future__ import annotations

import pytest

from tests.browser import notebook_in_lab, screenshot

NOTEBOOK = "02_haier_market_chain.ipynb"


@pytest.mark.browser
def test_haier_notebook_runs_and_its_widgets_answer_in_jupyterlab(tmp_path):
    from playwright.sync_api import expect

    with notebook_in_lab(tmp_path, NOTEBOOK) as lab:
        page, work = lab.page, lab.work
        # The simulator reruns in the kernel when a setting changes.
        summary = page.locator(".jp-OutputArea .widget-html", has_text="300 orders,").first
        summary.wait_for(timeout=90_000)
        before = summary.inner_text()
        seed = page.locator(".widget-text", has=page.locator("label", has_text="Random draw"))
        seed.locator("input").first.fill("8")
        seed.locator("input").first.press("Enter")
        expect(summary).not_to_have_text(before, timeout=60_000)
        # The role mapper flags the unowned duty, and autosaves a new post.
        page.get_by_text("Nobody owns “Realise orders”").first.wait_for(timeout=30_000)
        page.locator("button", has_text="Add post").first.click()
        name = page.locator("input[placeholder='Post']").last
        name.fill("Regional parcel promoter")
        name.press("Enter")
        page.get_by_text("Saved to rolemap-").first.wait_for(timeout=30_000)
        assert list(work.glob("rolemap-*.json"))
        screenshot(page, "lab__02_haier_market_chain")

