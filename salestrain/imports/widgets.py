"""`ImportPanel`: upload a table, confirm which column holds what, see the rows not imported.

A tool embeds the panel and gives it what to do with the good rows (`on_import`); the panel
holds no rule of its own: reading, mapping and checking are `salestrain.imports`'.
Drive it from Python: `upload(name, content)`, `choose(column_id, header)`, `reset()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from salestrain.core import storage
from salestrain.core.html import STYLE, escape, table
from salestrain.core.i18n import get_language, language
from salestrain.core.numbers import format_number
from salestrain.core.widgets import Tool
from salestrain.imports import mapping as mp
from salestrain.imports import readers, rollup, tables, templates
from salestrain.imports.content import label
from salestrain.imports.content import table as spec_of

NOT_USED = -1
_UPLOADED = dt.datetime(2013, 7, 1, tzinfo=dt.timezone.utc)  # a fixed time for Python uploads
SHOWN_REJECTED = 50
_STYLE = {"description_width": "initial"}


class ImportPanel(Tool):
    """Upload → mapping dropdowns → import report; the good rows go to `on_import`.

    Parameters
    ----------
    table_name:
        "customers", "opportunities" or "holdings".
    on_import:
        Called with the `ImportResult` when at least one row was imported.
    on_reset:
        Called when the trainee goes back to the course's sample data (None: no such button).
    folder:
        The work folder (default: `storage.work_dir()`): the uploaded file, the remembered
        column choices and the aggregates for the roll-up are kept there, nowhere else.
    """

    def __init__(self, table_name: str, on_import: Callable | None = None,
                 on_reset: Callable[[], None] | None = None, folder: Path | None = None,
                 lang: str | None = None) -> None:
        self.lang = lang or get_language()
        self.table_name = table_name
        self.spec = spec_of(table_name)
        self.on_import = on_import
        self.on_reset = on_reset
        self._folder = folder
        self.grid: readers.Grid | None = None
        self.layout: mp.Layout | None = None
        self.result: tables.ImportResult | None = None
        self.error = ""
        self._quiet = False
        t = self._t
        self.file_upload = w.FileUpload(accept=".xlsx,.csv", multiple=False,
                                        description=t("upload_button"),
                                        tooltip=t("upload"), icon="upload",
                                        layout=w.Layout(width="auto"))
        self.file_upload.observe(self._on_upload, names="value")
        self.template_button = w.Button(
            description=t("template", what=self.spec.name(self.lang)), icon="download",
            tooltip=t("template", what=self.spec.name(self.lang)),
            layout=w.Layout(width="auto"))
        self.template_button.on_click(lambda _b: self.download_template())
        self.sample_button = w.Button(description=t("back_to_sample"), icon="undo",
                                      layout=w.Layout(width="auto"))
        self.sample_button.on_click(lambda _b: self.reset())
        self.sample_button.layout.display = "none"
        self.dropdowns: dict[str, w.Dropdown] = {}
        self.mapping_box = w.VBox([], layout=w.Layout(display="none"))
        self.status = w.HTML()
        self.report_view = w.HTML()
        buttons = [self.file_upload, self.template_button]
        if on_reset is not None:
            buttons.append(self.sample_button)
        self.root = w.VBox([
            w.HTML(STYLE + f"<b>{escape(t('upload'))}</b><br>"
                   f'<span class="st-muted">{escape(t("upload_help"))}</span>'),
            w.HBox(buttons, layout=w.Layout(flex_flow="row wrap", grid_gap="4px")),
            self.mapping_box, self.status, self.report_view,
        ], layout=w.Layout(border="1px solid #c9d3e0", padding="6px 10px", margin="6px 0"))
        self.root.add_class("st-import")

    def _t(self, key: str, **fields: object) -> str:
        return label(key, self.lang, **fields)

    @property
    def folder(self) -> Path:
        return self._folder or storage.work_dir()

    # --- what a trainee does ------------------------------------------------------------------

    def upload(self, name: str, content: bytes) -> tables.ImportResult | None:
        """Upload a file as the browser would (the widget's own value is set)."""
        self.file_upload.value = ({"name": name, "type": "", "size": len(content),
                                   "content": memoryview(bytes(content)),
                                   "last_modified": _UPLOADED},)
        return self.result

    def choose(self, column_id: str, header: str | int | None) -> tables.ImportResult | None:
        """Pick the file column (its header or number; None: not in my table) for a column."""
        if header is None:
            value = NOT_USED
        elif isinstance(header, int):
            value = header
        else:
            value = self.layout.headers.index(header) if self.layout else NOT_USED
        self.dropdowns[column_id].value = value
        return self.result

    def reset(self) -> None:
        """Back to the course's sample data (the uploaded copy stays in the work folder)."""
        self.result = None
        self.sample_button.layout.display = "none"
        self._say(self._t("using_sample"))
        self.report_view.value = ""
        if self.on_reset is not None:
            self.on_reset()

    def download_template(self) -> Path:
        path = templates.write_template(self.table_name, storage.export_dir(self.folder),
                                        self.lang)
        shown = self._shown(path)
        self.status.value = (f'<span class="st-ok" role="status">'
                             f'{escape(self._t("template_saved", path=shown))} '
                             f'<a href="{escape(shown)}" target="_blank" rel="noopener">'
                             f"{escape(path.name)}</a></span>")
        return path

    # --- internals ----------------------------------------------------------------------------

    @staticmethod
    def _shown(path: Path) -> str:
        try:
            return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return str(path)

    def _say(self, text: str, ok: bool = True) -> None:
        css = "st-ok" if ok else "st-error"
        role = "status" if ok else "alert"
        self.status.value = f'<span class="{css}" role="{role}">{escape(text)}</span>'

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        name = str(item.get("name") or "upload")
        raw = bytes(item.get("content") or b"")
        # The widget forgets the file at once: a saved notebook's widget state never holds it.
        self.file_upload.value = ()
        with language(self.lang):
            try:
                grid = readers.read_grid(raw, name)
                layout = mp.find_layout(grid, self.table_name)
            except readers.ImportFileError as exc:
                self._refuse(str(exc))
                return
        self.grid, self.layout = grid, layout
        self._keep_copy(name, raw)
        saved = mp.remembered(layout, self.table_name, self.folder)
        choice = saved if saved is not None else mp.guess(layout, self.table_name)
        self._build_mapping(layout, choice, remembered=saved is not None)
        self._apply()

    def _refuse(self, text: str) -> None:
        """A file that cannot be imported: say why; the tool and the last import stay as they
        were."""
        self.error = text
        self._say(text, ok=False)

    def _keep_copy(self, name: str, raw: bytes) -> None:
        """The uploaded file, kept in the work folder (and only there) for the next session."""
        suffix = ".xlsx" if raw.startswith(b"PK") else ".csv"
        target = self.folder / mp.IMPORT_FOLDER / f"{self.table_name}{suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)

    def _build_mapping(self, layout: mp.Layout, choice: dict[str, int | None],
                       remembered: bool) -> None:
        t = self._t
        options = [(t("not_used"), NOT_USED)] + [
            (h or f"#{j + 1}", j) for j, h in enumerate(layout.headers)]
        self._quiet = True
        self.dropdowns = {}
        for column in self.spec.columns:
            name = column.label(self.lang)
            if column.required:
                name = f"{name} ({t('required_mark')})"
            value = choice.get(column.id)
            dd = w.Dropdown(options=options, value=NOT_USED if value is None else value,
                            description=name, tooltip=t("mapping_field", label=name),
                            style=_STYLE, layout=w.Layout(width="auto", margin="2px 12px 2px 0"))
            dd.observe(lambda _c: self._apply(), names="value")
            self.dropdowns[column.id] = dd
        note = [w.HTML(f'<span class="st-muted">{escape(t("remembered"))}</span>')] \
            if remembered else []
        self.mapping_box.children = [
            w.HTML(f"<b>{escape(t('mapping_title'))}</b>"), *note,
            w.HBox(list(self.dropdowns.values()), layout=w.Layout(flex_flow="row wrap"))]
        self.mapping_box.layout.display = ""
        self._quiet = False

    def mapping(self) -> dict[str, int | None]:
        """The column choices on screen."""
        return {cid: (None if dd.value == NOT_USED else dd.value)
                for cid, dd in self.dropdowns.items()}

    def _apply(self) -> None:
        if self._quiet or self.grid is None:
            return
        with language(self.lang):
            try:
                result = tables.import_grid(self.grid, self.table_name, self.mapping(),
                                            self.folder, remember=True)
            except readers.ImportFileError as exc:
                self._refuse(str(exc))
                self.report_view.value = ""
                return
            messages = result.rejected
        self.error = ""
        self.report_view.value = self._report(result, messages)
        if not result.accepted:
            self._say(self._t("result", file=result.file, accepted=0,
                              rejected=format_number(result.rejected_rows)) + " "
                      + self._t_message("no_good_rows"), ok=False)
            return
        self.result = result
        rollup.save_summary(result, self.folder)
        self._say(self._t("result", file=result.file, accepted=format_number(result.accepted),
                          rejected=format_number(result.rejected_rows)))
        if self.on_reset is not None:
            self.sample_button.layout.display = ""
        if self.on_import is not None:
            self.on_import(result)

    def _t_message(self, key: str) -> str:
        from salestrain.imports.content import message

        return message(key, self.lang)

    def _report(self, result: tables.ImportResult, rejected: list[tables.Rejection]) -> str:
        if not rejected:
            return ""
        t = self._t
        rows = [[r.row, r.column, r.reason] for r in rejected[:SHOWN_REJECTED]]
        html = table([t("col_row"), t("col_column"), t("col_problem")], rows,
                     caption=t("rejected_title", count=format_number(result.rejected_rows)))
        if len(rejected) > SHOWN_REJECTED:
            more = t("rejected_more", count=format_number(len(rejected) - SHOWN_REJECTED))
            html += f'<p class="st-muted">{escape(more)}</p>'
        return html

    def rejected_text(self) -> list[str]:
        """The rejected rows as the report lists them, one line each."""
        return self.result.messages() if self.result else []

    def __repr__(self) -> str:
        state = self.status_text() or self._t("nothing_yet")
        return self._t("panel_summary", what=self.spec.name(self.lang), state=state)

    def status_text(self) -> str:
        """The status line as plain text."""
        import re
        from html import unescape

        return unescape(re.sub(r"<[^>]+>", " ", self.status.value)).split("  ")[0].strip()
