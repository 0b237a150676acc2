"""`review(work)`: the sales manager's review of any piece of a trainee's work.

Accepts an industry plan, an opportunity, a design canvas, a bonus design, a capstone (the three
pieces together) or the path of a saved work or capstone file, and returns its findings, errors
first. It never raises on work the models accept: a rule that needs a missing figure is silent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from salestrain.core import storage
from salestrain.core.html import HTMLView, escape, table
from salestrain.core.i18n import get_language
from salestrain.hp.plan import IndustryPlan
from salestrain.ibm import ssm
from salestrain.postal.canvas import CAPSTONE_KIND, SystemCanvas
from salestrain.postal.rules import BonusResult
from salestrain.review.canvas import review_bonus, review_canvas
from salestrain.review.content import review_content, text, threshold_text
from salestrain.review.findings import Finding, finding, ordered
from salestrain.review.opportunity import review_opportunity
from salestrain.review.plan import review_plan

PARTS = ("plan", "opportunity", "canvas")


@dataclass
class Capstone:
    """The three pieces a trainee hands in, reviewed together."""

    plan: IndustryPlan
    opportunity: ssm.Opportunity
    canvas: SystemCanvas
    trainee: str = ""

    @classmethod
    def from_data(cls, data: dict) -> Capstone:
        """From a capstone file's data (what `export_capstone` writes)."""
        return cls(IndustryPlan.from_dict(data.get("plan") or {}),
                   ssm.Opportunity.from_data(data.get("opportunity") or {}),
                   SystemCanvas.from_dict(data.get("canvas") or {}),
                   str(data.get("trainee") or ""))


def review(work: object, lang: str | None = None, *, on: date | None = None) -> list[Finding]:
    """The findings on `work`, errors first, in `lang` (default: the course language).

    `work` is an `IndustryPlan`, an `Opportunity`, a `SystemCanvas`, a `BonusResult`, a
    `Capstone`, or the path of a saved file of one of these kinds (or of a capstone). `on` is
    the date an opportunity is judged at (default: its last recorded change).
    """
    lang = lang or get_language()
    if isinstance(work, (str, Path)):
        work = load(work)
    if isinstance(work, IndustryPlan):
        return ordered(review_plan(work, lang))
    if isinstance(work, ssm.Opportunity):
        return ordered(review_opportunity(work, lang, on))
    if isinstance(work, SystemCanvas):
        return ordered(review_canvas(work, lang))
    if isinstance(work, BonusResult):
        return ordered(review_bonus(work, lang))
    if isinstance(work, Capstone):
        return review_capstone(work, lang, on)
    kinds = "IndustryPlan, Opportunity, SystemCanvas, BonusResult, Capstone or a saved file"
    raise TypeError(f"review() reads a {kinds}, not a {type(work).__name__}")


def load(path: str | Path) -> object:
    """The work in a saved file (plan, opportunity, canvas or capstone), by the kind it holds."""
    path = Path(path)
    doc = storage.parse_envelope(path.read_bytes(), path.name)
    kind = doc["salestrain"]
    data = storage.envelope_data(doc, path.name, kind)
    if kind == IndustryPlan.KIND:
        return IndustryPlan.from_dict(data)
    if kind == ssm.KIND:
        return ssm.Opportunity.from_data(data)
    if kind == SystemCanvas.KIND:
        return SystemCanvas.from_dict(data)
    if kind == CAPSTONE_KIND:
        return Capstone.from_data(data)
    raise storage.ForeignFileError(f"{path.name} holds a {kind!r}, which the review does not "
                                   f"read: review a plan, an opportunity, a canvas or a capstone")


def review_capstone(capstone: Capstone, lang: str, on: date | None = None) -> list[Finding]:
    """The three pieces' findings (fields prefixed with the piece: "plan/targets…") and the
    rules over the whole submission, errors first."""
    out: list[Finding] = []
    pieces = {"plan": review_plan(capstone.plan, lang),
              "opportunity": review_opportunity(capstone.opportunity, lang, on),
              "canvas": review_canvas(capstone.canvas, lang)}
    for part, found in pieces.items():
        name = text(f"work_{part}", lang)
        for f in found:
            label = f"{name} — {f.field_label}" if f.field_label else name
            out.append(Finding(f.rule, f.severity, f"{part}/{f.field}" if f.field else part,
                               label, f.message, f.why, f.fix))
    examples = {"plan": {IndustryPlan.example(lg).title.strip() for lg in ("en", "zh")},
                "opportunity": {ssm.example(lg).name.strip() for lg in ("en", "zh")},
                "canvas": {SystemCanvas.example(lg).title.strip() for lg in ("en", "zh")}}
    titles = {"plan": capstone.plan.title, "opportunity": capstone.opportunity.name,
              "canvas": capstone.canvas.title}
    for part in PARTS:
        if titles[part].strip() and titles[part].strip() in examples[part]:
            out.append(finding("capstone.example_handed_in", lang, part,
                               text(f"work_{part}", lang), part=text(f"part_{part}", lang)))
    targets = capstone.plan.targets
    target = targets.negotiated.value if targets.negotiated.value is not None \
        else targets.proposed.value
    value = capstone.opportunity.value
    if value is not None and target and value > target:
        from salestrain.core.display import money

        out.append(finding("capstone.opportunity_above_target", lang, "opportunity/value",
                           text("work_opportunity", lang), value=money(value, lang),
                           target=money(target, lang)))
    return ordered(out)


def rules_table(lang: str | None = None) -> HTMLView:
    """Every rule with what it reviews, its severity, its threshold and what it says."""
    lang = lang or get_language()
    data = review_content()
    cols = [text(k, lang) for k in ("col_rule", "col_work", "col_severity", "col_threshold",
                                    "why")]
    rows = []
    for rule in data.rules.values():
        limits = "; ".join(f"{data.thresholds[t].label(lang)}: {threshold_text(t, lang)}"
                           for t in rule.thresholds) or text("no_threshold", lang)
        rows.append([rule.title(lang), text(f"work_{rule.work}", lang),
                     text(f"severity_{rule.severity}", lang), limits, rule.why(lang)])
    title = text("rules_title", lang)
    note = text("rules_note", lang)
    html = (f"<div class='st-card'><h4>{escape(title)}</h4><p class='st-muted'>{escape(note)}"
            f"</p>{table(cols, rows)}</div>")
    plain = "\n".join([title, note, *(" | ".join(r) for r in rows)])
    return HTMLView(html, plain)
