"""Module 2 content: roles as the 2013 course deck gives them, the 2013 setting, the term table,
the assumptions list and the worked example's cross-sell matrix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from salestrain.postal import content as p

YAML = Path(p.__file__).with_name("content.yaml")


def zh_texts() -> list[str]:
    data = p.postal().model_dump()
    out: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if set(node) == {"en", "zh"}:
                out.append(node["zh"])
            else:
                for v in node.values():
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)
    return out


def test_order_roles_follow_the_deck():
    part = p.postal().part("order_roles")
    helps = {f.id: f.help for f in part.fields}
    assert "型号经理" in helps["creates"].zh and "model manager" in helps["creates"].en
    assert "product manager" not in helps["creates"].en
    assert "产品经理" in helps["realises"].zh and "现场促销" in helps["realises"].zh
    assert "on-site promotion" in helps["realises"].en
    assert "delivery" not in helps["realises"].en and "投递" not in helps["realises"].zh
    assert "客户经理" in helps["obtains"].zh


def test_example_realises_orders_by_promotion_not_by_delivery():
    answers = p.postal().canvas_example.answers
    assert "现场促销" in answers["order_roles.realises"].zh
    assert "投递" not in answers["order_roles.realises"].zh


@pytest.mark.parametrize("word", ["中国铁塔", "市场监管", "市分公司", "虚构", "单轨考核",
                                  "业务单位", "店内促销", "起付线", "综合作业", "机会计划", "主管"])
def test_no_anachronism_or_off_table_term_in_chinese(word):
    assert not [t for t in zh_texts() if word in t]


def test_no_single_tax_bureau_in_2013():
    # 2013: 国税局 and 地税局 were separate; no single 税务局
    assert not [t for t in zh_texts() if re.search(r"(?<![国地])税务局", t)]
    assert "China Tower" not in YAML.read_text(encoding="utf-8")


def test_invented_figures_are_labelled_as_assumptions():
    status = {a.id: a.status for a in p.postal().assumptions}
    for figure in ("grade_limits", "grade_owners", "base_amount", "cap", "unit_rate",
                   "customers"):
        assert status[figure] == "assumption", figure
    for figure in ("grade_names", "weights", "target", "dual_track"):
        assert status[figure] == "published", figure
    assert status["segment_owners"] == status["margin"] == "reading"


def test_integrated_marketing_plus_specialist_support():
    model = {part.id: part for part in p.postal().support_model}
    assert set(model) == {"integrated", "specialist"}
    assert model["integrated"].name.zh == "综合营销" and model["specialist"].name.zh == "专业支撑"
    assert "专业部门" in model["specialist"].who.zh


def test_example_matrix_has_one_lead_and_at_most_two_follows_per_segment():
    data = p.postal()
    cells = data.canvas_example.cross_sell
    for seg in data.customer_segments:
        roles = [row[seg.id] for row in cells.values() if seg.id in row]
        assert roles.count("lead") == 1, seg.id
        assert roles.count("follow") <= 2, seg.id
    # the notebook's solution describes these pairs
    assert cells["logistics"]["enterprise"] == "follow"
    assert cells["parcels_express"]["rural"] == "follow"
