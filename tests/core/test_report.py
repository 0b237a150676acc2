"""Exports: one Report rendered to Markdown, HTML, Word and Excel, with trainee text made safe."""

from __future__ import annotations

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from salestrain.core.report import (
    Report,
    Section,
    Table,
    neutralise,
    to_docx,
    to_html,
    to_markdown,
    to_xlsx,
)


def sample(text: str = "税务局 <script>") -> Report:
    return Report(
        title="Industry plan · 行业发展计划",
        subtitle=["Owner: 张三"],
        sections=[
            Section("Customer", [text, "=SUM(A1:A2)"],
                    [Table("Sales", ["Year", "Sales"], [[2024, "=1+1"], [2025, "@cmd"]])]),
        ],
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("ok", "ok"), (5, 5)],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_markdown_escapes_markup_and_table_pipes():
    md = to_markdown(sample("a | b <img src=x>"))
    assert "a \\| b \\<img src=x\\>" in md
    assert "| 2024 | =1+1 |" in md


def test_markdown_table_cells_escape_html():
    report = sample()
    report.sections[0].tables[0].rows.append(["<b>bold</b>", "x\ny"])
    md = to_markdown(report)
    assert "| \\<b\\>bold\\</b\\> | x / y |" in md


def test_html_escapes_trainee_text():
    html = to_html(sample())
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_docx_round_trip(tmp_path):
    path = to_docx(sample(), tmp_path / "plan.docx")
    doc = Document(path)
    texts = [p.text for p in doc.paragraphs]
    assert "Industry plan · 行业发展计划" in texts and "税务局 <script>" in texts
    assert doc.tables[0].cell(1, 1).text == "=1+1"


def test_xlsx_neutralises_formulas(tmp_path):
    path = to_xlsx(sample(), tmp_path / "plan.xlsx")
    wb = load_workbook(path)
    sales = wb["Sales"]
    assert sales["B2"].value == "'=1+1" and sales["B3"].value == "'@cmd"
    summary = wb.worksheets[0]
    assert "'=SUM(A1:A2)" in [c.value for c in summary["A"]]


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_any_text_survives_docx_and_never_runs_in_xlsx(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("r")
    doc = Document(to_docx(sample(text), folder / "r.docx"))
    assert text in [p.text for p in doc.paragraphs]
    wb = load_workbook(to_xlsx(sample(text), folder / "r.xlsx"))
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for value in row:
                assert not (isinstance(value, str) and value.startswith(("=", "+", "-", "@")))


def test_chart_has_its_alt_text_and_natural_size():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from salestrain.core.plotting import Chart

    fig, ax = plt.subplots(figsize=(7, 3))
    ax.plot([1, 2, 3], [1, 4, 2])
    chart = Chart(fig, 'Sales by year: <rising> & "falling"')
    html = chart._repr_html_()
    assert 'alt="Sales by year: &lt;rising&gt; &amp; &quot;falling&quot;"' in html
    assert 'width="700"' in html and "max-width:none" in html
    assert chart._repr_png_().startswith(b"\x89PNG") and repr(chart).startswith("Sales by year")
    assert Chart(fig, "x").png == chart.png  # the same figure gives the same bytes
