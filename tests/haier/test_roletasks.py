"""The role sorter's model: the deck's tasks, the right role for each, scoring."""

from __future__ import annotations

import pytest

from salestrain.haier import content as haier
from salestrain.haier import roletasks
from salestrain.haier.roletasks import RoleSort


def test_every_role_has_tasks_and_the_sorter_asks_about_each_role():
    for role in roletasks.ROLES:
        assert haier.tasks(role), role
    assert {t.role for t in roletasks.questions()} == set(roletasks.ROLES)


def test_the_deck_gives_promotion_to_the_product_manager_and_needs_to_the_model_manager():
    by_id = {t.id: t for t in haier.tasks()}
    assert by_id["pm_promotion"].role == "realise"
    assert "现场促销" in by_id["pm_promotion"].text.zh
    assert by_id["cm_promotion"].role == "obtain"  # the customer manager only helps
    assert by_id["mm_needs"].role == "create" and "商品支持部" in by_id["mm_needs"].text.zh
    assert by_id["pm_orders"].role == "realise" and "库存" in by_id["pm_orders"].text.zh


def test_an_empty_sort_scores_nothing_and_marks_nothing_wrong():
    sort = RoleSort()
    right, answered, total = sort.score()
    assert (right, answered) == (0, 0) and total == len(haier.data().sorter)
    assert all(r.correct is None for r in sort.results())
    assert "not answered" in sort.summary("en")


def test_all_right_answers_score_full_marks():
    sort = RoleSort({t.id: t.role for t in roletasks.questions()})
    right, answered, total = sort.score()
    assert right == answered == total
    assert sort.summary("en") == f"{total} of {total} right."
    assert sort.summary("zh") == f"答对{total}题，共{total}题。"


def test_a_wrong_answer_names_the_right_role_and_the_reason():
    sort = RoleSort({"pm_promotion": "obtain"})
    result = next(r for r in sort.results() if r.task.id == "pm_promotion")
    assert result.correct is False
    assert "Product manager" in result.feedback("en")
    assert "产品经理" in result.feedback("zh") and "。" in result.feedback("zh")


def test_clearing_an_answer_and_bad_input():
    sort = RoleSort({"mm_pilot": "create"})
    sort.choose("mm_pilot", "")
    assert sort.answers["mm_pilot"] is None
    with pytest.raises(KeyError, match="nope"):
        sort.choose("nope", "create")
    with pytest.raises(ValueError, match="boss"):
        sort.choose("mm_pilot", "boss")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_view_is_a_table_with_human_labels(lang):
    shown = RoleSort({"lm_models": "steer"}).view(lang)
    html = shown._repr_html_()
    assert "<table" in html and haier.text("rs_feedback", lang) in html
    assert haier.manager("steer").name(lang) in repr(shown)
