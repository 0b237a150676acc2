"""The canvas's Review panel and the capstone export with the reviewer's notes."""

from __future__ import annotations

from docx import Document

from salestrain.core import storage
from salestrain.hp.plan import IndustryPlan
from salestrain.ibm import ssm
from salestrain.postal.widgets.capstone import CapstoneExport
from salestrain.postal.widgets.system_canvas import SystemCanvas
from salestrain.review import weak_example


def test_the_canvas_review_follows_the_answers(work_dir):
    form = SystemCanvas()  # the worked example
    assert form.review.rules == []
    form.set("kpis_pay.kpis", "")
    form.set("kpis_pay.pay", "")
    form.set("kpis_pay.credit", "")
    assert form.review.rules == ["canvas.part_empty"]
    calls = []
    form.fields["kpis_pay.kpis"].control.focus = lambda: calls.append("kpis")
    form.review.go("kpis_pay.kpis")
    assert calls == ["kpis"]


def test_a_broken_cross_sell_rule_is_an_error_that_picks_its_segment(work_dir):
    form = SystemCanvas()
    form.matrix.set("savings_agency", "government", "")  # its lead; two follows remain
    assert form.review.findings[0].rule == "canvas.follow_without_lead"
    assert form.review.findings[0].severity == "error"
    form.review.go("matrix.government")
    assert form.matrix.segment_choice.value == "government"


def test_the_capstone_export_carries_the_review(work_dir):
    export = CapstoneExport(weak_example("plan"), weak_example("opportunity"),
                            weak_example("canvas"), trainee="Li Wei", folder=work_dir)
    docx, data = export.export()
    saved = storage.read(data, "capstone")
    rules = [f["rule"] for f in saved["review"]]
    assert "plan.share_over_100" in rules and rules.index("plan.share_over_100") == 0
    assert 0 <= saved["rubric"]["total"] < 100 and set(saved["rubric"]) >= {"plan", "canvas"}
    text = "\n".join(p.text for p in Document(docx).paragraphs)
    assert "The reviewer's notes" in text and "Rubric score" in text
    good = CapstoneExport(IndustryPlan.example("en"), ssm.example(), SystemCanvas(),
                          trainee="Wang", folder=work_dir)
    _docx, good_data = good.export()
    assert storage.read(good_data, "capstone")["rubric"]["total"] > saved["rubric"]["total"]
