"""The review of an opportunity: what a pipeline review asks of the evidence.

The opportunity model already refuses moves without evidence; these rules read what it holds —
a saved or handed-in file included — as a manager would: the claim against the evidence, its
age, who at the customer confirmed it, a win without the contract, a burst of steps in one day.
Dates are measured at `on` (default: the opportunity's last recorded change): no hidden clock.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from salestrain.core.display import date as date_text
from salestrain.core.display import percent
from salestrain.ibm import ssm
from salestrain.review.content import text, threshold
from salestrain.review.findings import Finding, finding


def review_opportunity(opp: ssm.Opportunity, lang: str, on: date | None = None) -> list[Finding]:
    """Every finding of the opportunity rules, in the rules' order."""
    on = on or opp.last_date()
    out: list[Finding] = []

    def add(rule: str, path: str = "", label: str = "", **fields: object) -> None:
        out.append(finding(rule, lang, path, label, **fields))

    supported = opp.probability()
    if (not opp.closed and opp.claimed_probability is not None
            and opp.claimed_probability > supported + 1e-9):
        add("opp.overclaim", "claimed_probability", ssm.ui("claimed_probability", lang),
            claimed=percent(opp.claimed_probability, lang), supported=percent(supported, lang),
            stage=ssm.stage_name(opp.stage, lang))
    newest = opp.newest_evidence()
    if opp.status == "open" and newest is not None and on is not None:
        days = (on - newest).days
        if days > threshold("stale_days"):
            add("opp.stale_evidence", "", "", days=days, when=date_text(newest, lang))
    for outcome_id, evidence in opp.evidence.items():
        if evidence.what.strip() and not evidence.who.strip():
            name = ssm.outcome(outcome_id)[1].text(lang)
            add("opp.evidence_without_who", f"evidence.{outcome_id}.who",
                text("evidence_who", lang, outcome=name), outcome=name)
    if opp.status == "won":
        missing = opp.missing(6)
        if missing:
            name = ssm.outcome(missing[0])[1].text(lang)
            add("opp.won_without_contract", f"evidence.{missing[0]}.what", name)
    moves: dict[date, list[ssm.HistoryEntry]] = defaultdict(list)
    for entry in opp.history:
        if entry.action in ("advance", "won", "back") and entry.to_step != entry.from_step:
            moves[entry.on].append(entry)
    for day, entries in moves.items():
        steps = sum(e.to_step - e.from_step for e in entries)
        if steps >= threshold("jump_steps"):
            add("opp.step_jump", "history", text("history", lang), day=date_text(day, lang),
                steps=steps, start=entries[0].from_step, end=entries[-1].to_step)
    if (opp.status == "open" and opp.expected_close is not None and on is not None
            and opp.expected_close < on):
        add("opp.close_date_passed", "expected_close", ssm.ui("expected_close", lang),
            when=date_text(opp.expected_close, lang))
    return out


def completeness(opp: ssm.Opportunity) -> int:
    """How far the opportunity is described and walked (0–100), for the rubric: its details,
    a claimed probability, and evidence of step 1 or a decision to stop with its reason —
    stopping early with a reason counts as much as a long walk."""
    checks = [bool(opp.name.strip()), bool(opp.customer.strip()), opp.value is not None,
              opp.expected_close is not None, bool(opp.owner.strip()),
              opp.claimed_probability is not None or opp.closed,
              opp.current_step > 1 or (opp.closed and bool(opp.status_reason.strip()))]
    return round(100 * sum(checks) / len(checks))
