"""Notebook 03 in a real JupyterLab: a trainee uploads a GBK CSV holdings list through the
explorer's upload panel (Playwright's file chooser, set_files); the good rows reach the
explorer, the bad row is listed, the file is kept in the work folder."""

from __future__ import annotations

import pytest

from tests.browser import notebook_in_lab, screenshot
from tests.imports.files import csv_text
from tests.imports.test_tables import HOLDINGS

NOTEBOOK = "03_pingan_cross_selling.ipynb"


@pytest.mark.browser
def test_a_holdings_file_uploaded_through_the_widget_reaches_the_explorer(jupyterlab, tmp_path):
    from playwright.sync_api import expect

    upload = tmp_path / "my_holdings.csv"
    upload.write_bytes(csv_text(HOLDINGS).encode("gbk"))
    with notebook_in_lab(jupyterlab, NOTEBOOK) as lab:
        page, work = lab.page, lab.work
        panel = page.locator(".jp-Notebook .st-import").first
        panel.wait_for(timeout=60_000)
        panel.scroll_into_view_if_needed()
        # The upload button opens the browser's file dialog (its file input is not in the page)
        with page.expect_file_chooser() as chooser:
            panel.locator("button.widget-upload, .widget-upload").first.click()
        chooser.value.set_files(str(upload))
        expect(panel.get_by_text("‘my_holdings.csv’: imported 3, reported 1 (rows).")
               ).to_be_visible(timeout=30_000)
        expect(panel.get_by_text("ends (1 February 2024) before it starts")).to_be_visible()
        panel.scroll_into_view_if_needed()
        page_shot = screenshot(page, "lab__03_import_panel")
        panel.screenshot(path=str(page_shot.with_suffix(".panel.png")))
        explorer = panel.locator("xpath=..")
        expect(explorer.get_by_text("Customers", exact=True).first).to_be_visible()
        assert (work / "imports" / "holdings.csv").read_bytes() == upload.read_bytes()
        assert "C1" not in (work / "imports" / "summary.yaml").read_text(encoding="utf-8")
