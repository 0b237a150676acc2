"""`SystemsExplorer` (how the four systems handle one dimension) and `MyWork` (everything a
trainee has saved across the course)."""

from __future__ import annotations

import importlib
from pathlib import Path

import ipywidgets as w

from salestrain.core import storage
from salestrain.core.content import ui
from salestrain.core.display import date_time
from salestrain.core.html import STYLE, escape, table
from salestrain.core.i18n import get_language
from salestrain.course import content


class SystemsExplorer:
    """A dropdown of the five dimensions above a table of the four systems' answers."""

    def __init__(self, dimension: str | None = None, lang: str | None = None) -> None:
        self.lang = lang or get_language()
        self._data = content.systems()
        dims = self._data.dimensions
        self._choice = w.Dropdown(
            options=[(d.label(self.lang), d.id) for d in dims],
            value=dimension or dims[0].id,
            description=ui("dimension", self.lang),
            layout=w.Layout(width="360px"),
        )
        self._view = w.HTML()
        self._choice.observe(lambda _change: self._refresh(), names="value")
        self.root = w.VBox([self._choice, self._view])
        self._refresh()

    @property
    def dimension(self) -> str:
        """The id of the dimension on show."""
        return self._choice.value

    @dimension.setter
    def dimension(self, value: str) -> None:
        self._choice.value = value

    def rows(self) -> list[list[str]]:
        """The table on show: one row per system."""
        return [[s.name(self.lang), s.cells[self.dimension](self.lang)] for s in self._data.systems]

    def _refresh(self) -> None:
        label = next(d.label(self.lang) for d in self._data.dimensions if d.id == self.dimension)
        self._view.value = STYLE + table(["", label], self.rows(), row_headers=True)

    def _repr_mimebundle_(self, **kwargs):
        # The plain-text fallback is the table on show, not the widget's Python repr.
        bundle = self.root._repr_mimebundle_(**kwargs)
        label = next(d.label(self.lang) for d in self._data.dimensions if d.id == self.dimension)
        text = "\n".join([label, *(f"{name}: {cell}" for name, cell in self.rows())])
        if isinstance(bundle, tuple):
            return {**bundle[0], "text/plain": text}, bundle[1]
        return {**bundle, "text/plain": text}


# The model modules that register the kinds of work the case tools save.
WORK_MODULES = ("salestrain.haier.rolemap", "salestrain.pingan.approval", "salestrain.hp.plan",
                "salestrain.ibm.ssm", "salestrain.postal.canvas")


class MyWork:
    """Every piece of work saved across the course, newest first: what it is, its title, how far
    it has got and when it was saved — with Open (a preview), Word (a copy in exports/), Move to
    trash (into trash/, recoverable) and the folder it all lives in."""

    def __init__(self, lang: str | None = None, folder: Path | None = None) -> None:
        for module in WORK_MODULES:
            importlib.import_module(module)
        self.lang = lang or get_language()
        self._folder = folder
        self.table = w.HTML()
        self.choice = w.Dropdown(options=[], description=ui("mywork_piece", self.lang),
                                 style={"description_width": "initial"},
                                 layout=w.Layout(width="auto", min_width="320px"))
        self.buttons = {key: w.Button(description=ui(f"mywork_{key}", self.lang), icon=icon)
                        for key, icon in (("open", "eye"), ("word", "download"),
                                          ("trash", "trash"), ("refresh", "refresh"))}
        for key, button in self.buttons.items():
            button.on_click(lambda _b, key=key: self.press(key))
        self.status = w.HTML()
        self.preview = w.HTML()
        self.root = w.VBox([
            w.HTML(STYLE), self.table,
            w.HBox([self.choice, *self.buttons.values()],
                   layout=w.Layout(flex_flow="row wrap", grid_gap="4px")),
            self.status, self.preview,
        ])
        self.refresh()

    @property
    def folder(self) -> Path:
        return self._folder or storage.work_dir(create=False)

    def pieces(self) -> list[tuple[storage.SavedFile, str, str, str]]:
        """(file, kind label, title, progress) for every readable piece of work, newest first."""
        files = [f for f in storage.list_saved(self.folder) if f.kind]
        files.sort(key=lambda f: (-f.path.stat().st_mtime, f.path.name))
        out = []
        for saved in files:
            kind = storage.KINDS.get(saved.kind or "")
            label = kind.label(self.lang) if kind else saved.kind
            title, progress = storage.describe(saved, self.lang)
            out.append((saved, label, title, progress))
        return out

    def refresh(self) -> None:
        pieces = self.pieces()
        where = ui("work_folder", self.lang, path=str(self.folder.resolve()))
        if not pieces:
            note = ui("no_saved_work", self.lang)
            self.table.value = (f'<p>{escape(where)}</p><p class="st-muted">{escape(note)}</p>')
        else:
            columns = [ui(k, self.lang) for k in ("kind", "mywork_title", "mywork_progress",
                                                   "mywork_saved", "file")]
            rows = [[label, title, progress, date_time(saved.saved_at, self.lang),
                     saved.path.name] for saved, label, title, progress in pieces]
            self.table.value = f"<p>{escape(where)}</p>" + table(columns, rows)
        broken = [f for f in storage.list_saved(self.folder) if f.problem]
        if broken:
            columns = [ui(k, self.lang) for k in ("file", "problem")]
            self.table.value += table(columns, [[f.path.name, f.problem] for f in broken])
        self.choice.options = [(f"{label} · {title}", saved.path.name)
                               for saved, label, title, _ in pieces]
        for key in ("open", "word", "trash"):
            self.buttons[key].disabled = not pieces

    def _say(self, message: str, ok: bool = True) -> None:
        css = "st-ok" if ok else "st-error"
        self.status.value = f'<span class="{css}" role="status">{escape(message)}</span>'

    def _chosen(self):
        name = self.choice.value
        if not name:
            self._say(ui("work_choose_first", self.lang), ok=False)
            return None
        path = self.folder / name
        saved = next((f for f in storage.list_saved(self.folder) if f.path == path), None)
        if saved is None:
            self._say(ui("mywork_gone", self.lang, file=name), ok=False)
            self.refresh()
        return saved

    def _model(self, saved: storage.SavedFile):
        kind = storage.KINDS.get(saved.kind or "")
        if kind is None or kind.model is None:
            return None
        return kind.model.from_dict(storage.read(saved.path, saved.kind))

    def press(self, key: str) -> None:
        """Press a button: open, word, trash or refresh."""
        if key == "refresh":
            self.refresh()
            self._say(ui("mywork_refreshed", self.lang))
            return
        saved = self._chosen()
        if saved is None:
            return
        try:
            if key == "trash":
                moved = storage.trash(saved.path)
                self.refresh()
                self._say(ui("mywork_trashed", self.lang, file=saved.path.name,
                             folder=str(moved.parent)))
            elif key == "open":
                from salestrain.core import report

                model = self._model(saved)
                if model is None:
                    self._say(ui("mywork_no_preview", self.lang), ok=False)
                    return
                self.preview.value = report.to_html(model.to_report(lang=self.lang))
                self._say(ui("mywork_opened", self.lang, file=saved.path.name))
            elif key == "word":
                model = self._model(saved)
                if model is None:
                    self._say(ui("mywork_no_preview", self.lang), ok=False)
                    return
                path = model.export("docx", self.folder, self.lang)
                self._say(ui("mywork_exported", self.lang, file=path.name,
                             folder=str(path.parent)))
        except (storage.StorageError, ValueError, OSError) as exc:
            self._say(str(exc), ok=False)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.root._repr_mimebundle_(**kwargs)
        text = "\n".join(f"{label} · {title} · {progress}" for _s, label, title, progress
                         in self.pieces()) or ui("no_saved_work", self.lang)
        if isinstance(bundle, tuple):
            return {**bundle[0], "text/plain": text}, bundle[1]
        return {**bundle, "text/plain": text}
