"""Module 2 tools: the grading form, the customer-manager bonus calculator and the cross-sell
matrix editor.

All only call `postal.rules` and `postal.views`; every rule and message lives there and in
`postal/content.yaml`. Trainees use them by typing and choosing — no code.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from salestrain.core.display import percent
from salestrain.core.html import STYLE, error_line, escape, table
from salestrain.core.i18n import get_language, language
from salestrain.core.numbers import format_number
from salestrain.core.widgets import Tool
from salestrain.postal import content as postal
from salestrain.postal import rules as postal_rules
from salestrain.postal import views as postal_views

RESULTS = ("new_revenue", "new_margin", "retention", "retention_target", "service")
RULE = ("base_amount", "new_revenue_target", "w_new_revenue", "w_retention", "w_service", "cap",
        "unit_rate")
INPUTS = RESULTS + RULE


class Shared:
    """One layout and one style per kind of widget in a form, shared by all its widgets.

    The notebook stores every widget's state, and each widget otherwise brings its own (default)
    layout and style models: a form of 30 fields would save 30 copies of the same thing. The
    shared ones are never changed after the form is built.
    """

    def __init__(self, label_width: str = "340px", input_width: str = "200px") -> None:
        self.plain = w.Layout()
        self.html = HTMLStyle()
        self.text = TextStyle()
        self.text_box = w.Layout(width=input_width)
        self.choice = DescriptionStyle(description_width="initial")
        # A form as a grid: a label column that wraps on a phone, an input column, and lines
        # (headings, error messages) that span both.
        self.grid = w.Layout(grid_template_columns=f"minmax(0, {label_width}) auto",
                             grid_gap="0 8px", align_items="center", width="100%")
        # As grid_area (row-start / column-start / row-end / column-end): the widgets' page
        # script applies grid_area after grid_column, and an empty grid_area clears it.
        self.span = w.Layout(grid_area="auto / 1 / auto / -1")

    def html_widget(self, value: str = "", span: bool = False) -> w.HTML:
        return w.HTML(value, layout=self.span if span else self.plain, style=self.html)

    def text_input(self, value: str, label: str, placeholder: str = "") -> w.Text:
        """A text box named by its label (the tooltip: the box sits beside it in a grid)."""
        return w.Text(value=value, placeholder=placeholder or label, tooltip=label,
                      layout=self.text_box, style=self.text)


def _import_panel(own_data: bool, use, use_sample, folder, lang: str):
    """The upload panel for a customer table, handing the good rows to `use` (None if off)."""
    if not own_data:
        return None
    from salestrain.imports.widgets import ImportPanel

    return ImportPanel("customers", on_import=lambda r: use(r.frame), on_reset=use_sample,
                       folder=folder, lang=lang)


class BonusCalculator(Tool):
    """Bonus = base × (50 % new business + 40 % retention + 10 % service), with dual-track cost.

    New business = revenue of new mail, parcel and logistics business + marketing gross margin
    of new savings and agency business. Every figure of the rule is a field, so trainees try
    other weights, caps or rates by typing.
    """

    def __init__(self, lang: str | None = None, own_data: bool = False, folder=None,
                 **values: object) -> None:
        self.lang = lang or get_language()
        d = postal.postal().bonus_defaults
        start = {"base_amount": d.base_amount, "new_revenue": 450_000, "new_margin": 150_000,
                 "new_revenue_target": d.new_revenue_target, "retention": 1_100_000,
                 "retention_target": 1_000_000, "service": 90,
                 "w_new_revenue": percent(d.weights.new_revenue, self.lang),
                 "w_retention": percent(d.weights.retention, self.lang),
                 "w_service": percent(d.weights.service, self.lang), "cap": d.cap,
                 "unit_rate": percent(d.unit_rate, self.lang)} | values
        shared = Shared()
        self.inputs = {k: shared.text_input(_shown(start[k]), self._t("f_" + k))
                       for k in INPUTS}
        self.field_errors = {k: shared.html_widget(span=True) for k in INPUTS}
        self.dual_track = w.Checkbox(value=bool(start.get("dual_track", True)),
                                     description=self._t("dual_track"), indent=False,
                                     layout=w.Layout(width="auto"))
        self.error = shared.html_widget()
        self.result = shared.html_widget()
        self.last: postal_rules.BonusResult | None = None
        self._error, self._error_at = "", ""

        def row(k: str) -> list[w.Widget]:
            label = shared.html_widget(f"<b>{escape(self._t('f_' + k))}</b>")
            return [label, self.inputs[k], self.field_errors[k]]

        def head(key: str) -> w.HTML:
            return shared.html_widget(
                f"<h5 style='margin:.6em 0 .2em'>{escape(self._t(key))}</h5>", span=True)

        for control in [*self.inputs.values(), self.dual_track]:
            control.observe(lambda _c: self.calculate(), names="value")
        fields = [head("bonus_sec_results"), *[c for k in RESULTS for c in row(k)],
                  head("bonus_sec_rule"), *[c for k in RULE for c in row(k)]]
        self._start = {k: self.inputs[k].value for k in ("new_revenue", "new_margin",
                                                          "retention")}
        self.import_panel = _import_panel(own_data, self.use, self.use_sample, folder, self.lang)
        self.root = w.VBox([shared.html_widget(STYLE + f"<h4>{escape(self._t('bonus_title'))}"
                                               "</h4>"),
                            *([self.import_panel.root] if self.import_panel else []),
                            w.GridBox(fields, layout=shared.grid),
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

    def use(self, customers, manager: str | None = None) -> postal_rules.BonusResult | None:
        """Fill the results fields from an imported customer table (one manager's customers
        when `manager` is given): new business revenue and margin, retained revenue."""
        for name, value in postal_rules.bonus_inputs(customers, manager).items():
            self.inputs[name].value = _shown(round(value))
        return self.last

    def use_sample(self) -> None:
        for name, value in self._start.items():
            self.inputs[name].value = value

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
            self._error, self._error_at = str(exc), exc.field
            alert = error_line(exc)
            self.error.value = alert
            if exc.field in self.field_errors:
                self.field_errors[exc.field].value = alert
            self.result.value = ""
            self.last = None
            return None
        self._error, self._error_at = "", ""
        self.error.value = ""
        cols, rows = self.last.rows(self.lang)
        self.result.value = (table(cols, rows, row_headers=True)
                             + f"<p>{escape(self.last.message(self.lang))}</p>")
        return self.last

    def field_error(self, name: str) -> str:
        """The message shown under one input ('' if none)."""
        return self._error if name == self._error_at else ""

    def __repr__(self) -> str:
        head = self._t("bonus_title") + _colon(self.lang)
        if self.last is None:
            return head + self._error
        return head + self.last.message(self.lang)



def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _shown(value: object) -> str:
    return format_number(value) if isinstance(value, int | float) else str(value)


class CrossSellMatrixEditor(Tool):
    """The matrix as a table (business × segment: lead, follow or —) and one cell to change.

    The trainee picks a business and a customer segment (the cell is outlined in the table) and
    chooses its role. One table and three dropdowns instead of a dropdown per cell: the page
    stays light and every control has a name.

    The rule is the matrix's (`rules.CrossSellMatrix`): one lead and at most two follows per
    segment. A choice that breaks it is refused: the role goes back, the message under the
    table names the segment and the businesses, and `on_change` is not called (nothing is
    saved). The editor keeps no file of its own: it is part of the design canvas, which saves
    it (the canvas shows its save status on `status`, so the matrix says where it went).
    """

    ROLES = ("", "lead", "follow")

    def __init__(self, matrix: postal_rules.CrossSellMatrix | None = None, lang: str | None = None,
                 on_change: Callable[[], None] | None = None) -> None:
        self.lang = lang or get_language()
        self.matrix = matrix or postal_rules.CrossSellMatrix()
        self.on_change = on_change
        self._quiet = False
        self._error = ""
        data = postal.postal()
        shared = Shared()
        auto = w.Layout(width="auto", max_width="100%")  # as wide as the longest option

        def choice(key: str, options: list[tuple[str, str]]) -> w.Dropdown:
            return w.Dropdown(options=options, description=self._t(key),
                              tooltip=self._t(key + "_tip"), layout=auto, style=shared.choice)

        self.business_choice = choice("matrix_business",
                                      [(b.name(self.lang), b.id) for b in data.businesses()])
        self.segment_choice = choice("matrix_segment", [(s.name(self.lang), s.id)
                                                        for s in data.customer_segments])
        self.role_choice = choice("matrix_role", [(self._t(r or "none"), r) for r in self.ROLES])
        self.business_choice.observe(lambda _c: self._picked(), names="value")
        self.segment_choice.observe(lambda _c: self._picked(), names="value")
        self.role_choice.observe(lambda c: self._on_cell(self.business_choice.value,
                                                         self.segment_choice.value, c["new"]),
                                 names="value")
        self.table = shared.html_widget()
        self.summary = shared.html_widget()
        self.error = shared.html_widget()
        self.status = shared.html_widget()
        self.root = w.VBox([
            shared.html_widget(STYLE + f"<h4>{escape(self._t('matrix_title'))}</h4>"
                               f"<span class='st-muted'>{escape(self._t('matrix_rule'))}"
                               "</span>"),
            self.table,
            shared.html_widget(f"<span class='st-muted'>{escape(self._t('matrix_pick'))}"
                               "</span>"),
            w.HBox([self.business_choice, self.segment_choice, self.role_choice],
                   layout=w.Layout(flex_flow="row wrap", grid_gap="4px 16px")),
            self.error, self.summary, self.status])
        self._picked()

    def _t(self, key: str, **fields: object) -> str:
        return postal.text(key, self.lang, **fields)

    def set(self, business: str, segment: str, role: str) -> str:
        """Pick a cell and choose lead / follow / '' for it, as a trainee would; returns the
        message shown ('' when the choice was taken). An unknown business, segment or role
        raises."""
        if (business not in dict(self.business_choice.options).values()
                or segment not in dict(self.segment_choice.options).values()):
            self.matrix.set(business, segment, role)  # raises the named error
        if role not in self.ROLES:
            raise postal_rules.PostalError("matrix_role", self._t("err_matrix_role", value=role))
        self.business_choice.value = business
        self.segment_choice.value = segment
        self.role_choice.value = role
        return self._error

    def shown(self, business: str, segment: str) -> str:
        """The role the table shows for one cell ('' for —)."""
        return self.matrix.get(business, segment)

    @property
    def error_text(self) -> str:
        """The message of the last refused choice ('' after a choice was taken)."""
        return self._error

    def load(self, matrix: postal_rules.CrossSellMatrix) -> None:
        """Show another matrix (e.g. a loaded canvas's) without reporting edits."""
        self.matrix = matrix
        self._show_error("")
        self._picked()

    def _picked(self) -> None:
        """Another cell picked (or another matrix shown): its role in the role box, quietly."""
        self._quiet = True
        try:
            self.role_choice.value = self.matrix.get(self.business_choice.value,
                                                     self.segment_choice.value)
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
            try:  # the role goes back to what the matrix holds
                self.role_choice.value = self.matrix.get(business, segment)
            finally:
                self._quiet = False
            return
        self._show_error("")
        self._refresh()
        if self.on_change:
            self.on_change()

    def _show_error(self, message: str) -> None:
        self._error = message
        self.error.value = error_line(message)

    def _refresh(self) -> None:
        self.table.value = matrix_table(self.matrix, self.lang,
                                        (self.business_choice.value, self.segment_choice.value))
        self.summary.value = f"<p>{escape(self.matrix.summary(self.lang))}</p>"

    def __repr__(self) -> str:
        return f"{self._t('matrix_title')} — {self.matrix.summary(self.lang)}"



# Lead and follow cells stand out by weight and a light background; the text stays dark on
# them (contrast well above 4.5:1), and each cell says its role in words.
_CELL_STYLE = {"lead": "background:#d6e6f5;color:#14324f;font-weight:700",
               "follow": "background:#e8f3e6;color:#1f4224", "": "color:#5b6573"}
_PICKED = "outline:3px solid #2f5d8a;outline-offset:-3px"


def matrix_table(matrix: postal_rules.CrossSellMatrix, lang: str,
                 picked: tuple[str, str] | None = None) -> str:
    """The matrix as an HTML table: a row per business, a column per customer segment; the
    picked cell (the one the dropdowns change) outlined."""
    data = postal.postal()
    cols, _rows = matrix.table(lang)
    head = "".join(f"<th scope='col'>{escape(c)}</th>" for c in cols)
    body = []
    for b in data.businesses():
        # Business names wrap (unlike other tables' row headers) so that the six segment
        # columns fit the page beside them.
        cells = [f"<th scope='row' style='white-space:normal;min-width:10em'>"
                 f"{escape(b.name(lang))}</th>"]
        for s in data.customer_segments:
            role = matrix.get(b.id, s.id)
            style = _CELL_STYLE[role] + (";" + _PICKED if picked == (b.id, s.id) else "")
            cells.append(f"<td class='st-nw' style='{style}'>"
                         f"{escape(postal.text(role or 'none', lang))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="st-table-wrap" tabindex="0"><table class="st-table">'
            f"<caption>{escape(postal.text('matrix_caption', lang))}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


class GradingForm(Tool):
    """Grade the synthetic customers with limits typed in, and choose segment ownership rules.

    One text box per grade (1,000,000 / 100万 / 12万 are all read), each with its own error line;
    one dropdown per customer segment ("by grade" or a level that owns all its accounts). The
    grading table and who owns the customers update on every change.
    """

    def __init__(self, customers=None, lang: str | None = None, own_data: bool = False,
                 folder=None) -> None:
        self.lang = lang or get_language()
        data = postal.postal()
        if customers is None:
            customers = postal_rules.synthetic_customers()
        elif not isinstance(customers, list):  # an imported table (salestrain.imports)
            customers = postal_rules.customers_from_frame(customers)
        self.customers = self._sample = customers
        shared = Shared(label_width="160px")
        self.limits: dict[str, w.Text] = {}
        self.limit_errors: dict[str, w.HTML] = {}
        limit_cells: list[w.Widget] = []
        for grade in data.grades:
            box = shared.text_input(format_number(grade.min_monthly),
                                    self._t("grading_limit_tip", grade=grade.name(self.lang)),
                                    placeholder=grade.name(self.lang))
            self.limits[grade.id] = box
            self.limit_errors[grade.id] = shared.html_widget(span=True)
            limit_cells += [shared.html_widget(f"<b>{escape(grade.name(self.lang))}</b>"), box,
                            self.limit_errors[grade.id]]
        options = [(self._t("by_grade"), "")] + [(lv.name(self.lang), lv.id)
                                                 for lv in data.levels]
        self.rules: dict[str, w.Dropdown] = {}
        rule_cells: list[w.Widget] = []
        for seg in data.customer_segments:
            dd = w.Dropdown(options=options, value=data.segment_owners.get(seg.id, ""),
                            tooltip=self._t("grading_rule_tip", segment=seg.name(self.lang)),
                            layout=shared.text_box, style=shared.choice)
            self.rules[seg.id] = dd
            rule_cells += [shared.html_widget(escape(seg.name(self.lang))), dd]
        self.defaults_button = w.Button(description=self._t("grading_defaults"), icon="undo",
                                        layout=w.Layout(width="max-content"))
        self.defaults_button.on_click(lambda _b: self.reset())
        self.result = shared.html_widget()
        self.grade_rows: list[postal_rules.GradeRow] | None = None
        self.level_rows: list[postal_rules.LevelRow] | None = None
        for control in [*self.limits.values(), *self.rules.values()]:
            control.observe(lambda _c: self.refresh(), names="value")

        def muted(key: str) -> w.HTML:
            return shared.html_widget(f"<span class='st-muted'>{escape(self._t(key))}</span>",
                                      span=True)

        def bold(key: str) -> w.HTML:
            return shared.html_widget(f"<b>{escape(self._t(key))}</b>", span=True)

        rule_grid = w.Layout(grid_template_columns="minmax(0, 280px) auto", grid_gap="0 8px",
                             align_items="center", width="100%", margin="8px 0 0 0")
        self.import_panel = _import_panel(own_data, self.use, self.use_sample, folder, self.lang)
        self.root = w.VBox([
            shared.html_widget(STYLE + f"<h4>{escape(self._t('grading_title'))}</h4>"),
            *([self.import_panel.root] if self.import_panel else []),
            w.GridBox([bold("grading_limits"), *limit_cells, muted("grading_limits_help")],
                      layout=shared.grid),
            w.GridBox([bold("grading_rules"), *rule_cells, muted("grading_rules_help")],
                      layout=rule_grid),
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
        """The message under one grade's limit ('' when it has none)."""
        return str(self._errors.get(grade, ""))

    def use(self, customers) -> None:
        """Grade these customers instead: an imported table or a list of `Customer`."""
        if not isinstance(customers, list):
            customers = postal_rules.customers_from_frame(customers)
        self.customers = customers
        self.refresh()

    def use_sample(self) -> None:
        self.customers = self._sample
        self.refresh()

    # --- internals ----------------------------------------------------------------------

    def refresh(self) -> None:
        bands = [self.limits[g.id].value for g in postal.postal().grades]
        rules = {seg: dd.value for seg, dd in self.rules.items()}
        with language(self.lang):
            self._errors = postal_rules.band_errors(bands)
        for grade, box in self.limit_errors.items():
            box.value = error_line(self._errors.get(grade))
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
            return head + "; ".join(map(str, self._errors.values()))
        data = postal.postal()
        parts = [f"{data.grade(r.grade).name(self.lang)} "
                 f"{r.customers}" for r in self.grade_rows]
        return head + ("，" if self.lang == "zh" else ", ").join(parts)

