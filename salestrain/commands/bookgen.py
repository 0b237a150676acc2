"""Write the course site's generated pages from content data.

Usage: ``python -m salestrain.commands.bookgen``. The glossary, the agendas and the facilitation
notes live in `salestrain/course/`, the capstone rubric in `salestrain/review/`; this writes them
as MyST Markdown into `book/_generated/` (English) and `book/zh/_generated/` (Chinese), which
the hand-written pages of each site include, with the own-data templates (`.xlsx`) they link.
`--check` fails when the committed pages are out of date, so the site never drifts from the data.
It works on the checkout it is run in, or the one given with `--root FOLDER`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from salestrain.commands import checkout
from salestrain.core.content import ui
from salestrain.core.display import percent
from salestrain.course import content, lesson
from salestrain.review import rubric as review_rubric
from salestrain.review.content import rubric
from salestrain.review.content import text as review_text


def use_root(root: Path) -> None:
    """Write the pages of the checkout at `root`."""
    global BOOK, EDITIONS
    BOOK = root / "book"
    # Each language's site: its pages include `_generated/…` from their own folder.
    EDITIONS = {"en": BOOK, "zh": BOOK / "zh"}


use_root(checkout.default())


def glossary_md(lang: str = "en") -> str:
    """A sorted MyST {glossary}: each entry is linkable by its English and its Chinese term."""
    other = "zh" if lang == "en" else "en"
    course = content.course()
    lines = ["```{glossary}", ":sorted:", ""]
    for term in content.glossary().terms:
        unit = course.unit(term.case)
        lines.append(term.term(lang))
        lines.append(term.term(other))
        lines.append(f"  {term.definition(lang)} *({unit.title(lang)})*")
        lines.append("")
    lines.append("```")
    return "\n".join(lines) + "\n"


def _minutes(value: int, lang: str) -> str:
    return ui("minutes", lang, minutes=value)


def agenda_md(lang: str = "en") -> str:
    """The teaching agenda: one row per unit with teaching, exercise and total minutes."""
    course = content.course()
    head = [ui(k, lang) for k in ("module", "unit", "teaching", "exercises", "total")]
    lines = ["| " + " | ".join(head) + " |", "|---|---|---:|---:|---:|"]
    for unit in course.units:
        m = unit.minutes
        lines.append(
            f"| {course.module(unit.module).title(lang)} | {_unit_link(unit, lang)} "
            f"| {_minutes(m.teaching, lang)} | {_minutes(m.exercises, lang)} "
            f"| {_minutes(m.total, lang)} |"
        )
    total = course.total_minutes()
    hours = f"{content.instructor().capstone.hours:g}"
    lines += ["", ui("total_minutes", lang, minutes=total, duration=lesson.duration(total, lang))
              + lesson.sentence_gap(lang) + ui("plus_homework", lang, hours=hours)]
    return "\n".join(lines) + "\n"


def _unit_link(unit: content.Unit, lang: str) -> str:
    title = unit.title(lang)
    if f"notebooks/{unit.notebook}" in toc_files(EDITIONS.get(lang, BOOK)):
        return f"{{doc}}`{title} </notebooks/{unit.notebook}>`"
    return title


def agendas_md(lang: str = "en") -> str:
    """Each agenda: its note (lengths computed from its sessions), a table of days, sessions
    and minutes with the capstone homework after the last session, and its total."""
    course = content.course()
    guide = content.instructor()
    capstone = guide.capstone
    head = [ui(k, lang) for k in ("day", "unit", "teaching", "exercises", "total")]
    out = []
    for agenda in guide.agendas:
        out += [f"### {agenda.title(lang)}", "", lesson.agenda_note(agenda, lang), ""]
        out += ["| " + " | ".join(head) + " |", "|---:|---|---:|---:|---:|"]
        for session, m in zip(agenda.sessions, agenda.session_minutes(course), strict=True):
            label = _unit_link(course.unit(session.unit), lang) if session.unit \
                else session.title(lang)
            out.append(f"| {session.day} | {label} | {_minutes(m.teaching, lang)} "
                       f"| {_minutes(m.exercises, lang)} | {_minutes(m.total, lang)} |")
        homework = ui("homework", lang, title=f"{{ref}}`{capstone.title(lang)} <capstone>`",
                      hours=f"{capstone.hours:g}", due=agenda.homework_due(lang))
        dash = ui("nothing", lang)
        out.append(f"| {ui('after_course', lang)} | {homework} | {dash} | {dash} "
                   f"| {ui('not_in_class', lang)} |")
        total = agenda.totals(course).total
        out += ["", ui("total_minutes", lang, minutes=total,
                       duration=lesson.duration(total, lang)), ""]
    return "\n".join(out)


def capstone_md(lang: str = "en") -> str:
    """The capstone homework: what trainees hand in, and the rubric the instructor marks on."""
    capstone = content.instructor().capstone
    out = [capstone.brief(lang), ""]
    out += [f"{i}. {part(lang)}" for i, part in enumerate(capstone.parts, 1)]
    out += ["", capstone.hand_in(lang), ""]
    head = [ui(k, lang) for k in ("criterion", "weight", "look_for")] + [
        review_text("col_feeds", lang)]
    out += ["| " + " | ".join(head) + " |", "|---|---:|---|---|"]
    for c in rubric().criteria:
        look_for = "<br>".join(f"• {item(lang)}" for item in c.look_for)
        feeds = review_rubric.feeds(c, lang, ids=True).replace("`) · ", "`) ·<br>")
        weight = percent(c.weight / 100, lang)
        out.append(f"| {c.criterion(lang)} | {weight} | {look_for} | {feeds} |")
    out += ["", review_text("rubric_note", lang)]
    return "\n".join(out) + "\n"


def notes_md(lang: str = "en") -> str:
    """Facilitation notes, one heading per unit in course order."""
    notes = content.instructor().notes
    out = []
    for unit in content.course().units:
        if unit.id in notes:
            out += [f"### {unit.title(lang)}", ""]
            out += [f"- {n(lang)}" for n in notes[unit.id]]
            out.append("")
    return "\n".join(out)


TEMPLATE_FOLDER = "templates"


def templates_md(lang: str = "en") -> str:
    """Download links to the own-data templates (written beside the page by `main`)."""
    from salestrain.imports import templates
    from salestrain.imports.content import TABLES, table

    return "\n".join(
        f"- {{download}}`{table(name).name(lang)} <_generated/{TEMPLATE_FOLDER}/"
        f"{templates.file_name(name)}>`" for name in TABLES) + "\n"


def template_files(lang: str) -> dict[str, bytes]:
    """The own-data templates as the site offers them (example row in the site's language)."""
    from salestrain.imports import templates
    from salestrain.imports.content import TABLES

    return {templates.file_name(name): templates.template_bytes(name, lang) for name in TABLES}


def toc_files(book: Path | None = None) -> set[str]:
    """The documents a site's table of contents builds (only those can be linked)."""
    import yaml

    toc = yaml.safe_load(((book or BOOK) / "_toc.yml").read_text(encoding="utf-8"))
    files = {toc["root"]}
    for part in toc.get("parts", []):
        files |= {chapter["file"] for chapter in part.get("chapters", [])}
    return files


PAGES = {
    "glossary.md": glossary_md,
    "agenda.md": agenda_md,
    "agendas.md": agendas_md,
    "facilitation.md": notes_md,
    "capstone.md": capstone_md,
    "templates.md": templates_md,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a page is out of date")
    checkout.add_root_option(parser)
    args = parser.parse_args(argv)
    try:
        checkout.apply(args.root, use_root)
    except checkout.NotACheckout as exc:
        parser.error(str(exc))
    stale = []
    for lang, book in EDITIONS.items():
        if not (book / "_toc.yml").exists():
            continue
        out = book / "_generated"
        for name, render in PAGES.items():
            path = out / name
            text = ("<!-- Generated from the course content by "
                    "`python -m salestrain.commands.bookgen`. -->\n\n")
            text += render(lang)
            if args.check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    stale.append(str(path.relative_to(BOOK.parent)))
            else:
                out.mkdir(exist_ok=True)
                path.write_text(text, encoding="utf-8")
        for name, raw in template_files(lang).items():
            path = out / TEMPLATE_FOLDER / name
            if args.check:
                if not path.exists() or path.read_bytes() != raw:
                    stale.append(str(path.relative_to(BOOK.parent)))
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(raw)
    if stale:
        print("out of date (run `python -m salestrain.commands.bookgen`): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
