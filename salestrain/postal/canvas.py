"""The marketing-system design canvas and the capstone submission.

`SystemCanvas` is a draft like the industry plan: every answer may be empty so half-done work
always saves; `completeness()` says how far it is and what is missing. Each part of the canvas
names the case it comes from (Haier, Ping An, HP, IBM, the postal rules). `export_capstone`
puts an industry plan, an opportunity and a canvas into one Word document plus one JSON file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from salestrain.core import report, storage
from salestrain.core.display import percent
from salestrain.core.errors import FieldError
from salestrain.core.i18n import get_language
from salestrain.hp.plan import Completeness, IndustryPlan, clean
from salestrain.ibm.ssm import Opportunity
from salestrain.postal.content import postal, text
from salestrain.postal.rules import CrossSellMatrix

KIND = "canvas"
CAPSTONE_KIND = "capstone"


def field_paths() -> list[str]:
    """Every answer of the canvas as "part.field", in the order shown."""
    return [f"{p.id}.{f.id}" for p in postal().canvas_parts for f in p.fields]


class CanvasError(FieldError):
    """A canvas field that does not exist (code "unknown_field"; `field` is the path asked)."""


class SystemCanvas(storage.SavedWork, BaseModel):
    """One trainee's design of their unit's marketing system; a draft may be incomplete."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    title: str = ""
    answers: dict[str, str] = Field(default_factory=dict)
    cross_sell: CrossSellMatrix = Field(default_factory=CrossSellMatrix)

    @field_validator("title", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return "" if value is None else value if isinstance(value, str) else str(value)

    @field_validator("answers", mode="before")
    @classmethod
    def _known_answers(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        known = set(field_paths())
        return {k: "" if v is None else str(v) for k, v in value.items() if k in known}

    # --- editing ------------------------------------------------------------------------

    def set(self, path: str, value: object) -> None:
        """Set one answer ("cross_sell.approval") or the title; an unknown path is refused."""
        if path == "title":
            self.title = value  # type: ignore[assignment]
            return
        if path not in field_paths():
            raise CanvasError("unknown_field", text("err_canvas_path", path=path), field=path)
        self.answers = {**self.answers, path: "" if value is None else str(value)}

    def get(self, path: str) -> str:
        if path == "title":
            return self.title
        if path not in field_paths():
            raise CanvasError("unknown_field", text("err_canvas_path", path=path), field=path)
        return self.answers.get(path, "")

    # --- completeness -------------------------------------------------------------------

    def completeness(self, lang: str | None = None) -> Completeness:
        """How much is filled in (0–100) and, in order, what is still missing."""
        lang = lang or get_language()
        checks: list[tuple[bool, str]] = [(bool(self.title.strip()), text("canvas_title", lang))]
        for part in postal().canvas_parts:
            for f in part.fields:
                ok = bool(self.answers.get(f"{part.id}.{f.id}", "").strip())
                checks.append((ok, f"{part.label(lang)} — {f.label(lang)}"))
        checks.append((self.cross_sell.count("lead") > 0, text("canvas_need_lead", lang)))
        done = sum(ok for ok, _ in checks)
        return Completeness(score=round(100 * done / len(checks)), done=done,
                            total=len(checks), missing=[n for ok, n in checks if not ok])

    def completeness_line(self, lang: str | None = None) -> str:
        """'Complete: 80 % (12 of 15)', for the document, the meter and the summary line."""
        lang = lang or get_language()
        done = self.completeness(lang)
        return text("canvas_complete", lang, score=percent(done.score / 100, lang),
                    done=done.done, total=done.total)

    # --- persistence --------------------------------------------------------------------

    KIND: ClassVar[str] = KIND

    def file_name(self) -> str:
        return self.title.strip() or text("canvas_untitled", "en")

    @classmethod
    def invalid(cls, exc) -> str:
        """The rule's own message (e.g. a second lead business in a segment), without pydantic's
        prefix; other refusals as "where: why"."""
        out = []
        for e in exc.errors():
            error = (e.get("ctx") or {}).get("error")
            out.append(str(error) if isinstance(error, ValueError)
                       else f"{'.'.join(map(str, e['loc']))}: {e['msg']}")
        return "; ".join(out)

    def describe(self, lang: str | None = None) -> tuple[str, str]:
        """(title, "NN % complete") for lists of saved work."""
        lang = lang or get_language()
        return self.title.strip(), text("canvas_progress", lang,
                                        score=percent(self.completeness(lang).score / 100, lang))

    @classmethod
    def example(cls, lang: str | None = None) -> SystemCanvas:
        """The worked example: a synthetic city post bureau."""
        lang = lang or get_language()
        ex = postal().canvas_example
        return cls(title=ex.title(lang), answers={k: v(lang) for k, v in ex.answers.items()},
                   cross_sell=CrossSellMatrix(cells={b: dict(r) for b, r in
                                                     ex.cross_sell.items()}))

    # --- exports ------------------------------------------------------------------------

    def to_report(self, lang: str | None = None) -> report.Report:
        """The canvas as a document: a section per part, naming the case it comes from."""
        lang = lang or get_language()
        data = postal()
        sections = []
        for part in data.canvas_parts:
            rows = [[f.label(lang), clean(self.answers.get(f"{part.id}.{f.id}", ""))]
                    for f in part.fields]
            cols = [text("canvas_field", lang), text("canvas_answer", lang)]
            sections.append(report.Section(
                part.label(lang), [text("canvas_from_case", lang, case=data.cases[part.case](
                    lang))], [report.Table("", cols, rows)]))
        cols, rows = self.cross_sell.table(lang)
        sections.append(report.Section(text("canvas_matrix", lang),
                                       [self.cross_sell.summary(lang)],
                                       [report.Table("", cols, rows)]))
        done = self.completeness(lang)
        status = [self.completeness_line(lang)]
        status.append(text("canvas_missing", lang) + " " + "; ".join(done.missing)
                      if done.missing else text("canvas_done", lang))
        title = f"{text('canvas_title', lang)} — {clean(self.file_name())}"
        return report.Report(title, sections, subtitle=status)


def describe(data: dict, lang: str) -> tuple[str, str]:
    """A saved canvas as (title, progress), for the toolbar's list and "My work"."""
    return SystemCanvas.from_dict(data).describe(lang)


# The capstone file is an export (written to exports/ from the three pieces of work), not a
# piece of work of its own, so only the canvas is registered.
storage.register_kind(KIND, lambda lang: text("canvas_title", lang), describe, SystemCanvas)


# --- the capstone ---------------------------------------------------------------------------


def capstone_report(plan: IndustryPlan, opportunity: Opportunity, canvas: SystemCanvas,
                    trainee: str = "", on: date | None = None,
                    lang: str | None = None) -> report.Report:
    """One document with the three parts, each opened by a part heading."""
    lang = lang or get_language()
    sections: list[report.Section] = []
    parts = [("capstone_part_plan", plan.to_report(lang)),
             ("capstone_part_opportunity", opportunity.to_report(on=on, lang=lang)),
             ("capstone_part_canvas", canvas.to_report(lang))]
    for key, doc in parts:
        sections.append(report.Section(text(key, lang), [clean(doc.title), *doc.subtitle]))
        sections += doc.sections
    subtitle = [text("capstone_trainee", lang, name=clean(trainee))] if trainee.strip() else []
    return report.Report(text("capstone_title", lang), sections, subtitle)


def capstone_data(plan: IndustryPlan, opportunity: Opportunity, canvas: SystemCanvas,
                  trainee: str = "") -> dict:
    """The submission as data: what `salestrain collect` reads back."""
    return {"trainee": trainee, "plan": plan.to_dict(), "opportunity": opportunity.to_data(),
            "canvas": canvas.to_dict()}


def export_capstone(plan: IndustryPlan, opportunity: Opportunity, canvas: SystemCanvas,
                    trainee: str = "", folder: Path | None = None, on: date | None = None,
                    lang: str | None = None) -> tuple[Path, Path]:
    """Write the submission: a Word document with all three parts, and its JSON."""
    name = storage.slug(trainee or canvas.file_name())
    out = storage.export_dir(folder)
    docx = report.to_docx(capstone_report(plan, opportunity, canvas, trainee, on, lang),
                          out / f"{CAPSTONE_KIND}-{name}.docx")
    data = storage.write(out / f"{CAPSTONE_KIND}-{name}.json", CAPSTONE_KIND,
                         capstone_data(plan, opportunity, canvas, trainee))
    return docx, data
