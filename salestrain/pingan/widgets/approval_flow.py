"""`ApprovalFlow`: write a cross-sell proposal and walk it through the five approval steps.

The rules — what must be filled in, which channel counts as cross-selling, order, a reason for
every rejection — live in `salestrain.pingan.approval`; this view edits a `Proposal`, shows its
steps and what it refuses, and saves and exports it with the shared `WorkToolbar`.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
from pydantic import ValidationError

from salestrain.core import report, storage
from salestrain.core.html import STYLE, error_line, escape, table
from salestrain.core.i18n import get_language
from salestrain.core.widgets import Field, Tool, WorkToolbar
from salestrain.pingan import approval
from salestrain.pingan import content as pingan

_WIDE = w.Layout(width="560px")
_LABEL = {"description_width": "initial"}
# A dropdown as wide as its longest option (not stretched across the form).
_FIT = w.Layout(width="auto", align_self="flex-start")


class ApprovalFlow(Tool):
    """The proposal form, the five steps with their decisions, and the decision controls.

    Drive it from Python: set `.title.value` and the other fields, then call `approve()`,
    `reject(reason)`, `undo()`; read `.proposal` (an `approval.Proposal`) and `.message`.

    Without a `proposal` (the notebook) it reopens the trainee's latest saved proposal; when
    there is none, it opens the worked example as a separate piece of work. Text fields commit
    when the trainee leaves them, so a proposal is saved once per change, never per keystroke,
    and always to the one file it got on its first save.
    """

    def __init__(self, proposal: approval.Proposal | None = None,
                 lang: str | None = None, folder: Path | None = None) -> None:
        self.lang = lang or get_language()
        self.data = pingan.data()
        self.proposal = proposal or approval.Proposal()
        t = self._t
        choose = [(t("choose"), "")]
        # The fields' labels are HTML above the controls, so each control is named by its
        # tooltip (the same words); dropdowns are as wide as their longest option.
        self.title = Field(t("title"), w.Text(layout=_WIDE, continuous_update=False,
                                              tooltip=t("title")))
        self.product = Field(t("product"), w.Dropdown(
            options=choose + [(p.name(self.lang), p.id) for p in self.data.products],
            tooltip=t("product"), layout=_FIT))
        self.channel = Field(t("channel"), w.Dropdown(
            options=choose + [(c.name(self.lang), c.id) for c in self.data.channels],
            tooltip=t("channel"), layout=_FIT))
        self.resources = Field(t("resources"), w.Textarea(
            layout=_WIDE, continuous_update=False, tooltip=t("resources")), t("resources_help"))
        self.rationale = Field(t("rationale"), w.Textarea(
            layout=_WIDE, continuous_update=False, tooltip=t("rationale")), t("rationale_help"))
        self.fields = {"title": self.title, "product": self.product, "channel": self.channel,
                       "resources": self.resources, "rationale": self.rationale}
        self.problems_view = w.HTML()
        self.steps_view = w.HTML()
        self.now_view = w.HTML()
        # Labels as wide as their words ("Note or reason" does not fit the default 80 px).
        self.owner = w.Text(description=t("decided_by"), layout=_WIDE, style=_LABEL)
        self.note = w.Textarea(description=t("note"), layout=_WIDE, style=_LABEL)
        self.approve_button = w.Button(description=t("approve"), button_style="success",
                                       icon="check")
        self.reject_button = w.Button(description=t("reject"), button_style="danger",
                                      icon="times")
        self.undo_button = w.Button(description=t("undo"), icon="undo")
        self.restart_button = w.Button(description=t("restart"), icon="refresh")
        self.message_view = w.HTML()
        self.approve_button.on_click(lambda _b: self.approve(self.owner.value, self.note.value))
        self.reject_button.on_click(lambda _b: self.reject(self.note.value, self.owner.value))
        self.undo_button.on_click(lambda _b: self.undo())
        self.restart_button.on_click(lambda _b: self.restart())
        labels = {k: self.data.labels[k](self.lang) for k in WorkToolbar.DEFAULT_KEYS}
        self.toolbar = WorkToolbar(
            kind=approval.KIND,
            get_data=lambda: self.proposal.model_dump(mode="json"),
            set_data=self._set_data,
            name=lambda: self.proposal.title or approval.untitled(self.lang),
            exports={t("word"): self._export(report.to_docx, ".docx"),
                     t("excel"): self._export(report.to_xlsx, ".xlsx"),
                     t("markdown"): self._export(self._write_markdown, ".md")},
            labels=labels,
            example=lambda: approval.example(self.lang).model_dump(mode="json"),
            folder=folder,
            blank=lambda: approval.blank().model_dump(mode="json"),
            describe=approval.describe,
            lang=self.lang,
        )
        self._quiet = False
        for key, field in self.fields.items():
            field.control.observe(lambda change, key=key: self._edited(key, change.new),
                                  names="value")
        self.root = w.VBox([
            w.HTML(STYLE),
            *(f.box for f in self.fields.values()),
            self.problems_view,
            self.steps_view,
            self.now_view,
            self.owner,
            self.note,
            w.HBox([self.approve_button, self.reject_button, self.undo_button,
                    self.restart_button], layout=w.Layout(flex_flow="row wrap")),
            self.message_view,
            self.toolbar.box,
        ])
        self.root.add_class("st-approval")  # for the browser tests and the site's styles
        for key, field in self.fields.items():
            field.box.add_class(f"st-approval-{key}")
        self._show_proposal()
        if proposal is None:
            self._open_latest()

    def _open_latest(self) -> None:
        """The trainee's latest proposal; the worked example (separately) when there is none."""
        if self.toolbar.resume():
            return
        if storage.newest(self.toolbar.folder, approval.KIND) is None:
            self.toolbar.load_example()
        # else: the latest file could not be read; the status line says why and it is kept.

    def _t(self, key: str, **fields: object) -> str:
        return self.data.label(key, self.lang, **fields)

    # --- editing --------------------------------------------------------------------------

    def _edited(self, key: str, value: str) -> None:
        if self._quiet:
            return
        try:
            setattr(self.proposal, key, value)
        except ValidationError as exc:
            self.fields[key].set_error(exc.errors()[0]["msg"].removeprefix("Value error, "))
            return
        self.fields[key].set_error(None)
        self._refresh()
        self.toolbar.changed()

    def _set_data(self, data: dict) -> None:
        self.proposal = approval.from_data(data)
        self._show_proposal()

    def _show_proposal(self) -> None:
        self._quiet = True
        try:
            for key, field in self.fields.items():
                field.value = getattr(self.proposal, key)
                field.set_error(None)
        finally:
            self._quiet = False
        self.message_view.value = ""
        self._refresh()

    # --- deciding ---------------------------------------------------------------------------

    @property
    def message(self) -> str:
        """The last refusal shown under the buttons (plain text), or ''."""
        return self._message

    _message = ""

    def _decide(self, action) -> None:
        try:
            action()
        except approval.ApprovalError as exc:
            self._message = str(exc)
            self.message_view.value = error_line(exc)
            return
        self._message = ""
        self.message_view.value = ""
        self.owner.value = ""
        self.note.value = ""
        self._refresh()
        self.toolbar.changed()

    def approve(self, owner: str = "", note: str = "") -> None:
        self._decide(lambda: self.proposal.approve(owner, note, self.lang))

    def reject(self, reason: str, owner: str = "") -> None:
        self._decide(lambda: self.proposal.reject(reason, owner, self.lang))

    def undo(self) -> None:
        self._decide(self.proposal.undo)

    def restart(self) -> None:
        self._decide(self.proposal.restart)

    # --- showing ----------------------------------------------------------------------------

    def _refresh(self) -> None:
        p = self.proposal
        problems = p.problems(self.lang)
        self.problems_view.value = "".join(
            error_line(msg, block=True, alert=False) for msg in problems)
        status = self._t(f"status_{p.status}")
        css = {"approved": "st-ok", "rejected": "st-error"}.get(p.status, "st-muted")
        self.steps_view.value = (
            f'<p><b>{escape(self._t("status"))}:</b> <span class="{css}">{escape(status)}</span>'
            f"</p>{table(p.timeline_columns(self.lang), p.timeline(self.lang))}")
        step = p.current_step
        if step is None:
            self.now_view.value = ""
        else:
            text = self._t("now_at", number=step.number, name=step.name(self.lang),
                           owner=self.data.owner_of(step, self.lang),
                           action=step.action(self.lang))
            self.now_view.value = f"<p><b>{escape(text)}</b></p>"
            self.owner.placeholder = self.data.party(step.owner).name(self.lang)
        ended = step is None
        self.approve_button.disabled = ended or bool(problems and not p.records)
        self.reject_button.disabled = ended or bool(problems and not p.records)
        self.undo_button.disabled = not p.records
        self.restart_button.disabled = not p.records

    # --- exports ----------------------------------------------------------------------------

    def _stem(self) -> str:
        title = self.proposal.title or approval.untitled(self.lang)
        return f"{approval.KIND}-{storage.slug(title)}"

    def _export(self, writer, suffix: str):
        def run(folder: Path) -> Path:
            target = storage.export_dir(folder) / f"{self._stem()}{suffix}"
            return writer(self.proposal.to_report(self.lang), target)
        return run

    @staticmethod
    def _write_markdown(doc: report.Report, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report.to_markdown(doc), encoding="utf-8")
        return path


    def __repr__(self) -> str:
        """A one-line summary in the course language: the proposal and its status."""
        title = self.proposal.title or self._t("report_title")
        status = self._t(f"status_{self.proposal.status}")
        return self._t("flow_summary", title=title, status=status)
