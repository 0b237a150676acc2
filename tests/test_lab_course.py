"""The course notebooks in a real JupyterLab: run all cells, use the quiz and the widget."""

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

# How many rendered (not editor-source) elements showing `text` are visible on the page.
VISIBLE_TEXT = """(text) => Array.from(document.querySelectorAll('.jp-Notebook *'))
  .filter(e => !e.closest('.cm-editor') && e.children.length === 0
          && e.textContent.includes(text) && e.offsetParent !== null).length"""


@pytest.mark.browser
def test_module1_overview_runs_in_jupyterlab(tmp_path):
    from playwright.sync_api import sync_playwright

    shutil.copy(ROOT / "notebooks" / "01_module1_overview.ipynb", tmp_path)
    env = {"SALESTRAIN_WORK": str(tmp_path / "work")}
    with lab_server(tmp_path, env=env) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("pageerror",
                lambda err: errors.append(str(err)))
        open_notebook(page, base, "01_module1_overview.ipynb")
        run_all_cells(page)
        # The widget is live: choosing another dimension redraws the table from the kernel.
        select = page.locator(".jp-OutputArea .widget-dropdown select").first
        select.wait_for(timeout=30_000)
        select.select_option(label="Platform")
        page.get_by_text("opportunity-management system").first.wait_for(timeout=10_000)
        # The knowledge check answers in JupyterLab too.
        quiz = page.locator("[id^=stquiz]").first
        quiz.get_by_text("The model manager (型号经理)", exact=True).click()
        quiz.get_by_text("by developing products worth buying").first.wait_for(timeout=10_000)
        # The solution cell stays collapsed until the trainee opens it.
        assert page.evaluate(VISIBLE_TEXT, "one account manager as the") == 0
        screenshot(page, "lab__01_module1_overview")
        browser.close()
    assert errors == []
