"""The rubric scores a capstone from completeness and findings; the roll-up adds per-trainee
counts, top findings and the score beside an empty mark column, and a class view of the rules
that fire most."""

from __future__ import annotations

import pytest

from salestrain.commands import collect
from salestrain.core.content import ContentError
from salestrain.hp.plan import IndustryPlan
from salestrain.ibm import ssm
from salestrain.postal.canvas import SystemCanvas, export_capstone
from salestrain.review import rollup, weak_example
from salestrain.review.content import RUBRIC, checked, rubric
from salestrain.review.rubric import rubric_table, score
from salestrain.review.work import Capstone, review


def test_weights_and_rules_of_the_rubric_are_checked():
    assert sum(c.weight for c in rubric().criteria) == 100
    data = RUBRIC.read()
    data["criteria"][0]["rules"] = ["plan.no_such_rule"]
    with pytest.raises(ContentError, match="unknown rules .'plan.no_such_rule'.*use ids"):
        checked(RUBRIC.parse(data))
    data = RUBRIC.read()
    data["criteria"][0]["weight"] = 10
    with pytest.raises(ContentError, match="weights add up to 80, not 100"):
        RUBRIC.parse(data)


def test_a_weak_capstone_scores_below_the_worked_examples():
    good = Capstone(IndustryPlan.example("en"), ssm.example("en"), SystemCanvas.example("en"))
    weak = Capstone(weak_example("plan"), weak_example("opportunity"), weak_example("canvas"))
    assert score(weak).total < score(good).total <= 100
    plan = next(c for c in score(weak).criteria if c.id == "plan")
    assert plan.findings >= 10 and plan.score < 50


def test_a_criterion_never_goes_below_zero():
    empty = Capstone(IndustryPlan(), ssm.Opportunity(), SystemCanvas())
    assert all(c.score >= 0 for c in score(empty).criteria)


def test_rubric_table_names_what_feeds_each_criterion():
    assert "completeness of the industry plan" in rubric_table("en").text
    assert "行业发展计划的完成度" in rubric_table("zh").text


def _hand_in(folder, name, weak):
    sub = folder / name
    if weak:
        pieces = (weak_example("plan"), weak_example("opportunity"), weak_example("canvas"))
    else:
        pieces = (IndustryPlan.example("en"), ssm.example("en"), SystemCanvas.example("en"))
    export_capstone(*pieces, trainee=name, folder=sub)


def test_collect_adds_the_review_and_a_class_view(tmp_path):
    _hand_in(tmp_path, "li", weak=True)
    _hand_in(tmp_path, "wang", weak=False)
    plan_only = tmp_path / "zhao"
    weak_example("plan").save(plan_only)
    result = collect.collect(tmp_path)
    doc = collect.to_report(result, "en")
    table = doc.sections[0].tables[0]
    assert table.columns[-6:] == rollup.columns("en")
    rows = {r[0]: r for r in table.rows}
    errors, warnings, tips, top, score_, mark = rows["li"][-6:]
    assert errors >= 4 and warnings >= 5 and mark == ""
    assert top.startswith("Error")
    assert rows["wang"][-6] == 0 and rows["wang"][-1] == ""
    assert rows["li"][-2] < rows["wang"][-2]
    # zhao handed in only a plan: its findings, and none for the missing pieces
    assert rows["zhao"][-6] == 3 and "opp." not in rows["zhao"][-3]
    view = doc.sections[1]
    assert "re-teach" in view.heading
    first = view.tables[0].rows[0]
    assert first[3] >= 2  # the rule most trainees broke comes first
    counts = [r[3] for r in view.tables[0].rows]
    assert counts == sorted(counts, reverse=True)


def test_class_view_in_chinese_and_when_nothing_fires():
    good = Capstone(IndustryPlan(title="x"), ssm.Opportunity(), SystemCanvas())
    view = rollup.class_view([rollup.capstone_of(good)], "zh")
    assert "需要重讲" in view.text
    assert rollup.class_rows([[]], "en") == []
    assert review(good, "en")
