"""Notebook 06 in a real JupyterLab: type the canvas with the keyboard (one file, however it is
renamed), a matrix choice that breaks the rule is refused with its message, the canvas comes back
after a kernel restart; the bonus calculator's message and the canvas's Word export."""

from __future__ import annotations

import json

import pytest

from tests.browser import (
    notebook_in_lab,
    restart_kernel_and_run_all,
    screenshot,
    type_into,
    wait_for_kernel_idle,
    wait_until,
)

NOTEBOOK = "06_postal_marketing_system.ipynb"






def canvas_files(work) -> list[str]:
    return sorted(p.name for p in work.glob("canvas-*.json"))


def matrix_cell(nb, business: str, segment: str):
    """Pick one cell of the matrix shown on its own (above the canvas), with its Business and
    Customer segment dropdowns; returns the Role dropdown, which shows and changes that cell."""
    from salestrain.postal.content import postal

    data = postal()
    cell = nb.locator(".jp-CodeCell").filter(has_text="system.matrix").first
    cell.get_by_label("Business", exact=True).select_option(
        label=data.business(business).name("en"))
    cell.get_by_label("Customer segment", exact=True).select_option(
        label=data.customer_segment(segment).name("en"))
    return cell.get_by_label("Role", exact=True)


@pytest.mark.browser
def test_canvas_typed_with_the_keyboard_is_one_file_and_comes_back_after_a_restart(
        jupyterlab):
    from playwright.sync_api import expect

    with notebook_in_lab(jupyterlab, NOTEBOOK) as lab:
        page, work = lab.page, lab.work
        nb = page.locator(".jp-Notebook")

        # The first time, the canvas shows the worked example, complete, and saves nothing.
        meter = nb.get_by_text("Complete: ", exact=False).filter(has_text="of 17").first
        expect(meter).to_have_text("Complete: 100 % (17 of 17)", timeout=30_000)
        assert canvas_files(work) == []

        # The title typed key by key: one file, named when the work was first saved.
        title = nb.locator("input[placeholder='Marketing-system design canvas']").first
        type_into(title, clear=True, text="Dongguan Post")
        expect(nb.get_by_text("Saved as", exact=False).first).to_be_visible(timeout=10_000)
        wait_until(lambda: canvas_files(work), "the canvas saved")
        assert canvas_files(work) == ["canvas-dongguan-post.json"]

        # An answer with markup, then a rename: still that one file; markup saved as text.
        approval = nb.locator("textarea[placeholder='Who approves a cross-sell offer']").first
        type_into(approval, clear=True, text="The <b>director</b> signs above RMB 500,000")
        type_into(title, clear=True, text="Dongguan Post 2014")
        saved = work / "canvas-dongguan-post.json"
        wait_until(lambda: json.loads(saved.read_text(encoding="utf-8"))["data"]["title"]
                   == "Dongguan Post 2014", "the renamed canvas saved")
        assert canvas_files(work) == ["canvas-dongguan-post.json"]
        doc = json.loads(saved.read_text(encoding="utf-8"))["data"]
        assert doc["title"] == "Dongguan Post 2014"
        assert doc["answers"]["cross_sell.approval"].startswith("The <b>director</b> signs")

        # A second lead for e-commerce sellers breaks the rule: refused, named, not saved; the
        # role goes back to what the cell holds.
        nb.locator(".jp-CodeCell").filter(has_text="system.matrix").first \
            .get_by_label("Role", exact=True).wait_for(timeout=10_000)
        cell = matrix_cell(nb, "mail", "ecommerce")
        expect(cell.locator("option:checked")).to_have_text("—", timeout=10_000)
        cell.select_option(label="Lead")
        expect(nb.get_by_text("E-commerce sellers: one lead business per segment",
                              exact=False).first).to_be_visible(timeout=10_000)
        expect(cell.locator("option:checked")).to_have_text("—", timeout=10_000)
        table = nb.locator(".jp-CodeCell").filter(has_text="system.matrix").first \
            .locator("table.st-table")
        expect(table.locator("tr", has_text="Letters and direct mail").locator("td").nth(2)) \
            .to_have_text("—")
        # The kernel has finished with the refused choice (a save would have happened by now).
        wait_for_kernel_idle(page)
        cells = json.loads(saved.read_text(encoding="utf-8"))["data"]["cross_sell"]["cells"]
        assert cells.get("mail", {}).get("ecommerce") is None
        assert cells["parcels_express"]["ecommerce"] == "lead"

        # Word export of the canvas from its toolbar, into work/exports.
        nb.locator("button.jupyter-button", has_text="Word").first.click()
        expect(nb.get_by_text("Exported canvas-dongguan-post-2014.docx").first) \
            .to_be_visible(timeout=15_000)
        assert (work / "exports" / "canvas-dongguan-post-2014.docx").stat().st_size > 0

        # The bonus calculator refuses an impossible score with a message.
        service = nb.locator("input[placeholder='Service quality score (0–100)']").first
        type_into(service, clear=True, text="150")
        expect(nb.get_by_text("Service quality is a score from 0 to 100; got 150.").first) \
            .to_be_visible(timeout=10_000)
        screenshot(page, "lab__06_postal_marketing_system")

        # Restart the kernel and run everything again: the trainee's canvas comes back.
        restart_kernel_and_run_all(page)
        title = nb.locator("input[placeholder='Marketing-system design canvas']").first
        expect(title).to_have_value("Dongguan Post 2014", timeout=30_000)
        expect(nb.get_by_text("Continuing ‘Dongguan Post 2014’", exact=False).first) \
            .to_be_visible(timeout=10_000)
        approval = nb.locator("textarea[placeholder='Who approves a cross-sell offer']").first
        expect(approval).to_have_value("The <b>director</b> signs above RMB 500,000")
        expect(matrix_cell(nb, "parcels_express", "ecommerce").locator("option:checked")) \
            .to_have_text("Lead")
        assert canvas_files(work) == ["canvas-dongguan-post.json"]
