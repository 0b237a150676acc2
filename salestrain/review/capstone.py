"""The capstone submission with the reviewer's notes: the Word document gains a section listing
every finding and the rubric score, the JSON file the findings and the scores, so the trainee
hands in what the reviewer saw and the instructor reads it beside their own mark."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from salestrain.core import report, storage
from salestrain.core.display import percent
from salestrain.core.i18n import get_language
from salestrain.hp.plan import IndustryPlan, clean
from salestrain.ibm.ssm import Opportunity
from salestrain.postal import canvas as postal_canvas
from salestrain.review.content import rubric, text
from salestrain.review.findings import Finding
from salestrain.review.rubric import RubricScore, score
from salestrain.review.work import Capstone, review_capstone


def review_section(findings: list[Finding], scores: RubricScore, lang: str) -> report.Section:
    """The reviewer's notes and the rubric score as one section of a document."""
    cols = [text(k, lang) for k in ("col_severity", "field", "why", "fix")]
    cols[2] = text("col_top", lang)
    rows = [[text(f"severity_{f.severity}", lang), clean(f.field_label), clean(f.message),
             f.fix] for f in findings]
    names = {c.id: c.criterion(lang) for c in rubric().criteria}
    score_rows = [[names[c.id], percent(c.weight / 100, lang), c.score]
                  for c in scores.criteria]
    paras = [text("rubric_total", lang, score=scores.total), text("rubric_note", lang)]
    if not findings:
        paras.insert(0, text("panel_none", lang))
    return report.Section(text("review_capstone", lang), paras, [
        report.Table(text("panel_title", lang), cols, rows),
        report.Table(text("rubric_title", lang),
                     [text(k, lang) for k in ("col_criterion", "col_weight", "col_score")],
                     score_rows)])


def export_capstone(plan: IndustryPlan, opportunity: Opportunity,
                    canvas: postal_canvas.SystemCanvas, trainee: str = "",
                    folder: Path | None = None, on: date | None = None,
                    lang: str | None = None) -> tuple[Path, Path]:
    """Write the submission (Word + JSON, as `postal.canvas.export_capstone`) with the review."""
    lang = lang or get_language()
    work = Capstone(plan, opportunity, canvas, trainee)
    findings = review_capstone(work, lang, on)
    scores = score(work, findings)
    doc = postal_canvas.capstone_report(plan, opportunity, canvas, trainee, on, lang)
    doc.sections.append(review_section(findings, scores, lang))
    name = storage.slug(trainee or canvas.file_name())
    out = storage.export_dir(folder)
    kind = postal_canvas.CAPSTONE_KIND
    docx = report.to_docx(doc, out / f"{kind}-{name}.docx")
    data = postal_canvas.capstone_data(plan, opportunity, canvas, trainee)
    data["review"] = [f.to_dict() for f in findings]
    data["rubric"] = {"total": scores.total, **{c.id: c.score for c in scores.criteria}}
    path = storage.write(out / f"{kind}-{name}.json", kind, data)
    return docx, path
