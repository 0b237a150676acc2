"""`OpportunityWalker`: walk one opportunity through the seven SSM steps, on evidence only.

The walker is a view over `salestrain.ibm.ssm.Opportunity`: every rule (what advancing needs,
who may walk away or reopen, the probability) is the model's, and every refusal shown is the
model's message. It can be driven from Python — set a field's value, click a button — so tests
and notebooks need no browser.

Built without an opportunity (the notebook's case) it reopens the trainee's latest saved one;
only when there is none does it open the worked example, as a separate piece of work. Text
fields commit when the trainee leaves them, so the work is saved, and the history written, once
per edit — never per keystroke.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import ipywidgets as w

from salestrain.core import report, storage
from salestrain.core.display import date as date_text
from salestrain.core.display import percent
from salestrain.core.html import STYLE, error_line, escape, table
from salestrain.core.i18n import get_language
from salestrain.core.numbers import NumberError, format_number, parse_number
from salestrain.core.widgets import Field, Tool, WorkToolbar
from salestrain.ibm import ssm
from salestrain.review.widgets import ReviewPanel
from salestrain.review.work import review

CSS = """<style>
.st-track{display:grid;grid-template-columns:repeat(auto-fit,minmax(128px,1fr));gap:8px;
  margin:6px 0 10px 0}
.st-step{border:1px solid #c9d3e0;border-radius:6px;padding:6px 8px;background:#fff;
  color:#1d2733;font-size:.86em;line-height:1.35;position:relative}
.st-step .st-num{font-weight:700;color:#2f5d8a}
.st-step .st-cust{color:#5b6573;font-style:italic;display:block;margin:2px 0}
.st-step .st-sell{display:block;margin:2px 0;font-weight:600}
.st-step .st-stg{display:inline-block;margin-top:3px;padding:0 6px;border-radius:9px;
  background:#eef2f7;color:#2f5d8a;font-size:.92em}
.st-step.st-done{background:#f1f8f2;border-color:#9cc7a4}
.st-step.st-done .st-num::after{content:" ✓";color:#3a7d44}
.st-step.st-current{border:2px solid #2f5d8a;box-shadow:0 0 0 3px #dbe6f3;background:#f7f9fc}
.st-step .st-rec{position:absolute;top:4px;right:6px;font-size:.78em;color:#8a5a00}
.st-badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.85em;
  background:#eef2f7;color:#2f5d8a;margin-right:6px}
.st-badge.st-open{background:#e6f0fa}.st-badge.st-won{background:#e3f3e6;color:#1f7a36}
.st-badge.st-lost,.st-badge.st-walked_away{background:#fbe9e7;color:#a8071a}
.st-warn{color:#8a5a00;font-size:.9em;margin:2px 0}
.st-outcome{font-weight:600;margin-top:4px}
.st-walker .st-above>.widget-label{width:auto;max-width:none;height:auto;line-height:1.4;
  white-space:normal;text-align:left;font-weight:700;margin:0 0 2px 0}
.st-walker .st-above>input{width:auto;min-width:0}
.st-walker .widget-checkbox{height:auto;min-height:var(--jp-widgets-inline-height)}
.st-walker .widget-checkbox .widget-label-basic{white-space:normal;overflow:visible;
  line-height:1.4;padding:4px 0}
</style>"""


def _status_badge(status: str, lang: str) -> str:
    return f'<span class="st-badge st-{status}">{escape(ssm.ui(f"status_{status}", lang))}</span>'


class OpportunityWalker(Tool):
    """The seven steps as a track, the current step's evidence panel, actions and history.

    Parameters
    ----------
    opportunity:
        The opportunity to walk, as a piece of work of its own (saved to a new file on its
        first change). If None, the latest saved opportunity is reopened; if there is none, the
        worked example is opened as a separate piece of work.
    today:
        The date actions are recorded on (the trainee can change it in the widget); never
        before the opportunity's last change, whose date is used without it.
    weights:
        Stage weights for the win probability (common-practice defaults if None).
    folder:
        The work folder (default: $SALESTRAIN_WORK, else `work/` beside the notebook).
    """

    def __init__(self, opportunity: ssm.Opportunity | None = None, today: date | None = None,
                 weights: ssm.StageWeights | None = None, lang: str | None = None,
                 folder: Path | None = None) -> None:
        self.lang = lang or get_language()
        self.weights = weights or ssm.StageWeights.defaults()
        self._today = today
        self.opportunity = self._fresh(opportunity or ssm.Opportunity(), today)
        self._busy = False
        # The reviewer's notes, updated with every change; each finding takes you to its field.
        self.review = ReviewPanel(self.lang, goto=self.go_to)
        t = self._t
        # details: each control carries its label (a real <label>, shown above it), so it has
        # a name on the course site and in JupyterLab alike
        def labelled(key: str, control: w.ValueWidget) -> Field:
            control.description = t(key)
            control.style.description_width = "initial"
            control.layout = w.Layout(width="100%", flex_flow="column", align_items="stretch")
            control.add_class("st-above")
            return Field(None, control)

        self.name = labelled("name", w.Text(continuous_update=False))
        self.customer = labelled("customer", w.Text(continuous_update=False))
        self.value = labelled("value", w.Text(continuous_update=False))
        self.expected_close = labelled("expected_close", w.DatePicker())
        self.owner = labelled("owner", w.Text(continuous_update=False))
        self.claimed = labelled("claimed_probability",
                                w.Text(placeholder=percent(0.5, self.lang),
                                       continuous_update=False))
        self.today = labelled("today", w.DatePicker(value=today or self.opportunity.last_date()))
        for f, attr in ((self.name, "name"), (self.customer, "customer"),
                        (self.owner, "owner")):
            f.control.observe(lambda _c, f=f, attr=attr: self._on_text(f, attr), names="value")
        self.value.control.observe(lambda _c: self._on_value(), names="value")
        self.claimed.control.observe(lambda _c: self._on_claim(), names="value")
        self.expected_close.control.observe(lambda _c: self._on_close_date(), names="value")
        self.today.control.observe(lambda _c: self._refresh(), names="value")
        # Wide enough for what they hold: the title on a line of its own, the customer and the
        # owner on the next, the four short fields after them.
        cells = [(self.name, "1 1 100%"), (self.customer, "2 1 320px"),
                 (self.owner, "1 1 240px"), (self.value, "1 1 140px"),
                 (self.expected_close, "1 1 140px"), (self.claimed, "1 1 140px"),
                 (self.today, "1 1 140px")]
        for f, flex in cells:
            f.box.layout = w.Layout(flex=flex, min_width="140px", margin="0 0 4px 0")
        self.details = w.Box([f.box for f, _flex in cells],
                             layout=w.Layout(display="flex", flex_flow="row wrap",
                                             grid_gap="0 12px"))
        # header, track, panel
        self.header = w.HTML()
        self.track = w.HTML()
        self.panel = w.VBox(layout=w.Layout(border="1px solid #c9d3e0", padding="8px 12px",
                                            margin="0 0 8px 0"))
        self.checks: dict[str, w.Checkbox] = {}
        self.evidence_fields: dict[str, tuple[w.Text, w.DatePicker, w.Text, w.HTML]] = {}
        # actions
        self.advance_button = w.Button(description=t("advance"), icon="arrow-right",
                                       button_style="primary")
        self.back_button = w.Button(description=t("back"), icon="arrow-left")
        self.walk_button = w.Button(description=t("walk_away"), icon="sign-out")
        self.won_button = w.Button(description=t("mark_won"), icon="trophy",
                                   button_style="success")
        self.lost_button = w.Button(description=t("mark_lost"), icon="times")
        self.reopen_button = w.Button(description=t("reopen"), icon="undo",
                                      button_style="primary", layout=w.Layout(display="none"))
        self.advance_reason = w.HTML()
        self.reason = w.Text(placeholder=t("reason_prompt"), tooltip=t("reason_prompt"),
                             layout=w.Layout(width="60%"),
                             continuous_update=False)
        self.confirm_button = w.Button(description=t("confirm"), button_style="warning")
        self.cancel_button = w.Button(description=t("cancel"))
        self.reason_box = w.HBox([self.reason, self.confirm_button, self.cancel_button],
                                 layout=w.Layout(display="none"))
        self._pending: str | None = None
        self.message = w.HTML()
        self.advance_button.on_click(lambda _b: self._act("advance"))
        self.back_button.on_click(lambda _b: self._act("back"))
        self.won_button.on_click(lambda _b: self._act("won"))
        self.walk_button.on_click(lambda _b: self._ask("walk_away"))
        self.lost_button.on_click(lambda _b: self._ask("lost"))
        self.reopen_button.on_click(lambda _b: self._ask("reopen"))
        self.confirm_button.on_click(lambda _b: self._act(self._pending or ""))
        self.cancel_button.on_click(lambda _b: self._ask(None))
        buttons = w.HBox([self.back_button, self.advance_button, self.won_button,
                          self.lost_button, self.walk_button, self.reopen_button],
                         layout=w.Layout(flex_flow="row wrap"))
        self.actions = w.VBox([buttons, self.advance_reason, self.reason_box, self.message])
        # notes and history
        self.note = w.Textarea(tooltip=t("notes"), layout=w.Layout(width="100%", height="60px"),
                               continuous_update=False)
        self.note_button = w.Button(description=t("add_note"), icon="plus")
        self.note_button.on_click(lambda _b: self._add_note())
        self.notes_view = w.HTML()
        self.history_view = w.HTML()
        self.history_box = w.Accordion(children=[self.history_view], selected_index=None)
        self.history_box.set_title(0, t("history"))
        self.toolbar = WorkToolbar(
            ssm.KIND, self._get_data, self._set_data, lambda: self.opportunity.title(self.lang),
            exports={t("export_md"): self._export_md, t("export_docx"): self._export_docx,
                     t("export_xlsx"): self._export_xlsx, t("export_json"): self._export_json},
            labels={k: ssm.data().ui[k](self.lang) for k in WorkToolbar.DEFAULT_KEYS},
            example=lambda: ssm.example_data(self.lang), folder=folder,
            blank=self._blank, describe=ssm.describe, lang=self.lang)
        self.root = w.VBox([
            w.HTML(STYLE + CSS), self.header, self.details, self.track, self.review.root,
            self.panel, self.actions,
            w.HTML(f"<b>{escape(t('notes'))}</b>"), self.note, self.note_button, self.notes_view,
            self.history_box, self.toolbar.box,
        ], layout=w.Layout(max_width="1100px"))
        self.root.add_class("st-walker")
        # stable hooks for browser tests
        for control, css in ((self.advance_button, "st-advance"), (self.walk_button, "st-walk"),
                             (self.lost_button, "st-lost"), (self.reopen_button, "st-reopen"),
                             (self.reason, "st-reason"), (self.confirm_button, "st-confirm"),
                             (self.name.control, "st-opp-name"), (self.message, "st-message")):
            control.add_class(css)
        if opportunity is not None:
            self._load_details()
            self._rebuild_panel()
        elif not self.toolbar.resume():
            self.toolbar.load_example()

    @staticmethod
    def _fresh(opp: ssm.Opportunity, on: date | None) -> ssm.Opportunity:
        """`opp`, its creation recorded on `on` when it has no history yet."""
        if opp.history or on is None:
            return opp
        return ssm.Opportunity.new(on, **opp.model_dump(exclude={"history", "created"}))

    def _blank(self) -> dict:
        """A new, empty opportunity created on the date of this action."""
        return self._fresh(ssm.Opportunity(), self.on or self._today).to_data()

    # -- helpers --

    def _t(self, key: str, **fields: object) -> str:
        return ssm.ui(key, self.lang, **fields)

    @property
    def on(self) -> date | None:
        """The date actions are recorded on."""
        return self.today.value

    @on.setter
    def on(self, value: date) -> None:
        self.today.value = value

    def _say(self, text: str, ok: bool = True) -> None:
        css = "st-ok" if ok else "st-error"
        self.message.value = f'<span class="{css}" role="status">{escape(text)}</span>' \
            if text else ""

    def _changed(self) -> None:
        self.toolbar.changed()

    # -- details --

    def _load_details(self) -> None:
        o = self.opportunity
        self._busy = True
        try:
            self.name.value = o.name
            self.customer.value = o.customer
            self.value.value = format_number(o.value)
            self.expected_close.value = o.expected_close
            self.owner.value = o.owner
            self.claimed.value = "" if o.claimed_probability is None else \
                percent(o.claimed_probability, self.lang)
            for f in (self.value, self.claimed):
                f.set_error(None)
            last = o.last_date()
            if self.today.value is None or (last and self.today.value < last):
                self.today.value = last
        finally:
            self._busy = False

    def _commit(self) -> None:
        """An accepted change: redraw and save (once per committed edit)."""
        self._refresh()
        self._changed()

    def _on_text(self, field: Field, attr: str) -> None:
        if self._busy:
            return
        text = field.value.strip()
        if text != getattr(self.opportunity, attr):
            setattr(self.opportunity, attr, text)
            self._commit()

    def _on_value(self) -> None:
        """A refused amount is named under the field and neither kept nor saved."""
        if self._busy:
            return
        text = self.value.value.strip()
        try:
            value = parse_number(text) if text else None
            changed = value != self.opportunity.value
            if changed:
                self.opportunity.value = value
        except (NumberError, ValueError) as exc:
            self.value.set_error(str(exc))
            return
        self.value.set_error(None)
        if changed:
            self._commit()

    def _on_claim(self) -> None:
        if self._busy:
            return
        text = self.claimed.value.strip()
        try:
            claim = parse_number(text, percent=True) if text else None
            if claim == self.opportunity.claimed_probability:
                self.claimed.set_error(None)
                return
            self.opportunity.claim(claim, self.on)
        except (NumberError, ValueError) as exc:
            self.claimed.set_error(exc.text(self.lang) if isinstance(exc, ssm.Refused)
                                   else str(exc))
            return
        self.claimed.set_error(None)
        self._commit()

    def _on_close_date(self) -> None:
        if self._busy or self.expected_close.value == self.opportunity.expected_close:
            return
        self.opportunity.expected_close = self.expected_close.value
        self._commit()

    # -- the step panel --

    def _panel_step(self) -> ssm.Step:
        return ssm.step(min(self.opportunity.current_step, ssm.LAST_STEP))

    def _rebuild_panel(self) -> None:
        """New controls for the current step's activities and evidence."""
        s = self._panel_step()
        lang, t, o = self.lang, self._t, self.opportunity
        flag = f" ({t('reconstructed')})" if s.reconstructed else ""
        head = w.HTML(
            f"<h4 style='margin:4px 0'>{escape(t('step', number=s.number))} · "
            f"{escape(s.seller_step(lang))}{escape(flag)}</h4>"
            f"<div class='st-muted'>{escape(t('customer_is'))}: "
            f"{escape(s.customer_step(lang))}</div>"
            f"<p><b>{escape(t('won_if'))}:</b> {escape(s.won_if(lang))}</p>")
        self.checks = {}
        for key, text in zip(s.activity_keys(), s.activities, strict=True):
            box = w.Checkbox(value=key in o.activities_done, description=text(lang),
                             indent=False, layout=w.Layout(width="auto"))
            box.observe(lambda c, key=key: self._on_activity(key, c["new"]), names="value")
            self.checks[key] = box
        acts = w.VBox([w.HTML(f"<b>{escape(t('activities'))}</b>"), *self.checks.values()])
        self.evidence_fields = {}
        rows = [w.HTML(f"<b>{escape(t('outcomes'))}</b>")]
        gap = "0 6px 2px 0"
        for outcome in s.outcomes:
            ev = o.evidence_for(outcome.id)
            about = outcome.text(lang)
            # What happened is a sentence: a full line of its own. The date and the person
            # share the next line; each control is named by its field and the outcome.
            what = w.Text(value=ev.what, placeholder=t("evidence_what"),
                          tooltip=f"{t('evidence_what')} · {about}", continuous_update=False,
                          layout=w.Layout(width="100%", margin="0 0 2px 0"))
            when = w.DatePicker(value=ev.when, description=t("evidence_when"),
                                tooltip=f"{t('evidence_when')} · {about}",
                                style={"description_width": "initial"},
                                layout=w.Layout(width="auto", flex="0 0 auto", margin=gap))
            who = w.Text(value=ev.who, placeholder=t("evidence_who"),
                         tooltip=f"{t('evidence_who')} · {about}", continuous_update=False,
                         layout=w.Layout(flex="1 1 240px"))
            state = w.HTML()
            for control, css in ((what, "st-ev-what"), (when, "st-ev-when"), (who, "st-ev-who")):
                control.add_class(css)  # stable hooks for browser tests
                control.observe(lambda _c, oid=outcome.id: self._on_evidence(oid),
                                names="value")
            self.evidence_fields[outcome.id] = (what, when, who, state)
            rows += [w.HTML(f"<div class='st-outcome'>{escape(about)}</div>"), what,
                     w.Box([when, who], layout=w.Layout(display="flex", flex_flow="row wrap",
                                                        align_items="center")),
                     state]
        internal = w.HTML(f"<span class='st-muted'><b>{escape(t('internal'))}:</b> "
                          + escape("; ".join(i(lang) for i in s.internal)) + "</span>")
        note = w.HTML(f"<p class='st-muted'>{escape(s.deck_note(lang))}</p>"
                      if s.deck_note else "")
        self.panel.children = [head, note, acts, *rows, internal]
        self._refresh()

    def _on_activity(self, key: str, done: bool) -> None:
        self.opportunity.set_activity(key, done)
        self._changed()

    def _on_evidence(self, outcome_id: str) -> None:
        if self._busy:
            return
        what, when, who, state = self.evidence_fields[outcome_id]
        before = self.opportunity.evidence_for(outcome_id)
        try:
            self.opportunity.set_evidence(outcome_id, self.on, what=what.value, when=when.value,
                                          who=who.value)
        except ssm.Refused as exc:
            state.value = error_line(exc.text(self.lang))
            return
        if self.opportunity.evidence_for(outcome_id) != before:
            self._commit()
        else:
            self._refresh()

    def fill_evidence(self, outcome_id: str, what: str, when: date | None, who: str) -> None:
        """Type evidence into the current step's fields, as a trainee would."""
        fields = self.evidence_fields[outcome_id]
        self._busy = True
        try:
            fields[0].value, fields[1].value, fields[2].value = what, when, who
        finally:
            self._busy = False
        self._on_evidence(outcome_id)

    # -- actions --

    PROMPTS = {"lost": "lost_prompt", "reopen": "reopen_prompt"}

    def _ask(self, action: str | None) -> None:
        """Show the reason line for a decision (walk away, lost, reopen); None hides it."""
        self._pending = action
        self.reason.value = ""
        prompt = self._t(self.PROMPTS.get(action or "", "reason_prompt"))
        self.reason.placeholder = self.reason.tooltip = prompt
        self.reason_box.layout.display = "flex" if action else "none"

    def walk_away(self, reason: str) -> None:
        """Click Walk away, type the reason, confirm."""
        self.walk_button.click()
        self.reason.value = reason
        self.confirm_button.click()

    def mark_lost(self, reason: str = "") -> None:
        self.lost_button.click()
        self.reason.value = reason
        self.confirm_button.click()

    def reopen(self, reason: str = "") -> None:
        """Click Reopen, type why (optional), confirm."""
        self.reopen_button.click()
        self.reason.value = reason
        self.confirm_button.click()

    def _act(self, action: str) -> None:
        o, on = self.opportunity, self.on
        step_before = o.current_step
        try:
            if action == "advance":
                o.advance(on)
            elif action == "back":
                o.back(on)
            elif action == "won":
                o.mark_won(on)
            elif action == "walk_away":
                o.walk_away(on, self.reason.value)
            elif action == "lost":
                o.mark_lost(on, self.reason.value)
            elif action == "reopen":
                o.reopen(on, self.reason.value)
            else:
                return
        except ssm.Refused as exc:
            self._say(exc.text(self.lang), ok=False)
            self._refresh()
            return
        if action in self.PROMPTS or action == "walk_away":
            self._ask(None)
        self._say(ssm.decision_message(o.history[-1], self.lang))
        if o.current_step != step_before:
            self._rebuild_panel()
        else:
            self._refresh()
        self._changed()

    def _add_note(self) -> None:
        try:
            self.opportunity.add_note(self.on, self.note.value)
        except ssm.Refused as exc:
            self._say(exc.text(self.lang), ok=False)
            return
        self.note.value = ""
        self._refresh()
        self._changed()

    # -- drawing --

    def go_to(self, path: str) -> None:
        """Put the cursor in the field at `path` (a detail, or evidence of the step shown)."""
        details = {"claimed_probability": self.claimed, "expected_close": self.expected_close,
                   "value": self.value, "name": self.name, "customer": self.customer,
                   "owner": self.owner}
        if path in details:
            details[path].control.focus()
            return
        parts = path.split(".")
        if parts[0] == "evidence" and parts[1] in self.evidence_fields:
            what, when, who, _state = self.evidence_fields[parts[1]]
            {"what": what, "when": when, "who": who}.get(parts[-1], what).focus()
        elif parts[0] == "history":
            self.history_box.selected_index = 0
            self.history_box.focus()

    def _refresh(self) -> None:
        o, lang, t, on = self.opportunity, self.lang, self._t, self.on
        self.review.update(review(o, lang, on=on))
        prob = o.probability(self.weights)
        working = ssm.step_label(o.current_step, lang)
        warns = o.warnings(on, self.weights) if on else []
        warn_html = "".join(f'<div class="st-warn">⚠ {escape(n.message(lang))}</div>'
                            for n in warns)
        reason = f" — {escape(o.status_reason)}" if o.status_reason else ""
        self.header.value = (
            f'<div class="st-card"><h4>{escape(o.title(lang))}</h4>'
            f'<div class="st-meta">{_status_badge(o.status, lang)}{reason}'
            f"<span><b>{escape(t('working_on'))}:</b> {escape(working)}</span>"
            f"<span><b>{escape(t('stage_reached'))}:</b> "
            f"{escape(ssm.stage_name(o.stage, lang))}</span>"
            f"<span><b>{escape(t('probability'))}:</b> {escape(percent(prob, lang))}</span>"
            f"</div>{warn_html}</div>")
        cards = []
        for s in ssm.steps():
            css = "st-step"
            if s.number < o.current_step:
                css += " st-done"
            elif s.number == o.current_step:
                css += " st-current"
            rec = f'<span class="st-rec">{escape(t("reconstructed"))}</span>' \
                if s.reconstructed else ""
            cards.append(
                f'<div class="{css}">{rec}<span class="st-num">'
                f"{escape(t('step', number=s.number))}</span>"
                f'<span class="st-cust">{escape(s.customer_step(lang))}</span>'
                f'<span class="st-sell">{escape(s.seller_step(lang))}</span>'
                f'<span class="st-stg">{escape(ssm.stage_name(s.stage, lang))} · '
                f"{escape(percent(self.weights.of(s.stage), lang))}</span></div>")
        self.track.value = f'<div class="st-track">{"".join(cards)}</div>'
        for oid, (_what, _when, _who, state) in self.evidence_fields.items():
            missing = o.evidence_for(oid).missing_parts(on)
            if not missing:
                state.value = f'<span class="st-ok">✓ {escape(t("evidence_ok"))}</span>'
            else:
                parts = ", ".join(t(f"part_{p}") for p in missing)
                state.value = (f'<span class="st-muted">'
                               f'{escape(t("evidence_missing", parts=parts))}</span>')
        check = o.can_advance(on)
        self.advance_button.disabled = not check.ok
        self.advance_button.tooltip = check.reason(lang)
        if check.ok:
            self.advance_reason.value = (f'<span class="st-ok">'
                                         f'{escape(t("can_advance", number=o.current_step))}'
                                         "</span>")
        else:
            self.advance_reason.value = (f'<span class="st-muted" role="status">'
                                         f"{escape(check.reason(lang))}</span>")
        back, win, close = o.can_back(on), o.can_win(on), o.can_close(on)
        self.back_button.disabled, self.back_button.tooltip = not back.ok, back.reason(lang)
        self.won_button.disabled, self.won_button.tooltip = not win.ok, win.reason(lang)
        for b in (self.walk_button, self.lost_button):
            b.disabled, b.tooltip = not close.ok, close.reason(lang)
        reopen = o.can_reopen(on)
        self.reopen_button.layout.display = "" if o.closed else "none"
        self.reopen_button.disabled = not reopen.ok
        self.reopen_button.tooltip = reopen.reason(lang)
        self.notes_view.value = "".join(
            f'<div class="st-muted">{escape(date_text(n.on, lang))}: {escape(n.text)}</div>'
            for n in o.notes)
        self.history_view.value = STYLE + table(ssm.history_columns(lang),
                                                ssm.history_rows(o, lang))

    # -- persistence --

    def _get_data(self) -> dict:
        return self.opportunity.to_data()

    def _set_data(self, data: dict) -> None:
        self.opportunity = ssm.Opportunity.from_data(data)
        last = self.opportunity.last_date()
        self.today.value = max((d for d in (self._today, last) if d is not None), default=None)
        self._load_details()
        self._ask(None)
        self._say("")
        self._rebuild_panel()

    def load_example(self) -> None:
        """Replace the work with the worked example (the local-tax bureau's invoice delivery)."""
        self.toolbar.load_example()

    def _export_path(self, folder: Path, suffix: str) -> Path:
        """<work folder>/exports/<the work file's name>.<suffix> (never the work folder)."""
        stem = (self.toolbar.current or storage.path_for(ssm.KIND, self.opportunity.title())).stem
        return storage.export_dir(folder) / f"{stem}.{suffix}"

    def _export_md(self, folder: Path) -> Path:
        return report.write(self.opportunity.to_report(self.on, self.lang), "md",
                            self._export_path(folder, "md"))

    def _export_docx(self, folder: Path) -> Path:
        return report.write(self.opportunity.to_report(self.on, self.lang), "docx",
                            self._export_path(folder, "docx"))

    def _export_xlsx(self, folder: Path) -> Path:
        return report.write(self.opportunity.to_report(self.on, self.lang), "xlsx",
                            self._export_path(folder, "xlsx"))

    def _export_json(self, folder: Path) -> Path:
        path = self._export_path(folder, "json")
        path.write_text(json.dumps(self.opportunity.to_data(), ensure_ascii=False, indent=2),
                        encoding="utf-8")
        return path


    def __repr__(self) -> str:
        """A one-line summary in the course language (what a console shows instead)."""
        o, t = self.opportunity, self._t
        return (f"{o.title(self.lang)} · {ssm.step_label(o.current_step, self.lang)} · "
                f"{t('stage_reached')}: {ssm.stage_name(o.stage, self.lang)} · "
                f"{t('probability')}: {percent(o.probability(self.weights), self.lang)}")
