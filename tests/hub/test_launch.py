"""The site's launch button opens the page's notebook in the class hub (book/_ext)."""

from __future__ import annotations

import importlib.util
import re
from html import unescape
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "book" / "_config.yml"


def site_extension():
    spec = importlib.util.spec_from_file_location(
        "salestrain_site", ROOT / "book" / "_ext" / "salestrain_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def hub_address() -> str:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["launch_buttons"]["jupyterhub_url"]


def test_url_opens_the_notebook_in_the_trainees_course_folder():
    url = site_extension().hub_notebook_url
    assert url("https://hub.example.org", "notebooks/04_hp_key_accounts") == (
        "https://hub.example.org/hub/user-redirect/lab/tree/course/04_hp_key_accounts.ipynb")
    # A trailing slash or stray spaces in the configured address change nothing.
    assert url(" https://hub.example.org/ ", "notebooks/00_course_overview") == (
        "https://hub.example.org/hub/user-redirect/lab/tree/course/00_course_overview.ipynb")
    # A hub served under a path keeps it; an unusual file name is quoted.
    assert url("https://example.org/class", "notebooks/07 my case") == (
        "https://example.org/class/hub/user-redirect/lab/tree/course/07%20my%20case.ipynb")


def test_theme_button_is_pointed_at_the_class_hub_and_the_others_are_left_alone():
    ext = site_extension()
    theme_link = ("https://hub.example.org/hub/user-redirect/git-pull?repo=https://github.com/"
                  "o/r&urlpath=lab/tree/r/notebooks/03_pingan_cross_selling.ipynb&branch=main")
    download = {"type": "link", "text": ".ipynb", "url": "_sources/x.ipynb"}
    context = {"header_buttons": [
        {"type": "group", "label": "download-buttons", "buttons": [download]},
        {"type": "group", "label": "launch-buttons",
         "buttons": [{"type": "link", "text": "JupyterHub", "url": theme_link}]},
    ]}
    app = SimpleNamespace(config=SimpleNamespace(html_theme_options={
        "launch_buttons": {"jupyterhub_url": "https://hub.example.org"}}))
    ext._hub_launch_button(app, "notebooks/03_pingan_cross_selling", "page.html", context, None)
    (hub_button,) = context["header_buttons"][1]["buttons"]
    assert hub_button["url"] == ("https://hub.example.org/hub/user-redirect/lab/tree/course/"
                                 "03_pingan_cross_selling.ipynb")
    assert download["url"] == "_sources/x.ipynb"


def test_hub_address_is_set_once_for_both_languages():
    assert hub_address().startswith(("http://", "https://"))
    zh = yaml.safe_load((ROOT / "book" / "zh" / "_config.yml").read_text(encoding="utf-8"))
    assert "jupyterhub_url" not in (zh.get("launch_buttons") or {})
    assert (yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["repository"]["url"]
            .startswith("https://github.com/"))


def launch_links(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    return [unescape(u) for u in re.findall(r'href="([^"]*/hub/user-redirect/[^"]*)"', html)]


@pytest.mark.book
@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_every_notebook_page_of_the_built_site_launches_its_notebook(built_book, prefix):
    hub = hub_address().rstrip("/")
    pages = sorted((built_book / prefix / "notebooks").glob("[0-9]*.html"))
    assert len(pages) == len(list((ROOT / "notebooks").glob("[0-9]*.ipynb")))
    for page in pages:
        expected = f"{hub}/hub/user-redirect/lab/tree/course/{page.stem}.ipynb"
        assert launch_links(page) == [expected], page.name
        assert "git-pull" not in page.read_text(encoding="utf-8"), page.name
    # Pages that are not notebooks have nothing to launch.
    assert launch_links(built_book / prefix / "glossary.html") == []
