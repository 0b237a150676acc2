"""The system canvas: draft editing, completeness, persistence, exports, the capstone file."""

import json

import pytest
from docx import Document

from salestrain.core import report, storage
from salestrain.core.i18n import language
from salestrain.hp.plan import IndustryPlan
from salestrain.ibm import ssm
from salestrain.postal.canvas import (
    CanvasError,
    SystemCanvas,
    capstone_report,
    export_capstone,
    field_paths,
)


def test_empty_canvas_is_a_valid_draft_with_everything_missing():
    c = SystemCanvas()
    done = c.completeness()
    assert done.score == 0 and done.total == len(field_paths()) + 2
    assert done.missing[0] == "Marketing-system design canvas"
    assert "Cross-sell matrix: at least one lead business" in done.missing


def test_set_get_and_refusal_of_unknown_path():
    c = SystemCanvas()
    c.set("title", "My bureau")
    c.set("order_roles.creates", "Specialist managers")
    assert c.get("order_roles.creates") == "Specialist managers"
    with pytest.raises(CanvasError) as err:
        c.set("order_roles.nobody", "x")
    assert (err.value.code, err.value.field) == ("unknown_field", "order_roles.nobody")
    assert "not a canvas field" in err.value.message
    before = c.completeness().score
    c.cross_sell.set("parcels_express", "ecommerce", "lead")
    assert c.completeness().score > before


def test_example_is_complete_in_both_languages():
    for lang in ("en", "zh"):
        assert SystemCanvas.example(lang).completeness(lang).missing == []


def test_save_load_round_trip_and_tolerant_load(work_dir):
    c = SystemCanvas.example("en")
    path = c.save()
    assert path.name.startswith("canvas-") and SystemCanvas.load(path) == c
    data = c.to_dict() | {"future_field": 1}
    data["answers"] = {**data["answers"], "gone.part": "x"}
    assert SystemCanvas.from_dict(data) == c
    with pytest.raises(ValueError):
        SystemCanvas.from_dict(["not", "a", "dict"])
    with pytest.raises(storage.ForeignFileError):
        IndustryPlan.load(path)


def test_report_names_the_case_of_each_part_and_escapes_html():
    c = SystemCanvas.example("en")
    c.set("unit.name", "<script>alert(1)</script>")
    doc = c.to_report("en")
    assert any("HP — key accounts" in p for s in doc.sections for p in s.paragraphs)
    html = report.to_html(doc)
    assert "<script>" not in html and "&lt;script&gt;" in html
    with language("zh"):
        assert "来自" in report.to_markdown(c.to_report())


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "md", "json"])
def test_exports(work_dir, fmt):
    c = SystemCanvas.example("en")
    c.set("kpis_pay.kpis", "=HYPERLINK(1)\x07")
    path = c.export(fmt)
    assert path.exists() and path.parent.name == "exports"
    if fmt == "json":
        assert SystemCanvas.from_dict(json.loads(path.read_text("utf-8"))) == c
    with pytest.raises(ValueError, match="unknown export format"):
        c.export("pdf")


def test_capstone_docx_holds_all_three_parts(work_dir):
    plan, opp, canvas = IndustryPlan.example("en"), ssm.example(), SystemCanvas.example("en")
    docx, data = export_capstone(plan, opp, canvas, trainee="Li Wei")
    text = "\n".join(p.text for p in Document(docx).paragraphs)
    for heading in ("Part 1 — Industry plan", "Part 2 — Opportunity",
                    "Part 3 — Marketing-system canvas", "Trainee: Li Wei"):
        assert heading in text
    assert plan.title in text and canvas.title in text
    saved = storage.read(data, "capstone")
    assert set(saved) == {"trainee", "plan", "opportunity", "canvas"}
    assert IndustryPlan.from_dict(saved["plan"]) == plan
    assert SystemCanvas.from_dict(saved["canvas"]) == canvas
    assert ssm.Opportunity.from_data(saved["opportunity"]) == opp


def test_capstone_report_in_chinese():
    with language("zh"):
        doc = capstone_report(IndustryPlan.example(), ssm.example(), SystemCanvas.example())
    assert doc.title == "结业作业"
    assert doc.sections[0].heading.startswith("第一部分")
