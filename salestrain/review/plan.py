"""The review of an HP industry plan: the questions a supervisor asks in the review meeting.

Each rule reads the plan (and its derived figures) and returns findings on the fields concerned;
the thresholds come from `content.yaml`. The plan is a draft: a rule that needs a figure the
trainee has not typed yet stays silent.
"""

from __future__ import annotations

from salestrain.core.display import money, percent
from salestrain.hp.content import label
from salestrain.hp.plan import IndustryPlan, field_label
from salestrain.review.content import text, threshold, threshold_text
from salestrain.review.findings import Finding, finding

EPSILON = 1e-9


def review_plan(plan: IndustryPlan, lang: str) -> list[Finding]:
    """Every finding of the plan rules, in the rules' order."""
    out: list[Finding] = []

    def add(rule: str, path: str = "", **fields: object) -> None:
        out.append(finding(rule, lang, path, field_label(path, lang) if path else "", **fields))

    # our sales above the customer's purchases
    for i, year in enumerate(plan.sales_history):
        share = year.share_of_wallet
        if share is not None and share > 1 + EPSILON:
            add("plan.share_over_100", f"sales_history.{i}.our_sales",
                year=year.year or text("unnamed_row", lang, n=i + 1),
                ours=money(year.our_sales, lang), total=money(year.customer_purchases, lang),
                share=percent(share, lang))
    # targets that changed without a reason
    targets = plan.targets
    before = targets.proposed.value
    for stage in ("negotiated", "mid_year"):
        target = getattr(targets, stage)
        if (target.value is not None and before is not None
                and abs(target.value - before) > EPSILON and not target.reason.strip()):
            add("plan.target_changed_without_reason", f"targets.{stage}.reason",
                stage=label("targets", stage, lang), value=money(target.value, lang),
                before_value=money(before, lang))
        if target.value is not None:
            before = target.value
    # a target far above the account's growth, with no reason
    derived = plan.derived()
    if (derived.target_growth is not None and derived.cagr is not None
            and derived.target_growth - derived.cagr > threshold("target_growth_margin")
            and not targets.proposed.reason.strip()):
        add("plan.target_far_above_growth", "targets.proposed.reason",
            target_growth=percent(derived.target_growth, lang),
            cagr=percent(derived.cagr, lang))
    # share of wallet falling while the target rises
    shares = [s for s in derived.share_of_wallet if s is not None]
    if (len(shares) >= 2 and shares[-1] < shares[0] - 0.001
            and derived.target_growth is not None and derived.target_growth > 0):
        add("plan.share_falling_target_rising", "share_reasons",
            first=percent(shares[0], lang), last=percent(shares[-1], lang),
            target_growth=percent(derived.target_growth, lang))
    # threats first
    swot = plan.swot
    if not swot.threats.strip():
        rule = ("plan.threats_after_opportunities" if swot.opportunities.strip()
                else "plan.no_threats")
        add(rule, "swot.threats")
    # product lines: a gap and an action each
    for i, line in enumerate(plan.product_lines):
        if not any(str(getattr(line, f) or "").strip() for f in ("product", "gap", "action")):
            continue
        missing = [f for f in ("gap", "action") if not getattr(line, f).strip()]
        if missing:
            add("plan.product_line_incomplete", f"product_lines.{i}.{missing[0]}",
                product=line.product.strip() or text("unnamed_row", lang, n=i + 1),
                missing=_and([text(f"missing_{f}", lang) for f in missing], lang))
    # executive visits: purpose, date and counterpart
    for i, visit in enumerate(plan.executive_visits):
        if not any(getattr(visit, f).strip() for f in ("who", "with_whom", "when", "purpose")):
            continue
        missing = [f for f in ("purpose", "when", "with_whom") if not getattr(visit, f).strip()]
        if missing:
            add("plan.visit_incomplete", f"executive_visits.{i}.{missing[0]}", n=i + 1,
                missing=_and([text(f"missing_{f}", lang) for f in missing], lang))
    # marketing events: a budget each, in proportion to the target
    for i, event in enumerate(plan.marketing_events):
        if event.name.strip() and event.budget is None:
            add("plan.event_budget_missing", f"marketing_events.{i}.budget",
                event=event.name.strip())
    target = targets.negotiated.value if targets.negotiated.value is not None \
        else targets.proposed.value
    limit = threshold("event_budget_max_share")
    if derived.events_budget and target and derived.events_budget / target > limit + EPSILON:
        first = next(i for i, e in enumerate(plan.marketing_events) if e.budget is not None)
        add("plan.events_out_of_proportion", f"marketing_events.{first}.budget",
            budget=money(derived.events_budget, lang), target=money(target, lang),
            share=percent(derived.events_budget / target, lang),
            limit=threshold_text("event_budget_max_share", lang))
    # own weak points
    if not plan.own_weak_points.strip():
        add("plan.no_weak_points", "own_weak_points")
    # a share without its reasons
    if shares and not plan.share_reasons.strip():
        add("plan.share_reasons_missing", "share_reasons")
    return out


def _and(items: list[str], lang: str) -> str:
    return text("list_and", lang).join(items)
