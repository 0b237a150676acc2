"""Sphinx extension for the course site: language switch, edition banner, Chinese search.

- Every page gets a link to the same page in the other language edition (the Chinese site
  lives in ``zh/`` under the English one, page for page), shown in the article header.
- The instructor edition says so in a banner on every page.
- Every widget on a page is marked as a snapshot (the note's text is given to the page here;
  ``snapshot-widgets.js`` places it and switches the saved controls off).
- A notebook page's JupyterHub launch button opens that notebook in the class hub: the theme's
  link is an nbgitpuller ``git-pull`` of the repository, but the class hub (``salestrain hub``)
  delivers the course into every trainee's ``~/course/`` itself, so the link goes straight to
  the trainee's own copy (same file name in both language editions).
- Chinese search indexes every pair of adjacent Han characters as well as whole words, and the
  search box splits a typed phrase the same way, so 邮政企业 finds every page that contains it
  (a word-segmenting index alone misses phrases the segmenter cut differently).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.search import languages
from sphinx.search.zh import SearchChinese

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

# Runs in the browser before searchtools.js: the same split as `split` below, for the query.
SPLIT_QUERY_JS = r"""
var splitQuery = (query) => {
  const terms = [];
  const han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
  for (const part of query.split(/[^\p{Letter}\p{Number}_]+/gu).filter((t) => t)) {
    const latin = part.replace(han, " ").split(/\s+/).filter((t) => t);
    terms.push(...latin);
    for (const run of part.match(han) || []) {
      if (run.length < 2) { terms.push(run); continue; }
      for (let i = 0; i + 2 <= run.length; i++) terms.push(run.slice(i, i + 2));
    }
  }
  return [...new Set(terms)];
};
"""


class ChineseBigrams(SearchChinese):
    """Chinese search by character bigrams (plus whatever words jieba finds, if installed)."""

    js_splitter_code = SPLIT_QUERY_JS

    def split(self, input: str) -> list[str]:  # noqa: A002 (Sphinx's signature)
        words = super().split(input)
        for run in HAN_RUN.findall(input):
            words.extend(run[i:i + 2] for i in range(len(run) - 1))
        return words


def other_language_href(pagename: str, lang: str) -> str:
    """The relative link from this page to the same page in the other edition."""
    depth = pagename.count("/")
    if lang == "en":
        return "../" * depth + "zh/" + pagename + ".html"
    return "../" * (depth + 1) + pagename + ".html"


def hub_notebook_url(hub: str, pagename: str) -> str:
    """Where a notebook page opens in the class hub: the logged-in trainee's copy in ~/course/.

    ``user-redirect`` sends whoever follows the link to their own server (logging in first).
    """
    notebook = pagename.rsplit("/", 1)[-1] + ".ipynb"
    return f"{hub.strip().rstrip('/')}/hub/user-redirect/lab/tree/course/{quote(notebook)}"


def _hub_launch_button(app: Sphinx, pagename: str, templatename: str, context: dict,
                       doctree) -> None:
    """Point the theme's JupyterHub button (added at priority 501) at the class hub."""
    hub = app.config.html_theme_options.get("launch_buttons", {}).get("jupyterhub_url", "")
    if not hub:
        return
    for group in context.get("header_buttons", []):
        if group.get("label") != "launch-buttons":
            continue
        for button in group.get("buttons", []):
            if button.get("text") == "JupyterHub":
                button["url"] = hub_notebook_url(hub, pagename)


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    config = app.config
    switch = config.salestrain_switch
    context["st_lang_href"] = other_language_href(pagename, config.salestrain_language)
    context["st_lang_label"] = switch["label"]
    context["st_lang_title"] = switch["title"]
    context["st_lang_hreflang"] = switch["hreflang"]
    instructor = config.salestrain_edition == "instructor"
    context["st_banner"] = config.salestrain_banner if instructor else ""
    context["st_snapshot"] = config.salestrain_snapshot


def setup(app: Sphinx) -> dict:
    app.add_config_value("salestrain_language", "en", "html")
    app.add_config_value("salestrain_edition", "trainee", "html")
    # The texts live in the editions' _config.yml files (content, not code).
    app.add_config_value("salestrain_switch", {}, "html")
    app.add_config_value("salestrain_banner", "", "html")
    app.add_config_value("salestrain_snapshot", "", "html")
    languages["zh"] = ChineseBigrams
    app.connect("html-page-context", _page_context)
    app.connect("html-page-context", _hub_launch_button, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
