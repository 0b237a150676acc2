"""The marketing-system design canvas as a form: one text box per question, grouped by part,
each part naming the case it comes from; the cross-sell matrix; completeness; a work toolbar.

One canvas is one file for life (the toolbar chooses it on the first save and keeps it when the
title changes). Text boxes commit when the trainee leaves them, so a save happens per answer,
never per keystroke. The cross-sell matrix is part of the canvas and saves with it: the
capstone hands in the canvas, so a separate matrix file would be a second copy to keep in step.
Opened without a canvas (the notebook), the form continues the trainee's latest canvas; only
when there is none does it open the worked example, as a separate piece of work.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
from ipywidgets.widgets.widget_string import TextStyle

from salestrain.core.html import STYLE, escape
from salestrain.core.i18n import get_language, language
from salestrain.core.widgets import Field, Tool, WorkToolbar
from salestrain.postal import canvas as model
from salestrain.postal.content import postal, text
from salestrain.postal.widgets.calculators import CrossSellMatrixEditor, Shared
from salestrain.review.widgets import ReviewPanel
from salestrain.review.work import review

EXPORTS = (("canvas_export_docx", "docx"), ("canvas_export_md", "md"),
           ("canvas_export_json", "json"))


class SystemCanvas(Tool):
    """Fill in, save, load and export a `salestrain.postal.canvas.SystemCanvas`."""

    def __init__(self, canvas: model.SystemCanvas | None = None, lang: str | None = None,
                 folder: Path | None = None, autosave: bool = True) -> None:
        self.lang = lang or get_language()
        self._canvas = canvas if canvas is not None else model.SystemCanvas()
        self._quiet = False
        t = self._t
        self.toolbar = WorkToolbar(
            model.KIND,
            get_data=lambda: self._canvas.to_dict(),
            set_data=self._set_data,
            name=lambda: self._canvas.file_name(),
            exports={t(key): (lambda folder, fmt=fmt: self._canvas.export(fmt, folder,
                                                                          self.lang))
                     for key, fmt in EXPORTS},
            labels={k: postal().strings[k](self.lang) for k in WorkToolbar.DEFAULT_KEYS},
            example=lambda: model.SystemCanvas.example(self.lang).to_dict(),
            blank=lambda: model.SystemCanvas().to_dict(),
            describe=model.describe,
            folder=folder,
            lang=self.lang,
        )
        self.toolbar.autosave = autosave
        shared = Shared()
        # "auto" in the form's column: as wide as the form, less the widgets' own margin.
        full = w.Layout(width="auto")
        answer_box = w.Layout(width="auto", height="64px")
        answer_style = TextStyle()
        title = t("canvas_title")
        self.fields: dict[str, Field] = {
            "title": Field(title, w.Text(placeholder=title, tooltip=title,
                                         continuous_update=False, layout=full,
                                         style=answer_style), boxed=False,
                           html=shared.html_widget)}
        parts: list[w.Widget] = [*self.fields["title"].widgets]
        data = postal()
        for part in data.canvas_parts:
            origin = t("canvas_from_case", case=data.cases[part.case](self.lang))
            parts.append(shared.html_widget(
                f"<h4 style='margin:.6em 0 .2em'>{escape(part.label(self.lang))} "
                f"<span class='st-muted'>· {escape(origin)}</span></h4>"))
            for f in part.fields:
                path = f"{part.id}.{f.id}"
                label = f.label(self.lang)
                box = w.Textarea(placeholder=label, tooltip=f"{part.label(self.lang)} — {label}",
                                 continuous_update=False, layout=answer_box,
                                 style=answer_style)
                self.fields[path] = Field(label, box, f.help(self.lang), boxed=False,
                                          html=shared.html_widget)
                parts += self.fields[path].widgets
        for path, field in self.fields.items():
            field.control.observe(lambda c, path=path: self._on_edit(path, c["new"]),
                                  names="value")
        self.matrix = CrossSellMatrixEditor(self._canvas.cross_sell, self.lang,
                                            on_change=self._changed)
        self.toolbar.status.observe(lambda _c: self._mirror_status(), names="value")
        self.meter = w.IntProgress(min=0, max=100, tooltip=t("canvas_meter"),
                                   layout=w.Layout(width="260px"))
        self.meter_label = shared.html_widget()
        self.missing = shared.html_widget()
        # The reviewer's notes, updated with every change; each finding takes you to its field.
        self.review = ReviewPanel(self.lang, goto=self.go_to)
        self.root = w.VBox(
            [shared.html_widget(STYLE + f"<h3 style='margin:.2em 0'>{escape(title)}</h3>"),
             self.toolbar.box, w.HBox([self.meter, self.meter_label]), self.missing,
             self.review.root,
             *parts, self.matrix.root],
            layout=w.Layout(width="100%", max_width="1100px"))
        self._load_values()
        if canvas is None and not self.toolbar.resume():
            self.toolbar.load_example()

    def _t(self, key: str, **fields: object) -> str:
        return text(key, self.lang, **fields)

    # --- public surface -----------------------------------------------------------------

    @property
    def canvas(self) -> model.SystemCanvas:
        return self._canvas

    def set(self, path: str, value: object) -> None:
        """Type into one field ("title", "cross_sell.approval", …) as a trainee would."""
        if path not in self.fields:
            raise KeyError(f"no field {path!r}; fields are: {', '.join(self.fields)}")
        self.fields[path].control.value = "" if value is None else str(value)

    def load_example(self) -> None:
        self.toolbar.load_example()

    def go_to(self, path: str) -> None:
        """Put the cursor in the answer at `path`; for a matrix segment, pick the segment."""
        if path in self.fields:
            self.fields[path].control.focus()
        elif path.startswith("matrix."):
            self.matrix.segment_choice.value = path.split(".", 1)[1]
            self.matrix.segment_choice.focus()

    def export(self, fmt: str) -> Path | None:
        label = self._t(dict((f, k) for k, f in EXPORTS)[fmt])
        return self.toolbar.export(label)

    # --- internals ----------------------------------------------------------------------

    def _on_edit(self, path: str, value: str) -> None:
        if self._quiet:
            return
        field = self.fields[path]
        try:
            with language(self.lang):
                self._canvas.set(path, value)
        except ValueError as exc:  # refused: say why under the field, put the value back
            field.set_error(str(exc))
            self._quiet = True
            try:
                field.control.value = self._canvas.get(path)
            finally:
                self._quiet = False
            return
        field.set_error(None)
        self._changed()

    def _mirror_status(self) -> None:
        """The matrix, shown on its own higher up the notebook, says where its choices went."""
        note = (f"<span class='st-muted'>{escape(self._t('matrix_saved_in'))}</span><br>"
                if self.toolbar.status.value else "")
        self.matrix.status.value = note + self.toolbar.status.value

    def _changed(self) -> None:
        self._refresh()
        self.toolbar.changed()

    def _set_data(self, data: dict) -> None:
        self._canvas = model.SystemCanvas.from_dict(data)
        self._load_values()

    def _load_values(self) -> None:
        self._quiet = True
        try:
            for path, field in self.fields.items():
                field.control.value = self._canvas.get(path)
                field.set_error(None)
        finally:
            self._quiet = False
        self.matrix.load(self._canvas.cross_sell)
        self._refresh()

    def _refresh(self) -> None:
        self.review.update(review(self._canvas, self.lang))
        done = self._canvas.completeness(self.lang)
        self.meter.value = done.score
        self.meter_label.value = escape(self._canvas.completeness_line(self.lang))
        if done.missing:
            self.missing.value = (f"<span class='st-muted'>{escape(self._t('canvas_missing'))}"
                                  f"</span>" + "".join(f"<br>· {escape(m)}"
                                                       for m in done.missing))
        else:
            self.missing.value = f"<span class='st-ok'>✓ {escape(self._t('canvas_done'))}</span>"

    def __repr__(self) -> str:
        colon = "：" if self.lang == "zh" else ": "
        return (f"{self._t('canvas_title')}{colon}{self._canvas.file_name()} — "
                f"{self._canvas.completeness_line(self.lang)}")

