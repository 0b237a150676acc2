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
- Each script is listed once per page (Sphinx 7 lists an inline script added while reading
  twice, and sphinx-thebe's doubled ``const THEBE_JS_URL`` threw in the browser).
- When the pages hide the solutions (the trainee edition), so do the notebooks behind the
  download button (``_sources/``): each ``{solution}`` directive is taken out of them.

Everything the site needs is done here, inside Sphinx, so a plain ``jupyter-book build`` with an
edition's config gives the same site as ``make book`` (salestrain/commands/editions.py only
writes the configs, runs the builds and puts the Chinese site into ``zh/``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.search import languages
from sphinx.search.zh import SearchChinese
from sphinx.util import logging

logger = logging.getLogger(__name__)

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


def _script_key(js) -> tuple[str, str]:
    """What makes two script tags the same (None and "" are both "no file": an inline script)."""
    filename = getattr(js, "filename", js) or ""
    return filename, repr(sorted(getattr(js, "attributes", {}).items()))


def _each_script_once(app: Sphinx, pagename: str, templatename: str, context: dict,
                      doctree) -> None:
    """Keep the first of each script. A script added while reading (sphinx-thebe's settings) is
    registered as None and listed again as "" when writing starts, and a page declaring
    `const THEBE_JS_URL` twice throws "Identifier has already been declared"."""
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen: set[tuple[str, str]] = set()
    kept = []
    for js in scripts:
        if _script_key(js) not in seen:
            seen.add(_script_key(js))
            kept.append(js)
    scripts[:] = kept  # in place: the builder's own list, which it resets for the next page


Parse = Callable[[str], list]


def _is_solution(token) -> bool:
    return (token.type in ("fence", "colon_fence")
            and token.info.split(maxsplit=1)[:1] == ["{solution}"])


def without_solutions(notebook: dict, parse: Parse) -> tuple[dict, int]:
    """`notebook` with every `{solution}` directive taken out of its markdown cells, found by the
    MyST parser (either fence); a cell left empty is dropped. Returns it and how many went."""
    removed = 0
    cells = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            spans = [t.map for t in parse(source) if _is_solution(t) and t.map]
            if spans:
                removed += len(spans)
                lines = source.splitlines(keepends=True)
                drop = {i for start, end in spans for i in range(start, end)}
                rest = "".join(line for i, line in enumerate(lines) if i not in drop).strip()
                if not rest:
                    continue
                cell = {**cell, "source": rest.splitlines(keepends=True)}
        cells.append(cell)
    return {**notebook, "cells": cells}, removed


def _markdown_parser(app: Sphinx) -> Parse:
    """The MyST parser with the book's extensions (colon fences among them)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions=set(app.config.myst_enable_extensions))
    return create_md_parser(config, RendererHTML).parse


def _solutions_out_of_downloads(app: Sphinx, exception: Exception | None) -> None:
    """The trainee pages hide the solutions (`hide_solutions`), but the download button serves
    the source notebook Sphinx copied to `_sources/`: write it again without them."""
    builder = app.builder
    if (exception or not app.config.hide_solutions or builder.format != "html"
            or not getattr(builder, "copysource", False) or not app.config.html_copy_source):
        return
    parse = _markdown_parser(app)
    for docname in sorted(app.env.found_docs):
        source = Path(app.env.doc2path(docname))
        if source.suffix != ".ipynb":
            continue
        # Sphinx's own name for the copy (StandaloneHTMLBuilder.get_doc_context).
        suffix = str(app.env.doc2path(docname, False))[len(docname):]
        sourcename = docname + suffix
        if suffix != app.config.html_sourcelink_suffix:
            sourcename += app.config.html_sourcelink_suffix
        target = Path(builder.outdir, "_sources", sourcename)
        if not target.is_file():
            continue
        notebook, _ = without_solutions(json.loads(source.read_text(encoding="utf-8")), parse)
        target.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")
        left = [c.get("id", "?") for c in notebook["cells"] if c["cell_type"] == "markdown"
                and any(t.info.startswith("{solution") for t in parse("".join(c["source"])))]
        if left:
            logger.warning("the trainee download of %s still holds a solution (cells %s): "
                           "only {solution} directives are taken out", docname, left,
                           location=docname)


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
    app.connect("html-page-context", _each_script_once, priority=999)
    app.connect("build-finished", _solutions_out_of_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
