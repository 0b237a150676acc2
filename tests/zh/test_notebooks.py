"""The Chinese notebooks' stored outputs: Chinese throughout, and every chart's glyphs drawn."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

ZH = Path(__file__).resolve().parents[2] / "notebooks" / "zh"
NOTEBOOKS = sorted(ZH.glob("[0-9]*.ipynb"))


def outputs(path: Path):
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            yield cell["id"], output


def test_there_is_a_chinese_notebook_for_every_notebook():
    english = {p.name for p in (ZH.parent).glob("[0-9]*.ipynb")}
    assert english and {p.name for p in NOTEBOOKS} == english


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_chart_is_missing_a_glyph(path):
    """matplotlib warns on stderr when a font lacks a character: the chart would show boxes."""
    for cell, output in outputs(path):
        text = "".join(output.get("text", "")) if output.get("output_type") == "stream" else ""
        assert "missing from" not in text and "Glyph" not in text, f"{path.name} · {cell}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_outputs_are_in_chinese(path):
    """No English sentence in what a Chinese notebook shows (names like Word or SWOT pass, and
    so does an original name given in brackets after its translation)."""
    for cell, output in outputs(path):
        data = output.get("data", {})
        shown = data.get("text/html") or data.get("text/plain") or output.get("text", "")
        shown = "".join(shown) if isinstance(shown, list) else shown
        shown = re.sub(r"<(style|script)\b.*?</\1>", " ", shown, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", shown))
        text = re.sub(r"[（(][A-Za-z .,'’-]+[）)]", "", text)
        english = re.findall(r"\b[A-Za-z]{3,}(?: [A-Za-z]{2,}){2,}", text)
        assert not english, f"{path.name} · {cell}: {english[:3]}"
