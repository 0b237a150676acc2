"""Notebook 02 in a real JupyterLab: run all cells, drive the simulator and the role mapper with
the real keyboard, export, restart the kernel and find the trainee's role map again."""

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

NOTEBOOK = "02_haier_market_chain.ipynb"




def rolemaps(work) -> list:
    return sorted(work.glob("rolemap-*.json"))






@pytest.mark.browser
def test_haier_notebook_runs_and_its_widgets_answer_in_jupyterlab(jupyterlab):
    from playwright.sync_api import expect

    with notebook_in_lab(jupyterlab, NOTEBOOK) as lab:
        page, work = lab.page, lab.work
        notebook = page.locator(".jp-Notebook")
        # The simulator reruns in the kernel when a setting changes.
        summary = notebook.locator(".jp-OutputArea .widget-html", has_text="300 orders,").first
        summary.wait_for(timeout=90_000)
        before = summary.inner_text()
        seed = notebook.locator(".widget-text", has=page.locator("label", has_text="Random draw"))
        type_into(seed.locator("input").first, "8", clear=True)
        expect(summary).not_to_have_text(before, timeout=60_000)

        # The role mapper opens the worked example as a separate piece: nothing is saved yet.
        mapper = notebook.locator(".widget-vbox", has=page.locator("button", has_text="Add post"))
        status = mapper.locator("[role=status]").last
        expect(status).to_contain_text("separate piece of work", timeout=30_000)
        notebook.get_by_text("Nobody owns “Realise orders”").first.wait_for(timeout=30_000)
        assert rolemaps(work) == []

        # Type a title and a new post with the real keyboard: one file, named after the title.
        title = notebook.locator(
            ".widget-vbox:has(> .widget-html b:text-is('Title')) > .widget-text input")
        type_into(title, "Guangzhou parcels", clear=True)
        expect(status).to_contain_text("Saved to work/rolemap-guangzhou-parcels.json",
                                       timeout=30_000)
        mapper.locator("button", has_text="Add post").first.click()
        post = mapper.locator("input[placeholder='Post']").last
        type_into(post, "Regional parcel promoter", clear=True)
        saved = work / "rolemap-guangzhou-parcels.json"
        # The kernel saves after the browser has sent the value.
        wait_until(lambda: "Regional parcel promoter" in saved.read_text(encoding="utf-8"),
                   "the new post saved")
        assert rolemaps(work) == [saved]

        # Export JSON: it lands in work/exports and the status links it.
        mapper.locator("button", has_text="JSON").first.click()
        expect(status).to_contain_text("Exported rolemap-guangzhou-parcels.json", timeout=30_000)
        expect(status.locator("a")).to_have_text(
            "work/exports/rolemap-guangzhou-parcels.json")
        exported = work / "exports" / "rolemap-guangzhou-parcels.json"
        assert json.loads(exported.read_text(encoding="utf-8"))["title"] == "Guangzhou parcels"

        # Edit again: the work still saves (the export did not overwrite it).
        paid_on = mapper.locator("input[placeholder='Paid on']").last
        type_into(paid_on, "regional sales", clear=True)
        expect(status).to_contain_text("Saved to work/rolemap-guangzhou-parcels.json",
                                       timeout=30_000)
        data = json.loads(saved.read_text(encoding="utf-8"))
        assert data["salestrain"] == "rolemap"
        assert data["data"]["title"] == "Guangzhou parcels"
        assert data["data"]["posts"][-1] == {
            "name": "Regional parcel promoter", "duty": "none", "paid_on": "regional sales",
            "reports_to": ""}
        screenshot(page, "lab__02_haier_market_chain")

        # Restart the kernel and run everything again: the role map comes back.
        restart_kernel(page)
        run_all_cells(page)
        # A fresh kernel numbers its cells from 1 again.
        expect(notebook.locator(".jp-CodeCell .jp-InputPrompt").first).to_contain_text("[1]")
        title = notebook.locator(
            ".widget-vbox:has(> .widget-html b:text-is('Title')) > .widget-text input")
        expect(title).to_have_value("Guangzhou parcels", timeout=60_000)
        mapper = notebook.locator(".widget-vbox", has=page.locator("button", has_text="Add post"))
        expect(mapper.locator("[role=status]").last).to_contain_text(
            "Continuing ‘Guangzhou parcels’", timeout=30_000)
        expect(mapper.locator("input[placeholder='Paid on']").last).to_have_value(
            "regional sales")
        assert [p.name for p in rolemaps(work)] == ["rolemap-guangzhou-parcels.json"]
