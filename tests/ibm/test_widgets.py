"""OpportunityWalker and PipelineBoard, driven from Python (no browser)."""

from __future__ import annotations

from datetime import date

import pytest

from salestrain.core import storage
from salestrain.core.i18n import language
from salestrain.ibm import pipeline, ssm
from salestrain.ibm.widgets.opportunity_walker import OpportunityWalker
from salestrain.ibm.widgets.pipeline_board import PipelineBoard

ON = date(2013, 7, 2)


@pytest.fixture
def walker(work_dir) -> OpportunityWalker:
    wk = OpportunityWalker(today=ON)
    wk.load_example()
    return wk


def test_new_walker_starts_at_step_one(work_dir):
    wk = OpportunityWalker(today=ON)
    assert wk.opportunity.current_step == 1 and wk.opportunity.history[0].action == "created"
    assert wk.advance_button.disabled
    assert "Cannot advance from step 1" in wk.advance_reason.value
    assert len(wk.evidence_fields) == 4
    assert "Step 1" in repr(wk)


def test_example_loads_at_step_four_with_its_warning(walker):
    o = walker.opportunity
    assert o.current_step == 4 and o.stage == "validated"
    assert "st-current" in walker.track.value and walker.track.value.count("st-done") == 3
    assert "Validated" in walker.header.value and "25 %" in walker.header.value
    assert "Claimed probability 50 %" in walker.header.value
    assert set(walker.evidence_fields) == {"s4_criteria", "s4_evaluation_plan", "s4_go_forward"}
    assert walker.evidence_fields["s4_criteria"][0].value.startswith("Evaluation criteria")


def test_advance_is_disabled_with_the_reason_until_evidence(walker):
    assert walker.advance_button.disabled
    assert "evaluation plan" in walker.advance_button.tooltip
    walker.advance_button.click()  # a disabled button clicked from Python still refuses
    assert walker.opportunity.current_step == 4
    walker.fill_evidence("s4_evaluation_plan", "Plan agreed", ON, "IT office")
    assert walker.advance_button.disabled
    walker.fill_evidence("s4_go_forward", "Director agrees", ON, "Director")
    assert not walker.advance_button.disabled
    walker.advance_button.click()
    o = walker.opportunity
    assert o.current_step == 5 and o.stage == "qualified"
    assert set(walker.evidence_fields) == {o.id for o in ssm.step(5).outcomes}
    assert "50 %" in walker.header.value
    assert o.history[-1].action == "advance"


def test_back_walk_away_and_lost(walker):
    walker.back_button.click()
    assert walker.opportunity.current_step == 3
    walker.walk_button.click()
    assert walker.reason_box.layout.display == "flex"
    walker.confirm_button.click()  # no reason: refused
    assert walker.opportunity.status == "open"
    assert "needs a reason" in walker.message.value
    walker.walk_away("Courier company won on price before we could qualify")
    assert walker.opportunity.status == "walked_away"
    assert walker.advance_button.disabled and walker.lost_button.disabled
    assert "Walked away" in walker.header.value


def test_won_only_with_contract(work_dir):
    wk = OpportunityWalker(today=ON)
    assert wk.won_button.disabled
    for n in range(1, 7):
        for o in ssm.step(n).outcomes:
            wk.fill_evidence(o.id, f"evidence {o.id}", ON, "Director")
        if n < 6:
            wk.advance_button.click()
    assert not wk.won_button.disabled
    wk.won_button.click()
    assert wk.opportunity.status == "won" and wk.opportunity.current_step == 7


def test_trainee_text_is_escaped(work_dir):
    wk = OpportunityWalker(today=ON)
    wk.name.value = "<img src=x onerror=alert(1)>"
    wk.note.value = "<script>bad()</script>"
    wk.note_button.click()
    wk.fill_evidence("s1_key_people", "<b>meeting</b>", ON, "<i>CIO</i>")
    html = wk.header.value + wk.notes_view.value + wk.history_view.value
    assert "<img" not in html and "<script>" not in html and "&lt;img" in html
    assert wk.opportunity.name == "<img src=x onerror=alert(1)>"


def test_bad_value_shows_field_error(work_dir):
    wk = OpportunityWalker(today=ON)
    wk.value.value = "lots"
    assert wk.value.error_text and wk.opportunity.value is None
    wk.value.value = "120万"
    assert wk.opportunity.value == 1_200_000 and not wk.value.error_text
    wk.claimed.value = "60%"
    assert wk.opportunity.claimed_probability == pytest.approx(0.6)
    assert "above what the evidence supports" in wk.header.value


def test_autosave_load_and_exports(walker, work_dir):
    walker.fill_evidence("s4_evaluation_plan", "Plan agreed", ON, "IT office")
    saved = storage.list_saved(work_dir, ssm.KIND)
    assert len(saved) == 1
    data = storage.read(saved[0].path, ssm.KIND)
    assert data["evidence"]["s4_evaluation_plan"]["who"] == "IT office"
    other = OpportunityWalker(today=ON)
    other.toolbar.refresh_choices()
    assert other.toolbar.load(saved[0].path.name)
    assert other.opportunity == walker.opportunity
    for label, button in walker.toolbar.export_buttons.items():
        button.click()
        assert walker.toolbar.last_export.exists(), label
    names = sorted(p.suffix for p in work_dir.iterdir())
    assert ".md" in names and ".docx" in names


def test_dates_before_the_last_change_are_refused(walker):
    walker.on = date(2013, 6, 1)
    walker.fill_evidence("s4_evaluation_plan", "Plan", date(2013, 6, 1), "IT")
    state = walker.evidence_fields["s4_evaluation_plan"][3].value
    assert "before the last recorded change" in state


def test_walker_in_chinese(work_dir):
    with language("zh"):
        wk = OpportunityWalker(today=ON)
        wk.load_example()
    assert "第4步" in wk.track.value and "证实" in wk.header.value
    assert wk.advance_button.description == "推进"


# --- board --------------------------------------------------------------------------------


def test_board_from_dataframe():
    df = pipeline.synthetic()
    board = PipelineBoard(df, on=date(2013, 7, 1), per_stage=3)
    tab = board.table()
    assert "PipelineBoard(111 open deals" in repr(board)
    assert board.board_view.value.count('class="st-col"') == 4
    assert "more" in board.board_view.value
    assert "st-flagged" in board.board_view.value
    assert "Observed win rate" in board.calibration_view.value
    board.set_weights(proposed=0.5)
    assert board.table().loc["total", "weighted"] < tab.loc["total", "weighted"]
    board.set_weights(proposed=0.2)  # below qualified: refused, shown
    assert "must not fall" in board.weight_error.value
    assert board.weights.proposed == 0.5


def test_board_from_saved_opportunities(work_dir):
    board = PipelineBoard(on=ON)
    assert "0 open deals" in repr(board)
    ex = ssm.example()
    ex.name = "<b>Bureau</b>"
    ex.save()
    board.reload()
    assert "1 open deals" in repr(board)
    assert "&lt;b&gt;Bureau" in board.board_view.value
    assert "over-claimed" in board.board_view.value
