"""The Chinese course in a real JupyterLab with Chinese menus (what `make lab-zh` opens)."""

from __future__ import annotations

import re

import pytest

from tests.browser import notebook_in_lab, screenshot

LAB_LOCALE = "zh_CN"  # the jupyterlab fixture's menus, as in `make lab-zh`


@pytest.mark.browser
def test_chinese_plan_builder_in_chinese_jupyterlab(jupyterlab):
    from playwright.sync_api import expect

    with notebook_in_lab(jupyterlab, "04_hp_key_accounts.ipynb", lang="zh") as lab:
        page = lab.page
        notebook = page.locator(".jp-Notebook")  # not the table of contents beside it
        # JupyterLab's own menus come from the Chinese language pack.
        expect(page.locator(".lm-MenuBar-itemLabel", has_text="文件").first).to_be_visible(
            timeout=30_000)
        # The course's widgets speak Chinese: the plan builder's completeness and field help.
        meter = notebook.get_by_text("完成度：", exact=False).first
        expect(meter).to_be_visible(timeout=30_000)
        situation = page.locator("textarea[placeholder^='组织结构、规模']").first
        situation.scroll_into_view_if_needed()
        situation.click()
        situation.press("Control+a")
        situation.press("Delete")
        situation.press("Tab")
        expect(notebook.get_by_text("尚缺：", exact=False).first).to_be_visible(timeout=10_000)
        situation.click()
        situation.press_sequentially("省分行四家，网点三百个。", delay=20)
        situation.press("Tab")
        expect(notebook.get_by_text("没有缺项", exact=False).first).to_be_visible(timeout=10_000)
        screenshot(page, "lab_zh__04_hp_key_accounts")


@pytest.mark.browser
def test_chinese_charts_in_jupyterlab(jupyterlab):
    with notebook_in_lab(jupyterlab, "02_haier_market_chain.ipynb", lang="zh") as lab:
        # Charts are images with a Chinese text alternative, drawn with Chinese labels.
        images = lab.page.locator(".jp-Notebook .st-chart img")
        images.first.wait_for(timeout=30_000)
        alts = [images.nth(i).get_attribute("alt") for i in range(images.count())]
        assert alts and all(re.search(r"[\u4e00-\u9fff]", a or "") for a in alts), alts
        for i in range(min(images.count(), 3)):
            images.nth(i).scroll_into_view_if_needed()
            screenshot(lab.page, f"lab_zh__02_haier_market_chain__chart{i + 1}")
