"""Module 2 tools: the grading form, the customer-manager bonus calculator and the cross-sell
matrix editor.

All only call `postal.rules` and `postal.views`; every rule and message lives there and in
`postal/content.yaml`. Trainees use them by typing and choosing — no code.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from salestrain.core.html import STYLE, escape, table
from salestrain.core.i18n import get_language, language
from salestrain.core.numbers import format_number
from salestrain.postal import content as postal
from salestrain.postal import rules as postal_rules
from salestrain.postal import views as postal_views

RESULTS = ("new_revenue", "new_margin", "retention", "retention_target", "service")
RULE = ("base_amount", "new_revenue_target", "w_new_revenue", "w_retention", "w_service", "cap",
        "unit_rate")
INPUTS = RESULTS + RULE
_TEXT = w.Layout(width="200px")


class BonusCalculator:
    """Bonus = base × (50 % new business + 40 % retention + 10 % service), with dual-track cost.

    New business = revenue of new mail, parcel and logistics business + marketing gross margin
    of new savings and agency business. Every figure of the rule is a field, so trainees try
    other weights, caps or rates by typing.
    """

    def __init__(self, lang: str | None = None, **values: object) -> None:
        self.lang = lang or get_language()
        d = postal.postal().bonus_defaults
        start = {"base_amount": d.base_amount, "new_revenue": 450_000, "new_margin": 150_000,
                 "new_revenue_target": d.new_revenue_target, "retention": 1_100_000,
                 "retention_target": 1_000_000, "service": 90,
                 "w_new_revenue": f"{d.weights.new_revenue * 100:g}%",
                 "w_retention": f"{d.weights.retention * 100:g}%",
                 "w_service": f"{d.weights.service * 100:g}%", "cap": d.cap,
                 "unit_rate": f"{d.unit_rate * 100:g}%"} | values
        self.inputs = {k: w.Text(value=_shown(start[k]), placeholder=self._t("f_" + k),
                                 layout=_TEXT) for k in INPUTS}
        self.field_errors = {k: w.HTML() for k in INPUTS}
        self.dual_track = w.Checkbox(value=bool(start.get("dual_track", True)),
                                     description=self._t("dual_track"), indent=False)
        self.error = w.HTML()
        self.result = w.HTML()
        self.last: postal_rules.BonusResult | None = None
        self._error = ""

        def row(k: str) -> w.Widget:
            return w.VBox([w.HBox([w.HTML(f"<b>{escape(self._t('f_' + k))}</b>",
                                          layout=w.Layout(width="340px")), self.inputs[k]]),
                           self.field_errors[k]])

        def head(key: str) -> w.HTML:
            return w.HTML(f"<h5 style='margin:.6em 0 .2em'>{escape(self._t(key))}</h5>")

        for control in [*self.inputs.values(), self.dual_track]:
            control.observe(lambda _c: self.calculate(), names="value")
        self.root = w.VBox([w.HTML(STYLE + f"<h4>{escape(self._t('bonus_title'))}</h4>"),
                            head("bonus_sec_results"), *[row(k) for k in RESULTS],
                            head("bonus_sec_rule"), *[row(k) for k in RULE],
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
        for box in self.field_errors.values():
            box.value = ""
        try:
            self.last = postal_rules.bonus(
                new_revenue=v["new_revenue"], new_margin=v["new_margin"],
                retention=v["retention"], retention_target=v["retention_target"],
                service=v["service"], base_amount=v["base_amount"],
                new_revenue_target=v["new_revenue_target"], weights=weights, cap=v["cap"],
                dual_track=self.dual_track.value, unit_rate=v["unit_rate"])
        except postal_rules.PostalError as exc:
            self._error = str(exc)
            alert = f'<span class="st-error" role="alert">⚠ {escape(exc)}</span>'
            self.error.value = alert
            if exc.field in self.field_errors:
                self.field_errors[exc.field].value = alert
            self.result.value = ""
            self.last = None
            return None
        self._error = ""
        self.error.value = ""
        cols, rows = self.last.rows(self.lang)
        self.result.value = (table(cols, rows, row_headers=True)
                             + f"<p>{escape(self.last.message(self.lang))}</p>")
        return self.last

    def field_error(self, name: str) -> str:
        """The message shown under one input ('' if none)."""
        html = self.field_errors[name].value
        return self._error if html else ""

    def __repr__(self) -> str:
        head = self._t("bonus_title") + _colon(self.lang)
        if self.last is None:
            return head + self._error
        return head + self.last.message(self.lang)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.root._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _shown(value: object) -> str:
    return format_number(value) if isinstance(value, int | float) else str(value)


class CrossSellMatrixEditor:
    """A dropdown per business × segment: lead with it, follow with it, or neither.

    The rule is the matrix's (`rules.CrossSellMatrix`): one lead and at most two follows per
    segment. A choice that breaks it is refused: the dropdown goes back, the message under the
    grid names the segment and the businesses, and `on_change` is not called (nothing is saved).
    The editor keeps no file of its own: it is part of the design canvas, which saves it (the
    canvas shows its save status on `status`, so the matrix says where it went).
    """

    def __init__(self, matrix: postal_rules.CrossSellMatrix | None = None, lang: str | None = None,
                 on_change: Callable[[], None] | None = None) -> None:
        self.lang = lang or get_language()
        self.matrix = matrix or postal_rules.CrossSellMatrix()
        self.on_change = on_change
        self._quiet = False
        self._error = ""
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
        self.error = w.HTML()
        self.status = w.HTML()
        self.root = w.VBox([w.HTML(STYLE + f"<h4>{escape(self._t('matrix_title'))}</h4>"
                                   f"<span class='st-muted'>{escape(self._t('matrix_rule'))}"
                                   "</span>"),
                            self.grid, self.error, self.summary, self.status])
        self._refresh()

    def _t(self, key: str, **fields: object) -> str:
        return postal.text(key, self.lang, **fields)

    def set(self, business: str, segment: str, role: str) -> str:
        """Choose lead / follow / '' for one cell, as a trainee would; returns the message shown
        ('' when the choice was taken). An unknown business, segment or role raises."""
        if (business, segment) not in self.cells:
            self.matrix.set(business, segment, role)  # raises the named error
        if role not in ("lead", "follow", ""):
            raise postal_rules.PostalError(self._t("err_matrix_role", value=role))
        self.cells[(business, segment)].value = role
        return self._error

    @property
    def error_text(self) -> str:
        """The message of the last refused choice ('' after a choice was taken)."""
        return self._error

    def load(self, matrix: postal_rules.CrossSellMatrix) -> None:
        """Show another matrix (e.g. a loaded canvas's) without reporting edits."""
        self.matrix = matrix
        self._show_error("")
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
        try:
            with language(self.lang):
                self.matrix.set(business, segment, role)
        except postal_rules.PostalError as exc:
            self._show_error(str(exc))
            self._quiet = True
            try:  # the dropdown goes back to what the matrix holds
                self.cells[(business, segment)].value = self.matrix.get(business, segment)
            finally:
                self._quiet = False
            return
        self._show_error("")
        self._refresh()
        if self.on_change:
            self.on_change()

    def _show_error(self, message: str) -> None:
        self._error = message
        self.error.value = (f'<span class="st-error" role="alert">⚠ {escape(message)}</span>'
                            if message else "")

    def _refresh(self) -> None:
        self.summary.value = f"<p>{escape(self.matrix.summary(self.lang))}</p>"

    def __repr__(self) -> str:
        return f"{self._t('matrix_title')} — {self.matrix.summary(self.lang)}"

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.root._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle


class GradingForm:
    """Grade the synthetic customers with limits typed in, and choose segment ownership rules.

    One text box per grade (1,000,000 / 100万 / 12万 are all read), each with its own error line;
    one dropdown per customer segment ("by grade" or a level that owns all its accounts). The
    grading table and who owns the customers update on every change.
    """

    def __init__(self, customers: list[postal_rules.Customer] | None = None,
                 lang: str | None = None) -> None:
        self.lang = lang or get_language()
        data = postal.postal()
        self.customers = postal_rules.synthetic_customers() if customers is None else customers
        self.limits: dict[str, w.Text] = {}
        self.limit_errors: dict[str, w.HTML] = {}
        rows: list[w.Widget] = []
        for grade in data.grades:
            box = w.Text(value=format_number(grade.min_monthly), layout=_TEXT,
                         placeholder=grade.name(self.lang))
            self.limits[grade.id] = box
            self.limit_errors[grade.id] = w.HTML()
            rows.append(w.VBox([w.HBox([w.HTML(f"<b>{escape(grade.name(self.lang))}</b>",
                                               layout=w.Layout(width="140px")), box]),
                                self.limit_errors[grade.id]]))
        options = [(self._t("by_grade"), "")] + [(lv.name(self.lang), lv.id)
                                                 for lv in data.levels]
        self.rules: dict[str, w.Dropdown] = {}
        rule_rows: list[w.Widget] = []
        for seg in data.customer_segments:
            dd = w.Dropdown(options=options, value=data.segment_owners.get(seg.id, ""),
                            layout=w.Layout(width="200px"))
            self.rules[seg.id] = dd
            rule_rows.append(w.HBox([w.HTML(escape(seg.name(self.lang)),
                                            layout=w.Layout(width="260px")), dd]))
        self.defaults_button = w.Button(description=self._t("grading_defaults"), icon="undo")
        self.defaults_button.on_click(lambda _b: self.reset())
        self.result = w.HTML()
        self.grade_rows: list[postal_rules.GradeRow] | None = None
        self.level_rows: list[postal_rules.LevelRow] | None = None
        for control in [*self.limits.values(), *self.rules.values()]:
            control.observe(lambda _c: self.refresh(), names="value")

        def muted(key: str) -> w.HTML:
            return w.HTML(f"<span class='st-muted'>{escape(self._t(key))}</span>")

        self.root = w.VBox([
            w.HTML(STYLE + f"<h4>{escape(self._t('grading_title'))}</h4>"),
            w.HBox([
                w.VBox([w.HTML(f"<b>{escape(self._t('grading_limits'))}</b>"), *rows,
                        muted("grading_limits_help")], layout=w.Layout(margin="0 24px 0 0")),
                w.VBox([w.HTML(f"<b>{escape(self._t('grading_rules'))}</b>"), *rule_rows,
                        muted("grading_rules_help")]),
            ], layout=w.Layout(flex_flow="row wrap")),
            self.defaults_button, self.result])
        self.refresh()

    def _t(self, key: str, **fields: object) -> str:
        return postal.text(key, self.lang, **fields)

    # --- what a trainee does ----------------------------------------------------------

    def set_limit(self, grade: str, value: object) -> str:
        """Type a grade's lower limit; returns the message shown under it ('' if none)."""
        self.limits[grade].value = _shown(value)
        return self.limit_error(grade)

    def set_rule(self, segment: str, level: str) -> None:
        """Choose who owns a segment's accounts: a level id, or '' for "by grade"."""
        self.rules[segment].value = level or ""

    def reset(self) -> None:
        data = postal.postal()
        for grade in data.grades:
            self.limits[grade.id].value = format_number(grade.min_monthly)
        for seg, dd in self.rules.items():
            dd.value = data.segment_owners.get(seg, "")

    def limit_error(self, grade: str) -> str:
        return self._errors.get(grade, "")

    # --- internals ----------------------------------------------------------------------

    def refresh(self) -> None:
        bands = [self.limits[g.id].value for g in postal.postal().grades]
        rules = {seg: dd.value for seg, dd in self.rules.items()}
        with language(self.lang):
            self._errors = postal_rules.band_errors(bands)
        for grade, box in self.limit_errors.items():
            msg = self._errors.get(grade, "")
            box.value = f'<span class="st-error" role="alert">⚠ {escape(msg)}</span>' if msg else ""
        if self._errors:
            self.grade_rows = self.level_rows = None
            self.result.value = ""
            return
        with language(self.lang):
            self.grade_rows = postal_rules.grade_customers(self.customers, bands)
            self.level_rows = postal_rules.level_ownership(self.customers, bands, rules)
            owners = postal_views.ownership_view(self.customers, bands, rules, lang=self.lang)
        self.result.value = (postal_views.grading_view(self.grade_rows, self.lang).html
                             + owners.html)

    def __repr__(self) -> str:
        head = self._t("grading_title") + _colon(self.lang)
        if self.grade_rows is None:
            return head + "; ".join(self._errors.values())
        data = postal.postal()
        parts = [f"{next(g for g in data.grades if g.id == r.grade).name(self.lang)} "
                 f"{r.customers}" for r in self.grade_rows]
        return head + ("，" if self.lang == "zh" else ", ").join(parts)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.root._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle
