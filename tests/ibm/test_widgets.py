"""PipelineBoard, FragmentPlacer and OutcomeChecker, driven from Python (no browser);
the opportunity walker has its own file, test_opportunity_walker.py."""

from __future__ import annotations

import re
from datetime import date

import pytest

from salestrain.core.i18n import language
from salestrain.ibm import pipeline, ssm
from salestrain.ibm.widgets.fragment_placer import FragmentPlacer
from salestrain.ibm.widgets.opportunity_walker import OpportunityWalker
from salestrain.ibm.widgets.outcome_checker import OutcomeChecker
from salestrain.ibm.widgets.pipeline_board import PipelineBoard

ON = date(2013, 7, 2)


# --- board --------------------------------------------------------------------------------


def test_board_from_dataframe():
    df = pipeline.synthetic()
    board = PipelineBoard(df, on=date(2013, 7, 1), per_stage=3)
    tab = board.table()
    assert "111 deals" in repr(board) and "PipelineBoard(" not in repr(board)
    assert board.board_view.value.count('class="st-col"') == 4
    assert "more" in board.board_view.value
    assert "st-flagged" in board.board_view.value
    assert "Observed win rate" in board.calibration_view.value
    board.set_weights(proposed=0.5)
    assert board.table().loc["total", "weighted"] < tab.loc["total", "weighted"]
    board.set_weights(proposed=0.2)  # below qualified: refused, shown
    assert "must not be below the weight of Qualified" in board.weight_error.value
    assert board.weights.proposed == 0.5


def test_board_from_saved_opportunities(work_dir):
    board = PipelineBoard(on=ON)
    assert "· 0 deals" in repr(board)
    ex = ssm.example()
    ex.name = "<b>Bureau</b>"
    ex.save()
    board.reload()
    assert "· 1 deals" in repr(board)
    assert "&lt;b&gt;Bureau" in board.board_view.value
    assert "over-claimed" in board.board_view.value


def test_board_weight_fields_are_labelled_and_wide_enough():
    board = PipelineBoard(pipeline.shipped("en"), on=date(2013, 7, 1))
    fields = board.weight_fields
    assert list(fields) == list(pipeline.OPEN_STAGES)
    assert fields["identified"].description == "Identified (%)"
    assert fields["proposed"].description == "Proposed / verbal agreement (%)"
    css = board.root.children[0].value
    for f in fields.values():
        # The whole label (never cut off at a fixed width), then a box wide enough for "100.0".
        assert f.style.description_width == "initial" and f.layout.width == "auto"
        assert "st-weight" in f._dom_classes
    assert ".st-weight>.widget-label{width:auto;max-width:none}" in css
    assert re.search(r"\.st-weight>input\[type=number\]\{flex:0 0 6\.5em;width:6\.5em\}", css)
    with language("zh"):
        zh = PipelineBoard(pipeline.shipped("zh"), on=date(2013, 7, 1))
    assert zh.weight_fields["identified"].description == "发现（%）"


def test_typing_weights_into_the_board_changes_its_totals():
    board = PipelineBoard(pipeline.shipped("en"), on=date(2013, 7, 1))
    assert "RMB 20,742,500" in board.summary_view.value
    assert "RMB 23,807,950" in board.summary_view.value  # weighted with the sellers' claims
    for stage, value in (("validated", 20), ("qualified", 30), ("proposed", 50)):
        board.weight_fields[stage].value = value
    assert board.table().loc["total", "weighted"] == pytest.approx(14_877_100)
    assert "RMB 14,877,100" in board.summary_view.value
    assert "Proposed / verbal agreement · 50 %" in board.board_view.value
    board.weight_fields["identified"].value = 60  # above validated: refused, said why
    assert "must not be below" in board.weight_error.value
    assert board.weights.identified == pytest.approx(0.10)


def test_board_lists_the_largest_flagged_deals_in_words():
    board = PipelineBoard(pipeline.shipped("en"), on=date(2013, 7, 1), flagged=5)
    html = board.flagged_view.value
    assert "Flagged open deals, largest first (top 5)" in html
    assert "Finance customer 70" in html and "Liu" in html and "Bill delivery" in html
    assert "RMB 1,858,000" in html and "nan" not in html.lower().replace("finance", "")
    assert "closed_deals" not in board.calibration_view.value
    assert "Observed win rate" in board.calibration_view.value


def test_board_in_chinese_shows_wan_yuan_and_chinese_names():
    with language("zh"):
        board = PipelineBoard(pipeline.shipped(), on=date(2013, 7, 1))
    summary = board.summary_view.value
    assert "2074.25万元" in summary and "按自报赢率加权" in summary
    assert "金融客户70" in board.flagged_view.value and "实际赢率" in board.calibration_view.value
    assert "按阶段的销售漏斗" in repr(board)


# --- fragment placer ----------------------------------------------------------------------


def test_placer_starts_with_three_fragments_one_wrong():
    placer = FragmentPlacer(lang="en")
    assert len(placer.choices) == 20
    assert placer.answer() == {"f10": (1, "customer"), "f06": (1, "seller"), "f17": (3, "stage")}
    placer.check_button.click()
    assert placer.result.right == 2
    assert "2 of 20" in placer.score.value
    assert "✓" in placer.verdicts["f10"].value
    assert "✗" in placer.verdicts["f17"].value and "step 4" in placer.verdicts["f17"].value
    assert "not placed yet" in placer.verdicts["f01"].value


def test_placer_all_right_scores_twenty_and_a_change_clears_the_verdict():
    placer = FragmentPlacer(preset={}, lang="en")
    assert placer.answer() == {}
    for f in ssm.fragments():
        placer.place(f.text, f.step, f.row)
    placer.check_button.click()
    assert placer.result.right == 20 and "st-ok" in placer.score.value
    placer.place("f02", 5, "seller")
    assert placer.verdicts["f02"].value == ""
    placer.clear_button.click()
    assert placer.answer() == {} and placer.result is None


def test_placer_controls_are_labelled_from_content():
    placer = FragmentPlacer(lang="en")
    first = placer.choices["f01"]
    assert first.description == "监控实施过程并确保实现预期目标"  # the accessible name
    labels = [label for label, _value in first.options]
    assert labels[0] == "— choose its place —" and "Step 7 · seller's step" in labels
    assert len(labels) == 1 + 7 * 3
    assert placer.check_button.description == "Check"
    with language("zh"):
        zh = FragmentPlacer()
    assert zh.check_button.description == "检查"
    assert "第3步 · 客户的购买步骤" in [label for label, _v in zh.choices["f01"].options]
    assert "FragmentPlacer" not in repr(zh)


# --- outcome checker ----------------------------------------------------------------------

BANK_LOG = ["s1_plan_reviewed", "s1_direction_mapped", "s1_key_people", "s1_thought_leadership",
            "s2_plan_validated", "s2_tl_conversation", "s2_compelling_reason",
            "s2_sponsor_contacted", "s3_needs_confirmed", "s3_vision"]


def test_checker_classifies_the_bank_log():
    checker = OutcomeChecker(lang="en")
    assert len(checker.boxes) == sum(len(ssm.step(n).outcomes) for n in (1, 2, 3, 4))
    assert "Nothing ticked" in checker.result.value
    checker.tick(*BANK_LOG)
    assert "10 outcomes ticked" in checker.result.value
    checker.check_button.click()
    assert checker.classification.stage == "identified"
    assert "Evidence supports step 2 completed: stage Identified (10 %)" in checker.result.value
    assert "conditions of satisfaction" in checker.result.value
    checker.clear_button.click()
    assert checker.ticked() == [] and checker.classification is None


def test_checker_counts_steps_only_in_order():
    checker = OutcomeChecker(lang="en")
    checker.tick(*[o.id for o in ssm.step(2).outcomes])  # step 1 left out
    assert checker.check().stage is None


def test_checker_in_chinese_labels_every_box_with_its_outcome():
    with language("zh"):
        checker = OutcomeChecker()
    assert checker.boxes["s3_conditions"].description == "客户同意初始满意条件"
    assert checker.check_button.description == "检查"
    checker.tick(*BANK_LOG)
    checker.check()
    assert "发现" in checker.result.value and "（10%）" in checker.result.value


def test_widgets_show_no_python_repr_as_plain_text(work_dir):
    board = PipelineBoard(pipeline.shipped("en"), on=date(2013, 7, 1))
    walker = OpportunityWalker(ssm.Opportunity(), today=ON)
    for widget in (board, walker, FragmentPlacer(lang="en"), OutcomeChecker(lang="en")):
        bundle = widget._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        assert not re.match(r"^\w+\(", data["text/plain"]), data["text/plain"]
