"""The site's Sphinx hooks (book/_ext/salestrain_site.py) that replaced the passes over the
built HTML: one of each script per page, and trainee downloads without solutions."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

EXT = Path(__file__).resolve().parents[2] / "book" / "_ext" / "salestrain_site.py"


@pytest.fixture(scope="module")
def site():
    spec = importlib.util.spec_from_file_location("salestrain_site", EXT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def parse(site):
    config = SimpleNamespace(myst_enable_extensions=["colon_fence", "deflist", "dollarmath"])
    return site._markdown_parser(SimpleNamespace(config=config))


def test_an_inline_script_listed_as_none_and_as_empty_is_kept_once(site):
    from sphinx.builders.html._assets import _JavaScript

    thebe = "const THEBE_JS_URL = 1"
    scripts = [_JavaScript(None, body=thebe), _JavaScript("_static/a.js"),
               _JavaScript("", body=thebe), _JavaScript("", body="let other = 2")]
    same_list = scripts
    site._each_script_once(None, "page", "page.html", {"script_files": scripts}, None)
    assert same_list is scripts  # changed in place: the builder resets its own list per page
    assert [(js.filename, js.attributes.get("body")) for js in scripts] == [
        (None, thebe), ("_static/a.js", None), ("", "let other = 2")]


def markdown(source: str) -> dict:
    return {"cell_type": "markdown", "id": source[:8], "metadata": {},
            "source": source.splitlines(keepends=True)}


def test_solutions_leave_the_notebook_and_the_exercise_stays(site, parse):
    exercise = markdown("```{exercise}\n:label: e1\n\nDo it.\n```")
    backtick = markdown("```{solution} e1\n:class: dropdown\n\nThe answer.\n```\n")
    colon = markdown(":::{solution} e1\nAnother answer.\n:::")
    mixed = markdown("Before.\n\n```{solution} e1\nHidden.\n```\n\nAfter.\n")
    code = {"cell_type": "code", "id": "c", "metadata": {}, "outputs": [],
            "execution_count": None, "source": ["print('```{solution}')"]}
    notebook = {"cells": [exercise, backtick, colon, mixed, code], "metadata": {},
                "nbformat": 4, "nbformat_minor": 5}
    stripped, removed = site.without_solutions(notebook, parse)
    assert removed == 3
    assert stripped["cells"][0] == exercise
    assert "".join(stripped["cells"][1]["source"]) == "Before.\n\n\nAfter."
    assert stripped["cells"][2] == code  # code is not markdown: left alone
    assert len(stripped["cells"]) == 3
    assert "Hidden" not in json.dumps(stripped) and "answer" not in json.dumps(stripped)
    assert len(notebook["cells"]) == 5  # the source notebook is not changed
