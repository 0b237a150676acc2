"""Notebook 06 in a real JupyterLab: edit the canvas, watch completeness, autosave, bonus error."""

from __future__ import annotations

import pytest

from tests.browser import notebook_in_lab, screenshot

NOTEBOOK = "06_postal_marketing_system.ipynb"


@pytest.mark.browser
def test_system_canvas_and_bonus_in_jupyterlab(tmp_path):
    from playwright.sync_api import expect

    with notebook_in_lab(tmp_path, NOTEBOOK) as lab:
        page, work = lab.page, lab.work

        # The canvas opens on the worked example, complete.
        meter = page.get_by_text("Complete: ", exact=False).filter(has_text="of 17").first
        expect(meter).to_have_text("Complete: 100 % (17 of 17)", timeout=30_000)

        # Emptying an answer lowers completeness and lists it as missing.
        approval = page.locator("textarea[placeholder='Who approves a cross-sell offer']").first
        approval.fill("")
        approval.press("Tab")
        expect(meter).to_have_text("Complete: 94 % (16 of 17)", timeout=10_000)
        expect(page.get_by_text("Cross-selling and approval — Who approves", exact=False)
               .first).to_be_visible()

        # Rename and answer again (with markup): autosaved under the new name, shown as text.
        title = page.locator("input[placeholder='Marketing-system design canvas']").first
        title.fill("Dongguan Post")
        title.press("Tab")
        approval.fill("The <b>director</b> signs above RMB 500,000")
        approval.press("Tab")
        expect(meter).to_have_text("Complete: 100 % (17 of 17)", timeout=10_000)
        saved = work / "canvas-dongguan-post.json"
        page.wait_for_timeout(300)
        assert saved.exists()
        assert "<b>director</b>" in saved.read_text(encoding="utf-8")
        expect(page.get_by_text("Saved as canvas-dongguan-post.json").first).to_be_visible()

        # The bonus calculator refuses an impossible score with a message.
        service = page.locator("input[placeholder='Service quality score (0–100)']").first
        service.fill("150")
        service.press("Tab")
        expect(page.get_by_text("Service quality is a score from 0 to 100; got 150.").first) \
            .to_be_visible(timeout=10_000)
        service.fill("95")
        service.press("Tab")
        expect(page.get_by_text("Service quality is a score from 0 to 100", exact=False)) \
            .to_have_count(0, timeout=10_000)

        # Word export of the canvas from its toolbar.
        page.locator("button.jupyter-button", has_text="Word").first.click()
        expect(page.get_by_text("Exported canvas-dongguan-post.docx").first) \
            .to_be_visible(timeout=15_000)
        assert (work / "exports" / "canvas-dongguan-post.docx").stat().st_size > 0
        screenshot(page, "lab__06_postal_marketing_system")
