"""Notebook 04 in a real JupyterLab, typed into with the real keyboard: the plan builder opens on
the worked example, New gives a blank plan, a refused number is left out of completeness and of
the export, and after a kernel restart and Run All the trainee's plan comes back."""

from __future__ import annotations

import pytest

from tests.browser import (
    notebook_in_lab,
    restart_kernel_and_run_all,
    screenshot,
    wait_until,
)

NOTEBOOK = "04_hp_key_accounts.ipynb"

def type_text(locator, text: str) -> None:
    """Click into a field, type as a trainee does (key by key), then Tab out of it."""
    locator.scroll_into_view_if_needed()
    locator.click()
    locator.press_sequentially(text, delay=20)
    locator.press("Tab")


def retype_text(locator, text: str) -> None:
    """Select what a field holds and type over it, key by key, then Tab out."""
    locator.scroll_into_view_if_needed()
    locator.click()
    locator.press("Control+a")
    locator.press_sequentially(text, delay=20)
    locator.press("Tab")


@pytest.mark.browser
def test_plan_builder_in_jupyterlab_keeps_the_plan_across_a_restart(jupyterlab):
    from playwright.sync_api import expect

    with notebook_in_lab(jupyterlab, NOTEBOOK) as lab:
        page, work = lab.page, lab.work
        notebook = page.locator(".jp-Notebook")  # not the table of contents beside it
        meter = notebook.get_by_text("Complete: ", exact=False).first
        status = notebook.locator("[role=status]").first

        # The first time, the builder opens on the worked example, a separate piece of work.
        expect(meter).to_have_text("Complete: 100 %", timeout=30_000)
        expect(status).to_contain_text("separate piece of work")
        assert not list(work.glob("plan-*.json"))

        # New: a blank plan of the trainee's own.
        notebook.locator("button.jupyter-button", has_text="New").first.click()
        expect(meter).to_have_text("Complete: 0 %", timeout=10_000)

        title = notebook.locator("input[placeholder^='How the plan is listed']").first
        type_text(title, "Provincial banks 2014")
        notebook.get_by_role("tab", name="3 · Competition").first.click()
        threats = notebook.locator("textarea[placeholder^='What could take business']").first
        type_text(threats, "A rival bank courier <b>cheaper</b>")
        expect(meter).to_have_text("Complete: 9 %", timeout=10_000)
        notebook.get_by_role("tab", name="1 · Customer").first.click()

        # A number typed wrongly is refused next to the field, is not counted, and is left out
        # of the export, which says so.
        investment = notebook.locator("input[placeholder^='What the customer may spend']").first
        type_text(investment, "2,100万")
        expect(meter).to_have_text("Complete: 14 %", timeout=10_000)
        retype_text(investment, "a lot")
        expect(notebook.get_by_text("'a lot' is not a number", exact=False).first) \
            .to_be_visible(timeout=10_000)
        expect(meter).to_have_text("Complete: 9 %", timeout=10_000)
        notebook.locator("button.jupyter-button", has_text="Word").first.click()
        expect(status).to_contain_text("Left out of the export", timeout=15_000)
        expect(status).to_contain_text("Likely investment (RMB)")
        assert (work / "exports" / "plan-provincial-banks-2014.docx").stat().st_size > 0
        retype_text(investment, "2,200万")
        expect(notebook.get_by_text("'a lot' is not a number", exact=False)).to_have_count(0)
        expect(meter).to_have_text("Complete: 14 %", timeout=10_000)

        # One file for the plan, whatever was typed, with what was typed last.
        plan = work / "plan-provincial-banks-2014.json"
        wait_until(lambda: "22000000" in plan.read_text(encoding="utf-8"),
                   "the retyped investment saved")
        files = sorted(p.name for p in work.glob("plan-*.json"))
        assert files == ["plan-provincial-banks-2014.json"], files
        saved = (work / files[0]).read_text(encoding="utf-8")
        assert "A rival bank courier" in saved and "22000000" in saved

        # The preview escapes trainee text.
        notebook.get_by_role("tab", name="Preview").first.click()
        expect(notebook.get_by_text("<b>cheaper</b>", exact=False).first).to_be_visible(
            timeout=10_000)
        notebook.get_by_role("tab", name="1 · Customer").first.click()

        # Restart the kernel and run everything again: the plan comes back, not the example.
        restart_kernel_and_run_all(page)
        title = notebook.locator("input[placeholder^='How the plan is listed']").first
        expect(title).to_have_value("Provincial banks 2014", timeout=30_000)
        expect(notebook.locator("[role=status]").first).to_contain_text(
            "Continuing ‘Provincial banks 2014’", timeout=10_000)
        notebook.get_by_role("tab", name="3 · Competition").first.click()
        threats = notebook.locator("textarea[placeholder^='What could take business']").first
        expect(threats).to_have_value("A rival bank courier <b>cheaper</b>")
        notebook.get_by_role("tab", name="1 · Customer").first.click()
        expect(notebook.get_by_text("Complete: ", exact=False).first).to_have_text(
            "Complete: 14 %")
        options = notebook.locator("select option")
        expect(options.filter(has_text="Provincial banks 2014 · saved")).to_have_count(1)
        assert sorted(p.name for p in work.glob("plan-*.json")) == files
        screenshot(page, "lab__04_hp_key_accounts")
