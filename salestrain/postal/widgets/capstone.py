"""The capstone homework (结业作业) export form: type your name, press one button, get the Word
document and the JSON file to hand in. No code to edit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import ipywidgets as w

from salestrain.core.html import STYLE, error_line, escape
from salestrain.core.i18n import get_language, language
from salestrain.core.widgets import Field, Tool
from salestrain.postal.content import text
from salestrain.review.capstone import export_capstone


class CapstoneExport(Tool):
    """Export the industry plan, the opportunity and the canvas together.

    `plan`, `opportunity` and `canvas` may be the models or the tools that hold them (a
    `PlanBuilder`, an `OpportunityWalker`, a `SystemCanvas` form): the work is read when the
    button is pressed, so the export holds what the trainee has typed by then.
    """

    def __init__(self, plan: object, opportunity: object, canvas: object, trainee: str = "",
                 lang: str | None = None, folder: Path | None = None,
                 on: date | None = None) -> None:
        self.lang = lang or get_language()
        self._plan, self._opportunity, self._canvas = plan, opportunity, canvas
        self.folder = folder
        self.on = on
        self.name = Field(self._t("capstone_name"),
                          w.Text(value=trainee, placeholder=self._t("capstone_name"),
                                 tooltip=self._t("capstone_name"), continuous_update=False,
                                 layout=w.Layout(width="320px")),
                          self._t("capstone_name_help"))
        self.button = w.Button(description=self._t("capstone_export"), icon="download",
                               layout=w.Layout(width="auto"))
        self.button.on_click(lambda _b: self.export())
        self.status = w.HTML()
        self.files: tuple[Path, Path] | None = None
        self.root = w.VBox([w.HTML(STYLE + f"<h4>{escape(self._t('capstone_form_title'))}</h4>"),
                            self.name.box, self.button, self.status])

    def _t(self, key: str, **fields: object) -> str:
        return text(key, self.lang, **fields)

    def set(self, name: str) -> None:
        """Type the trainee's name, as in the form."""
        self.name.value = name

    def export(self) -> tuple[Path, Path] | None:
        """Write the Word document and the JSON file; None (and a message) if it cannot."""
        trainee = self.name.value.strip()
        if not trainee:
            self.name.set_error(self._t("err_capstone_name"))
            self.status.value = ""
            return None
        self.name.set_error(None)
        plan = getattr(self._plan, "plan", self._plan)
        opportunity = getattr(self._opportunity, "opportunity", self._opportunity)
        canvas = getattr(self._canvas, "canvas", self._canvas)
        try:
            with language(self.lang):
                # The submission carries the reviewer's notes and the rubric score.
                docx, data = export_capstone(plan, opportunity, canvas, trainee=trainee,
                                             folder=self.folder, on=self.on, lang=self.lang)
        except (OSError, ValueError) as exc:
            self.status.value = error_line(self._t("capstone_failed", error=exc))
            return None
        self.files = (docx, data)
        self.status.value = (f'<span class="st-ok" role="status">✓ '
                             f'{escape(self.message)}</span>')
        return self.files

    @property
    def message(self) -> str:
        if self.files is None:
            return ""
        docx, data = self.files
        return self._t("capstone_exported", docx=docx.name, json=data.name)

    def __repr__(self) -> str:
        done = self.message or self.name.value.strip()
        title = self._t("capstone_form_title")
        return f"{title} — {done}" if done else title

