"""The instructor's roll-up of trainees' saved work: `salestrain collect FOLDER`.

Layout read: one sub-folder per trainee (its name is the trainee's), holding that trainee's
saved plans, opportunities and canvases (and any capstone file); files directly in FOLDER are
grouped by the part of their name before "__" (e.g. ``li-wei__plan-tax.json``), a capstone file
by the trainee it names. In `exports/` folders only capstone files are read. A file that cannot
be read is listed with the reason; it never stops the roll-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from salestrain.commands import untrusted
from salestrain.core import report, storage
from salestrain.core.html import STYLE, escape
from salestrain.core.i18n import get_language
from salestrain.core.numbers import format_number
from salestrain.hp.plan import IndustryPlan
from salestrain.ibm.ssm import LAST_STEP, Opportunity
from salestrain.imports import rollup as own_data
from salestrain.postal.canvas import CAPSTONE_KIND, SystemCanvas
from salestrain.postal.content import text
from salestrain.review import rollup as review

KINDS = ("plan", "opportunity", "canvas", CAPSTONE_KIND)
SHOWN_MISSING = 3


@dataclass
class Submission:
    """What one trainee handed in (the most advanced piece of each kind)."""

    trainee: str
    plan: IndustryPlan | None = None
    opportunity: Opportunity | None = None
    canvas: SystemCanvas | None = None
    files: int = 0

    def add_plan(self, plan: IndustryPlan) -> None:
        if self.plan is None or plan.completeness().score > self.plan.completeness().score:
            self.plan = plan

    def add_opportunity(self, opp: Opportunity) -> None:
        if self.opportunity is None or _evidenced(opp) > _evidenced(self.opportunity):
            self.opportunity = opp

    def add_canvas(self, canvas: SystemCanvas) -> None:
        if self.canvas is None or canvas.completeness().score > self.canvas.completeness().score:
            self.canvas = canvas


@dataclass
class Rollup:
    submissions: dict[str, Submission] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    imports: dict[str, dict] = field(default_factory=dict)  # trainee → own-data aggregates

    def trainee(self, name: str) -> Submission:
        return self.submissions.setdefault(name, Submission(name))

    @property
    def files_read(self) -> int:
        return sum(s.files for s in self.submissions.values())


def _evidenced(opp: Opportunity) -> int:
    return sum(1 for e in opp.evidence.values() if e.complete())


def _trainee_for(path: Path, root: Path) -> tuple[str, bool]:
    """The trainee a file belongs to, and whether its folder says so."""
    rel = path.relative_to(root)
    if len(rel.parts) > 1 and rel.parts[0] != "exports":
        return rel.parts[0], True
    stem = path.stem.removeprefix(CAPSTONE_KIND + "-")
    return (stem.split("__", 1)[0] if "__" in stem else stem), False


def collect(folder: Path | str) -> Rollup:
    """Read every trainee's work under `folder`.

    The folder is untrusted (trainees fill it): only regular files are read, links are never
    followed, sizes are capped; what is not read goes to `skipped`, what is read but is not
    sound work goes to `problems`. It always finishes.
    """
    root = Path(folder)
    if not root.is_dir():
        raise NotADirectoryError(text("collect_not_folder", folder=root.name or str(root)))
    out = Rollup()
    for entry in untrusted.walk(root, wanted=_wanted):
        _take(out, entry, root)
    return out


def _wanted(path: Path) -> bool:
    """Saved work, and the aggregates of a trainee's own imported lists (never the lists)."""
    return untrusted.is_work_file(path) or own_data.is_summary(path)


def collect_folders(folders: Iterable[tuple[str, Path, int | None]]) -> Rollup:
    """Read one work folder per trainee, given as (trainee, folder, owner uid or None).

    Used on a class hub: each trainee's files are counted as theirs only if they sit in their
    own folder (reached without a link) and, when `uid` is given, are owned by them.
    """
    out = Rollup()
    for trainee, folder, uid in folders:
        out.trainee(trainee)  # listed even with nothing handed in: the instructor must see it
        why = untrusted.plain_folder(folder)
        if why is not None:
            if why != "missing":
                out.skipped.append((f"{trainee}/", _skip_reason(why, "")))
            continue
        for entry in untrusted.walk(folder, owner_uid=uid, wanted=_wanted):
            _take(out, entry, folder, trainee)
    return out


def _skip_reason(reason: str, detail: str) -> str:
    return text(f"skip_{reason}", detail=detail)


def _take(out: Rollup, entry: untrusted.Entry, root: Path, trainee: str | None = None) -> None:
    """Add one walked entry to the roll-up: as work, as a problem, or as skipped."""
    label = entry.rel if trainee is None else f"{trainee}/{entry.rel}"
    if entry.raw is None:
        out.skipped.append((label, _skip_reason(entry.reason or "oserror", entry.detail)))
        return
    path = entry.path
    if own_data.is_summary(path):
        owner = trainee or _trainee_for(path, root)[0]
        out.imports.setdefault(owner, {}).update(own_data.parse_summary(entry.raw))
        return
    try:
        doc = storage.parse_envelope(entry.raw, path.name)
    except storage.StorageError as exc:
        out.problems.append((label, str(exc)))
        return
    kind = doc["salestrain"]
    in_exports = "exports" in path.relative_to(root).parts[:-1]
    if in_exports and kind != CAPSTONE_KIND:
        out.skipped.append((label, _skip_reason("export", "")))
        return
    if kind not in KINDS:
        out.problems.append((label, text("collect_unknown_kind", kind=kind)))
        return
    owner, by_folder = (trainee, True) if trainee else _trainee_for(path, root)
    try:
        _read_one(out, storage.envelope_data(doc, path.name, kind), kind, owner, by_folder)
    except (storage.StorageError, ValueError, TypeError) as exc:
        out.problems.append((label, str(exc)))


def _read_one(out: Rollup, data: dict, kind: str, trainee: str, by_folder: bool) -> None:
    if kind == CAPSTONE_KIND:
        parts = (IndustryPlan.from_dict(data.get("plan") or {}),
                 Opportunity.from_data(data.get("opportunity") or {}),
                 SystemCanvas.from_dict(data.get("canvas") or {}))
        name = str(data.get("trainee") or "").strip()
        sub = out.trainee(trainee if by_folder or not name else name)
        sub.add_plan(parts[0])
        sub.add_opportunity(parts[1])
        sub.add_canvas(parts[2])
    elif kind == "plan":
        plan = IndustryPlan.from_dict(data)
        sub = out.trainee(trainee)
        sub.add_plan(plan)
    elif kind == "opportunity":
        opp = Opportunity.from_data(data)
        sub = out.trainee(trainee)
        sub.add_opportunity(opp)
    else:
        canvas = SystemCanvas.from_dict(data)
        sub = out.trainee(trainee)
        sub.add_canvas(canvas)
    sub.files += 1


def _shorten(items: list[str], lang: str) -> str:
    shown = "; ".join(items[:SHOWN_MISSING])
    extra = len(items) - SHOWN_MISSING
    return f"{shown} {text('missing_more', lang, count=extra)}" if extra > 0 else shown


def row(sub: Submission, lang: str | None = None) -> list[object]:
    """One trainee's line of the roll-up."""
    lang = lang or get_language()
    missing: list[str] = []
    plan_score = plan_target = opp_step = evidence = canvas_score = ""
    if sub.plan is None:
        missing.append(text("no_plan", lang))
    else:
        done = sub.plan.completeness(lang)
        plan_score = done.score
        t = sub.plan.targets
        value = t.negotiated.value if t.negotiated.value is not None else t.proposed.value
        plan_target = "" if value is None else format_number(value)
        if done.missing:
            missing.append(text("missing_plan", lang, items=_shorten(done.missing, lang)))
    if sub.opportunity is None:
        missing.append(text("no_opportunity", lang))
    else:
        opp = sub.opportunity
        evidence = _evidenced(opp)
        if opp.closed:
            opp_step = text("opp_closed", lang, status=opp.status)
        elif opp.current_step > LAST_STEP:
            opp_step = text("opp_done", lang)
        else:
            opp_step = f"{opp.current_step}/{LAST_STEP}"
            missing.append(text("missing_opportunity", lang, step=opp.current_step,
                                count=len(opp.missing())))
    if sub.canvas is None:
        missing.append(text("no_canvas", lang))
    else:
        done = sub.canvas.completeness(lang)
        canvas_score = done.score
        if done.missing:
            missing.append(text("missing_canvas", lang, items=_shorten(done.missing, lang)))
    return [sub.trainee, plan_score, plan_target, opp_step, evidence, canvas_score,
            " | ".join(missing), *review.cells(sub, lang)]


def to_report(rollup: Rollup, lang: str | None = None) -> report.Report:
    lang = lang or get_language()
    cols = [text(k, lang) for k in ("col_trainee", "col_plan_score", "col_plan_target",
                                    "col_opp_step", "col_opp_evidence", "col_canvas_score",
                                    "col_missing")] + review.columns(lang)
    rows = [row(rollup.submissions[name], lang) for name in sorted(rollup.submissions)]
    summary = text("collect_summary", lang, trainees=len(rollup.submissions),
                   files=rollup.files_read, bad=len(rollup.problems),
                   skipped=len(rollup.skipped))
    sections = [report.Section(text("collect_title", lang),
                               tables=[report.Table(text("collect_title", lang), cols, rows)]),
                review.class_section(rollup.submissions.values(), lang)]
    problems = [[f, reason] for f, reason in rollup.problems]
    sections.append(report.Section(text("collect_unreadable", lang), tables=[report.Table(
        text("collect_unreadable", lang), [text("col_file", lang), text("col_problem", lang)],
        problems)]))
    sections.append(report.Section(text("collect_skipped", lang), tables=[report.Table(
        text("collect_skipped", lang), [text("col_file", lang), text("col_reason", lang)],
        [[f, reason] for f, reason in rollup.skipped])]))
    sections += own_data.sections(rollup, lang)  # trainees' own lists: aggregates only
    return report.Report(text("collect_title", lang), sections, subtitle=[summary])


def to_html_page(doc: report.Report, lang: str) -> str:
    """A standalone page (every trainee text escaped by `report.to_html`)."""
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f"<title>{escape(doc.title)}</title>{STYLE}</head>\n<body>\n"
            f"{report.to_html(doc)}\n</body></html>\n")


def write(rollup: Rollup, out: Path | str, lang: str | None = None) -> tuple[Path, Path]:
    """Write `rollup.xlsx` (formula-like cells neutralised) and `rollup.html` into `out`."""
    lang = lang or get_language()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    doc = to_report(rollup, lang)
    xlsx = report.to_xlsx(doc, out / "rollup.xlsx")
    html = out / "rollup.html"
    html.write_text(to_html_page(doc, lang), encoding="utf-8")
    return xlsx, html
