"""The Ping An case as the notebook shows it: stages, operating model, approval steps, the
disclosed figures and metric tables, formatted and labelled in the course language."""

from __future__ import annotations

import datetime as dt
import math

from salestrain.core.content import ui
from salestrain.core.display import date, percent, percent_ticks, when
from salestrain.core.html import HTMLView, bullet_list, escape, table
from salestrain.core.i18n import get_language
from salestrain.core.numbers import format_number
from salestrain.pingan import crosssell, data

SHARES = {"two_plus_share", "multi_subsidiary_share", "four_plus_share", "retention",
          "single_retention", "four_plus_retention", "cross_sold_share",
          "share_of_cross_selling", "take_rate", "penetration"}
COUNTS = {"customers", "contracts", "retained", "customers_without", "cross_sold",
          "expected_takers"}


def fmt(measure: str, value: object, lang: str | None = None) -> str:
    """A figure as people read it: shares in per cent, counts whole, ratios to two places."""
    lang = lang or get_language()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ui("nothing", lang)
    if measure in SHARES:
        return percent(float(value), lang)
    if measure in COUNTS or measure == "customers_m":
        return format_number(float(value))
    return f"{float(value):.2f}"


def _view(columns: list[str], rows: list[list[object]], row_headers: bool = False,
          caption: str | None = None) -> HTMLView:
    text = "\n".join(" | ".join(str(c) for c in row) for row in [columns, *rows])
    return HTMLView(table(columns, rows, row_headers=row_headers, caption=caption), text)


def stages_view(lang: str | None = None) -> HTMLView:
    """The three stages side by side: when, products, channels, platform, organisation."""
    lang = lang or get_language()
    d = data()
    columns = [d.label("aspect", lang)] + [f"{s.number}. {s.name(lang)}" for s in d.stages]
    rows = [[d.label(f"stage_{a}", lang)] + [getattr(s, a)(lang) for s in d.stages]
            for a in ("period", "products", "channels", "platform", "organisation")]
    return _view(columns, rows, row_headers=True)


def operating_model_view(lang: str | None = None) -> HTMLView:
    """The customer-centred operating model: principles, customers, channels, shared services
    and who is accountable for what."""
    lang = lang or get_language()
    d = data()
    om = d.operating_model
    parts, text = [], []
    for key, items in (("principles", om.principles), ("customer_groups", om.customers),
                       ("channels_list", om.channels), ("shared_list", om.shared)):
        values = [i(lang) for i in items]
        parts.append(f"<b>{escape(d.label(key, lang))}</b>{bullet_list(values)}")
        text.append(f"{d.label(key, lang)}: {'; '.join(values)}")
    columns = [d.label(k, lang) for k in ("unit", "does", "measured_on", "at_post")]
    rows = [[a.unit(lang), a.does(lang), a.measured_on(lang), a.at_post(lang)]
            for a in om.accountabilities]
    html = (f'<div class="st-card">{"".join(parts)}</div>'
            + table(columns, rows, row_headers=True))
    text += [" | ".join(r) for r in rows]
    return HTMLView(html, "\n".join(text))


def approval_steps_view(lang: str | None = None) -> HTMLView:
    """The five approval steps: owner, who takes part, what happens, what comes out; an owner
    the deck does not name is marked as the course's reading, and a note below says so."""
    lang = lang or get_language()
    d = data()
    columns = [d.label(k, lang) for k in ("number", "step", "owner_party", "parties",
                                          "what_happens", "output")]
    rows = [[str(s.number), s.name(lang), d.owner_of(s, lang),
             ", ".join(d.party(p).name(lang) for p in s.parties), s.action(lang),
             s.output(lang)] for s in d.approval_steps]
    note = d.readings.owners(lang)
    view = _view(columns, rows)
    return HTMLView(f'{view.html}<p class="st-muted">{escape(note)}</p>',
                    f"{view.text}\n{note}")


def problem_view(lang: str | None = None) -> HTMLView:
    """The note that the problem this case solved is the course's reading."""
    lang = lang or get_language()
    note = data().readings.problem(lang)
    return HTMLView(f'<p class="st-muted">{escape(note)}</p>', note)


HOLDINGS_COLUMNS = ["customer", "segment", "product", "subsidiary", "channel", "start_date",
                    "end_date", "still_held"]


def holdings_view(holdings, rows: int = 8, lang: str | None = None) -> HTMLView:
    """The first rows of a holdings table (one row per contract), labelled and with names."""
    lang = lang or get_language()
    d = data()
    columns = [d.label(c, lang) for c in HOLDINGS_COLUMNS]

    def cell(column: str, value: object) -> str:
        if column == "still_held":
            return d.label("yes" if bool(value) else "no", lang)
        if column in ("start_date", "end_date"):
            return date(value, lang)
        if column == "customer":
            return str(value)
        find = {"segment": d.segment, "product": d.product, "subsidiary": d.subsidiary,
                "channel": d.channel}[column]
        return find(str(value)).name(lang)

    body = [[cell(c, getattr(r, c)) for c in HOLDINGS_COLUMNS]
            for r in holdings.head(rows).itertuples(index=False)]
    return _view(columns, body)


FIGURE_MEASURES = ["customers_m", "contracts_per_customer", "multi_subsidiary_share",
                   "four_plus_share", "four_plus_retention"]


def figures_view(lang: str | None = None) -> HTMLView:
    """Ping An's disclosed figures, one row per period, with the source of each."""
    lang = lang or get_language()
    d = data()
    columns = ([d.label("period", lang)] + [d.label(m, lang) for m in FIGURE_MEASURES]
               + [d.label("source", lang)])
    rows = []
    for f in d.figures:
        source = f.source(lang) + (f" {d.label('secondary_mark', lang)}" if f.secondary else "")
        rows.append([when(f.period, lang)] + [fmt(m, getattr(f, m), lang) for m in FIGURE_MEASURES]
                    + [source])
    return _view(columns, rows, row_headers=True)


def notes_view(lang: str | None = None) -> HTMLView:
    """The notes that go with the disclosed figures."""
    lang = lang or get_language()
    items = [f"{when(f.period, lang)}{ui('colon', lang)}{f.note(lang)}" for f in data().figures
             if f.note is not None]
    return HTMLView(bullet_list(items), "\n".join(items))


def wells_fargo_view(lang: str | None = None) -> HTMLView:
    """The Wells Fargo figures for the metric-gaming discussion, with sources."""
    lang = lang or get_language()
    d = data()
    columns = [d.label(k, lang) for k in ("fact", "value", "source")]
    return _view(columns, [[f.label(lang), f.value(lang), f.source(lang)] for f in d.wells_fargo])


def _year(when: dt.date) -> float:
    return when.year + (when.timetuple().tm_yday - 1) / 365.25


def figures_chart_alt(synthetic=None, lang: str | None = None) -> str:
    """What the chart of disclosed figures shows, in words (its text alternative)."""
    lang = lang or get_language()
    d = data()

    def span(measure: str) -> tuple:
        points = [f for f in d.figures if getattr(f, measure) is not None]
        return points[0], points[-1]

    customers, cpc, multi, four = (span(m) for m in (
        "customers_m", "contracts_per_customer", "multi_subsidiary_share", "four_plus_share"))
    fields = {}
    for name, measure, figure in (
            ("first", "customers_m", customers[0]), ("last", "customers_m", customers[1]),
            ("cpc_first", "contracts_per_customer", cpc[0]),
            ("cpc_last", "contracts_per_customer", cpc[1]),
            ("multi_first", "multi_subsidiary_share", multi[0]),
            ("multi_last", "multi_subsidiary_share", multi[1]),
            ("four_last", "four_plus_share", four[1])):
        fields[name] = fmt(measure, getattr(figure, measure), lang)
        fields[f"{name}_period"] = when(figure.period, lang)
    text = d.label("chart_alt", lang, **fields)
    if synthetic is not None and len(synthetic.index):
        text += d.label("chart_alt_synthetic", lang, start=synthetic.index[0].year,
                        end=synthetic.index[-1].year)
    return text


def figures_chart(synthetic=None, lang: str | None = None):
    """Ping An's disclosed series; with holdings, the same measures on them as lines.

    A `Chart`: the figure with its text alternative (`figures_chart_alt`), drawn 6.8 inches
    wide (680 px: it fits the site's 688 px output column at 1280 px, so it neither shrinks nor
    scrolls there) with no text under 9 pt.
    """
    import matplotlib.pyplot as plt

    from salestrain.core.plotting import Chart, use_cjk_fonts

    use_cjk_fonts()
    lang = lang or get_language()
    d = data()
    fig, (left, right) = plt.subplots(2, 1, figsize=(6.8, 7.6))
    points = [(f.as_of, f.customers_m) for f in d.figures if f.customers_m is not None]
    left.bar([_year(a) for a, _ in points], [v for _, v in points], width=0.35,
             color="#2f5d8a")
    left.set_title(d.label("chart_customers", lang), fontsize=11)
    left.set_xlabel(d.label("year", lang))
    twin = right.twinx()
    for measure, axis, colour in (("contracts_per_customer", right, "#2f5d8a"),
                                  ("multi_subsidiary_share", twin, "#b3261e"),
                                  ("four_plus_share", twin, "#3a7d44")):
        pts = [(_year(f.as_of), getattr(f, measure)) for f in d.figures
               if getattr(f, measure) is not None]
        axis.plot([x for x, _ in pts], [y for _, y in pts], "o", color=colour,
                  label=f"{d.label(measure, lang)} ({d.label('chart_disclosed', lang)})")
        if synthetic is not None:
            axis.plot([_year(t.date()) for t in synthetic.index], synthetic[measure], "-",
                      color=colour, alpha=0.6, label=f"{d.label(measure, lang)} "
                      f"({d.label('chart_synthetic', lang)})")
    right.set_ylabel(d.label("chart_cpc_axis", lang))
    right.set_ylim(1.5, 3.5)
    twin.set_ylabel(d.label("chart_share_axis", lang))
    twin.set_ylim(0, 0.6)
    twin.yaxis.set_major_formatter(percent_ticks(lang))
    right.set_title(d.label("chart_depth", lang), fontsize=11)
    right.set_xlabel(d.label("year", lang))
    handles = right.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    labels = right.get_legend_handles_labels()[1] + twin.get_legend_handles_labels()[1]
    fig.legend(handles, labels, loc="lower center", ncol=1, fontsize=9, frameon=False)
    rows = len(labels)
    fig.tight_layout(rect=(0, 0.029 * rows + 0.01, 1, 1), h_pad=2.0)
    plt.close(fig)
    return Chart(fig, figures_chart_alt(synthetic, lang))


def comparison_view(holdings, lang: str | None = None) -> HTMLView:
    """Each disclosed figure beside the same measure on synthetic holdings."""

    lang = lang or get_language()
    d = data()
    table_ = crosssell.compare_with_disclosed(holdings)
    columns = [d.label(k, lang) for k in ("period", "measure", "disclosed", "synthetic")]
    rows = [[when(r.period, lang), d.label(r.measure, lang), fmt(r.measure, r.disclosed, lang),
             fmt(r.measure, r.synthetic, lang)] for r in table_.itertuples()]
    return _view(columns, rows)


def frame_view(frame, lang: str | None = None, index_label: str | None = None,
               names: bool = True) -> HTMLView:
    """A metrics DataFrame as a table: columns labelled, figures formatted, ids named."""
    lang = lang or get_language()
    d = data()
    columns = [d.label(index_label, lang) if index_label else ""]
    columns += [d.label(c, lang) for c in frame.columns]
    rows = []
    for key, row in frame.iterrows():
        head = d.name_of(str(key), lang) if names else str(key)
        if key == "all":
            head = d.label("all", lang)
        cells = [d.name_of(str(v), lang) if isinstance(v, str) else fmt(c, v, lang)
                 for c, v in row.items()]
        rows.append([head, *cells])
    return _view(columns, rows, row_headers=True)
