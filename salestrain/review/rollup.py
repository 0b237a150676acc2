"""The review across a class, for `salestrain collect`: per trainee the findings by severity,
the top ones and the rubric score (beside an empty column for the instructor's own mark), and a
class view of the rules that fire most — what to re-teach tomorrow.

`collect` reads the folder; this module only adds columns to its rows and a section to its
report, so the roll-up stays one table per trainee.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Protocol

from salestrain.core import report
from salestrain.core.i18n import get_language
from salestrain.hp.plan import IndustryPlan
from salestrain.ibm.ssm import Opportunity
from salestrain.postal.canvas import SystemCanvas
from salestrain.review.content import review_content, text
from salestrain.review.findings import Finding, counts
from salestrain.review.rubric import score
from salestrain.review.work import PARTS, Capstone, review_capstone

TOP = 3


class Work(Protocol):
    """What the roll-up holds per trainee (`collect.Submission`)."""

    trainee: str
    plan: IndustryPlan | None
    opportunity: Opportunity | None
    canvas: SystemCanvas | None


def capstone_of(sub: Work) -> Capstone:
    """The trainee's pieces as one capstone (an empty piece where one is missing)."""
    return Capstone(sub.plan or IndustryPlan(), sub.opportunity or Opportunity(),
                    sub.canvas or SystemCanvas(), sub.trainee)


def findings_of(sub: Work, lang: str) -> list[Finding]:
    """The review of what the trainee handed in: a missing piece has no findings of its own
    (the roll-up already says it is missing)."""
    present = {p for p in PARTS if getattr(sub, p) is not None}
    return [f for f in review_capstone(capstone_of(sub), lang)
            if f.field.split("/", 1)[0] in present or f.rule.startswith("capstone.")]


def columns(lang: str | None = None) -> list[str]:
    """The columns the review adds to the roll-up's table."""
    lang = lang or get_language()
    return [text(k, lang) for k in ("col_errors", "col_warnings", "col_tips", "col_top",
                                    "col_rubric", "col_mark")]


def cells(sub: Work, lang: str | None = None,
          findings: list[Finding] | None = None) -> list[object]:
    """One trainee's review cells: counts by severity, top findings, rubric score, '' (the
    instructor's mark, to be filled in by hand)."""
    lang = lang or get_language()
    if findings is None:
        findings = findings_of(sub, lang)
    n = counts(findings)
    top = " | ".join(f.line(lang) for f in findings[:TOP])
    rubric = score(capstone_of(sub), findings).total
    return [n["error"], n["warning"], n["tip"], top, rubric, ""]


def class_rows(all_findings: Iterable[list[Finding]],
               lang: str | None = None) -> list[list[object]]:
    """The rules that fired, most trainees first: rule, work, severity, trainees, times, why."""
    lang = lang or get_language()
    trainees: Counter[str] = Counter()
    times: Counter[str] = Counter()
    for findings in all_findings:
        rules = [f.rule for f in findings]
        times.update(rules)
        trainees.update(set(rules))
    rules = review_content().rules
    order = sorted(times, key=lambda r: (-trainees[r], -times[r], r))
    return [[rules[r].title(lang), text(f"work_{rules[r].work}", lang),
             text(f"severity_{rules[r].severity}", lang), trainees[r], times[r],
             rules[r].why(lang), r] for r in order]


def class_columns(lang: str | None = None) -> list[str]:
    lang = lang or get_language()
    return [text(k, lang) for k in ("col_rule", "col_work", "col_severity", "col_count",
                                    "col_fired", "why", "col_rule_id")]


def class_section(subs: Iterable[Work], lang: str | None = None) -> report.Section:
    """The class view as a report section (what to re-teach tomorrow)."""
    lang = lang or get_language()
    rows = class_rows((findings_of(s, lang) for s in subs), lang)
    title = text("class_title", lang)
    paras = [] if rows else [text("class_none", lang)]
    return report.Section(title, paras, [report.Table(title, class_columns(lang), rows)])


def class_view(subs: Iterable[Work], lang: str | None = None):
    """The class view for a notebook: the rules that fire most across `subs`."""
    from salestrain.core.html import HTMLView, escape, table

    lang = lang or get_language()
    section = class_section(subs, lang)
    tab = section.tables[0]
    html = (f"<div class='st-card'><h4>{escape(section.heading)}</h4>"
            + "".join(f"<p>{escape(p)}</p>" for p in section.paragraphs)
            + table(tab.columns[:6], [r[:6] for r in tab.rows]) + "</div>")
    plain = "\n".join([section.heading, *section.paragraphs,
                       *(" | ".join(str(c) for c in r[:5]) for r in tab.rows)])
    return HTMLView(html, plain)
