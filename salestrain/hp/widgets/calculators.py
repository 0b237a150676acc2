"""The HP case's two calculators: `AccountScorer` (weights → ranking and tiers) and
`PayCalculator` (a pay plan → payout table and curve, the PM link, double crediting).

Both are views: the rules live in `salestrain.hp.accounts` and `salestrain.hp.pay`; a refused
input is shown under its field with the model's message. Drive them from Python through their
controls or `set(...)`.
"""

from __future__ import annotations

import io

import ipywidgets as w
from pydantic import ValidationError

from salestrain.core.display import money, percent
from salestrain.core.html import STYLE, error_line, escape, table
from salestrain.core.i18n import get_language
from salestrain.core.numbers import NumberError, format_number, parse_number
from salestrain.core.widgets import ChartImage, Field, Tool
from salestrain.hp import accounts, pay
from salestrain.hp.content import hp, text


def png(fig) -> bytes:
    """A figure as PNG bytes without a creation-software stamp (stable output)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, metadata={"Software": None})
    return buf.getvalue()




class AccountScorer(Tool):
    """Weight sliders and tier cut-offs → ranked candidates and a tier chart."""

    def __init__(self, candidates: list[accounts.Candidate] | None = None,
                 lang: str | None = None, rows: int = 12) -> None:
        self.lang = lang or get_language()
        self.candidates = candidates or accounts.synthetic_candidates(lang=self.lang)
        data = hp()
        defaults = data.scoring_defaults
        # Each label as wide as its text (a fixed width cut "Customer's market share" off).
        style = {"description_width": "initial"}
        wide = w.Layout(width="400px")
        self.sliders = {
            ind.id: w.FloatSlider(value=defaults.weights[ind.id], min=0, max=1, step=0.05,
                                  description=ind.name(self.lang), style=style, layout=wide,
                                  continuous_update=False, readout_format=".2f")
            for ind in data.indicators
        }
        self.cut_a = w.IntSlider(value=int(defaults.tier_a), min=0, max=100,
                                 description=self._s("cutoff_a"), style=style, layout=wide,
                                 continuous_update=False)
        self.cut_b = w.IntSlider(value=int(defaults.tier_b), min=0, max=100,
                                 description=self._s("cutoff_b"), style=style, layout=wide,
                                 continuous_update=False)
        self.rows = w.IntSlider(value=rows, min=5, max=len(self.candidates),
                                description=self._s("show_top"), style=style, layout=wide,
                                continuous_update=False)
        self.error = w.HTML()
        self.weights_used = w.HTML()
        self.table = w.HTML()
        self.chart = ChartImage(format="png", layout=w.Layout(max_width="560px", width="100%"))
        for control in [*self.sliders.values(), self.cut_a, self.cut_b, self.rows]:
            control.observe(lambda _c: self._refresh(), names="value")
        controls = w.VBox([*self.sliders.values(), self.cut_a, self.cut_b, self.rows,
                           self.error, self.weights_used], layout=w.Layout(width="420px"))
        self.root = w.VBox([
            w.HTML(STYLE + f"<h3 style='margin:.2em 0'>{escape(self._s('scorer_title'))}</h3>"),
            w.HBox([controls, self.chart],
                   layout=w.Layout(flex_flow="row wrap", grid_gap="16px", width="100%")),
            self.table,
        ], layout=w.Layout(width="100%", max_width="1100px"))
        self.scored: list[accounts.ScoredAccount] = []
        self._refresh()

    def _s(self, key: str, **fields: object) -> str:
        return text(key, self.lang, **fields)

    def set_weights(self, **weights: float) -> None:
        """Move the sliders, e.g. `set_weights(volume=0.2, growth=0.6)`."""
        for key, value in weights.items():
            self.sliders[key].value = value

    error_text = ""  # the refusal shown under the sliders, as plain text

    def _refresh(self) -> None:
        try:
            weights = accounts.Weights(**{k: s.value for k, s in self.sliders.items()})
            cutoffs = accounts.Cutoffs(a=self.cut_a.value, b=self.cut_b.value)
        except ValidationError as exc:
            self.error_text = exc.errors()[0]["msg"]
            self.error.value = error_line(self.error_text)
            return
        self.error_text = self.error.value = ""
        self.scored = accounts.score_accounts(self.candidates, weights, cutoffs)
        used = ", ".join(f"{hp().indicator(k).name(self.lang)} {percent(v, self.lang, 0)}"
                         for k, v in weights.normalised().items())
        self.weights_used.value = (
            f"<span class='st-muted'>{escape(self._s('weights_used', weights=used))}</span>")
        self.table.value = STYLE + table(
            [self._s(k) for k in ("rank", "account", "industry", "volume_spend")]
            + [hp().indicator("growth").name(self.lang), hp().indicator("share").name(self.lang),
               self._s("score"), self._s("tier")],
            [[s.rank, s.candidate.name, hp().industry(s.candidate.industry).name(self.lang),
              format_number(s.candidate.volume), percent(s.candidate.growth, self.lang),
              percent(s.candidate.share, self.lang), f"{s.score:.1f}", s.tier]
             for s in self.scored[: self.rows.value]],
        )
        self.chart.value = png(accounts.tier_chart(self.scored, self.lang))
        # The chart's text alternative (the image's title): what it shows, in numbers.
        self.chart.tooltip = accounts.tier_chart_alt(self.scored, self.lang)

    def __repr__(self) -> str:
        top = ("、" if self.lang == "zh" else "; ").join(s.candidate.name for s in self.scored[:3])
        return self._s("scorer_text", n=len(self.candidates), top=top)



# PayCalculator field id → (kind, default shown). "share" fields read 60 or 60% as 0.6.
_PAY_FIELDS = {
    "target_pay": "amount", "base_share": "share", "variable_share": "share",
    "threshold": "share", "accelerator": "number", "cap": "number", "pm_link": "share",
}
_ATTAINMENTS = ("attainment", "product_attainment", "account_attainment")
_CREDIT_FIELDS = ("revenue", "account_rate", "product_rate")


class PayCalculator(Tool):
    """A pay plan typed as people type it → payout table and curve, PM link, double crediting."""

    def __init__(self, lang: str | None = None) -> None:
        self.lang = lang or get_language()
        d = hp().pay_defaults
        share = lambda value: percent(value, self.lang)  # noqa: E731
        start = {
            "target_pay": format_number(d.target_pay), "base_share": share(d.base_share),
            "variable_share": share(1 - d.base_share), "threshold": share(d.threshold),
            "accelerator": f"{d.accelerator:g}", "cap": f"{d.cap:g}",
            "pm_link": share(d.pm_link), "attainment": share(1.3),
            "product_attainment": share(1.0), "account_attainment": share(0.8),
            "revenue": "1,000万", "account_rate": share(0.02), "product_rate": share(0.01),
        }
        self.fields: dict[str, Field] = {}
        for key, value in start.items():
            # The label above is an HTML line; the tooltip names the box itself.
            control = w.Text(value=value, continuous_update=False, tooltip=self._s(key),
                             layout=w.Layout(width="200px"))
            self.fields[key] = Field(self._s(key), control)
            control.observe(lambda _c: self._refresh(), names="value")
        self.plan: pay.PayPlan | None = None
        self.pm_payout: pay.PMPayout | None = None
        self.credit: pay.DoubleCredit | None = None
        self.table = w.HTML()
        self.pm_table = w.HTML()
        self.credit_table = w.HTML()
        self.chart = ChartImage(format="png", layout=w.Layout(max_width="560px", width="100%"))

        def grid(keys):
            return w.GridBox([self.fields[k].box for k in keys], layout=w.Layout(
                grid_template_columns="repeat(auto-fill, minmax(220px, 1fr))",
                grid_gap="2px 16px", width="100%"))

        def head(key):
            return w.HTML(f"<h4 style='margin:.6em 0 .2em 0;color:#2f5d8a'>"
                          f"{escape(self._s(key))}</h4>")

        self.root = w.VBox([
            w.HTML(STYLE + f"<h3 style='margin:.2em 0'>{escape(self._s('pay_title'))}</h3>"
                   f"<span class='st-muted'>{escape(self._s('pay_assumptions'))}</span>"),
            grid([*_PAY_FIELDS, "attainment"]),
            w.HBox([self.chart, self.table],
                   layout=w.Layout(flex_flow="row wrap", grid_gap="16px", width="100%")),
            head("pm_title"), grid(["product_attainment", "account_attainment"]), self.pm_table,
            head("credit_title"), grid(_CREDIT_FIELDS), self.credit_table,
        ], layout=w.Layout(width="100%", max_width="1100px"))
        self._refresh()

    def _s(self, key: str, **fields: object) -> str:
        return text(key, self.lang, **fields)

    def set(self, key: str, value: str) -> str:
        """Type into one field; returns the error shown under it ('' if none)."""
        self.fields[key].value = str(value)
        return self.error(key)

    def error(self, key: str) -> str:
        return self.fields[key].error_text

    def _read(self, key: str, percent: bool) -> float:
        return parse_number(self.fields[key].value, percent=percent)

    def _refresh(self) -> None:
        for field in self.fields.values():
            field.set_error(None)
        self.plan = self._build_plan()
        if self.plan is None:
            return
        try:
            mark = self._read("attainment", percent=True)
            payout = self.plan.payout(mark)
        except ValueError as exc:
            self.fields["attainment"].set_error(str(exc))
            mark, payout = None, None
        rows = self.plan.table()
        if payout is not None and all(abs(r.attainment - mark) > 1e-9 for r in rows):
            rows = sorted([*rows, payout], key=lambda r: r.attainment)
        self.table.value = STYLE + pay.payout_table(rows, self.lang).html
        self.chart.value = png(pay.pay_chart(self.plan, self.lang, mark))
        self.chart.tooltip = pay.pay_chart_alt(self.plan, self.lang, mark)
        self._refresh_pm()
        self._refresh_credit()

    def _build_plan(self) -> pay.PayPlan | None:
        raw = {k: self.fields[k].value for k in _PAY_FIELDS}
        try:
            return pay.PayPlan(**raw)
        except ValidationError as exc:
            for err in exc.errors():
                key = err["loc"][0] if err["loc"] else {
                    "split_sum": "variable_share", "link_exceeds_variable": "pm_link",
                }.get(err["type"], "base_share")
                self.fields[str(key)].set_error(err["msg"].removeprefix("Value error, "))
            self.table.value = self.pm_table.value = ""
            return None

    def _refresh_pm(self) -> None:
        try:
            product = self._read("product_attainment", percent=True)
            account = self._read("account_attainment", percent=True)
            pm = pay.product_manager_pay(self.plan, product, account)
        except ValueError as exc:
            self.pm_table.value = ""
            self.pm_payout = None
            bad = "product_attainment" if "product" in str(exc) else "account_attainment"
            self.fields[bad].set_error(str(exc))
            return
        self.pm_payout = pm
        self.pm_table.value = STYLE + pm.view(self.lang).html

    def _refresh_credit(self) -> None:
        try:
            values = {}
            for key in _CREDIT_FIELDS:
                try:
                    values[key] = parse_number(self.fields[key].value,
                                               percent=key != "revenue", allow_negative=False)
                except NumberError as exc:
                    self.fields[key].set_error(str(exc))
                    raise
            d = pay.double_credit_cost(**values)
        except ValueError:
            self.credit_table.value = ""
            self.credit = None
            return
        self.credit = d
        self.credit_table.value = STYLE + d.view(self.lang).html

    def __repr__(self) -> str:
        if self.plan is None:
            return self._s("calculator_invalid")
        return self._s("calculator_text", pay=money(self.plan.target_pay, self.lang),
                       base=percent(self.plan.base_share, self.lang, 0))

