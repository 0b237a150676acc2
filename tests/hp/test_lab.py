"""Notebook 04 in a real JupyterLab: type into the plan builder, watch completeness, export."""

from __future__ import annotations

import pytest

from tests.browser import notebook_in_lab, screenshot

NOTEBOOK = "04_hp_key_accounts.ipynb"



@pytest.mark.browser
def test_plan_builder_in_jupyterlab(tmp_path):
    from playwright.sync_api import expect

    with notebook_in_lab(tmp_path, NOTEBOOK) as lab:
        page, work = lab.page, lab.work

        # The builder opens on the worked example, complete.
        meter = page.locator(".jp-Notebook").get_by_text("Complete: ", exact=False).first
        expect(meter).to_have_text("Complete: 100 %", timeout=30_000)

        # Emptying a section lowers completeness and lists it as missing.
        situation = page.locator("textarea[placeholder^='Organisation, size']").first
        situation.fill("")
        situation.press("Tab")
        expect(meter).to_have_text("Complete: 95 %", timeout=10_000)
        expect(page.get_by_text("Still missing:", exact=False).first).to_be_visible()

        # A number typed wrongly is refused next to the field; typed as people do, it is taken.
        investment = page.locator("input[placeholder^='What the customer may spend']").first
        investment.fill("a lot")
        investment.press("Tab")
        expect(page.get_by_text("'a lot' is not a number", exact=False).first).to_be_visible(
            timeout=10_000)
        investment.fill("2,100万")
        investment.press("Tab")
        expect(page.get_by_text("'a lot' is not a number", exact=False)).to_have_count(0)

        # Rename the plan and write the situation back: autosaved, complete again.
        title = page.locator("input[placeholder^='Also names the saved file']").first
        title.fill("Provincial banks 2014")
        title.press("Tab")
        situation.fill("Four provincial bank branches <b>and</b> 300 outlets.")
        situation.press("Tab")
        expect(meter).to_have_text("Complete: 100 %", timeout=10_000)
        saved = work / "plan-provincial-banks-2014.json"
        page.wait_for_timeout(300)
        assert saved.exists()
        assert "Four provincial bank branches" in saved.read_text(encoding="utf-8")

        # The preview escapes trainee text.
        page.get_by_role("tab", name="Preview").first.click()
        expect(page.get_by_text("<b>and</b>", exact=False).first).to_be_visible(timeout=10_000)

        # Export to Word from the toolbar and find the file.
        page.locator("button.jupyter-button", has_text="Word").first.click()
        expect(page.get_by_text("Exported plan-provincial-banks-2014.docx").first) \
            .to_be_visible(timeout=15_000)
        assert (work / "exports" / "plan-provincial-banks-2014.docx").stat().st_size > 0
        page.get_by_role("tab", name="1 · Customer").first.click()
        screenshot(page, "lab__04_hp_key_accounts")
