"""`PlanBuilder`: the annual industry plan as a form, with live completeness, preview and exports.

A view over `salestrain.plan.IndustryPlan`: every edit goes through `plan.set(path, value)`,
so the model decides what is accepted and the refusal is shown under the field. Drive it from
Python with `builder.set(path, text)` and `builder.click(name)`; read the model as `.plan`.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from salestrain.core.html import STYLE, bullet_list, escape
from salestrain.core.i18n import get_language
from salestrain.core.report import to_html
from salestrain.core.widgets import Field, WorkToolbar
from salestrain.hp.content import hp, text
from salestrain.hp.plan import FieldError, IndustryPlan

NUMBER_FIELDS = {"our_sales", "customer_purchases", "likely_investment", "sales", "budget",
                 "value"}
YEAR_FIELDS = {"year", "plan_year"}
LONG_FIELDS = {"customer_situation", "main_business", "share_reasons", "customer_focus",
               "threats", "opportunities", "weaknesses", "strengths", "own_weak_points"}
ROW_SECTIONS = ("product_lines", "executive_visits", "marketing_events")
EXPORTS = (("export_word", "docx"), ("export_excel", "xlsx"), ("export_markdown", "md"),
           ("export_json", "json"))
FULL = w.Layout(width="98%")


def shown(value: object) -> str:
    """How a model value appears in a text box (numbers so that they parse back the same)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    return str(value)


class PlanBuilder:
    """Every section of the industry plan in tabs, a completeness meter, a preview, a toolbar."""

    def __init__(
        self,
        plan: IndustryPlan | None = None,
        lang: str | None = None,
        folder: Path | None = None,
        autosave: bool = True,
    ) -> None:
        self.lang = lang or get_language()
        self._plan = plan or IndustryPlan()
        self._quiet = False
        self.fields: dict[str, Field] = {}
        self._row_boxes: dict[str, w.Box] = {}
        self._buttons: dict[tuple[str, str], w.Button] = {}
        s = self._s
        labels = {k: hp().strings[k](self.lang) for k in WorkToolbar.DEFAULT_KEYS}
        self.toolbar = WorkToolbar(
            "plan",
            get_data=lambda: self._plan.to_dict(),
            set_data=self._set_data,
            name=lambda: self._plan.file_name(),
            exports={s(key): (lambda folder, fmt=fmt: self._plan.export(fmt, folder, self.lang))
                     for key, fmt in EXPORTS},
            labels=labels,
            example=lambda: IndustryPlan.example(self.lang).to_dict(),
            folder=folder,
        )
        self.toolbar.autosave = autosave
        self.meter = w.IntProgress(value=0, min=0, max=100, layout=w.Layout(width="260px"))
        self.meter_label = w.HTML()
        self.missing = w.HTML()
        self.preview = w.HTML()
        groups = [self._group(g) for g in hp().plan_groups]
        self.tabs = w.Tab(children=[*groups, w.VBox([self.preview], layout=FULL)], layout=FULL)
        self.tabs.titles = tuple(g.label(self.lang) for g in hp().plan_groups) + (s("preview"),)
        meter = w.HBox([self.meter, self.meter_label],
                       layout=w.Layout(align_items="center", grid_gap="12px"))
        self.root = w.VBox(
            [w.HTML(STYLE + f"<h3 style='margin:.2em 0'>{escape(s('builder_title'))}</h3>"),
             self.toolbar.box, meter, self.missing, self.tabs],
            layout=w.Layout(width="100%", max_width="1100px", grid_gap="6px"),
        )
        self._load_values()
        self._refresh()

    # --- public surface -----------------------------------------------------------------

    @property
    def plan(self) -> IndustryPlan:
        """The plan being edited (the model every field writes to)."""
        return self._plan

    def set(self, path: str, value: object) -> str:
        """Type `value` into the field at `path`; returns the error shown there ('' if none)."""
        if path not in self.fields:
            raise KeyError(f"no field {path!r}; fields are: {', '.join(self.fields)}")
        field = self.fields[path]
        field.control.value = value if isinstance(field.control, w.Dropdown) else str(value)
        return self.error(path)

    def error(self, path: str) -> str:
        """The message under a field, as plain text ('' when it has none)."""
        html = self.fields[path].error_text
        if not html:
            return ""
        from html import unescape

        return unescape(html.split("⚠ ", 1)[1].rsplit("</span>", 1)[0])

    def click(self, button: str) -> None:
        """Press a button: save, load, example, add:<section>, remove:<section>, or an export
        key (export_word, export_excel, export_markdown, export_json)."""
        bar = self.toolbar
        if button == "save":
            bar.save_button.click()
        elif button == "load":
            bar.load_button.click()
        elif button == "example":
            bar.example_button.click()
        elif button.startswith(("add:", "remove:")):
            action, section = button.split(":", 1)
            self._buttons[(action, section)].click()
        else:
            bar.export_buttons[self._s(button)].click()

    @property
    def status(self) -> str:
        """The toolbar's last message, as plain text."""
        from html import unescape

        value = self.toolbar.status.value
        return unescape(value.split(">", 1)[1].rsplit("<", 1)[0]) if value else ""

    # --- building -----------------------------------------------------------------------

    def _s(self, key: str, **fields: object) -> str:
        return text(key, self.lang, **fields)

    def _group(self, group) -> w.VBox:
        boxes = []
        for section_id in group.sections:
            section = hp().section(section_id)
            head = w.HTML(
                f"<h4 style='margin:.6em 0 .1em 0;color:#2f5d8a'>{escape(section.label(self.lang))}"
                f"</h4><span class='st-muted'>{escape(section.help(self.lang))}</span>"
            )
            boxes += [head, self._section_body(section)]
        return w.VBox(boxes, layout=w.Layout(width="100%", padding="4px 12px 12px 4px"))

    def _section_body(self, section) -> w.Widget:
        sid = section.id
        if sid == "history":
            table_box = self._table(section, ["year", "our_sales", "customer_purchases"],
                                    [f"sales_history.{i}" for i in range(3)])
            reasons = section.field("share_reasons")
            return w.VBox([table_box, self._field("share_reasons", reasons)], layout=FULL)
        if sid == "targets":
            rows = []
            for stage in ("proposed", "negotiated", "mid_year"):
                f = section.field(stage)
                amount = self._make_cell(f"targets.{stage}.value", "value", f)
                reason = self._make_cell(f"targets.{stage}.reason", "reason",
                                         section.field("reason"))
                rows.append(w.HTML(f"<b>{escape(f.label(self.lang))}</b><br>"
                                   f"<span class='st-muted'>{escape(f.help(self.lang))}</span>"))
                rows += [amount.box, reason.box]
            header = [w.HTML(""), w.HTML(f"<b>{escape(self._s('amount'))}</b>"),
                      w.HTML(f"<b>{escape(section.field('reason').label(self.lang))}</b>")]
            return w.GridBox(header + rows, layout=w.Layout(
                grid_template_columns="minmax(180px, 1fr) 200px minmax(220px, 2fr)",
                grid_gap="4px 12px", width="100%"))
        if sid in ROW_SECTIONS:
            box = w.VBox(layout=FULL)
            self._row_boxes[sid] = box
            add = w.Button(description=self._s("add_row"), icon="plus")
            remove = w.Button(description=self._s("remove_row"), icon="minus")
            add.on_click(lambda _b, sid=sid: self._change_rows(sid, add=True))
            remove.on_click(lambda _b, sid=sid: self._change_rows(sid, add=False))
            self._buttons[("add", sid)] = add
            self._buttons[("remove", sid)] = remove
            self._build_rows(sid)
            return w.VBox([box, w.HBox([add, remove])], layout=FULL)
        prefix = "swot." if sid == "swot" else ""
        return w.VBox([self._field(prefix + f.id, f) for f in section.fields], layout=FULL)

    def _control(self, field_id: str, spec, in_table: bool) -> w.ValueWidget:
        placeholder = spec.help(self.lang)
        if field_id == "industry":
            options = [(self._s("choose"), "")]
            options += [(i.name(self.lang), i.id) for i in hp().industries]
            return w.Dropdown(options=options, value="", layout=w.Layout(width="320px"))
        if field_id in NUMBER_FIELDS or field_id in YEAR_FIELDS:
            width = "100%" if in_table else "240px"
            return w.Text(placeholder=placeholder, continuous_update=False,
                          layout=w.Layout(width=width))
        if field_id in LONG_FIELDS and not in_table:
            return w.Textarea(placeholder=placeholder, continuous_update=False, rows=3,
                              layout=FULL)
        return w.Text(placeholder=placeholder, continuous_update=False, layout=FULL)

    def _field(self, path: str, spec) -> w.Widget:
        field_id = path.rsplit(".", 1)[-1]
        control = self._control(field_id, spec, in_table=False)
        field = Field(spec.label(self.lang), control, spec.help(self.lang))
        field.box.layout.width = "100%"
        self._register(path, field)
        return field.box

    def _make_cell(self, path: str, field_id: str, spec) -> Field:
        cell = Field(None, self._control(field_id, spec, in_table=True))
        self._register(path, cell)
        return cell

    def _register(self, path: str, field: Field) -> None:
        self.fields[path] = field
        field.control.observe(lambda change, path=path: self._on_edit(path, change.new),
                              names="value")

    def _table(self, section, field_ids: list[str], prefixes: list[str]) -> w.GridBox:
        specs = [section.field(f) for f in field_ids]
        header = [w.HTML(f"<b>{escape(s.label(self.lang))}</b>") for s in specs]
        cells = []
        for prefix in prefixes:
            for spec in specs:
                cells.append(self._make_cell(f"{prefix}.{spec.id}", spec.id, spec).box)
        widths = " ".join("110px" if f in YEAR_FIELDS else "minmax(140px, 1fr)"
                          for f in field_ids)
        return w.GridBox(header + cells, layout=w.Layout(
            grid_template_columns=widths, grid_gap="4px 12px", width="100%"))

    def _build_rows(self, sid: str) -> None:
        for path in [p for p in self.fields if p.startswith(sid + ".")]:
            del self.fields[path]
        section = hp().section(sid)
        rows = getattr(self._plan, sid)
        box = self._row_boxes[sid]
        if not rows:
            box.children = []
            return
        ids = [f.id for f in section.fields]
        grid = self._table(section, ids, [f"{sid}.{i}" for i in range(len(rows))])
        box.children = [grid]

    # --- events -------------------------------------------------------------------------

    def _on_edit(self, path: str, value: object) -> None:
        if self._quiet:
            return
        field = self.fields[path]
        try:
            self._plan.set(path, value)
        except FieldError as exc:
            field.set_error(exc.message)
            return
        field.set_error(None)
        self._refresh()
        self.toolbar.changed()

    def _change_rows(self, sid: str, add: bool) -> None:
        if add:
            self._plan.add_row(sid)
        else:
            self._plan.remove_row(sid)
        self._build_rows(sid)
        self._load_values(prefix=sid + ".")
        self._refresh()
        self.toolbar.changed()

    def _set_data(self, data: dict) -> None:
        self._plan = IndustryPlan.from_dict(data)
        for sid in ROW_SECTIONS:
            self._build_rows(sid)
        self._load_values()
        self._refresh()

    def _load_values(self, prefix: str = "") -> None:
        """Show the model's values in the fields (without treating it as an edit)."""
        self._quiet = True
        try:
            for path, field in self.fields.items():
                if path.startswith(prefix):
                    field.control.value = (self._plan.get(path) or "") if path == "industry" \
                        else shown(self._plan.get(path))
                    field.set_error(None)
        finally:
            self._quiet = False

    def _refresh(self) -> None:
        report = self._plan.completeness(self.lang)
        self.meter.value = report.score
        self.meter.bar_style = "success" if report.score == 100 else "info"
        self.meter_label.value = f"<b>{escape(self._s('completeness', score=report.score))}</b>"
        if report.missing:
            self.missing.value = (
                f"<div class='st-muted'>{escape(self._s('missing'))}"
                f"<div style='columns:2 260px;font-size:.9em'>{bullet_list(report.missing)}</div>"
                "</div>"
            )
        else:
            done = escape(self._s("nothing_missing"))
            self.missing.value = f"<span class='st-ok'>✓ {done}</span>"
        self.preview.value = STYLE + self._derived_html() + to_html(self._plan.to_report(self.lang))

    def _derived_html(self) -> str:
        return self._plan.derived().view(self.lang).html

    def __repr__(self) -> str:
        score = self._plan.completeness(self.lang).score
        title = self._plan.title.strip() or self._s("untitled")
        return self._s("builder_text", title=title,
                       completeness=self._s("completeness", score=score))

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.root._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle
