"""`CrossSellExplorer`: filter the holdings, read the cross-sell metrics, pick a product pair.

Segment, first channel and date filter the customers; the view shows the metrics, a heat map of
lift between every two products, and for one pair (holds A → offer B) the lift and the first
customers to call. Every number comes from `salestrain.pingan.crosssell`.
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import numpy as np
import pandas as pd

from salestrain.core.display import date
from salestrain.core.html import STYLE, escape, table
from salestrain.core.i18n import get_language
from salestrain.core.numbers import format_number
from salestrain.core.widgets import Tool
from salestrain.pingan import content as pingan
from salestrain.pingan import crosssell as cs
from salestrain.pingan.views import fmt

YEAR_ENDS = [dt.date(y, 12, 31) for y in range(2016, 2025)]
_STYLE = {"description_width": "170px"}
# A dropdown as wide as its label and its longest option (the option list sets the width).
_FIT = {"width": "auto"}


def _colour(value: float) -> str:
    """Blue above 1 (pairs that go together), red below, white at 1; capped at 3× and 1/3."""
    if not np.isfinite(value) or value <= 0:
        return "#ffffff"
    strength = min(abs(np.log(value)) / np.log(3), 1.0)
    base = (47, 93, 138) if value > 1 else (179, 38, 30)
    r, g, b = (int(255 - (255 - c) * strength * 0.75) for c in base)
    return f"#{r:02x}{g:02x}{b:02x}"


def _luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb colour (WCAG 2)."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# Text on a heat-map cell: the course's dark ink where it reads well, else white, else black
# (on any background one of white and black reaches 4.58:1).
TEXT_COLOURS = ("#1d2733", "#ffffff", "#000000")


def text_colour(background: str) -> str:
    """The first of `TEXT_COLOURS` with a contrast of at least 4.5:1 on `background`."""
    for colour in TEXT_COLOURS:
        if contrast(colour, background) >= 4.5:
            return colour
    return max(TEXT_COLOURS, key=lambda c: contrast(c, background))


def heat_map(lift: pd.DataFrame, names: dict[str, str], caption: str) -> str:
    """Lift as an HTML table, each cell coloured by its value (escaped labels).

    Like `core.html.table`, the table sits in a box that scrolls sideways on a narrow page and
    takes keyboard focus; it keeps the tables' font size, and each figure's ink is chosen by
    its cell's colour so that it reads at 4.5:1 or better.
    """
    # A column never narrower than 2.5 em, so that a two-character Chinese name (车险) stays
    # on one line (browsers ignore min-width on the cell itself, not on a block inside it).
    head = "".join(f'<th scope="col"><span style="display:inline-block;min-width:2.5em">'
                   f"{escape(names[c])}</span></th>" for c in lift.columns)
    rows = []
    for a in lift.index:
        cells = []
        for b in lift.columns:
            value = lift.loc[a, b]
            text = "" if a == b or not np.isfinite(value) else f"{value:.1f}"
            bg = _colour(value)
            cells.append(f'<td style="background:{bg};color:{text_colour(bg)};'
                         f'text-align:center">{text}</td>')
        rows.append(f'<tr><th scope="row">{escape(names[a])}</th>{"".join(cells)}</tr>')
    return (f'<div class="st-table-wrap" tabindex="0"><table class="st-table">'
            f"<caption>{escape(caption)}</caption><thead><tr><th></th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def latest_start(holdings: cs.Holdings) -> dt.date:
    """The day the newest contract started: an imported table is first shown as it stood then
    (its end dates may lie in the future, its start dates do not)."""
    return (np.datetime64("1970-01-01", "D") + int(holdings.start.max())).astype(dt.date)


class CrossSellExplorer(Tool):
    """Filters → metrics, a lift heat map, and the customers to call for one product pair.

    Drive it from Python: set `.segment`, `.channel`, `.as_of`, `.product_a`, `.product_b`
    (ids; "" for all), then read `.metrics()` and `.pair_result()`.
    """

    CALL_LIST = 10

    def __init__(self, holdings: pd.DataFrame | cs.Holdings | None = None,
                 as_of: dt.date = YEAR_ENDS[-1], product_a: str = "life_protection",
                 product_b: str = "car", lang: str | None = None, own_data: bool = False,
                 folder=None) -> None:
        self.lang = lang or get_language()
        self.data = pingan.data()
        source = cs.sample() if holdings is None else holdings
        self.holdings = source if isinstance(source, cs.Holdings) else cs.Holdings(source)
        self._start = (self.holdings, as_of, product_a, product_b)
        t = self._t
        self._segment = w.Dropdown(description=t("segment"), style=_STYLE,
                                   layout=w.Layout(**_FIT))
        self._channel = w.Dropdown(description=t("first_channel"), style=_STYLE,
                                   layout=w.Layout(**_FIT))
        self._as_of = w.Dropdown(description=t("as_of"), style=_STYLE, layout=w.Layout(**_FIT))
        self._a = w.Dropdown(description=t("holds"), style=_STYLE, layout=w.Layout(**_FIT))
        self._b = w.Dropdown(description=t("offer"), style=_STYLE, layout=w.Layout(**_FIT))
        self._quiet = True
        self._set_options(as_of, product_a, product_b)
        self.metrics_view = w.HTML()
        self.heat_view = w.HTML()
        self.pair_view = w.HTML()
        for control in (self._segment, self._channel, self._as_of):
            control.observe(lambda _c: self._quiet or self._refresh(), names="value")
        for control in (self._a, self._b):
            control.observe(lambda _c: self._quiet or self._refresh_pair(), names="value")
        self._quiet = False
        self.import_panel = None
        extra = []
        if own_data:
            from salestrain.imports.widgets import ImportPanel

            self.import_panel = ImportPanel("holdings", on_import=lambda r: self.use(r.frame),
                                            on_reset=self.use_sample, folder=folder,
                                            lang=self.lang)
            extra = [self.import_panel.root]
        self.root = w.VBox([
            w.HTML(STYLE), *extra,
            w.HBox([self._segment, self._channel, self._as_of],
                   layout=w.Layout(flex_flow="row wrap")),
            self.metrics_view,
            self.heat_view,
            w.HBox([self._a, self._b], layout=w.Layout(flex_flow="row wrap")),
            self.pair_view,
        ])
        self._refresh()

    def _set_options(self, as_of: dt.date, product_a: str, product_b: str) -> None:
        """The filters' choices for the holdings shown (their segments, channels, products and
        the year ends they span)."""
        t, name = self._t, self._name
        everyone = [(t("all"), "")]
        self._segment.options = everyone + [(name(s), s) for s in self.holdings.segments]
        self._segment.value = ""
        self._channel.options = everyone + [(name(c), c) for c in self.holdings.channels]
        self._channel.value = ""
        dates = sorted({*YEAR_ENDS, as_of})
        self._as_of.options = [(date(d, self.lang), d) for d in dates]
        self._as_of.value = as_of
        products = [(name(p), p) for p in self.holdings.products]
        ids = [p for _, p in products]
        self._a.options = products
        self._a.value = product_a if product_a in ids else ids[0]
        self._b.options = products
        self._b.value = product_b if product_b in ids else ids[min(1, len(ids) - 1)]

    def use(self, holdings: pd.DataFrame | cs.Holdings) -> None:
        """Explore these holdings instead (an imported table): filters reset, the date is the
        newest contract's start."""
        self.holdings = holdings if isinstance(holdings, cs.Holdings) else cs.Holdings(holdings)
        self._quiet = True
        self._set_options(latest_start(self.holdings), *self._start[2:])
        self._quiet = False
        self._refresh()

    def use_sample(self) -> None:
        """Back to the holdings the explorer started with."""
        self.holdings = self._start[0]
        self._quiet = True
        self._set_options(*self._start[1:])
        self._quiet = False
        self._refresh()

    # --- the filters, readable and settable from Python ---------------------------------------

    def _t(self, key: str, **fields: object) -> str:
        return self.data.label(key, self.lang, **fields)

    def _name(self, item_id: str) -> str:
        return self.data.name_of(item_id, self.lang)

    segment = property(lambda self: self._segment.value,
                       lambda self, v: setattr(self._segment, "value", v))
    channel = property(lambda self: self._channel.value,
                       lambda self, v: setattr(self._channel, "value", v))
    as_of = property(lambda self: self._as_of.value,
                     lambda self, v: setattr(self._as_of, "value", v))
    product_a = property(lambda self: self._a.value, lambda self, v: setattr(self._a, "value", v))
    product_b = property(lambda self: self._b.value, lambda self, v: setattr(self._b, "value", v))

    def _filters(self) -> dict:
        return {"segment": self.segment or None, "channel": self.channel or None}

    # --- what the view shows ---------------------------------------------------------------

    def metrics(self) -> dict[str, float]:
        """The filtered customers' metrics on the chosen date, with retention over the past
        year for all customers, for one-contract customers and for those with four or more."""
        values = cs.summary(self.holdings, self.as_of, **self._filters())
        ret = cs.retention_by_products(self.holdings, self.as_of, **self._filters())
        values["retention"] = float(ret.loc["all", "retention"])
        values["single_retention"] = float(ret.loc["1", "retention"])
        values["four_plus_retention"] = float(ret.loc["4+", "retention"])
        return values

    def lift(self) -> pd.DataFrame:
        return cs.lift(self.holdings, self.as_of, **self._filters())

    def pair_result(self) -> cs.Pair:
        return cs.pair(self.holdings, self.as_of, self.product_a, self.product_b,
                       **self._filters())

    def _refresh(self) -> None:
        values = self.metrics()
        rows = [[self._t(k), fmt(k, v, self.lang)] for k, v in values.items()]
        self.metrics_view.value = table([self._t("measure"), ""], rows, row_headers=True)
        if values["customers"]:
            names = {p: self._name(p) for p in self.holdings.products}
            self.heat_view.value = heat_map(self.lift(), names, self._t("lift_caption"))
        else:
            self.heat_view.value = f'<p class="st-muted">{escape(self._t("no_customers"))}</p>'
        self._refresh_pair()

    def _refresh_pair(self) -> None:
        p = self.pair_result()
        if not p.customers:
            self.pair_view.value = f'<p class="st-muted">{escape(self._t("no_customers"))}</p>'
            return
        text = self._t("pair_result", both=format_number(p.both),
                       holders=format_number(p.holders_a),
                       a=self._name(p.a), b=self._name(p.b),
                       confidence=fmt("retention", p.confidence, self.lang),
                       lift=fmt("lift", p.lift, self.lang),
                       calls=format_number(p.calls))
        listing = ""
        if p.calls:
            first = cs.customers_table(self.holdings, self.as_of, p.to_call, self.CALL_LIST)
            rows = [[c, self._name(s), ", ".join(self._name(x) for x in held)]
                    for c, s, held in first.itertuples(index=False)]
            listing = table([self._t("customer"), self._t("segment"), self._t("products_held")],
                            rows, caption=self._t("to_call"))
        self.pair_view.value = f"<p>{escape(text)}</p>{listing}"


    def __repr__(self) -> str:
        """A one-line summary in the course language: the filters and the customers shown."""
        t = self._t
        segment = self._name(self.segment) if self.segment else t("all")
        channel = self._name(self.channel) if self.channel else t("all")
        customers = fmt("customers", self.metrics()["customers"], self.lang)
        return t("explorer_summary", segment=segment, channel=channel,
                 as_of=date(self.as_of, self.lang), customers=customers)
