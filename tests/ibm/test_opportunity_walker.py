"""The opportunity walker, driven from Python as a trainee drives it in JupyterLab.

Typing is emulated as the browser sends it: every prefix of the text when the control syncs per
keystroke (`continuous_update`), only the final text when it commits on leaving the field; a
date typed with the keyboard arrives year digit by year digit (0002, 0020, 0201, 2013).
"""

from __future__ import annotations

import re
from datetime import date

import ipywidgets as w
import pytest

from salestrain.core import storage
from salestrain.core.i18n import language
from salestrain.ibm import ssm
from salestrain.ibm.widgets.opportunity_walker import OpportunityWalker

ON = date(2013, 7, 2)
EXAMPLE = "Provincial local-tax bureau — invoice delivery"


def type_text(control: w.ValueWidget, text: str) -> None:
    """Type `text` into an empty text field, then leave it (Tab)."""
    if control.continuous_update:
        for i in range(1, len(text) + 1):
            control.value = text[:i]
    else:
        control.value = text


def type_date(control: w.DatePicker, day: date) -> None:
    """Type a date with the keyboard: the year's digits arrive one by one."""
    digits = str(day.year)
    for i in range(1, len(digits) + 1):
        control.value = date(int(digits[:i]), day.month, day.day)


def type_evidence(wk: OpportunityWalker, outcome_id: str, what: str, when: date,
                  who: str) -> None:
    what_field, when_field, who_field, _state = wk.evidence_fields[outcome_id]
    type_text(what_field, what)
    type_date(when_field, when)
    type_text(who_field, who)


def files(folder) -> list[str]:
    return sorted(p.name for p in folder.glob("*.json"))


def history(wk: OpportunityWalker) -> list[tuple[str, str]]:
    return [(h.action, h.detail) for h in wk.opportunity.history]


@pytest.fixture
def walker(work_dir) -> OpportunityWalker:
    """The notebook's walker on an empty work folder: the worked example."""
    return OpportunityWalker(today=ON)


def own(name: str = "Bank statements") -> OpportunityWalker:
    """A walker on which the trainee pressed New and typed a name (so it is saved)."""
    wk = OpportunityWalker(today=ON)
    wk.toolbar.new_button.click()
    type_text(wk.name.control, name)
    return wk


# --- opening: resume, else the example as a separate piece ---------------------------------


def test_first_open_shows_the_example_as_a_separate_piece(walker, work_dir):
    assert walker.opportunity.name == EXAMPLE and walker.opportunity.current_step == 4
    assert "separate piece of work" in walker.toolbar.status.value
    assert walker.toolbar.current is None and files(work_dir) == []
    assert walker.on == ON


def test_example_loads_at_step_four_with_its_warning(walker):
    o = walker.opportunity
    assert o.current_step == 4 and o.stage == "validated"
    assert "st-current" in walker.track.value and walker.track.value.count("st-done") == 3
    assert "Validated" in walker.header.value and "25 %" in walker.header.value
    assert "Claimed probability 50 %" in walker.header.value
    assert set(walker.evidence_fields) == {"s4_criteria", "s4_evaluation_plan", "s4_go_forward"}
    assert walker.evidence_fields["s4_criteria"][0].value.startswith("Evaluation criteria")
    assert walker.reopen_button.layout.display == "none"


def test_a_restart_reopens_the_latest_work_with_its_history(work_dir):
    older = own("Hospital specimens")
    older.walk_away("No budget")
    latest = own("Bank statements")
    type_evidence(latest, "s1_plan_reviewed", "Plan reviewed", ON, "Head of operations")
    latest.walk_away("The bank chose a courier")
    latest.reopen("The courier missed the deadline")
    restarted = OpportunityWalker(today=ON)  # a new kernel: the notebook cell runs again
    assert restarted.opportunity == latest.opportunity
    assert restarted.toolbar.current == latest.toolbar.current
    assert "Continuing ‘Bank statements’" in restarted.toolbar.status.value
    assert restarted.name.value == "Bank statements"
    assert restarted.evidence_fields["s1_plan_reviewed"][0].value == "Plan reviewed"
    assert "walked away" in restarted.history_view.value
    assert "reopened" in restarted.history_view.value
    assert files(work_dir) == ["opportunity-bank-statements.json",
                               "opportunity-hospital-specimens.json"]


def test_an_opportunity_passed_in_is_shown_as_a_piece_of_its_own(work_dir):
    own("Mine")
    wk = OpportunityWalker(ssm.Opportunity(name="Given"), today=ON)
    assert wk.opportunity.name == "Given" and history(wk) == [("created", "")]
    assert wk.toolbar.current is None


# --- one file per piece of work -------------------------------------------------------------


def test_text_fields_commit_on_leaving_the_field(walker):
    texts = [walker.name, walker.customer, walker.value, walker.owner, walker.claimed]
    controls = [f.control for f in texts] + [walker.reason, walker.note]
    for what, _when, who, _state in walker.evidence_fields.values():
        controls += [what, who]
    assert all(c.continuous_update is False for c in controls)


def test_typing_a_title_and_renaming_leave_one_file(work_dir):
    wk = own("Bank statements in Guangdong")
    assert files(work_dir) == ["opportunity-bank-statements-in-guangdong.json"]
    wk.name.control.value = ""
    type_text(wk.name.control, "Provincial bank: monthly statements 2014")
    assert files(work_dir) == ["opportunity-bank-statements-in-guangdong.json"]
    saved = storage.read(work_dir / files(work_dir)[0], ssm.KIND)
    assert saved["name"] == "Provincial bank: monthly statements 2014"
    labels = [label for label, _ in wk.toolbar.load_choice.options]
    assert len(labels) == 1 and labels[0].startswith("Provincial bank: monthly statements 2014")
    assert labels[0].endswith(" · Step 1 · Not yet in the pipeline")


def test_the_example_never_touches_the_trainees_file(work_dir):
    mine = own("Mine")
    type_evidence(mine, "s1_plan_reviewed", "Plan reviewed", ON, "Director")
    before = (work_dir / "opportunity-mine.json").read_bytes()
    mine.toolbar.example_button.click()
    assert mine.opportunity.name == EXAMPLE and "separate piece" in mine.toolbar.status.value
    type_evidence(mine, "s4_evaluation_plan", "Plan agreed", ON, "IT office")
    mine.walk_away("Courier won on price")
    assert (work_dir / "opportunity-mine.json").read_bytes() == before
    assert files(work_dir) == [
        "opportunity-mine.json", "opportunity-provincial-local-tax-bureau-invoice-delivery.json"]


def test_new_starts_a_blank_opportunity_created_on_the_date_of_action(walker, work_dir):
    walker.on = date(2013, 7, 16)
    walker.toolbar.new_button.click()
    o = walker.opportunity
    assert o.name == "" and o.current_step == 1 and o.evidence == {}
    assert [(h.action, h.on) for h in o.history] == [("created", date(2013, 7, 16))]
    assert "blank" in walker.toolbar.status.value and files(work_dir) == []


def test_a_rejected_value_is_not_saved(work_dir):
    wk = own("Mine")
    path = work_dir / "opportunity-mine.json"
    before = path.read_bytes()
    type_text(wk.value.control, "lots")
    assert wk.value.error_text and wk.opportunity.value is None
    type_text(wk.claimed.control, "150 %")
    assert wk.claimed.error_text
    wk.on = date(2013, 6, 1)  # before the last recorded change: evidence refused
    type_evidence(wk, "s1_plan_reviewed", "Plan", date(2013, 6, 1), "IT")
    assert "before the last recorded change" in wk.evidence_fields["s1_plan_reviewed"][3].value
    assert path.read_bytes() == before
    wk.on = ON
    wk.value.control.value = "120万"
    assert wk.opportunity.value == 1_200_000 and not wk.value.error_text
    assert storage.read(path, ssm.KIND)["value"] == 1_200_000


def test_exports_go_to_the_exports_folder(walker, work_dir):
    walker.walk_away("Courier won on price")  # the example gets its own file
    assert set(walker.toolbar.export_buttons) == {"Markdown", "Word", "Excel", "JSON"}
    for label, button in walker.toolbar.export_buttons.items():
        button.click()
        path = walker.toolbar.last_export
        assert path.exists() and path.parent == work_dir / "exports", label
        assert f"exports/{path.name}" in walker.toolbar.status.value
    assert sorted(p.suffix for p in (work_dir / "exports").iterdir()) == [
        ".docx", ".json", ".md", ".xlsx"]
    assert files(work_dir) == ["opportunity-provincial-local-tax-bureau-invoice-delivery.json"]
    md = (work_dir / "exports" /
          "opportunity-provincial-local-tax-bureau-invoice-delivery.md").read_text()
    assert "walked away" in md and "Courier won on price" in md


# --- point 7: history records decisions, one entry per evidence edit ------------------------


def test_typing_evidence_records_one_history_entry(work_dir):
    wk = own("Mine")
    type_evidence(wk, "s1_plan_reviewed", "Account plan reviewed with the bank", ON,
                  "Head of operations")
    assert history(wk) == [("created", ""), ("evidence", "s1_plan_reviewed")]
    assert wk.opportunity.evidence_for("s1_plan_reviewed").complete(ON)
    type_evidence(wk, "s1_key_people", "Meeting with the operations team", ON, "Ops team")
    wk.evidence_fields["s1_plan_reviewed"][2].value = "Head of operations and IT"
    wk.evidence_fields["s1_plan_reviewed"][2].value = "Head of operations and CIO"
    assert history(wk)[1:] == [("evidence", "s1_plan_reviewed"), ("evidence", "s1_key_people"),
                                ("evidence", "s1_plan_reviewed")]
    saved = storage.read(work_dir / "opportunity-mine.json", ssm.KIND)
    assert len(saved["history"]) == 4


def test_history_rows_describe_decisions(walker):
    walker.walk_away("Courier won on price")
    assert "You walked away at step 4" in walker.message.value
    assert "Step 4 → Step 4" not in walker.message.value + walker.history_view.value
    walker.reopen("The director wants a second offer")
    assert "Reopened at step 4" in walker.message.value
    rows = ssm.history_rows(walker.opportunity, "en")
    assert rows[-2][1:] == ["walked away", "Step 4", "Walked away", "Courier won on price"]
    assert rows[-1][1:] == ["reopened", "Step 4", "Open", "The director wants a second offer"]
    for text in ("<th>Step</th>", "walked away", "reopened", "Step 3 → Step 4"):
        assert text in walker.history_view.value, text


# --- point 6: reopen ------------------------------------------------------------------------


@pytest.mark.parametrize("close", ["walk_away", "mark_lost"])
def test_a_closed_opportunity_can_be_reopened(walker, close):
    getattr(walker, close)("Courier won on price")
    o = walker.opportunity
    assert o.status == {"walk_away": "walked_away", "mark_lost": "lost"}[close]
    for button in (walker.advance_button, walker.back_button, walker.won_button,
                   walker.lost_button, walker.walk_button):
        assert button.disabled and "press Reopen" in button.tooltip
    assert walker.reopen_button.layout.display == "" and not walker.reopen_button.disabled
    assert "above what the evidence supports" not in walker.header.value  # closed: no warning
    walker.reopen_button.click()
    assert walker.reason_box.layout.display == "flex"
    assert walker.reason.placeholder.startswith("Why reopen?")
    walker.reason.value = "The director called again"
    walker.confirm_button.click()
    assert o.status == "open" and o.current_step == 4
    assert o.history[-1].action == "reopen" and o.history[-1].on == ON
    assert o.history[-1].detail == "The director called again"
    assert walker.reopen_button.layout.display == "none"
    assert walker.reason_box.layout.display == "none"
    assert not walker.back_button.disabled and not walker.walk_button.disabled
    assert "above what the evidence supports" in walker.header.value  # open again: warned


def test_reopen_needs_a_closed_opportunity_and_a_valid_date(walker):
    walker.reopen("nothing to reopen")
    assert "Only a lost or walked-away opportunity" in walker.message.value
    walker.walk_away("No budget")
    walker.on = date(2013, 6, 1)
    assert walker.reopen_button.disabled and "before the last" in walker.reopen_button.tooltip
    walker.on = ON
    walker.reopen()
    assert walker.opportunity.status == "open"


def fill_step(wk: OpportunityWalker) -> None:
    for o in ssm.step(wk.opportunity.current_step).outcomes:
        if not wk.opportunity.evidence_for(o.id).complete(wk.on):
            type_evidence(wk, o.id, f"evidence {o.id}", ON, "Director")


ACTIONS = {
    "walk": lambda wk: wk.walk_away("Courier won on price"),
    "lost": lambda wk: wk.mark_lost("No decision this year"),
    "reopen": lambda wk: wk.reopen("The customer came back"),
    "back": lambda wk: wk.back_button.click(),
    "fill": fill_step,
    "advance": lambda wk: wk.advance_button.click(),
    "note": lambda wk: (setattr(wk.note, "value", "Called the director"),
                        wk.note_button.click()),
}


@pytest.mark.parametrize("plan", [
    "walk reopen fill advance",
    "back lost reopen fill advance fill advance",
    "walk reopen walk reopen back back",
    "fill lost reopen note advance walk reopen",
    "lost advance reopen walk lost reopen fill advance back",
])
def test_replaying_the_history_gives_the_same_state_after_reopen(walker, work_dir, plan):
    for action in plan.split():
        ACTIONS[action](walker)
        o = walker.opportunity
        assert ssm.replay(o.history) == (o.current_step, o.status), action
    assert [h.action for h in o.history].count("reopen") == plan.split().count("reopen")
    restarted = OpportunityWalker(today=ON)
    assert restarted.opportunity == o
    assert ssm.replay(restarted.opportunity.history) == (o.current_step, o.status)
    assert len(files(work_dir)) == 1


def test_walker_in_chinese(work_dir):
    with language("zh"):
        wk = OpportunityWalker(today=ON)
    assert "第4步" in wk.track.value and "证实" in wk.header.value
    assert wk.advance_button.description == "推进" and wk.reopen_button.description == "重新打开"
    wk.walk_away("快递公司报价更低")
    assert "已在第4步选择放弃" in wk.message.value and "<th>步骤</th>" in wk.history_view.value
    labels = [label for label, _ in wk.toolbar.load_choice.options]
    assert len(labels) == 1
    saved = r"保存于\d{1,2}月\d{1,2}日 \d\d:\d\d"
    assert re.fullmatch(f"省地税局发票配送项目 · {saved} · 第4步 · 证实 · 选择放弃", labels[0])


# --- as before the save/load rework ---------------------------------------------------------


def test_blank_walker_starts_at_step_one(work_dir):
    wk = OpportunityWalker(ssm.Opportunity(), today=ON)
    assert wk.opportunity.current_step == 1 and wk.opportunity.history[0].action == "created"
    assert wk.advance_button.disabled
    assert "Cannot advance from step 1" in wk.advance_reason.value
    assert len(wk.evidence_fields) == 4
    assert "Step 1" in repr(wk)


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
    assert "advanced: Step 4 → Step 5" in walker.message.value


def test_back_and_walk_away_needs_a_reason(walker):
    walker.back_button.click()
    assert walker.opportunity.current_step == 3
    walker.walk_button.click()
    assert walker.reason_box.layout.display == "flex"
    walker.confirm_button.click()  # no reason: refused
    assert walker.opportunity.status == "open"
    assert "needs a reason" in walker.message.value
    walker.walk_away("Courier company won on price before we could qualify")
    assert walker.opportunity.status == "walked_away"
    assert "Walked away" in walker.header.value


def test_won_only_with_contract(work_dir):
    wk = OpportunityWalker(ssm.Opportunity(), today=ON)
    assert wk.won_button.disabled
    for n in range(1, 7):
        for o in ssm.step(n).outcomes:
            wk.fill_evidence(o.id, f"evidence {o.id}", ON, "Director")
        if n < 6:
            wk.advance_button.click()
    assert not wk.won_button.disabled
    wk.won_button.click()
    assert wk.opportunity.status == "won" and wk.opportunity.current_step == 7
    assert wk.reopen_button.layout.display == "none" and wk.walk_button.disabled


def test_trainee_text_is_escaped(work_dir):
    wk = OpportunityWalker(ssm.Opportunity(), today=ON)
    wk.name.value = "<img src=x onerror=alert(1)>"
    wk.note.value = "<script>bad()</script>"
    wk.note_button.click()
    wk.fill_evidence("s1_key_people", "<b>meeting</b>", ON, "<i>CIO</i>")
    html = wk.header.value + wk.notes_view.value + wk.history_view.value
    assert "<img" not in html and "<script>" not in html and "&lt;img" in html
    assert wk.opportunity.name == "<img src=x onerror=alert(1)>"


def test_bad_value_shows_field_error(work_dir):
    wk = OpportunityWalker(ssm.Opportunity(), today=ON)
    wk.value.value = "lots"
    assert wk.value.error_text and wk.opportunity.value is None
    wk.value.value = "120万"
    assert wk.opportunity.value == 1_200_000 and not wk.value.error_text
    wk.claimed.value = "60%"
    assert wk.opportunity.claimed_probability == pytest.approx(0.6)
    assert "above what the evidence supports" in wk.header.value


def test_load_from_the_list(walker, work_dir):
    walker.fill_evidence("s4_evaluation_plan", "Plan agreed", ON, "IT office")
    saved = storage.list_saved(work_dir, ssm.KIND)
    assert len(saved) == 1
    data = storage.read(saved[0].path, ssm.KIND)
    assert data["evidence"]["s4_evaluation_plan"]["who"] == "IT office"
    other = OpportunityWalker(ssm.Opportunity(), today=ON)
    other.toolbar.refresh_choices()
    assert other.toolbar.load(saved[0].path.name)
    assert other.opportunity == walker.opportunity
    assert other.toolbar.current == saved[0].path
