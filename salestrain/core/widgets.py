"""Pieces every salestrain form shares: a field with its error line, and a work toolbar.

`Field` shows a message under the input it belongs to. `WorkToolbar` gives a piece of work its
New / Save / Example / Load / Export buttons, autosaves after every committed change, and
reports what happened on one status line — including a file it refused to overwrite. The owner
supplies the model logic as callables; the toolbar holds no business rule.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as w
from traitlets import Unicode

from salestrain.core import storage
from salestrain.core.display import clock, date_time
from salestrain.core.html import error_line, escape


class ChartImage(w.Image):
    """A chart image whose tooltip — its text alternative, the title on the course site — shows.

    ipywidgets 8 sets a view's title only after reading the model's `description`, which an
    Image lacks: with a tooltip and no description the view fails to draw
    (jupyter-widgets/ipywidgets#3860). An always-empty description lets the tooltip through.
    """

    description = Unicode("", help="Always empty; see the class docstring.").tag(sync=True)


class Tool:
    """A course tool shown by its `root` widget. Its plain-text form — what a console, an
    exported notebook or nbval sees — is `repr(self)`, a readable summary in the course
    language, never the widget's Python repr."""

    root: w.Widget

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.root._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = repr(self)
        return bundle


class Field:
    """An input with its error line under it; a label and a hint above and below when given.

    The error is kept as plain text (`error_text`) and shown through `html.error_line`, so
    nothing reads a message back out of HTML. Without a label it serves as a table cell (the
    column heading is the label). `boxed=False` gives a long form's field: label and hint share
    one widget and the pieces (`widgets`) are laid straight into the form, fewer widgets to store;
    `html` makes its HTML widgets (a form may share one layout and style among them).
    """

    def __init__(
        self, label: str | None, control: w.ValueWidget, help_text: str = "", *,
        boxed: bool = True, html: Callable[[str], w.HTML] = w.HTML,
    ) -> None:
        self.control = control
        self.error_text = ""
        self.error = html("")
        parts: list[w.Widget] = [control]
        head = f"<b>{escape(label)}</b>" if label else ""
        hint = f'<span class="st-muted">{escape(help_text)}</span>' if help_text else ""
        if boxed:
            if head:
                self.label = html(head)
                parts.insert(0, self.label)
            if hint:
                self.help = html(hint)
                parts.append(self.help)
        elif head or hint:
            self.label = html("<br>".join(p for p in (head, hint) if p))
            parts.insert(0, self.label)
        parts.append(self.error)
        self.widgets = parts
        if boxed:
            margin = "0 0 6px 0" if label else "0"
            self.box = w.VBox(parts, layout=w.Layout(margin=margin, min_width="0"))

    @property
    def value(self):
        return self.control.value

    @value.setter
    def value(self, new) -> None:
        self.control.value = new

    def set_error(self, message: str | None) -> None:
        """Show `message` under the field (None or '' clears it)."""
        self.error_text = message or ""
        self.error.value = error_line(self.error_text)


class WorkToolbar:
    """New / save / load / example / export for one piece of work, with autosave and a status.

    One piece of work is one file for its whole life: the file is chosen when the work is first
    saved (`storage.new_path`) and kept when its title changes. *New* starts blank, *Worked
    example* opens the example as a separate piece (the trainee's own files are untouched),
    *Load* lists the saved work by title, time and progress, and `resume()` reopens the most
    recent work after a restart. Every button answers on the status line, which names the folder.

    Parameters
    ----------
    kind:
        The storage kind ("plan", "opportunity", …).
    get_data, set_data:
        Read the work as a JSON-ready dict, and replace it from one (may raise ValueError).
    name:
        Returns the current title.
    exports:
        Format label → function(folder) that writes the export and returns its path.
    labels:
        Button and message texts (from content data), keyed as in `DEFAULT_KEYS`.
    example:
        Returns the data of a worked example, or None for no Example button.
    blank:
        Returns the data of an empty piece of work, or None for no New button.
    describe:
        (data, lang) → (title, progress) for the Load list; the file name otherwise.
    """

    DEFAULT_KEYS = ("save", "load", "example", "saved", "loaded", "exported", "not_saved")

    def __init__(
        self,
        kind: str,
        get_data: Callable[[], dict],
        set_data: Callable[[dict], None],
        name: Callable[[], str],
        exports: dict[str, Callable[[Path], Path]],
        labels: dict[str, str],
        example: Callable[[], dict] | None = None,
        folder: Path | None = None,
        blank: Callable[[], dict] | None = None,
        describe: Callable[[dict, str], tuple[str, str]] | None = None,
        lang: str | None = None,
    ) -> None:
        from salestrain.core.i18n import get_language

        self.kind = kind
        self._get, self._set, self._name = get_data, set_data, name
        self._exports = exports
        self._labels = labels
        self._example = example
        self._blank = blank
        self._describe = describe
        self._folder = folder
        self.lang = lang or get_language()
        self.autosave = True
        self.current: Path | None = None  # the file of the work on screen, once saved
        self._mtime: int | None = None  # its modification time when we last read or wrote it
        self.dirty = False  # an edit that is not on disk (autosave off, or the save failed)
        self.last_path: Path | None = None
        self.last_export: Path | None = None
        self.status = w.HTML("")
        self.new_button = w.Button(description=self._ui("work_new"), icon="file-o")
        self.save_button = w.Button(description=labels["save"], icon="save")
        self.load_choice = w.Dropdown(options=[], layout=w.Layout(width="auto", min_width="260px"),
                                      description=self._ui("work_list"),
                                      style={"description_width": "initial"})
        self.load_button = w.Button(description=labels["load"], icon="folder-open")
        self.example_button = w.Button(description=labels["example"], icon="lightbulb-o")
        self.export_buttons = {
            label: w.Button(description=label, icon="download") for label in exports
        }
        self.new_button.on_click(lambda _b: self.new())
        self.save_button.on_click(lambda _b: self.save())
        self.load_button.on_click(lambda _b: self.load(self.load_choice.value))
        self.example_button.on_click(lambda _b: self.load_example())
        for label, button in self.export_buttons.items():
            button.on_click(lambda _b, label=label: self.export(label))
        first: list[w.Widget] = [self.new_button] if blank is not None else []
        first += [self.save_button]
        if example is not None:
            first.append(self.example_button)
        first += [self.load_choice, self.load_button]
        self.box = w.VBox([
            w.HBox(first, layout=w.Layout(flex_flow="row wrap", grid_gap="4px")),
            w.HBox(list(self.export_buttons.values()), layout=w.Layout(flex_flow="row wrap")),
            self.status,
        ])
        storage.remove_temporaries(self.folder, older_than=60)
        self.refresh_choices()

    def _ui(self, key: str, **fields: object) -> str:
        from salestrain.core.content import ui

        return ui(key, self.lang, **fields)

    @property
    def folder(self) -> Path:
        return self._folder or storage.work_dir()

    def path(self) -> Path:
        """The file the current work saves to (chosen on its first save, then kept)."""
        return self.current or storage.new_path(self.kind, self._name(), self.folder)

    def _shown(self, path: Path) -> str:
        """A path as the trainee can find it: relative to the notebook when inside its folder."""
        try:
            return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return str(path)

    def _say(self, message: str, ok: bool = True, link: Path | None = None) -> None:
        css = "st-ok" if ok else "st-error"
        html = escape(message)
        if link is not None:
            shown = escape(self._shown(link))
            html += f' <a href="{shown}" target="_blank" rel="noopener">{shown}</a>'
        self.status.value = f'<span class="{css}" role="status">{html}</span>'

    def _label(self, saved: storage.SavedFile) -> str:
        title, progress = saved.path.stem, ""
        if self._describe is not None:
            try:
                title, progress = self._describe(storage.read(saved.path, self.kind), self.lang)
            except (storage.StorageError, ValueError, KeyError, TypeError):
                pass
        when = date_time(saved.saved_at, self.lang, year=False)
        return self._ui("work_item", title=title or saved.path.stem, time=when,
                        progress=progress).rstrip(" ·")

    def refresh_choices(self) -> None:
        """List the saved work of this kind in the Load menu, newest first, by title."""
        files = storage.list_saved(self.folder, self.kind)
        files.sort(key=lambda f: (-f.path.stat().st_mtime, f.path.name))
        options = [(self._label(f), f.path.name) for f in files]
        self.load_choice.options = options
        if self.current is not None and self.current.name in dict(options).values():
            self.load_choice.value = self.current.name
        self.load_button.disabled = False

    def _changed_elsewhere(self) -> bool:
        """Did another tool (another notebook, another window) save this file since we did?"""
        if self.current is None or self._mtime is None or not self.current.exists():
            return False
        return self.current.stat().st_mtime_ns != self._mtime

    def save(self) -> Path | None:
        """Save now; on a refusal, say why and keep the work in memory. If the file was saved
        by another tool in the meantime, this version goes to a copy instead of over it."""
        target, note = self.path(), ""
        if self._changed_elsewhere():
            target = storage.new_path(self.kind, self._ui("work_copy", title=self._name()),
                                      self.folder)
            try:
                storage.read(self.current, self.kind)
                note = " " + self._ui("work_changed_elsewhere", file=self.current.name)
            except storage.StorageError as exc:  # replaced by something that is not our work
                note = f" {exc} " + self._ui("work_saved_as_copy")
        try:
            self.last_path = storage.write(target, self.kind, self._get())
        except (storage.StorageError, OSError) as exc:
            self.dirty = True
            self._say(f"{self._labels['not_saved']}: {exc}", ok=False)
            return None
        self.current, self.dirty = self.last_path, False
        self._mtime = self.last_path.stat().st_mtime_ns
        self._say(self._labels["saved"].format(file=self._shown(self.last_path)) + note)
        names = [value for _label, value in self.load_choice.options]
        if self.last_path.name not in names:
            # Autosave runs on every edit: re-read the folder only when a new file appeared.
            self.refresh_choices()
        else:
            # Otherwise relabel this work's entry (title and progress change as it is edited)
            # and move it to the top, as the newest.
            saved = storage.SavedFile(self.last_path, self.kind)
            entry = (self._label(saved), self.last_path.name)
            others = [o for o in self.load_choice.options if o[1] != self.last_path.name]
            self.load_choice.options = [entry, *others]
            self.load_choice.value = self.last_path.name
        return self.last_path

    def changed(self) -> None:
        """Call after every committed edit: autosaves when autosave is on."""
        if self.autosave:
            self.save()
        else:
            self.dirty = True

    def _keep_unsaved(self) -> None:
        """Before the work on screen is replaced: an edit not on disk goes to a copy."""
        if not self.dirty:
            return
        copy = storage.new_path(self.kind, self._ui("work_copy", title=self._name()),
                                self.folder)
        try:
            storage.write(copy, self.kind, self._get())
        except (storage.StorageError, OSError):
            return
        self.dirty = False
        self.refresh_choices()
        self._kept = copy

    def _replace(self, data: dict, current: Path | None) -> None:
        self._kept: Path | None = None
        self._keep_unsaved()
        self._apply(data)
        self.current = current
        self._mtime = current.stat().st_mtime_ns if current is not None else None

    def _after(self, message: str) -> None:
        if self._kept is not None:
            message += " " + self._ui("work_kept_copy", file=self._kept.name)
        self._say(message)

    def load(self, filename: str | None) -> bool:
        """Replace the work with a saved file; a bad file is reported and left untouched."""
        if not filename:
            self._say(self._ui("work_choose_first"), ok=False)
            return False
        path = self.folder / filename
        try:
            data = storage.read(path, self.kind)
            self._replace(data, path)
        except (storage.StorageError, ValueError) as exc:
            self._say(str(exc), ok=False)
            return False
        self._after(self._labels["loaded"].format(file=self._name() or filename))
        return True

    def resume(self) -> bool:
        """Reopen the most recently saved work of this kind, saying so; False if there is none."""
        newest = storage.newest(self.folder, self.kind)
        if newest is None:
            return False
        try:
            data = storage.read(newest.path, self.kind)
            self._replace(data, newest.path)
        except (storage.StorageError, ValueError) as exc:
            self._say(str(exc), ok=False)
            return False
        self.refresh_choices()
        self._say(self._ui("work_continuing", title=self._name() or newest.path.stem,
                           time=clock(newest.saved_at)))
        return True

    def new(self) -> None:
        """Start a blank piece of work; it gets its own file on its first save."""
        if self._blank is None:
            return
        self._replace(self._blank(), None)
        self._after(self._ui("work_new_started"))

    def load_example(self) -> None:
        """Open the worked example as a separate piece of work (the trainee's files stay)."""
        if self._example is None:
            return
        self._replace(self._example(), None)
        self._after(self._ui("work_example_opened"))

    def _apply(self, data: dict) -> None:
        previous = self.autosave
        self.autosave = False
        try:
            self._set(data)
        finally:
            self.autosave = previous
        self.dirty = False

    def export(self, label: str) -> Path | None:
        """Write one export into <work folder>/exports and say where it is, with a link."""
        try:
            self.last_export = self._exports[label](self.folder)
        except (OSError, ValueError) as exc:
            self._say(f"{label}: {exc}", ok=False)
            return None
        self._say(self._labels["exported"].format(file=self.last_export.name),
                  link=self.last_export)
        return self.last_export
