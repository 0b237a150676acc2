"""The review of the design canvas and of a bonus design (Module 2).

Canvas: a part left empty, and the cross-sell rule — every customer segment opened by one lead
business — broken. Bonus design (`postal.rules.bonus`): dual-track credit whose cost of counting
new business twice passes the share set in `content.yaml`.
"""

from __future__ import annotations

from salestrain.core.display import money, percent
from salestrain.postal.canvas import SystemCanvas
from salestrain.postal.content import postal
from salestrain.postal.rules import BonusResult
from salestrain.review.content import text, threshold, threshold_text
from salestrain.review.findings import Finding, finding


def review_canvas(canvas: SystemCanvas, lang: str) -> list[Finding]:
    """Every finding of the canvas rules, in the rules' order."""
    out: list[Finding] = []
    data = postal()
    for part in data.canvas_parts:
        paths = [f"{part.id}.{f.id}" for f in part.fields]
        if not any(canvas.answers.get(p, "").strip() for p in paths):
            out.append(finding("canvas.part_empty", lang, paths[0], part.label(lang),
                               part=part.label(lang)))
    matrix = canvas.cross_sell
    if matrix.cells:
        for segment in data.customer_segments:
            if matrix.businesses(segment.id, "lead"):
                continue
            rule = ("canvas.follow_without_lead" if matrix.businesses(segment.id, "follow")
                    else "canvas.segment_unled")
            name = segment.name(lang)
            out.append(finding(rule, lang, f"matrix.{segment.id}",
                               text("matrix_segment", lang, segment=name), segment=name))
    return out


def review_bonus(result: BonusResult, lang: str) -> list[Finding]:
    """The bonus rule: the cost of dual-track credit against the share the unit accepts."""
    if not result.dual_track or result.new_business <= 0:
        return []
    share = result.unit_pay / result.new_business
    if share <= threshold("double_count_max_share") + 1e-9:
        return []
    return [finding("bonus.double_count_cost", lang, "unit_rate", text("bonus_unit_rate", lang),
                    cost=money(result.unit_pay, lang), share=percent(share, lang),
                    limit=threshold_text("double_count_max_share", lang))]
