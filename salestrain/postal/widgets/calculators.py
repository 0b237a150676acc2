"""Module 2 tools: the customer-manager bonus calculator and the cross-sell matrix editor.

Both only call `postal.rules`; every rule and message lives there and in `postal/content.yaml`.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from salestrain.core.html import STYLE, escape, table
from salestrain.core.i18n import get_language
from salestrain.core.numbers import format_number
from salestrain.postal import content as postal
from salestrain.postal import rules as postal_rules

INPUTS = ("base_amount", "new_revenue", "new_revenue_target", "retention", "retention_target",
          "service", "w_new_revenue", "w_retention", "w_service", "cap", "unit_rate")
_TEXT = w.Layout(width="200px")


class BonusCalculator:
    """Bonus = base × (50 % new revenue + 40 % retention + 10 % service), with dual-track cost."""

    def __init__(self, lang: str | None = None, **values: object) -> None:
        self.lang = lang or get_language()
        d = postal.postal().bonus_defaults
        start = {"base_amount": d.base_amount, "new_revenue": 600_000,
                 "new_revenue_target": d.new_revenue_target, "retention": 1_100_000,
                 "retention_target": 1_000_000, "service": 90,
                 "w_new_revenue": f"{d.weights.new_revenue * 100:g}%",
                 "w_retention": f"{d.weights.retention * 100:g}%",
                 "w_service": f"{d.weights.service * 100:g}%", "cap": d.cap,
                 "unit_rate": f"{d.unit_rate * 100:g}%"} | values
        self.inputs = {k: w.Text(value=_shown(start[k]), placeholder=self._t("f_" + k),
                                 layout=_TEXT) for k in INPUTS}
        self.dual_track = w.Checkbox(value=True, description=self._t("dual_track"), indent=False)
        self.error = w.HTML()
        self.result = w.HTML()
        self.last: postal_rules.BonusResult | None = None
        rows = [w.HBox([w.HTML(f"<b>{escape(self._t('f_' + k))}</b>",
                               layout=w.Layout(width="300px")), self.inputs[k]])
                for k in INPUTS]
        for control in [*self.inputs.values(), self.dual_track]:
            control.observe(lambda _c: self.calculate(), names="value")
        self.root = w.VBox([w.HTML(STYLE + f"<h4>{escape(self._t('bonus_title'))}</h4>"), *rows,
                            self.dual_track, self.error, self.result])
        self.calculate()

    def _t(self, key: str, **fields: object) -> str:
        return postal.text(key, self.lang, **fields)

    def set(self, name: str, value: object) -> str:
        """Type into one input (or set `dual_track`); returns the error shown ('' if none)."""
        if name == "dual_track":
            self.dual_track.value = bool(value)
        else:
            self.inputs[name].value = _shown(value)
        return self.error_text

    @property
    def error_text(self) -> str:
        return self._error

    def calculate(self) -> postal_rules.BonusResult | None:
        v = {k: c.value for k, c in self.inputs.items()}
        weights = {k: v[f"w_{k}"] for k in ("new_revenue", "retention", "service")}
        try:
            self.last = postal_rules.bonus(
                new_revenue=v["new_revenue"], retention=v["retention"],
                retention_target=v["retention_target"], service=v["service"],
                base_amount=v["base_amount"], new_revenue_target=v["new_revenue_target"],
                weights=weights, cap=v["cap"], dual_track=self.dual_track.value,
                unit_rate=v["unit_rate"])
        except postal_rules.PostalError as exc:
            self._error = str(exc)
            self.error.value = f'<span class="st-error" role="alert">⚠ {escape(exc)}</span>'
            self.result.value = ""
            self.last = None
            return None
        self._error = ""
        self.error.value = ""
        cols, rows = self.last.rows(self.lang)
        self.result.value = (table(cols, rows, row_headers=True)
                             + f"<p>{escape(self.last.message(self.lang))}</p>")
        return self.last

    def __repr__(self) -> str:
        if self.last is None:
            return f"BonusCalculator({self._error})"
        return f"BonusCalculator({self.last.message(self.lang)})"

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.root._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle


def _shown(value: object) -> str:
    return format_number(value) if isinstance(value, int | float) else str(value)


class CrossSellMatrixEditor:
    """A dropdown per business × segment: lead with it, follow with it, or neither."""

    def __init__(self, matrix: postal_rules.CrossSellMatrix | None = None, lang: str | None = None,
                 on_change: Callable[[], None] | None = None) -> None:
        self.lang = lang or get_language()
        self.matrix = matrix or postal_rules.CrossSellMatrix()
        self.on_change = on_change
        self._quiet = False
        data = postal.postal()
        options = [(self._t("none"), ""), (self._t("lead"), "lead"),
                   (self._t("follow"), "follow")]
        self.cells: dict[tuple[str, str], w.Dropdown] = {}
        children: list[w.Widget] = [w.HTML(f"<b>{escape(self._t('matrix_business'))}</b>")]
        children += [w.HTML(f"<b>{escape(s.name(self.lang))}</b>")
                     for s in data.customer_segments]
        for b in data.businesses():
            children.append(w.HTML(escape(b.name(self.lang)), layout=w.Layout(width="auto")))
            for s in data.customer_segments:
                dd = w.Dropdown(options=options, value=self.matrix.get(b.id, s.id),
                                layout=w.Layout(width="auto"))
                dd.observe(lambda c, b=b.id, s=s.id: self._on_cell(b, s, c["new"]),
                           names="value")
                self.cells[(b.id, s.id)] = dd
                children.append(dd)
        cols = len(data.customer_segments) + 1
        self.grid = w.GridBox(children, layout=w.Layout(
            grid_template_columns=f"minmax(160px, 1.6fr) repeat({cols - 1}, minmax(80px, 1fr))",
            grid_gap="4px", width="100%", overflow="auto"))
        self.summary = w.HTML()
        self.root = w.VBox([w.HTML(STYLE + f"<h4>{escape(self._t('matrix_title'))}</h4>"),
                            self.grid, self.summary])
        self._refresh()

    def _t(self, key: str, **fields: object) -> str:
        return postal.text(key, self.lang, **fields)

    def set(self, business: str, segment: str, role: str) -> None:
        """Choose lead / follow / '' for one cell, as a trainee would."""
        if (business, segment) not in self.cells:
            self.matrix.set(business, segment, role)  # raises the named error
        if role not in ("lead", "follow", ""):
            raise postal_rules.PostalError(self._t("err_matrix_role", value=role))
        self.cells[(business, segment)].value = role

    def load(self, matrix: postal_rules.CrossSellMatrix) -> None:
        """Show another matrix (e.g. a loaded canvas's) without reporting edits."""
        self.matrix = matrix
        self._quiet = True
        try:
            for (b, s), dd in self.cells.items():
                dd.value = matrix.get(b, s)
        finally:
            self._quiet = False
        self._refresh()

    def _on_cell(self, business: str, segment: str, role: str) -> None:
        if self._quiet:
            return
        self.matrix.set(business, segment, role)
        self._refresh()
        if self.on_change:
            self.on_change()

    def _refresh(self) -> None:
        self.summary.value = f"<p>{escape(self.matrix.summary(self.lang))}</p>"

    def __repr__(self) -> str:
        return f"CrossSellMatrixEditor({self.matrix.summary(self.lang)})"

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.root._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle
