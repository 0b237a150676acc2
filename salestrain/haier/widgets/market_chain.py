"""`MarketChainSimulator`: sliders for the internal market, the SST settlement beside them.

Move claim discipline down and watch the failures go quiet — the failing units' accounts look
clean — until the trip fires and settles them all at once. The rules live in
`salestrain.haier.marketchain`; this view only reads the sliders into `Params` and shows the result.
"""

from __future__ import annotations

from contextlib import contextmanager

import ipywidgets as w
from pydantic import ValidationError

from salestrain.core.html import STYLE, error_line, escape, table
from salestrain.core.i18n import get_language
from salestrain.core.widgets import ChartImage, Tool
from salestrain.haier import content as haier
from salestrain.haier import marketchain as mc

# Each label at its own width (never cut off), each slider across its group.
_WIDE = {"description_width": "initial"}



_LAYOUT = {"width": "100%", "max_width": "640px"}


class MarketChainSimulator(Tool):
    """Failure rates, prices and claim rules in; balances, trips and a chart out.

    Drive it from Python with `set(claim_discipline=0.2, orders=300, ...)`; read `.params`
    and `.result` (a `marketchain.Settlement`).
    """

    # The chart is 6.8 in wide: at 100 dpi its 9 pt text is 12 px and it fits the page.
    CHART_DPI = 100

    def __init__(self, lang: str | None = None, **settings) -> None:
        self.lang = lang or get_language()
        self.params = mc.Params(**settings)
        self.result: mc.Settlement | None = None
        t = self._t
        p = self.params
        self.rates = {
            u.id: w.FloatSlider(value=p.rate(u.id), min=0, max=1, step=0.01,
                                description=t("w_failure_rate", unit=u.name(self.lang)),
                                style=_WIDE, layout=_LAYOUT, readout_format=".2f")
            for u in mc.units()
        }
        self.prices = {
            c.id: w.FloatSlider(value=p.price(c.id), min=0, max=200, step=1,
                                description=t("w_price", service=c.service(self.lang)),
                                style=_WIDE, layout=_LAYOUT, readout_format=".0f")
            for c in mc.contracts()
        }
        self.claim_discipline = w.FloatSlider(
            value=p.claim_discipline, min=0, max=1, step=0.05, style=_WIDE, layout=_LAYOUT,
            description=t("w_claim_discipline"), readout_format=".2f")
        self.self_report = w.FloatSlider(
            value=p.self_report, min=0, max=1, step=0.05, style=_WIDE, layout=_LAYOUT,
            description=t("w_self_report"), readout_format=".2f")
        self.orders = w.IntSlider(value=p.orders, min=10, max=1000, step=10, style=_WIDE,
                                  layout=_LAYOUT, description=t("w_orders"))
        self.trip_after = w.IntSlider(value=p.trip_after, min=1, max=10, style=_WIDE,
                                      layout=_LAYOUT, description=t("w_trip_after"))
        self.trip_penalty = w.FloatSlider(value=p.trip_penalty, min=0, max=50, step=1,
                                          style=_WIDE, layout=_LAYOUT,
                                          description=t("w_trip_penalty"), readout_format=".0f")
        self.seed = w.BoundedIntText(value=p.seed, min=0, max=10**9, style=_WIDE,
                                     layout={"width": "280px"}, description=t("w_seed"))
        self.error = w.HTML("")
        self.summary = w.HTML("")
        self.table = w.HTML("")
        self.chart = ChartImage(format="png", layout=w.Layout(max_width="100%"))
        self._chart: mc.ChainChart | None = None  # drawn once, then redrawn in place
        self._quiet = False
        for control in self._controls():
            control.observe(lambda _change: self._changed(), names="value")

        def group(key: str, controls: list, help_keys: tuple[str, ...] = ()) -> w.VBox:
            notes = [w.HTML(f'<span class="st-muted">{escape(t(k))}</span>') for k in help_keys]
            return w.VBox([w.HTML(f"<b>{escape(t(key))}</b>"), *controls, *notes],
                          layout=w.Layout(width="100%", margin="0 0 .5em 0"))

        self.root = w.VBox([
            w.HTML(STYLE),
            group("w_rates", list(self.rates.values())),
            group("w_prices", list(self.prices.values())),
            group("w_rules", [self.claim_discipline, self.self_report, self.trip_after,
                              self.trip_penalty, self.orders, self.seed],
                  ("w_claim_help", "w_self_report_help", "w_trip_after_help")),
            self.error, self.summary, self.table, self.chart,
        ])
        self.run()

    def _t(self, key: str, **fields: object) -> str:
        return haier.text(key, self.lang, **fields)

    def _controls(self) -> list[w.ValueWidget]:
        return [*self.rates.values(), *self.prices.values(), self.claim_discipline,
                self.self_report, self.orders, self.trip_after, self.trip_penalty, self.seed]

    @contextmanager
    def _hold(self):
        """Change several controls, then run once."""
        previous, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = previous
        self._changed()

    def set(self, **settings) -> None:
        """Set controls from Python: rates and prices as dicts, the others by name."""
        with self._hold():
            for unit, rate in settings.pop("failure_rates", {}).items():
                self.rates[unit].value = rate
            for contract, price in settings.pop("prices", {}).items():
                self.prices[contract].value = price
            for name, value in settings.items():
                getattr(self, name).value = value

    def read(self) -> dict:
        """The settings on show, as `Params` fields."""
        return {
            "orders": self.orders.value, "seed": self.seed.value,
            "failure_rates": {k: s.value for k, s in self.rates.items()},
            "prices": {k: s.value for k, s in self.prices.items()},
            "claim_discipline": self.claim_discipline.value,
            "self_report": self.self_report.value,
            "trip_after": self.trip_after.value, "trip_penalty": self.trip_penalty.value,
        }

    def _changed(self) -> None:
        if self._quiet:
            return
        try:
            self.params = mc.Params(**self.read())
        except ValidationError as exc:
            messages = "; ".join(e["msg"] for e in exc.errors())
            self.error.value = error_line(messages)
            return
        self.error.value = ""
        self.run()

    def run(self) -> mc.Settlement:
        """Simulate with the current parameters and show the settlement."""
        self.result = mc.simulate(self.params)
        columns, rows = self.result.rows(self.lang)
        self.table.value = table(columns, rows)
        self.summary.value = f"<p>{escape(self.result.summary(self.lang))}</p>"
        if self._chart is None:
            self._chart = mc.ChainChart(self.lang, dpi=self.CHART_DPI)
        self.chart.value = self._chart.update(self.result).png()
        self.chart.tooltip = self.result.chart_alt(self.lang)  # the image's text alternative
        return self.result

    def __repr__(self) -> str:
        summary = self.result.summary(self.lang) if self.result else ""
        return self._t("sim_text", summary=summary)

