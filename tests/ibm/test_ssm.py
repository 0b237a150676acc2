"""The Signature Selling Method model: content, advancing on evidence, history, warnings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salestrain.core import report, storage
from salestrain.core.display import money
from salestrain.core.i18n import language
from salestrain.ibm import ssm

D = date(2013, 3, 1)


def fill(opp: ssm.Opportunity, number: int, on: date, who: str = "Deputy director") -> None:
    for o in ssm.step(number).outcomes:
        opp.set_evidence(o.id, on, what=f"evidence for {o.id}", when=on, who=who)


# --- content ------------------------------------------------------------------------------


def test_content_has_seven_steps_in_order_with_outcomes():
    data = ssm.data()
    assert [s.number for s in data.steps] == list(range(1, 8))
    assert all(s.outcomes and s.activities and s.internal for s in data.steps)


def test_steps_one_to_three_from_the_deck_four_to_seven_reconstructed():
    assert [s.reconstructed for s in ssm.steps()] == [False] * 3 + [True] * 4


def test_step_three_reaches_validated_not_qualified():
    assert ssm.step(3).stage == "validated"
    assert ssm.stage("validated").deck_term == "证实"
    assert ssm.step(4).stage == "qualified"
    assert [s.stage for s in ssm.steps()] == [None, "identified", "validated", "qualified",
                                              "proposed", "won", "completed"]


def test_default_weights_are_common_practice_and_labelled_so():
    w = ssm.StageWeights.defaults()
    assert [w.of(s) for s in ssm.STAGE_IDS[:5]] == [0.10, 0.25, 0.50, 0.75, 1.0]
    assert "not a figure IBM publishes" in ssm.data().weights_note.en


def test_weights_must_not_fall():
    with pytest.raises(ValueError, match="must not fall"):
        ssm.StageWeights(validated=0.05)
    assert ssm.StageWeights(identified=0.05, validated=0.2).of("validated") == 0.2


def test_fragments_cover_every_step_and_row():
    frags = ssm.fragments()
    assert len(frags) == 20
    assert {(f.step, f.row) for f in frags if f.row != "stage"} == {
        (n, r) for n in range(1, 8) for r in ("customer", "seller")}
    for f in frags:
        if f.row == "seller":
            assert f.text == ssm.step(f.step).seller_step.zh
        if f.row == "customer":
            assert f.text == ssm.step(f.step).customer_step.zh


def test_every_ui_string_exists_in_both_languages():
    for key, text in ssm.data().ui.items():
        assert text.en.strip() and text.zh.strip(), key


# --- advancing needs evidence ---------------------------------------------------------------


def test_advance_refused_names_the_missing_outcomes():
    opp = ssm.Opportunity.new(D, name="Tax bureau")
    opp.set_evidence("s1_plan_reviewed", D, what="plan review", when=D, who="Director")
    with pytest.raises(ssm.Refused) as info:
        opp.advance(D)
    assert info.value.code == "missing_evidence"
    assert info.value.missing == ["s1_direction_mapped", "s1_key_people",
                                  "s1_thought_leadership"]
    assert "The customer meets your key people" in str(info.value)
    with language("zh"):
        assert "客户与你的主要参与人员会面沟通" in info.value.text()
    assert opp.current_step == 1


@pytest.mark.parametrize("parts, missing", [
    ({"what": "", "when": D, "who": "x"}, ["what"]),        # nothing said about what happened
    ({"what": "a", "when": None, "who": "x"}, ["when"]),     # undated
    ({"what": "a", "when": D, "who": "  "}, ["who"]),        # nobody at the customer
    ({"what": "a", "when": D + timedelta(1), "who": "x"}, ["when"]),  # dated after the action
])
def test_incomplete_evidence_does_not_count(parts, missing):
    assert ssm.Evidence(**parts).missing_parts(D) == missing


def test_walk_through_all_steps_to_completed():
    opp = ssm.Opportunity.new(D, name="Invoice delivery", value=1e6)
    day = D
    for n in range(1, 8):
        day += timedelta(days=10)
        fill(opp, n, day)
        assert opp.can_advance(day).ok
        opp.advance(day)
    assert opp.current_step == ssm.DONE
    assert opp.status == "won" and opp.stage == "completed"
    assert [h.action for h in opp.history if h.action not in ("evidence",)] == [
        "created", "advance", "advance", "advance", "advance", "advance", "won", "advance"]
    assert not opp.can_advance(day).ok and opp.can_advance(day).refusal.code == "at_last_step"


def test_stage_and_probability_follow_completed_steps():
    opp = ssm.Opportunity.new(D)
    assert opp.stage is None and opp.probability() == 0
    fill(opp, 1, D)
    opp.advance(D)
    assert opp.stage is None
    fill(opp, 2, D)
    opp.advance(D)
    assert opp.stage == "identified" and opp.probability() == pytest.approx(0.10)
    fill(opp, 3, D)
    opp.advance(D)
    assert opp.stage == "validated" and opp.probability() == pytest.approx(0.25)
    custom = ssm.StageWeights(validated=0.3)
    assert opp.probability(custom) == pytest.approx(0.3)


def test_walk_away_at_any_step_needs_a_reason():
    opp = ssm.Opportunity.new(D)
    with pytest.raises(ssm.Refused) as info:
        opp.walk_away(D, "   ")
    assert info.value.code == "reason_required"
    opp.walk_away(D, "No compelling reason to act")
    assert opp.status == "walked_away" and opp.status_reason == "No compelling reason to act"
    assert opp.probability() == 0
    assert opp.history[-1].action == "walk_away" and opp.history[-1].status == "walked_away"
    with pytest.raises(ssm.Refused) as info:
        opp.advance(D)
    assert info.value.code == "not_open"
    opp.reopen(D)
    assert opp.status == "open"


def test_back_is_allowed_and_recorded():
    opp = ssm.Opportunity.new(D)
    assert opp.can_back(D).refusal.code == "at_first_step"
    fill(opp, 1, D)
    opp.advance(D)
    opp.back(D + timedelta(1), "The director left; plan not reviewed by the new one")
    assert opp.current_step == 1
    assert opp.history[-1].action == "back" and "director" in opp.history[-1].detail


def test_won_needs_the_signed_contract():
    opp = ssm.Opportunity.new(D)
    assert opp.can_win(D).refusal.code == "won_needs_contract"
    for n in range(1, 6):
        fill(opp, n, D)
        opp.advance(D)
    assert opp.current_step == 6 and not opp.can_win(D).ok
    fill(opp, 6, D)
    opp.mark_won(D)
    assert opp.status == "won" and opp.current_step == 7 and opp.stage == "won"
    assert opp.can_back(D).refusal.code == "won_back"


def test_lost_with_optional_reason():
    opp = ssm.Opportunity.new(D)
    opp.mark_lost(D, "Price")
    assert opp.status == "lost" and opp.probability() == 0


def test_cannot_remove_evidence_of_a_completed_step():
    opp = ssm.Opportunity.new(D)
    fill(opp, 1, D)
    opp.advance(D)
    with pytest.raises(ssm.Refused) as info:
        opp.set_evidence("s1_key_people", D, what="", when=None, who="")
    assert info.value.code == "evidence_of_done_step"
    opp.set_evidence("s1_key_people", D, what="corrected text", when=D, who="Director")
    assert opp.evidence["s1_key_people"].what == "corrected text"


def test_dates_cannot_go_backwards_and_are_required():
    opp = ssm.Opportunity.new(D)
    with pytest.raises(ssm.Refused) as info:
        opp.add_note(D - timedelta(1), "late entry")
    assert info.value.code == "date_before_last"
    assert opp.can_advance(None).refusal.code == "no_date"


def test_unknown_outcome_refused():
    opp = ssm.Opportunity.new(D)
    with pytest.raises(ssm.Refused, match="s9_x"):
        opp.set_evidence("s9_x", D, what="a", when=D, who="b")


# --- warnings ---------------------------------------------------------------------------


def test_overclaim_and_stale_warnings():
    opp = ssm.Opportunity.new(D, expected_close=D + timedelta(30))
    assert [n.code for n in opp.warnings(D)] == ["no_evidence"]
    fill(opp, 1, D)
    opp.advance(D)
    opp.claim(0.5, D)
    later = D + timedelta(days=90)
    codes = [n.code for n in opp.warnings(later)]
    assert codes == ["overclaim", "stale", "close_passed"]
    msg = opp.warnings(later)[0].message()
    assert "50 %" in msg and "0 %" in msg
    assert [n.code for n in opp.warnings(D + timedelta(10))] == ["overclaim"]
    opp.claim(0.0, D + timedelta(10))
    assert opp.warnings(D + timedelta(10)) == []


# --- classification ---------------------------------------------------------------------


def test_classify_counts_steps_only_in_order():
    ids = [o.id for n in (1, 2, 4) for o in ssm.step(n).outcomes]  # step 3 missing
    c = ssm.classify(ids)
    assert c.steps_done == 2 and c.stage == "identified" and c.probability == pytest.approx(0.1)
    assert c.missing_next == [o.id for o in ssm.step(3).outcomes]
    assert "Identified" in repr(c)


def test_classification_of_the_example_disagrees_with_its_claim():
    opp = ssm.example()
    assert opp.current_step == 4 and opp.stage == "validated"
    assert opp.classification(date(2013, 7, 2)).stage == "validated"
    assert opp.claimed_probability == 0.5
    assert [n.code for n in opp.warnings(date(2013, 7, 2))] == ["overclaim"]


# --- placement exercise -----------------------------------------------------------------


def test_placement_scores_and_explains():
    right = {f.text: (f.step, f.row) for f in ssm.fragments()}
    assert ssm.check_placement(right).right == 20
    wrong = dict(right)
    wrong["确认资格"] = (3, "stage")  # the deck's slip
    result = ssm.check_placement(wrong)
    assert result.right == 19 and "step 4" in result.problems[0]
    assert "确认资格" in result._repr_html_()
    partial = ssm.check_placement({"结束销售": 6, "建议,口头协议": 5})
    assert partial.right == 2 and len(partial.problems) == 18


def test_placement_gives_a_verdict_per_fragment():
    result = ssm.check_placement({"f17": (3, "stage"), "f10": (1, "customer"), "f01": None})
    assert set(result.verdicts) == {f.id for f in ssm.fragments()}
    assert result.verdicts["f10"] is None
    assert "step 4" in result.verdicts["f17"]
    assert "not placed yet" in result.verdicts["f01"]
    with language("zh"):
        assert "第4步" in ssm.check_placement({"f17": (3, "stage")}).verdicts["f17"]


def test_place_labels_in_both_languages():
    assert ssm.place_label(3, "seller", "en") == "Step 3 · seller's step"
    assert ssm.place_label(3, "stage", "zh") == "第3步 · 达到的阶段"


# --- terms, example, money ----------------------------------------------------------------


def test_chinese_labels_use_the_course_terms():
    ui = ssm.data().ui
    assert ui["probability"].zh == "赢率" and ui["claimed_probability"].zh == "自报赢率"
    texts = [t.zh for t in ui.values()]
    for s in ssm.steps():
        texts += [a.zh for a in s.activities] + [o.text.zh for o in s.outcomes]
        texts += [i.zh for i in s.internal]
    texts += [b.zh for b in ssm.data().benefits]
    joined = "\n".join(texts)
    for wrong in ("获胜机率", "声称", "机会计划", "参考客户", "赢单率"):
        assert wrong not in joined, wrong


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_example_is_the_same_deal_in_both_languages(lang):
    opp = ssm.example(lang)
    en = ssm.example("en")
    assert opp.current_step == en.current_step == 4 and opp.value == 2_400_000
    assert set(opp.evidence) == set(en.evidence)
    assert [h.on for h in opp.history] == [h.on for h in en.history]
    assert opp.evidence["s1_plan_reviewed"].complete()
    assert ssm.replay(opp.history) == (opp.current_step, opp.status)


def test_example_is_true_for_2013():
    """No single provincial tax bureau in 2013: the state (国税) and local (地税) bureaus."""
    zh, en = ssm.example("zh"), ssm.example("en")
    assert "地税" in zh.name and "地方税务局" in zh.customer
    assert "local-tax bureau" in en.name.lower()
    text = str(ssm.example_data("zh")) + str(ssm.example_data("en"))
    assert "省税务局" not in text and "Provincial Tax Bureau (" not in text
    assert "市场监管" not in text and "铁塔" not in text


def test_money_reads_as_rmb():
    """The IBM tools show money in the house style (core.display), as pipelines hold it."""
    assert money(2_400_000, "en") == "RMB 2,400,000"
    assert money(2_400_000, "zh") == "240万元"
    assert money(20_742_500, "zh") == "2074.25万元"
    assert money(None, "en") == "—" and money(float("nan"), "zh") == "—"


# --- persistence, report, history -------------------------------------------------------


def test_save_load_round_trip_tolerates_unknown_fields(work_dir):
    opp = ssm.example()
    path = opp.save()
    assert path.name.startswith("opportunity-")
    again = ssm.Opportunity.load(path)
    assert again == opp
    data = opp.to_data() | {"future_field": 1}
    data["evidence"] = {**data["evidence"], "s9_unknown": {"what": "x"}}
    assert ssm.Opportunity.from_data(data) == opp
    assert storage.read(path, "opportunity")["name"] == opp.name


def test_report_escapes_and_exports(work_dir):
    opp = ssm.Opportunity.new(D, name="<script>alert(1)</script>", customer="=HYPERLINK(1)")
    rep = opp.to_report(on=D)
    html = report.to_html(rep)
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = report.to_markdown(rep)
    assert "\\<script\\>" in md
    path = report.to_docx(rep, work_dir / "x.docx")
    assert path.exists()
    with language("zh"):
        assert "历史记录" in report.to_markdown(opp.to_report())


def test_example_history_replays_to_its_state():
    opp = ssm.example()
    assert ssm.replay(opp.history) == (opp.current_step, opp.status)


# --- property: no sequence of actions reaches a step without its evidence ---------------

OUTCOMES = [o.id for s in ssm.data().steps for o in s.outcomes]
actions = st.one_of(
    st.tuples(st.just("evidence"), st.sampled_from(OUTCOMES), st.booleans(), st.booleans(),
              st.booleans()),
    st.tuples(st.just("advance")),
    st.tuples(st.just("back")),
    st.tuples(st.just("walk_away"), st.sampled_from(["", "no budget"])),
    st.tuples(st.just("lost")),
    st.tuples(st.just("won")),
    st.tuples(st.just("reopen")),
    st.tuples(st.just("claim"), st.sampled_from([None, 0.1, 0.5, 0.9])),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(actions, st.integers(0, 3)), max_size=80))
def test_no_sequence_of_actions_skips_evidence(plan):
    opp = ssm.Opportunity.new(D)
    day = D
    for action, gap in plan:
        day += timedelta(days=gap)
        before = (opp.current_step, opp.status, len(opp.history))
        try:
            kind = action[0]
            if kind == "evidence":
                _, oid, what, when, who = action
                opp.set_evidence(oid, day, what="x" if what else "", when=day if when else None,
                                 who="y" if who else "")
            elif kind == "advance":
                opp.advance(day)
            elif kind == "back":
                opp.back(day)
            elif kind == "walk_away":
                opp.walk_away(day, action[1])
            elif kind == "lost":
                opp.mark_lost(day)
            elif kind == "won":
                opp.mark_won(day)
            elif kind == "reopen":
                opp.reopen(day)
            else:
                opp.claim(action[1], day)
        except ssm.Refused:
            # a refusal changes nothing
            assert (opp.current_step, opp.status, len(opp.history)) == before
        # every completed step has complete evidence for every outcome
        for n in range(1, min(opp.current_step, ssm.DONE)):
            assert opp.missing(n, on=day) == [], (n, opp.current_step)
        # the evidence supports at least the recorded step
        assert opp.classification(day).steps_done >= opp.current_step - 1
        # a step or status change never happens without a history entry
        if (opp.current_step, opp.status) != before[:2]:
            assert len(opp.history) == before[2] + 1
        assert ssm.replay(opp.history) == (opp.current_step, opp.status)
        assert opp.status != "won" or opp.current_step >= 7


# --- reopening, decisions in the history, one entry per evidence edit ------------------------


def test_reopen_is_a_recorded_decision_with_its_date_and_reason():
    opp = ssm.Opportunity.new(D, claimed_probability=0.5)
    fill(opp, 1, D)
    opp.advance(D)
    opp.walk_away(D + timedelta(1), "No budget this year")
    assert not opp.can_advance(D + timedelta(2)).ok
    assert "press Reopen" in opp.can_advance(D + timedelta(2)).reason("en")
    assert opp.can_reopen(D).refusal.code == "date_before_last"
    opp.reopen(D + timedelta(30), "  The budget was approved  ")
    last = opp.history[-1]
    assert (last.action, last.on, last.detail) == ("reopen", D + timedelta(30),
                                                   "The budget was approved")
    assert (last.from_step, last.to_step, last.status) == (2, 2, "open")
    assert opp.status == "open" and opp.status_reason == "" and opp.current_step == 2
    assert ssm.replay(opp.history) == (2, "open")
    with pytest.raises(ssm.Refused) as info:
        opp.reopen(D + timedelta(31))
    assert info.value.code == "not_closed"


def test_a_won_deal_is_not_offered_reopen():
    opp = ssm.Opportunity.new(D)
    for n in range(1, 7):
        fill(opp, n, D)
        opp.advance(D)
    assert opp.status == "won"
    assert opp.can_reopen(D).refusal.code == "not_closed"
    assert opp.can_close(D).refusal.code == "is_won"


@pytest.mark.parametrize("close", ["walk_away", "lost"])
def test_history_rows_name_decisions_not_step_to_same_step(close):
    opp = ssm.Opportunity.new(D)
    fill(opp, 1, D)
    opp.advance(D)
    getattr(opp, "walk_away" if close == "walk_away" else "mark_lost")(D, "Courier won")
    opp.reopen(D, "The customer came back")
    rows = ssm.history_rows(opp, "en")
    assert ssm.history_columns("en") == ["Date", "Action", "Step", "Status", "Detail"]
    assert [r[1:4] for r in rows if r[1] != "evidence"] == [
        ["created", "Step 1", "Open"], ["advanced", "Step 1 → Step 2", "Open"],
        [{"walk_away": "walked away", "lost": "lost"}[close], "Step 2",
         {"walk_away": "Walked away", "lost": "Lost"}[close]],
        ["reopened", "Step 2", "Open"]]
    assert rows[-1][4] == "The customer came back"
    assert all("Step 2 → Step 2" not in " ".join(r) for r in rows)
    said = ssm.decision_message(opp.history[-2], "en")
    assert said.startswith(f"{'You walked away' if close == 'walk_away' else 'Marked lost'} "
                           "at step 2.") and "Reason: Courier won" in said
    assert ssm.decision_message(opp.history[-1], "zh").startswith("已在第2步重新打开")
    md = report.to_markdown(opp.to_report(D, "en"))
    assert "reopened" in md and "Step 1 → Step 2" in md


def test_no_probability_warning_on_a_closed_opportunity():
    opp = ssm.Opportunity.new(D, claimed_probability=0.6)
    opp.set_evidence("s1_plan_reviewed", D, what="x", when=D, who="y")
    assert [n.code for n in opp.warnings(D)] == ["overclaim"]
    opp.walk_away(D, "No compelling reason")
    assert opp.warnings(D) == []
    opp.reopen(D)
    assert [n.code for n in opp.warnings(D)] == ["overclaim"]


def test_consecutive_edits_of_one_evidence_item_are_one_history_entry():
    opp = ssm.Opportunity.new(D)
    for what, when, who in [("E", None, ""), ("Evaluation plan", None, ""),
                            ("Evaluation plan", date(2, 3, 1), ""),
                            ("Evaluation plan", date(201, 3, 1), ""),
                            ("Evaluation plan", D, ""), ("Evaluation plan", D, "IT office")]:
        opp.set_evidence("s1_plan_reviewed", D, what=what, when=when, who=who)
    assert [(h.action, h.detail) for h in opp.history] == [
        ("created", ""), ("evidence", "s1_plan_reviewed")]
    opp.set_evidence("s1_key_people", D, what="Meeting", when=D, who="Head")
    opp.set_evidence("s1_plan_reviewed", D, what="Evaluation plan signed", when=D, who="IT")
    opp.add_note(D, "a note")
    opp.set_evidence("s1_plan_reviewed", D, what="Evaluation plan, signed", when=D, who="IT")
    opp.set_evidence("s1_plan_reviewed", D + timedelta(1), what="Plan", when=D, who="IT")
    assert [h.detail or h.action for h in opp.history] == [
        "created", "s1_plan_reviewed", "s1_key_people", "s1_plan_reviewed", "note",
        "s1_plan_reviewed", "s1_plan_reviewed"]  # another date of action: another session


def test_describe_gives_title_and_progress_and_the_kind_is_registered():
    assert ssm.describe(ssm.example_data("en"), "en") == (
        "Provincial local-tax bureau — invoice delivery", "Step 4 · Validated")
    opp = ssm.example("zh")
    opp.walk_away(date(2013, 7, 3), "快递公司报价更低")
    assert ssm.describe(opp.to_data(), "zh") == ("省地税局发票配送项目", "第4步 · 证实 · 选择放弃")
    kind = storage.KINDS["opportunity"]
    assert kind.label("en") == "Opportunity (IBM's seven steps)"
    assert kind.label("zh") == "商机（IBM七个销售步骤）"
    assert kind.describe is ssm.describe
