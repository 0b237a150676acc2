"""`PlanBuilder`: the annual industry plan as a form, with live completeness, preview and exports.

A view over `salestrain.hp.plan.IndustryPlan`: every edit goes through `plan.set(path, value)`,
so the model decides what is accepted and the refusal is shown under the field. A field that
shows an error is left out — of completeness, the preview and every export, which says so —
and nothing is saved for it. Without a plan passed in, the builder reopens the trainee's latest
plan, or the worked example (a separate piece of work) when there is none yet. Drive it from
Python with `builder.set(path, text)` and `builder.click(name)`; read the model as `.plan`.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from salestrain.core.display import percent
from salestrain.core.errors import look_up
from salestrain.core.html import STYLE, bullet_list, error_line, escape
from salestrain.core.i18n import get_language
from salestrain.core.numbers import format_number
from salestrain.core.report import to_html
from salestrain.core.widgets import Field, Tool, WorkToolbar
from salestrain.hp.content import hp, text
from salestrain.hp.plan import FieldError, IndustryPlan, build_report, describe, field_label
from salestrain.review.widgets import ReviewPanel
from salestrain.review.work import review

NUMBER_FIELDS = {"our_sales", "customer_purchases", "likely_investment", "sales", "budget",
                 "value"}
YEAR_FIELDS = {"year", "plan_year"}
LONG_FIELDS = {"customer_situation", "main_business", "share_reasons", "customer_focus",
               "threats", "opportunities", "weaknesses", "strengths", "own_weak_points"}
# In a table, these stay one-line boxes; every other text cell is a small text area, so that a
# sentence wraps inside its column instead of being cut off at the column's edge.
SHORT_TEXT_FIELDS = {"when", "date"}
WIDE_TEXT_FIELDS = {"gap", "action", "goal", "reason"}  # sentences: wider columns, more lines
# A table cell fills its column exactly: without the widget's own margin, which would poke past
# a 100 % wide cell and make the whole table a scrolling box.
CELL = {"width": "100%", "margin": "0"}
ROW_SECTIONS = ("product_lines", "executive_visits", "marketing_events")
EXPORTS = (("export_word", "docx"), ("export_excel", "xlsx"), ("export_markdown", "md"),
           ("export_json", "json"))
FULL = w.Layout(width="98%")


def shown(value: object) -> str:
    """How a model value appears in a text box (numbers so that they parse back the same)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value, digits=None)
    return str(value)


class PlanBuilder(Tool):
    """Every section of the industry plan in tabs, a completeness meter, a preview, a toolbar.

    `plan` given: edit it (it gets its own file on its first save). Without one: continue the
    latest saved plan in the work folder, or open the worked example when there is none.
    """

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
        self._refused: dict[str, tuple[str, str]] = {}  # path → (what was typed, why refused)
        self._exported_left_out: dict[str, str] | None = None
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
            exports={s(key): (lambda folder, fmt=fmt: self._export(fmt, folder))
                     for key, fmt in EXPORTS},
            labels=labels,
            example=lambda: IndustryPlan.example(self.lang).to_dict(),
            folder=folder,
            blank=lambda: IndustryPlan().to_dict(),
            describe=describe,
            lang=self.lang,
        )
        self.toolbar.autosave = autosave
        for button in self.toolbar.export_buttons.values():
            # Runs after the toolbar's own answer: adds what the export left out, if anything.
            button.on_click(lambda _b: self._say_left_out())
        self.meter = w.IntProgress(value=0, min=0, max=100, layout=w.Layout(width="260px"))
        self.meter_label = w.HTML()
        self.missing = w.HTML()
        # The reviewer's notes, updated with every change; each finding takes you to its field.
        self.review = ReviewPanel(self.lang, goto=self.go_to)
        self.preview = w.HTML()
        groups = [self._group(g) for g in hp().plan_groups]
        self.tabs = w.Tab(children=[*groups, w.VBox([self.preview], layout=FULL)], layout=FULL)
        self.tabs.titles = tuple(g.label(self.lang) for g in hp().plan_groups) + (s("preview"),)
        meter = w.HBox([self.meter, self.meter_label],
                       layout=w.Layout(align_items="center", grid_gap="12px"))
        self.root = w.VBox(
            [w.HTML(STYLE + f"<h3 style='margin:.2em 0'>{escape(s('builder_title'))}</h3>"),
             self.toolbar.box, meter, self.missing, self.review.root, self.tabs],
            layout=w.Layout(width="100%", max_width="1100px", grid_gap="6px"),
        )
        if plan is not None:
            self._load_values()
            self._refresh()
        else:
            self._open_latest()

    def _open_latest(self) -> None:
        """The trainee's latest plan; the worked example (a separate piece) when there is none."""
        bar = self.toolbar
        if bar.resume():
            return
        problem = bar.status.value  # a latest file that could not be read is still reported
        bar.load_example()
        if problem:
            bar.status.value = problem + "<br>" + bar.status.value

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

    @property
    def left_out(self) -> dict[str, str]:
        """{path: why} for every field showing an error: left out of completeness and exports."""
        return {path: why for path, (_typed, why) in self._refused.items()}

    def error(self, path: str) -> str:
        """The message under a field, as plain text ('' when it has none)."""
        return self.fields[path].error_text

    def go_to(self, path: str) -> None:
        """Open the tab that holds the field at `path` and put the cursor in it."""
        if path not in self.fields:
            return
        section = _section_of(path)
        for i, group in enumerate(hp().plan_groups):
            if section in group.sections:
                self.tabs.selected_index = i
        self.fields[path].control.focus()

    def click(self, button: str) -> None:
        """Press a button: new, save, load, example, add:<section>, remove:<section>, or an
        export key (export_word, export_excel, export_markdown, export_json)."""
        bar = self.toolbar
        if button == "new":
            bar.new_button.click()
        elif button == "save":
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
        import re
        from html import unescape

        plain = re.sub(r"<br>", "\n", self.toolbar.status.value)
        return unescape(re.sub(r"<[^>]+>", "", plain)).strip()

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
            layout = w.Layout(**CELL) if in_table else w.Layout(width="240px")
            return w.Text(placeholder=placeholder, continuous_update=False, layout=layout)
        if field_id in LONG_FIELDS and not in_table:
            return w.Textarea(placeholder=placeholder, continuous_update=False, rows=3,
                              layout=FULL)
        if in_table and field_id not in SHORT_TEXT_FIELDS:
            return w.Textarea(placeholder=placeholder, continuous_update=False,
                              rows=5 if field_id in WIDE_TEXT_FIELDS else 4,
                              layout=w.Layout(**CELL))
        return w.Text(placeholder=placeholder, continuous_update=False,
                      layout=w.Layout(**CELL) if in_table else FULL)

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
        # Its label is an HTML line above it (or a column heading): the tooltip names the
        # control itself, with its row in a table ("…, row 2: Our sales").
        field.control.tooltip = field_label(path, self.lang)
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
        # Four columns fit the page's ~600 px: sentences get the room that is left.
        widths = " ".join("110px" if f in YEAR_FIELDS
                          else "minmax(100px, 0.7fr)" if f in NUMBER_FIELDS
                          else "minmax(125px, 0.7fr)" if f in SHORT_TEXT_FIELDS
                          else "minmax(150px, 2fr)" if f in WIDE_TEXT_FIELDS
                          else "minmax(120px, 1fr)" for f in field_ids)
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
            # Nothing is saved; the field counts as not filled in until it is corrected.
            self._refused[path] = (str(value), exc.message)
            field.set_error(exc.message)
            self._refresh()
            return
        self._refused.pop(path, None)
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
        self._show_refused(prefix=sid + ".")
        self._refresh()
        self.toolbar.changed()

    def _show_refused(self, prefix: str) -> None:
        """After a section's rows were rebuilt: its refused entries shown again, or dropped with
        their row."""
        for path in [p for p in self._refused if p.startswith(prefix)]:
            if path not in self.fields:
                del self._refused[path]
                continue
            typed, why = self._refused[path]
            self._quiet = True
            try:
                self.fields[path].control.value = typed
            finally:
                self._quiet = False
            self.fields[path].set_error(why)

    def _set_data(self, data: dict) -> None:
        self._plan = IndustryPlan.from_dict(data)
        self._refused.clear()
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

    def _left_out_names(self) -> str:
        return self._s("list_sep").join(field_label(p, self.lang) for p in self._refused)

    def _refresh(self) -> None:
        left_out = self.left_out
        report = self._plan.completeness(self.lang, left_out)
        self.meter.value = report.score
        self.meter.bar_style = "success" if report.score == 100 else "info"
        self.meter.tooltip = self._s("completeness", score=percent(report.score / 100, self.lang))
        self.meter_label.value = f"<b>{escape(self.meter.tooltip)}</b>"
        refused = ""
        if left_out:
            note = self._s("refused_not_counted", fields=self._left_out_names())
            refused = error_line(note, block=True)
        if report.missing:
            self.missing.value = refused + (
                f"<div class='st-muted'>{escape(self._s('missing'))}"
                f"<div style='columns:2 260px;font-size:.9em'>{bullet_list(report.missing)}</div>"
                "</div>"
            )
        else:
            done = escape(self._s("nothing_missing"))
            self.missing.value = f"<span class='st-ok'>✓ {done}</span>"
        shown_plan = self._plan.without(left_out) if left_out else self._plan
        self.review.update(review(shown_plan, self.lang))
        self.preview.value = (STYLE + shown_plan.derived().view(self.lang).html
                              + to_html(build_report(self._plan, self.lang, left_out)))

    def _export(self, fmt: str, folder: Path) -> Path:
        """One export of the plan as it shows: fields with an error left out, and listed."""
        left_out = self.left_out
        path = self._plan.export(fmt, folder, self.lang, left_out=left_out)
        self._exported_left_out = left_out
        return path

    def _say_left_out(self) -> None:
        """After an export: add to the status line which fields it left out."""
        left_out, self._exported_left_out = self._exported_left_out, None
        if not left_out:
            return
        note = self._s("export_left_out", fields=self._left_out_names())
        line = "<br>" + error_line(note, alert=False)
        value = self.toolbar.status.value
        # Inside the status line's own element, so it is read out with it.
        end = value.rfind("</span>")
        self.toolbar.status.value = value[:end] + line + value[end:] if end >= 0 else value + line

    def __repr__(self) -> str:
        score = self._plan.completeness(self.lang, self.left_out).score
        title = self._plan.title.strip() or self._s("untitled")
        return self._s("builder_text", title=title,
                       completeness=self._s("completeness",
                                                    score=percent(score / 100, self.lang)))


def _section_of(path: str) -> str:
    """The plan section a field path belongs to ("sales_history.2.year" → "history")."""
    head = path.split(".", 1)[0]
    if head == "sales_history":
        return "history"
    if head in ("swot", "targets") or head in ROW_SECTIONS:
        return head
    return look_up({f.id: s.id for s in hp().plan_sections for f in s.fields}, head, "plan field")
