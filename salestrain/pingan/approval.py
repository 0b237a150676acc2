"""The five-step approval flow for selling one subsidiary's product through another's channel.

A `Proposal` names the product, the channel and the resources the product company offers. It
then moves through the steps of `pingan/content.yaml` in order: each decision records who
made it and why. A rejection at any step ends the flow with its reason; approval at step 5 means the
channel may sell. A draft may be incomplete and still saves; `missing()` says what to fill in
before the first decision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from salestrain.core import storage
from salestrain.core.errors import FieldError
from salestrain.core.report import Report, Section, Table
from salestrain.pingan import content as pingan

KIND = "approval"
TEXT_FIELDS = ("title", "product", "channel", "resources", "rationale")
Status = Literal["draft", "ready", "in_progress", "approved", "rejected"]


class ApprovalError(FieldError):
    """A decision the flow does not allow (codes "closed", "not_ready", "decision",
    "reason_required")."""


def _label(key: str, lang: str | None = None, **fields: object) -> str:
    return pingan.data().label(key, lang, **fields)


class StepRecord(BaseModel):
    """One decision: which step, approved or rejected, by whom, and the note or reason."""

    model_config = ConfigDict(extra="ignore")

    step: str
    decision: Literal["approved", "rejected"]
    owner: str
    note: str = ""


class Proposal(BaseModel):
    """A cross-sell proposal and the decisions taken on it so far."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    title: str = ""
    product: str = ""
    channel: str = ""
    resources: str = ""
    rationale: str = ""
    records: list[StepRecord] = []

    @field_validator("product", "channel")
    @classmethod
    def _known_id(cls, value: str, info) -> str:
        """A product or channel must be one the case content lists (empty is a draft)."""
        items = pingan.data().products if info.field_name == "product" else pingan.data().channels
        ids = [item.id for item in items]
        if value and value not in ids:
            raise ValueError(_label(f"err_{info.field_name}", choices=", ".join(ids)))
        return value

    @model_validator(mode="after")
    def _records_in_order(self) -> Proposal:
        steps = pingan.data().approval_steps
        if len(self.records) > len(steps):
            raise ValueError(_label("err_order", step=len(steps) + 1))
        for i, record in enumerate(self.records):
            if record.step != steps[i].id:
                raise ValueError(_label("err_order", step=i + 1))
            if record.decision == "rejected" and i != len(self.records) - 1:
                raise ValueError(_label("err_order", step=i + 2))
        return self

    # --- what state the flow is in ---------------------------------------------------------

    def missing(self) -> list[str]:
        """The fields still empty (names from `TEXT_FIELDS`)."""
        return [f for f in TEXT_FIELDS if not str(getattr(self, f)).strip()]

    def problems(self, lang: str | None = None) -> list[str]:
        """What stops the first decision: empty fields, or the product's own company's channel."""
        found = []
        if self.missing():
            names = ", ".join(_label(f, lang) for f in self.missing())
            found.append(_label("err_incomplete", lang, fields=names))
        if self.product and self.channel:
            data = pingan.data()
            company = data.product(self.product).subsidiary
            if data.channel(self.channel).subsidiary == company:
                found.append(_label("err_same_company", lang,
                                    company=data.subsidiary(company).name(lang)))
        return found

    @property
    def status(self) -> Status:
        if self.records and self.records[-1].decision == "rejected":
            return "rejected"
        if len(self.records) == len(pingan.data().approval_steps):
            return "approved"
        if self.records:
            return "in_progress"
        return "draft" if self.problems() else "ready"

    @property
    def current_step(self) -> pingan.ApprovalStep | None:
        """The step waiting for a decision (None once the flow has ended)."""
        if self.status in ("approved", "rejected"):
            return None
        return pingan.data().approval_steps[len(self.records)]

    @property
    def rejection(self) -> StepRecord | None:
        return self.records[-1] if self.status == "rejected" else None

    # --- moving through the flow -------------------------------------------------------------

    def decide(self, decision: Literal["approved", "rejected"], owner: str = "",
               note: str = "", lang: str | None = None) -> StepRecord:
        """Record a decision on the current step; a blank owner is the step's owning party."""
        step = self.current_step
        if step is None:
            status = _label(f"status_{self.status}", lang)
            raise ApprovalError("closed", _label("err_closed", lang, status=status))
        if not self.records:
            problems = self.problems(lang)
            if problems:
                raise ApprovalError("not_ready", " ".join(problems))
        if decision not in ("approved", "rejected"):
            raise ApprovalError("decision", _label("err_decision", lang, value=decision),
                                field="decision")
        if decision == "rejected" and not note.strip():
            raise ApprovalError("reason_required", _label("err_reason", lang), field="note")
        who = owner.strip() or pingan.data().party(step.owner).name(lang)
        record = StepRecord(step=step.id, decision=decision, owner=who, note=note.strip())
        self.records = [*self.records, record]
        return record

    def approve(self, owner: str = "", note: str = "", lang: str | None = None) -> StepRecord:
        return self.decide("approved", owner, note, lang)

    def reject(self, reason: str, owner: str = "", lang: str | None = None) -> StepRecord:
        return self.decide("rejected", owner, reason, lang)

    def undo(self) -> StepRecord | None:
        """Take back the last decision (None when there is none)."""
        if not self.records:
            return None
        last = self.records[-1]
        self.records = self.records[:-1]
        return last

    def restart(self) -> None:
        """Clear every decision; the proposal itself stays."""
        self.records = []

    # --- showing and exporting ---------------------------------------------------------------

    def timeline(self, lang: str | None = None) -> list[list[str]]:
        """One row per step: number, step, owning party, decision, decided by, note."""
        data = pingan.data()
        rows = []
        ended = False
        for i, step in enumerate(data.approval_steps):
            record = self.records[i] if i < len(self.records) else None
            if record is not None:
                decision = _label(record.decision, lang)
            elif ended:
                decision = _label("not_reached", lang)
            else:
                decision = _label("pending", lang)
            rows.append([str(step.number), step.name(lang), data.owner_of(step, lang),
                         decision, record.owner if record else "", record.note if record else ""])
            ended = ended or (record is not None and record.decision == "rejected")
        return rows

    def timeline_columns(self, lang: str | None = None) -> list[str]:
        return [_label(k, lang) for k in ("number", "step", "owner_party", "decision",
                                          "decided_by", "note")]

    def to_report(self, lang: str | None = None) -> Report:
        """The proposal and its approval record as a document for Word, Excel or Markdown."""
        data = pingan.data()
        product = data.name_of(self.product, lang) if self.product else ""
        channel = data.name_of(self.channel, lang) if self.channel else ""
        proposal = Table(_label("report_proposal", lang), [_label("field", lang),
                                                             _label("value", lang)], [
            [_label("title", lang), self.title],
            [_label("product", lang), product],
            [_label("channel", lang), channel],
            [_label("resources", lang), self.resources],
            [_label("rationale", lang), self.rationale],
        ])
        flow = Table(_label("report_flow", lang), self.timeline_columns(lang), self.timeline(lang))
        status = _label("report_status", lang, status=_label(f"status_{self.status}", lang))
        paragraphs = [status, *self.problems(lang)]
        return Report(
            title=self.title or _label("report_title", lang),
            subtitle=[_label("report_title", lang)],
            sections=[Section(_label("report_proposal", lang), paragraphs, [proposal]),
                      Section(_label("report_flow", lang), [], [flow])],
        )


def example(lang: str | None = None) -> Proposal:
    """The worked example: life agents sell car insurance, approved at every step."""
    ex = pingan.data().example
    return Proposal(
        title=ex.title(lang), product=ex.product, channel=ex.channel,
        resources=ex.resources(lang), rationale=ex.rationale(lang),
        records=[StepRecord(step=d.step, decision=d.decision, owner=d.owner(lang),
                            note=d.note(lang)) for d in ex.decisions],
    )


def untitled(lang: str | None = None) -> str:
    """What a proposal without a title is called (in lists and in its file's name)."""
    return _label("untitled", lang)


def blank() -> Proposal:
    """An empty proposal: the start of a new piece of work."""
    return Proposal()


def progress(proposal: Proposal, lang: str | None = None) -> str:
    """How far the proposal has come: "Step 3 of 5 · in review", "Step 2 of 5 · rejected"."""
    total = len(pingan.data().approval_steps)
    status = proposal.status
    if status in ("approved", "rejected"):
        number = len(proposal.records)
    else:
        number = len(proposal.records) + 1
    return _label("progress", lang, number=number, total=total,
                  status=_label(f"progress_{status}", lang))


def describe(data: dict, lang: str | None = None) -> tuple[str, str]:
    """(title, progress) of saved proposal data, for the lists of saved work."""
    proposal = from_data(data)
    return proposal.title or untitled(lang), progress(proposal, lang)


def save(proposal: Proposal, folder: Path | None = None, path: Path | None = None) -> Path:
    """Save the proposal to `path`, the file it already has; without one, to a new file named
    after its title that no other piece of work uses. Returns the file: pass it next time."""
    target = path or storage.new_path(KIND, proposal.title or untitled(), folder)
    return storage.write(target, KIND, proposal.model_dump(mode="json"))


def from_data(data: dict) -> Proposal:
    """The proposal in saved data; a value the rules refuse raises ValueError saying which
    field and why, in the trainee's words (unknown fields are ignored)."""
    from pydantic import ValidationError

    try:
        return Proposal.model_validate(data)
    except ValidationError as exc:
        reasons = []
        for error in exc.errors():
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] != "value_error":  # pydantic's own wording: say where
                message = f"{'.'.join(map(str, error['loc']))}: {message}"
            reasons.append(message)
        raise ValueError("; ".join(reasons)) from None


def load(path: Path | str) -> Proposal:
    """Read a saved proposal (unknown fields are ignored)."""
    return from_data(storage.read(path, KIND))


# The course-wide list of saved work ("My work") names and summarises approval files.
storage.register_kind(KIND, lambda lang: _label("kind_label", lang), describe)
