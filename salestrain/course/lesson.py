"""What every notebook shows from the content data: its header, key points and tables.

Notebooks call these so the questions, objectives, minutes, key points and "what's next" they
show are the ones the course outline, the instructor agenda and the tests read — typed once, in
`course/*.yaml`.
"""

from __future__ import annotations

from salestrain.core.content import ui
from salestrain.core.display import percent
from salestrain.core.html import HTMLView, bullet_list, escape, table
from salestrain.core.i18n import get_language
from salestrain.course import content


def _unit_label(unit: content.Unit, lang: str) -> str:
    return f"{unit.notebook[:2]} · {unit.title(lang)}"


def duration(minutes: int, lang: str | None = None) -> str:
    """A length of time in words: '5 hours 55 minutes', '5小时55分钟', '45 minutes'."""
    lang = lang or get_language()
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return ui("hours_minutes", lang, hours=hours, minutes=rest)
    if hours:
        return ui("hours", lang, hours=hours)
    return ui("minutes", lang, minutes=rest)


def sentence_gap(lang: str) -> str:
    """What goes between two sentences: a space in English, nothing in Chinese."""
    return "" if lang == "zh" else " "


def time_split(minutes: content.Minutes, lang: str | None = None) -> str:
    """'40 min teaching + 25 min exercises' in the course language."""
    return ui("minutes_split", lang or get_language(),
              teaching=minutes.teaching, exercises=minutes.exercises)


def agenda_note(agenda: content.Agenda, lang: str | None = None) -> str:
    """An agenda's note with its {total}, {teaching} and {exercises} filled from its sessions."""
    lang = lang or get_language()
    sums = agenda.totals(content.course())
    return agenda.note(lang).format(total=duration(sums.total, lang),
                                    teaching=duration(sums.teaching, lang),
                                    exercises=duration(sums.exercises, lang))


def header(unit_id: str, lang: str | None = None) -> HTMLView:
    """The opening card: the questions the unit answers beside its objectives, then time to
    learn (teaching + exercises) and prerequisites."""
    lang = lang or get_language()
    unit = content.course().unit(unit_id)
    questions = [q(lang) for q in unit.questions]
    objectives = [o(lang) for o in unit.objectives]
    prereqs = [p(lang) for p in unit.prerequisites]
    minutes = time_split(unit.minutes, lang)
    column = '<div style="flex:1 1 18em">'
    html = (
        f'<div class="st-card"><h4>{escape(unit.title(lang))}</h4>'
        f"<p>{escape(unit.summary(lang))}</p>"
        '<div style="display:flex;flex-wrap:wrap;gap:0 2em">'
        f"{column}<b>{escape(ui('questions', lang))}</b>{bullet_list(questions)}</div>"
        f"{column}<b>{escape(ui('objectives', lang))}</b>{bullet_list(objectives)}</div>"
        "</div>"
        f'<div class="st-meta"><span><b>{escape(ui("time_to_learn", lang))}'
        f'{escape(ui("colon", lang))}</b>{escape(minutes)}</span></div>'
        f"<b>{escape(ui('prerequisites', lang))}</b>{bullet_list(prereqs)}</div>"
    )
    colon = ui("colon", lang)
    text = "\n".join(
        [unit.title(lang), ui("questions", lang) + colon.strip()]
        + [f"- {q}" for q in questions]
        + [ui("objectives", lang) + colon.strip()]
        + [f"- {o}" for o in objectives]
        + [f"{ui('time_to_learn', lang)}{colon}{minutes}"]
        + [ui("prerequisites", lang) + colon.strip()]
        + [f"- {p}" for p in prereqs]
    )
    return HTMLView(html, text)


def key_points(unit_id: str, lang: str | None = None) -> HTMLView:
    """The closing card: the unit's key points."""
    lang = lang or get_language()
    unit = content.course().unit(unit_id)
    points = [k(lang) for k in unit.key_points]
    title = ui("key_points", lang)
    html = f'<div class="st-card st-keypoints"><h4>{escape(title)}</h4>{bullet_list(points)}</div>'
    return HTMLView(html, "\n".join([title + ":"] + [f"- {p}" for p in points]))


def course_table(lang: str | None = None) -> HTMLView:
    """Every unit in course order with its module, minutes and what it builds on."""
    lang = lang or get_language()
    course = content.course()
    keys = ("module", "unit", "teaching", "exercises", "time_to_learn", "builds_on")
    columns = [ui(k, lang) for k in keys]
    rows = []
    for unit in course.units:
        builds_on = ", ".join(course.unit(r).notebook[:2] for r in unit.requires)
        rows.append(
            [
                course.module(unit.module).title(lang),
                _unit_label(unit, lang),
                ui("minutes", lang, minutes=unit.minutes.teaching),
                ui("minutes", lang, minutes=unit.minutes.exercises),
                ui("minutes", lang, minutes=unit.minutes.total),
                builds_on or ui("nothing", lang),
            ]
        )
    total = course.total_minutes()
    caption = ui("total_minutes", lang, minutes=total, duration=duration(total, lang))
    hours = _hours(content.instructor().capstone.hours)
    caption += sentence_gap(lang) + ui("plus_homework", lang, hours=hours)
    text = "\n".join(f"{r[1]} ({r[4]})" for r in rows) + "\n" + caption
    return HTMLView(table(columns, rows, caption=caption), text)


def _hours(hours: float) -> str:
    return f"{hours:g}"


COURSE_MAP_STYLE = """<style>
.st-coursemap{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.8rem;
  margin:.5em 0}
.st-coursemap h4{margin:0 0 .4rem 0;font-size:1rem;color:#2f5d8a}
.st-coursemap ol{list-style:none;margin:0;padding:0}
.st-coursemap li{border:1px solid #2f5d8a;border-radius:6px;padding:.45rem .6rem;margin:0 0 .5rem 0;
  background:#eef4fa;color:#1d2733;line-height:1.35}
.st-coursemap li.st-case{background:#f8f1e4}
.st-coursemap .st-unit{font-weight:600}
.st-coursemap .st-when,.st-coursemap .st-needs{display:block;font-size:.9em;color:#46505c}
</style>"""


def course_map(lang: str | None = None) -> HTMLView:
    """The course at a glance: each module's units in order, with their time and what each
    builds on. Drawn in HTML, not as a picture, so it stays legible and readable by a screen
    reader on any screen (on a phone the modules stack)."""
    lang = lang or get_language()
    course = content.course()
    titles = {u.id: f"{u.notebook[:2]} · {u.title(lang)}" for u in course.units}
    columns, lines = [], []
    for module in course.modules:
        items = []
        lines.append(module.title(lang))
        for unit in course.units_in(module.id):
            css = ' class="st-case"' if unit.kind == "case" else ""
            needs = ", ".join(titles[r] for r in unit.requires) or ui("nothing", lang)
            builds_on = f"{ui('builds_on', lang)}{ui('colon', lang)}{needs}"
            items.append(
                f"<li{css}><span class=\"st-unit\">{escape(titles[unit.id])}</span>"
                f"<span class=\"st-when\">{escape(time_split(unit.minutes, lang))}</span>"
                f"<span class=\"st-needs\">{escape(builds_on)}</span></li>")
            lines.append(f"  {titles[unit.id]} — {time_split(unit.minutes, lang)} — {builds_on}")
        columns.append(f"<section><h4>{escape(module.title(lang))}</h4>"
                       f"<ol>{''.join(items)}</ol></section>")
    html = COURSE_MAP_STYLE + f'<div class="st-coursemap">{"".join(columns)}</div>'
    return HTMLView(html, "\n".join(lines))


def whats_next(unit_id: str, lang: str | None = None) -> HTMLView:
    """The closing line of a notebook: the next unit and its notebook, or after the last unit
    the capstone homework with what it is marked on."""
    lang = lang or get_language()
    course = content.course()
    nxt = course.next_unit(unit_id)
    title = ui("whats_next", lang)
    if nxt is not None:
        name = f"{nxt.notebook}.ipynb"
        # In JupyterLab the link opens the notebook; on the course site (pages end in .html)
        # the click follows the page built from it.
        rewrite = ("if(location.pathname.endsWith('.html'))"
                   "{this.href=this.getAttribute('href').replace(/\\.ipynb$/,'.html')}")
        body = ui("next_unit", lang, unit=_unit_label(nxt, lang),
                  minutes=time_split(nxt.minutes, lang))
        html = (f'<div class="st-card"><h4>{escape(title)}</h4><p>{escape(body)} '
                f'<a href="{escape(name)}" onclick="{escape(rewrite)}">{escape(name)}</a></p>'
                "</div>")
        return HTMLView(html, f"{title}{ui('colon', lang)}{body} {name}")
    capstone = content.instructor().capstone
    body = ui("next_capstone", lang, title=capstone.title(lang),
              hours=_hours(capstone.hours))
    parts = [p(lang) for p in capstone.parts]
    from salestrain.review.content import rubric

    marks = [ui("criterion_weight", lang, criterion=c.criterion(lang),
                weight=percent(c.weight / 100, lang))
             for c in rubric().criteria]
    html = (f'<div class="st-card"><h4>{escape(title)}</h4><p>{escape(body)}</p>'
            f"{bullet_list(parts)}<b>{escape(ui('marked_on', lang))}</b>{bullet_list(marks)}"
            f"<p>{escape(capstone.hand_in(lang))}</p></div>")
    text = "\n".join([f"{title}{ui('colon', lang)}{body}", *[f"- {p}" for p in parts],
                      ui("marked_on", lang), *[f"- {m}" for m in marks], capstone.hand_in(lang)])
    return HTMLView(html, text)


def systems_table(lang: str | None = None) -> HTMLView:
    """Module 1: the four marketing systems side by side on five dimensions."""
    lang = lang or get_language()
    data = content.systems()
    columns = [ui("dimension", lang)] + [s.name(lang) for s in data.systems]
    rows = [[ui("problem_solved", lang)] + [s.problem(lang) for s in data.systems]]
    for dim in data.dimensions:
        rows.append([dim.label(lang)] + [s.cells[dim.id](lang) for s in data.systems])
    text = "\n".join(" | ".join(str(c) for c in row) for row in [columns, *rows])
    return HTMLView(table(columns, rows, row_headers=True), text)


def glossary_table(case: str | None = None, lang: str | None = None) -> HTMLView:
    """Glossary terms (optionally of one unit) with the original Chinese beside the English."""
    lang = lang or get_language()
    other = "zh" if lang == "en" else "en"
    terms = [t for t in content.glossary().terms if case is None or t.case == case]
    columns = [ui("term", lang), ui("definition", lang)]
    rows = [[f"{t.term(lang)} ({t.term(other)})", t.definition(lang)] for t in terms]
    text = "\n".join(f"{r[0]}: {r[1]}" for r in rows)
    return HTMLView(table(columns, rows, row_headers=True), text)
