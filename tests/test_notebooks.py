"""What a trainee sees in the stored notebooks (both languages): no Python reprs, no NaN, no
snake_case headers, and no exercise that asks for code."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ALL = sorted(NOTEBOOKS.glob("[0-9]*.ipynb")) + sorted((NOTEBOOKS / "zh").glob("[0-9]*.ipynb"))
IDS = [p.relative_to(NOTEBOOKS).as_posix().removesuffix(".ipynb") for p in ALL]

REPR = re.compile(
    r"\b[A-Z][A-Za-z]+\([a-z_]+=|object at 0x|\bdtype[:=]|\bNaN\b|\bnan\b|^\s*[\[{(]['\"\d]"
    r"|^\s*<[a-z_.]+ object|Name: [a-z_]+, dtype", re.M)
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
RICH = ("text/html", "image/png", "image/svg+xml", "application/vnd.jupyter.widget-view+json")


def shown_outputs(path: Path):
    """(cell id, the text a trainee sees) for every output, as JupyterLab renders it."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if out.get("output_type") == "stream":
                if out.get("name") == "stdout":
                    yield cell["id"], "text", "".join(out.get("text", ""))
            elif "text/html" in data:
                yield cell["id"], "html", "".join(data["text/html"])
            elif not any(m in data for m in RICH) and "text/plain" in data:
                yield cell["id"], "text", "".join(data["text/plain"])


def visible_text(markup: str) -> str:
    markup = re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_no_python_repr_or_nan_reaches_the_trainee(path):
    for cell, kind, text in shown_outputs(path):
        seen = visible_text(text) if kind == "html" else text
        found = REPR.search(seen)
        assert not found, f"{cell}: {seen[max(0, found.start() - 40):found.end() + 40]!r}"


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_table_headers_are_human(path):
    for cell, kind, text in shown_outputs(path):
        if kind != "html":
            continue
        for header in re.findall(r"<th\b[^>]*>(.*?)</th>", text, flags=re.S):
            label = visible_text(header).strip()
            assert not SNAKE.match(label), f"{cell}: column header {label!r}"


EXERCISE = re.compile(r"```\{exercise\}.*?\n```", re.S)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
CODE_WORDS = re.compile(r"\b(edit|change|modify) (the|this) (code|cell|dictionary)\b|"
                        r"\btype (the|this) (code|command)\b|\bcall (the )?function\b|"
                        r"修改代码|编辑代码|调用函数", re.I)


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_no_exercise_asks_the_trainee_for_code(path):
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"])
        for exercise in EXERCISE.findall(source):
            for span in CODE_SPAN.findall(exercise):
                assert not re.search(r"[(={\[]", span), f"{cell['id']}: code to type: `{span}`"
            words = CODE_WORDS.search(exercise)
            assert not words, f"{cell['id']}: asks for code: {words.group(0)!r}"
