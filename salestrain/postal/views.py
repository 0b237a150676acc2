"""Module 2 as the notebook shows it: businesses, levels, roles, the integrated-marketing model,
the assumptions, and the grading and ownership results (tables with human column names, and the
grading chart)."""

from __future__ import annotations

from salestrain.core.i18n import get_language
from salestrain.postal.content import postal, text
from salestrain.postal.rules import (
    Customer,
    GradeRow,
    grade_table,
    level_ownership,
    level_table,
    ownership,
)


def _view(cols: list[str], rows: list[list], caption: str = "", row_headers: bool = True):
    from salestrain.core.html import HTMLView, table

    plain = "\n".join(" | ".join(str(c) for c in r) for r in [cols, *rows])
    return HTMLView(table(cols, rows, row_headers=row_headers, caption=caption or None), plain)


def businesses_view(lang: str | None = None):
    """The businesses one customer can buy, grouped by segment."""
    lang = lang or get_language()
    data = postal()
    rows = [[s.name(lang), b.name(lang), b.help(lang)] for s in data.segments
            for b in s.businesses]
    cols = [text(k, lang) for k in ("col_segment", "matrix_business", "col_what")]
    return _view(cols, rows, data.sources["segments"](lang))


def levels_view(lang: str | None = None):
    """The four levels of the key-account organisation, the grades and segments each owns."""
    lang = lang or get_language()
    data = postal()
    rules = data.segment_owners
    comma = "、" if lang == "zh" else ", "
    rows = []
    for lv in data.levels:
        grades = comma.join(g.name(lang) for g in data.grades if g.owner == lv.id)
        segments = comma.join(data.customer_segment(s).name(lang) for s, owner in rules.items()
                             if owner == lv.id)
        rows.append([lv.name(lang), lv.body(lang), lv.duties(lang),
                     grades or text("no_grade", lang), segments or "—"])
    cols = [text(k, lang) for k in ("col_level", "col_body", "col_duties", "col_grades",
                                    "col_by_segment")]
    return _view(cols, rows, data.sources["levels"](lang))


def roles_view(lang: str | None = None):
    lang = lang or get_language()
    cols = [text("col_role", lang), text("col_role_help", lang)]
    return _view(cols, [[r.name(lang), r.help(lang)] for r in postal().manager_roles],
                 postal().sources["levels"](lang))


def support_view(lang: str | None = None):
    """综合营销 + 专业支撑: who sells, who supports, and the Module 1 parallels."""
    lang = lang or get_language()
    cols = [text(k, lang) for k in ("col_side", "col_who", "col_does", "col_parallel")]
    rows = [[p.name(lang), p.who(lang), p.does(lang), p.parallel(lang)]
            for p in postal().support_model]
    return _view(cols, rows, postal().sources["support"](lang))


def assumptions_view(lang: str | None = None):
    """Every figure the Module 2 tools use: published, the course's reading, or an assumption."""
    lang = lang or get_language()
    cols = [text(k, lang) for k in ("col_figure", "col_value", "col_status", "col_source")]
    rows = [[a.name(lang), a.value(lang), text(f"status_{a.status}", lang), a.source(lang)]
            for a in postal().assumptions]
    # No row headers: they never wrap, and these names are long enough to push the other
    # columns off the page.
    return _view(cols, rows, postal().sources["assumptions"](lang), row_headers=False)


def grading_view(rows: list[GradeRow], lang: str | None = None):
    lang = lang or get_language()
    cols, body = grade_table(rows, lang)
    return _view(cols, body, postal().sources["grades"](lang))


def ownership_view(customers: list[Customer], bands: list[object] | None = None,
                   segment_owners: dict[str, object] | None = None, top: int = 6,
                   lang: str | None = None):
    """Who owns the customers: a row per level, then the units with the most accounts."""
    from salestrain.core.html import HTMLView, table

    lang = lang or get_language()
    cols, body = level_table(level_ownership(customers, bands, segment_owners), lang)
    units = ownership(customers, bands, lang, segment_owners)
    unit_rows = [[unit, count] for unit, count in list(units.items())[:top]]
    unit_cols = [text("col_unit", lang), text("count_col", lang)]
    first = text("own_levels_caption", lang, count=len(customers))
    second = text("own_units_caption", lang, top=len(unit_rows), count=len(units))
    html = (table(cols, body, row_headers=True, caption=first)
            + table(unit_cols, unit_rows, row_headers=True, caption=second))
    plain = "\n".join(" | ".join(str(c) for c in r)
                      for r in [[first], cols, *body, [second], unit_cols, *unit_rows])
    return HTMLView(html, plain)


def grading_chart(rows: list[GradeRow], lang: str | None = None):
    """Bars: each grade's share of revenue; line: its share of customers. A
    `core.plotting.Chart`: the image with a text alternative that gives every value."""
    import matplotlib.pyplot as plt

    from salestrain.core import plotting
    from salestrain.core.display import percent, percent_ticks

    lang = lang or get_language()
    plotting.use_cjk_fonts()
    data = postal()
    names = [data.grade(r.grade).name(lang) for r in rows]
    total = sum(r.customers for r in rows) or 1
    revenue = [r.share for r in rows]
    customers = [r.customers / total for r in rows]
    title = text("chart_title", lang)
    items = ("；" if lang == "zh" else "; ").join(
        text("chart_alt_item", lang, grade=n, revenue=percent(r, lang), customers=percent(c, lang))
        for n, r, c in zip(names, revenue, customers, strict=True))
    # Drawn at the width it is shown at: 6.8 in = 680 px, within the article at 1280 px, so it
    # needs no scrolling there; fonts 11 pt and up, so no text below 15 px on the page.
    # Rendered inside the context: ticks take their size when they are drawn.
    with plt.rc_context({"font.size": 11, "axes.titlesize": 13}):
        fig, ax = plt.subplots(figsize=(6.8, 3.4))
        ax.bar(names, revenue, color="#2e6b9e", label=text("chart_share_revenue", lang))
        ax.plot(names, customers, "o-", color="#c0504d",
                label=text("chart_share_customers", lang))
        ax.yaxis.set_major_formatter(percent_ticks(lang))
        ax.set_title(title)
        ax.legend(frameon=False)
        fig.tight_layout()
        chart = plotting.Chart(fig, text("chart_alt", lang, title=title, items=items))
    plt.close(fig)
    return chart
