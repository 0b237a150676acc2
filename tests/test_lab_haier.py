"""Notebook 02 in a real JupyterLab: run all cells, drive the simulator and the role mapper."""

from __future__ import annotations

import shutil

import pytest

from .browser import (
    LAUNCH_ARGS,
    ROOT,
    chromium_executable,
    lab_server,
    open_notebook,
    run_all_cells,
    screenshot,
)

NOTEBOOK = "02_haier_market_chain.ipynb"


@pytest.mark.browser
def test_haier_notebook_runs_and_its_widgets_answer_in_jupyterlab(tmp_path):
    from playwright.sync_api import expect, sync_playwright

    shutil.copy(ROOT / "notebooks" / NOTEBOOK, tmp_path)
    work = tmp_path / "work"
    with lab_server(tmp_path, env={"SALESTRAIN_WORK": str(work)}) as base, \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        open_notebook(page, base, NOTEBOOK)
        run_all_cells(page)
        # The simulator reruns in the kernel when a setting changes.
        summary = page.locator(".jp-OutputArea .widget-html", has_text="300 orders,").first
        summary.wait_for(timeout=90_000)
        before = summary.inner_text()
        seed = page.locator(".widget-text", has=page.locator("label", has_text="Seed"))
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
        browser.close()
    assert [e for e in errors if e] == [], errors[:5]

