"""Capstone scores from the rubric the instructor edits (`rubric.yaml`).

A criterion's score starts from the completeness of the piece it names (100 when it names none)
and loses the rubric's penalty for each finding of its rules, never below 0; the total is the
weighted mean. It is a first reading for the instructor, who marks beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from salestrain.core.display import percent
from salestrain.core.html import HTMLView, escape, table
from salestrain.core.i18n import get_language
from salestrain.review import opportunity
from salestrain.review.content import Criterion, review_content, rubric, text
from salestrain.review.findings import Finding
from salestrain.review.work import Capstone, review_capstone


@dataclass(frozen=True)
class CriterionScore:
    id: str
    weight: int
    score: int
    findings: int


@dataclass(frozen=True, repr=False)
class RubricScore:
    """A capstone's score per criterion and in total (0–100)."""

    criteria: list[CriterionScore]
    total: int

    def view(self, lang: str | None = None) -> HTMLView:
        lang = lang or get_language()
        names = {c.id: c.criterion(lang) for c in rubric().criteria}
        cols = [text(k, lang) for k in ("col_criterion", "col_weight", "col_score")]
        rows = [[names[c.id], percent(c.weight / 100, lang), c.score] for c in self.criteria]
        head = text("rubric_total", lang, score=self.total)
        note = text("rubric_note", lang)
        html = (f"<div class='st-card'><h4>{escape(head)}</h4><p class='st-muted'>"
                f"{escape(note)}</p>{table(cols, rows)}</div>")
        plain = "\n".join([head, *(f"- {r[0]} ({r[1]}): {r[2]}" for r in rows)])
        return HTMLView(html, plain)

    def _repr_html_(self) -> str:
        return self.view()._repr_html_()

    def __repr__(self) -> str:
        return repr(self.view())


def completeness(capstone: Capstone, part: str | None) -> int:
    if part == "plan":
        return capstone.plan.completeness().score
    if part == "canvas":
        return capstone.canvas.completeness().score
    if part == "opportunity":
        return opportunity.completeness(capstone.opportunity)
    return 100


def criterion_score(criterion: Criterion, capstone: Capstone,
                    findings: list[Finding]) -> CriterionScore:
    penalty = rubric().penalty
    mine = [f for f in findings if f.rule in criterion.rules]
    raw = completeness(capstone, criterion.completeness) - sum(penalty[f.severity] for f in mine)
    return CriterionScore(criterion.id, criterion.weight, max(0, round(raw)), len(mine))


def score(capstone: Capstone, findings: list[Finding] | None = None) -> RubricScore:
    """The capstone's rubric score; `findings` (its review) is computed when not given."""
    if findings is None:
        findings = review_capstone(capstone, get_language())
    parts = [criterion_score(c, capstone, findings) for c in rubric().criteria]
    total = round(sum(c.weight * c.score for c in parts) / sum(c.weight for c in parts))
    return RubricScore(parts, total)


def feeds(criterion: Criterion, lang: str, ids: bool = False) -> str:
    """What a criterion's score is computed from: the part's completeness and the rules by
    their titles (with `ids`, each title followed by its id in rubric.yaml, for the guide)."""
    out = []
    if criterion.completeness:
        out.append(text("feeds_completeness", lang,
                        part=text(f"part_{criterion.completeness}", lang)))
    if criterion.rules:
        rules = review_content().rules
        names = [rules[r].title(lang) + (f" (`{r}`)" if ids else "") for r in criterion.rules]
        out.append(text("feeds_rules", lang, rules=text("rules_sep", lang).join(names)))
    sep = "；" if lang == "zh" else "; "
    return sep.join(out) or text("feeds_none", lang)


def rubric_table(lang: str | None = None) -> HTMLView:
    """The rubric: criteria, weights and what each score is computed from."""
    lang = lang or get_language()
    cols = [text(k, lang) for k in ("col_criterion", "col_weight", "col_feeds")]
    rows = [[c.criterion(lang), percent(c.weight / 100, lang), feeds(c, lang)]
            for c in rubric().criteria]
    title = text("rubric_title", lang)
    return HTMLView(f"<div class='st-card'><h4>{escape(title)}</h4>{table(cols, rows)}</div>",
                    "\n".join([title, *(" | ".join(r) for r in rows)]))
