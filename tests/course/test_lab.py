"""The course notebooks in a real JupyterLab: run all cells, use the quiz and the widget."""

from __future__ import annotations

import pytest

from tests.browser import notebook_in_lab, screenshot

# How many rendered (not editor-source) elements showing `text` are visible on the page.
VISIBLE_TEXT = """(text) => Array.from(document.querySelectorAll('.jp-Notebook *'))
  .filter(e => !e.closest('.cm-editor') && e.children.length === 0
          && e.textContent.includes(text) && e.offsetParent !== null).length"""


@pytest.mark.browser
def test_module1_overview_runs_in_jupyterlab(jupyterlab):
    with notebook_in_lab(jupyterlab, "01_module1_overview.ipynb") as lab:
        page = lab.page
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
