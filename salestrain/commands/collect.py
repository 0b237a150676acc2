"""The instructor's roll-up of trainees' saved work: `salestrain collect FOLDER`.

Layout read: one sub-folder per trainee (its name is the trainee's), holding that trainee's
saved plans, opportunities and canvases (and any capstone file); files directly in FOLDER are
grouped by the part of their name before "__" (e.g. ``li-wei__plan-tax.json``), a capstone file
by the trainee it names. In `exports/` folders only capstone files are read. A file that cannot
be read is listed with the reason; it never stops the roll-up. Every name and text from the
folders is shown through `untrusted.shown`, so none can act on the terminal or break an output.

The roll-up is written by `write` alone: both files made whole in memory, then each put in place
atomically, only in a folder no other user can change (`OutputRefused` otherwise).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

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

PIECES = {"plan": (IndustryPlan, IndustryPlan.from_dict),
          "opportunity": (Opportunity, Opportunity.from_data),
          "canvas": (SystemCanvas, SystemCanvas.from_dict)}
KINDS = (*PIECES, CAPSTONE_KIND)
SHOWN_MISSING = 3
NAME_CHARS = 100     # of a trainee name typed into a capstone file
PROBLEM_CHARS = 300  # of a problem listed (it may quote the file)
XLSX, HTML = "rollup.xlsx", "rollup.html"


class OutputRefused(SystemExit):
    """The roll-up was not written: its folder could let another user redirect or read it.

    A SystemExit carrying the message, so the command line ends non-zero with the message alone
    (no traceback) even where it does not catch it.
    """


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
        raise NotADirectoryError(text("collect_not_folder",
                                      folder=untrusted.shown(root.name or str(root))))
    out = Rollup()
    for entry in untrusted.walk(root, wanted=_wanted, per_subfolder=True):
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
    for name, folder, uid in folders:
        trainee = untrusted.shown(name)
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
    return text(f"skip_{reason}", detail=untrusted.shown(detail))


def _problem(message: str) -> str:
    """A problem as listed: shown safely, and short (it may quote the file)."""
    message = untrusted.shown(message)
    return message if len(message) <= PROBLEM_CHARS else message[:PROBLEM_CHARS] + "…"


def _take(out: Rollup, entry: untrusted.Entry, root: Path, trainee: str | None = None) -> None:
    """Add one walked entry to the roll-up: as work, as a problem, or as skipped."""
    rel = untrusted.shown(entry.rel)
    label = rel if trainee is None else f"{trainee}/{rel}"  # `trainee` is shown already
    if entry.raw is None:
        out.skipped.append((label, _skip_reason(entry.reason or "oserror", entry.detail)))
        return
    try:
        skipped = _read(out, entry, root, trainee)
    except storage.StorageError as exc:
        out.problems.append((label, _problem(str(exc))))
    except ValidationError as exc:  # where and why, without echoing the trainee's input
        detail = storage.SavedWork.invalid(exc)
        out.problems.append((label, _problem(text("bad_content", detail=detail))))
    except (ValueError, TypeError, ArithmeticError) as exc:  # json's big numbers, Infinity
        out.problems.append((label, _problem(text("bad_content", detail=exc))))
    except RecursionError:  # a parser's, over text nested too deep for `too_nested` to see
        out.problems.append((label, text("bad_nested", depth=untrusted.MAX_JSON_DEPTH)))
    else:
        if skipped:
            out.skipped.append((label, _skip_reason(skipped, "")))


def _read(out: Rollup, entry: untrusted.Entry, root: Path, trainee: str | None) -> str | None:
    """Read one file's bytes into the roll-up (or raise); the skip reason if it is not for it."""
    path, raw = entry.path, entry.raw or b""
    if trainee:
        owner, by_folder = trainee, True
    else:
        name, by_folder = _trainee_for(path, root)
        owner = untrusted.shown(name)
    if own_data.is_summary(path):
        out.imports.setdefault(owner, {}).update(own_data.parse_summary(raw))
        return None
    if untrusted.too_nested(raw):
        raise storage.CorruptFileError(text("bad_nested", depth=untrusted.MAX_JSON_DEPTH))
    doc = storage.parse_envelope(raw, path.name)
    kind = doc["salestrain"]
    in_exports = "exports" in path.relative_to(root).parts[:-1]
    if in_exports and kind != CAPSTONE_KIND:
        return "export"
    if kind not in KINDS:
        raise storage.ForeignFileError(text("collect_unknown_kind", kind=kind))
    _read_one(out, storage.envelope_data(doc, path.name, kind), kind, owner, by_folder)
    return None


def _piece(kind: str, data: object) -> IndustryPlan | Opportunity | SystemCanvas:
    """The model saved `data` of `kind` loads into. Data with none of the model's fields is
    junk in a work file's envelope, never counted as handed in (an empty model would be)."""
    model, load = PIECES[kind]
    if isinstance(data, dict) and not data.keys() & model.model_fields.keys():
        raise storage.ForeignFileError(text("bad_no_fields", kind=kind))
    return load(data)


def _read_one(out: Rollup, data: dict, kind: str, trainee: str, by_folder: bool) -> None:
    """Count one file's work for its trainee; every piece in it loads, or none is counted."""
    if kind == CAPSTONE_KIND:
        pieces = {part: _piece(part, data[part]) for part in PIECES
                  if data.get(part) is not None}
        if not pieces:
            raise storage.ForeignFileError(text("bad_no_fields", kind=kind))
        name = str(data.get("trainee") or "").strip()[:NAME_CHARS]
        sub = out.trainee(trainee if by_folder or not name else untrusted.shown(name))
    else:
        pieces = {kind: _piece(kind, data)}
        sub = out.trainee(trainee)
    if "plan" in pieces:
        sub.add_plan(pieces["plan"])
    if "opportunity" in pieces:
        sub.add_opportunity(pieces["opportunity"])
    if "canvas" in pieces:
        sub.add_canvas(pieces["canvas"])
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


def _open_out(folder: Path, lang: str | None) -> int:
    """The output folder, opened safely (see `untrusted.own_folder`), or OutputRefused."""
    try:
        return untrusted.own_folder(folder)
    except untrusted.UnsafeFolder as exc:
        why = text(f"out_{exc.reason}", lang, folder=untrusted.shown(str(exc.folder)),
                   detail=untrusted.shown(exc.detail))
        raise OutputRefused(text("collect_out_refused", lang, why=why)) from None


def check_out(out: Path | str, lang: str | None = None) -> None:
    """Refuse an unsafe output folder before the class is read (OutputRefused), not after."""
    os.close(_open_out(Path(out), lang or get_language()))


def write(rollup: Rollup, out: Path | str, lang: str | None = None) -> tuple[Path, Path]:
    """Write `rollup.xlsx` and `rollup.html` into `out`: the roll-up's one writer.

    Both are made whole first (every cell neutralised by `report`, every text escaped); each
    then replaces its file atomically, in a folder no other user can change (OutputRefused,
    with nothing written, otherwise): the roll-up runs as root or the instructor, and a link a
    trainee planted must never be written through.
    """
    lang = lang or get_language()
    doc = to_report(rollup, lang)
    files = {XLSX: report.xlsx_bytes(doc),
             HTML: to_html_page(doc, lang).encode("utf-8", "replace")}
    folder = Path(out)
    fd = _open_out(folder, lang)
    try:
        for name, content in files.items():
            untrusted.replace_file(fd, name, content)
    finally:
        os.close(fd)
    return folder / XLSX, folder / HTML
