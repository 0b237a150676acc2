"""Module 2 as the notebook shows it: businesses, levels, roles and the grading result."""

from __future__ import annotations

from salestrain.core.i18n import get_language
from salestrain.postal.content import postal, text
from salestrain.postal.rules import GradeRow, grade_table


def _view(cols: list[str], rows: list[list], caption: str = ""):
    from salestrain.core.html import HTMLView, table

    plain = "\n".join(" | ".join(str(c) for c in r) for r in [cols, *rows])
    return HTMLView(table(cols, rows, row_headers=True, caption=caption or None), plain)


def businesses_view(lang: str | None = None):
    """The businesses one customer can buy, grouped by segment."""
    lang = lang or get_language()
    data = postal()
    rows = [[s.name(lang), b.name(lang), b.help(lang)] for s in data.segments
            for b in s.businesses]
    return _view(["", text("matrix_business", lang), ""], rows, data.sources["segments"](lang))


def levels_view(lang: str | None = None):
    """The three levels of the key-account organisation and the grades each owns."""
    lang = lang or get_language()
    data = postal()
    rows = [[lv.name(lang), lv.body(lang), lv.duties(lang),
             ", ".join(g.name(lang) for g in data.grades if g.owner == lv.id)]
            for lv in data.levels]
    return _view(["", "", "", text("grade_col", lang)], rows, data.sources["levels"](lang))


def roles_view(lang: str | None = None):
    lang = lang or get_language()
    return _view(["", ""], [[r.name(lang), r.help(lang)] for r in postal().manager_roles],
                 postal().sources["levels"](lang))


def grading_view(rows: list[GradeRow], lang: str | None = None):
    lang = lang or get_language()
    cols, body = grade_table(rows, lang)
    return _view(cols, body, postal().sources["grades"](lang))
