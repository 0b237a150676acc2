"""The opportunity walker's Review panel: the worked example's over-claim is a warning; a claim
the evidence supports clears it; a finding on a field puts the cursor there."""

from __future__ import annotations

from datetime import date

from salestrain.core.i18n import language
from salestrain.ibm.widgets.opportunity_walker import OpportunityWalker

ON = date(2013, 7, 2)


def test_the_review_follows_the_claim(work_dir):
    wk = OpportunityWalker(today=ON)
    assert wk.review.rules == ["opp.overclaim"]
    assert wk.review.findings[0].severity == "warning"
    wk.claimed.control.value = "25 %"
    assert wk.review.rules == []
    assert "Nothing for the reviewer" in wk.review.header.value


def test_a_finding_puts_the_cursor_in_its_field(work_dir):
    wk = OpportunityWalker(today=ON)
    calls = []
    wk.claimed.control.focus = lambda: calls.append("claimed")
    wk.review.go("claimed_probability")
    assert calls == ["claimed"]
    outcome = next(iter(wk.evidence_fields))
    what, _when, who, _state = wk.evidence_fields[outcome]
    who.focus = lambda: calls.append("who")
    who.value = ""  # the evidence no longer names who at the customer confirmed it
    assert f"evidence.{outcome}.who" in wk.review.buttons
    wk.review.go(f"evidence.{outcome}.who")
    assert calls[-1] == "who"


def test_the_review_is_judged_on_the_walker_date(work_dir):
    wk = OpportunityWalker(today=ON)
    wk.today.control.value = date(2014, 1, 1)
    assert "opp.stale_evidence" in wk.review.rules
    assert "opp.close_date_passed" in wk.review.rules
    with language("zh"):
        zh = OpportunityWalker(today=ON, lang="zh")
    assert "自报赢率" in zh.review.items.children[0].value
