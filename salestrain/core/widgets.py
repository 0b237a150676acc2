"""Pieces every salestrain form shares: a field with its error line, and a work toolbar.

`Field` shows a message under the input it belongs to. `WorkToolbar` gives a piece of work its
Save / Load / Example / Export buttons, autosaves after every change, and reports what happened
on one status line — including a file it refused to overwrite. The owner supplies the model
logic as callables; the toolbar holds no business rule.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from salestrain.core import storage
from salestrain.core.html import escape


class Field:
    """An input with its error line under it; a label and a hint above and below when given.

    Without a label it serves as a table cell (the column heading is the label).
    """

    def __init__(
        self, label: str | None, control: w.ValueWidget, help_text: str = ""
    ) -> None:
        self.control = control
        self.error = w.HTML("")
        parts: list[w.Widget] = [control]
        if label:
            self.label = w.HTML(f"<b>{escape(label)}</b>")
            parts.insert(0, self.label)
        if help_text:
            self.help = w.HTML(f'<span class="st-muted">{escape(help_text)}</span>')
            parts.append(self.help)
        parts.append(self.error)
        margin = "0 0 6px 0" if label else "0"
        self.box = w.VBox(parts, layout=w.Layout(margin=margin, min_width="0"))

    @property
    def value(self):
        return self.control.value

    @value.setter
    def value(self, new) -> None:
        self.control.value = new

    def set_error(self, message: str | None) -> None:
        """Show `message` under the field (None clears it)."""
        self.error.value = (
            f'<span class="st-error" role="alert">⚠ {escape(message)}</span>' if message else ""
        )

    @property
    def error_text(self) -> str:
        return self.error.value


class WorkToolbar:
    """Save / load / example / export for one piece of work, with autosave and a status line.

    Parameters
    ----------
    kind:
        The storage kind ("plan", "opportunity", …).
    get_data, set_data:
        Read the work as a JSON-ready dict, and replace it from one (may raise ValueError).
    name:
        Returns the current title, which names the file.
    exports:
        Format label → function(folder) that writes the export and returns its path.
    example:
        Returns the data of a worked example, or None for no Example button.
    labels:
        Button and message texts (from content data), keyed as in `DEFAULT_KEYS`.
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
    ) -> None:
        self.kind = kind
        self._get, self._set, self._name = get_data, set_data, name
        self._exports = exports
        self._labels = labels
        self._example = example
        self._folder = folder
        self.autosave = True
        self.last_path: Path | None = None
        self.last_export: Path | None = None
        self.status = w.HTML("")
        self.save_button = w.Button(description=labels["save"], icon="save")
        self.load_choice = w.Dropdown(options=[], layout=w.Layout(width="260px"))
        self.load_button = w.Button(description=labels["load"], icon="folder-open")
        self.example_button = w.Button(description=labels["example"], icon="lightbulb-o")
        self.export_buttons = {
            label: w.Button(description=label, icon="download") for label in exports
        }
        self.save_button.on_click(lambda _b: self.save())
        self.load_button.on_click(lambda _b: self.load(self.load_choice.value))
        self.example_button.on_click(lambda _b: self.load_example())
        for label, button in self.export_buttons.items():
            button.on_click(lambda _b, label=label: self.export(label))
        first = [self.save_button, self.load_choice, self.load_button]
        if example is not None:
            first.append(self.example_button)
        self.box = w.VBox([
            w.HBox(first, layout=w.Layout(flex_flow="row wrap")),
            w.HBox(list(self.export_buttons.values()), layout=w.Layout(flex_flow="row wrap")),
            self.status,
        ])
        self.refresh_choices()

    @property
    def folder(self) -> Path:
        return self._folder or storage.work_dir()

    def path(self) -> Path:
        """The file the current work saves to."""
        return storage.path_for(self.kind, self._name(), self.folder)

    def _say(self, message: str, ok: bool = True) -> None:
        css = "st-ok" if ok else "st-error"
        self.status.value = f'<span class="{css}" role="status">{escape(message)}</span>'

    def refresh_choices(self) -> None:
        """List the saved files of this kind in the Load menu."""
        files = [f.path.name for f in storage.list_saved(self.folder, self.kind)]
        self.load_choice.options = files
        self.load_button.disabled = not files

    def save(self) -> Path | None:
        """Save now; on a refusal, say why and keep the work in memory."""
        try:
            self.last_path = storage.write(self.path(), self.kind, self._get())
        except (storage.StorageError, OSError) as exc:
            self._say(f"{self._labels['not_saved']}: {exc}", ok=False)
            return None
        self._say(self._labels["saved"].format(file=self.last_path.name))
        if self.last_path.name not in self.load_choice.options:
            # Autosave runs on every edit: re-read the folder only when a new file appeared.
            self.refresh_choices()
        return self.last_path

    def changed(self) -> None:
        """Call after every edit: autosaves when autosave is on."""
        if self.autosave:
            self.save()

    def load(self, filename: str | None) -> bool:
        """Replace the work with a saved file; a bad file is reported and left untouched."""
        if not filename:
            return False
        try:
            data = storage.read(self.folder / filename, self.kind)
            self._apply(data)
        except (storage.StorageError, ValueError) as exc:
            self._say(str(exc), ok=False)
            return False
        self._say(self._labels["loaded"].format(file=filename))
        return True

    def load_example(self) -> None:
        """Replace the work with the worked example (the trainee's file stays on disk)."""
        if self._example is not None:
            self._apply(self._example())
            self._say(self._labels["loaded"].format(file=self._labels["example"]))

    def _apply(self, data: dict) -> None:
        previous = self.autosave
        self.autosave = False
        try:
            self._set(data)
        finally:
            self.autosave = previous

    def export(self, label: str) -> Path | None:
        """Write one export into the work folder and say where it is."""
        try:
            self.last_export = self._exports[label](self.folder)
        except (OSError, ValueError) as exc:
            self._say(f"{label}: {exc}", ok=False)
            return None
        self._say(self._labels["exported"].format(file=self.last_export.name))
        return self.last_export
