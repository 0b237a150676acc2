"""HP's ten-step team-selling flow as a responsibility chart: who is accountable, who joins.

The flow and roles are content data (`hp/content.yaml`); this module only arranges them.
"""

from __future__ import annotations

from salestrain.core.html import HTMLView, escape
from salestrain.core.i18n import get_language
from salestrain.hp.content import hp, text

ACCOUNTABLE, JOINS = "R", "C"


def responsibility(lang: str | None = None) -> tuple[list[str], list[list[str]]]:
    """(columns, rows): one row per step, a column per role holding R, C or ''."""
    lang = lang or get_language()
    data = hp()
    columns = [text("step", lang)] + [r.name(lang) for r in data.roles]
    rows = []
    for step in data.flow:
        marks = [ACCOUNTABLE if r.id == step.accountable else JOINS if r.id in step.supporting
                 else "" for r in data.roles]
        rows.append([f"{step.number}. {step.name(lang)}", *marks])
    return columns, rows


def steps_of(role_id: str) -> list[int]:
    """The steps a role is accountable for."""
    return [s.number for s in hp().flow if s.accountable == role_id]


def responsibility_chart(lang: str | None = None, postal: bool = True) -> HTMLView:
    """The chart as a table (R = accountable, C = joins), with the postal example per step."""
    lang = lang or get_language()
    columns, rows = responsibility(lang)
    if postal:
        columns = [*columns, text("postal_example", lang)]
        rows = [[*row, step.postal(lang)] for row, step in zip(rows, hp().flow, strict=True)]
    colour = {ACCOUNTABLE: "background:#2f5d8a;color:#fff;font-weight:bold;text-align:center",
              JOINS: "background:#dbe7f3;text-align:center"}
    # Role headings keep room for a word a line; Chinese names (which break anywhere and were
    # squeezed to a character a line beside the wide postal column) stay on one line.
    role_style = "white-space:nowrap" if lang == "zh" else "min-width:4.5em"
    head = "".join(f'<th style="{role_style}">{escape(c)}</th>' if 0 < i <= len(hp().roles)
                   else f"<th>{escape(c)}</th>" for i, c in enumerate(columns))
    # The step names wrap (a row heading keeps one line by default, which made the step column
    # half the table and squeezed the postal example to a word per line); the example gets room
    # to read as a sentence.
    step_style = "white-space:normal;min-width:11em"
    body = []
    for row in rows:
        cells = [f'<th style="{step_style}">{escape(row[0])}</th>']
        for i, cell in enumerate(row[1:], start=1):
            style = "min-width:20em" if postal and i == len(row) - 1 else colour.get(cell, "")
            cells.append(f'<td style="{style}">{escape(cell)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    legend = (f"{ACCOUNTABLE} = {text('accountable', lang)} · {JOINS} = {text('joins', lang)}")
    # In the scrolling box every course table sits in (core.html.table): on a narrow page the
    # chart scrolls sideways instead of squeezing its columns to a word per line.
    html = (f'<div class="st-table-wrap" tabindex="0"><table class="st-table">'
            f'<caption style="text-align:left">{escape(text("flow_title", lang))} '
            f'({escape(legend)})</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')
    plain = "\n".join(" | ".join(r[:1] + [c or "." for c in r[1:-1]] + r[-1:]) if postal
                      else " | ".join(r) for r in rows)
    return HTMLView(html, legend + "\n" + plain)
