"""IBM's Signature Selling Method: the seven steps as content, and an opportunity that obeys them.

An `Opportunity` moves forward only when every verifiable outcome of its current step has
evidence from the customer (what happened, when, who at the customer). That rule, the walk-away
and back moves, the win probability from adjustable stage weights and the warnings all live
here, so the walker widget, the notebook and the tests share one definition. Every action takes
the date it happens on: there is no hidden clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from salestrain.core import report as rpt
from salestrain.core import storage
from salestrain.core.content import ui as core_ui
from salestrain.core.display import Later, percent, shown
from salestrain.core.display import date as date_text
from salestrain.core.errors import FieldError, find, look_up
from salestrain.core.html import HTMLView, escape
from salestrain.core.i18n import get_language
from salestrain.core.numbers import NumberError, format_number, parse_number
from salestrain.ibm.content import (  # noqa: F401 (part of this module's API)
    LAST_STEP,
    STAGE_IDS,
    Fragment,
    Outcome,
    SSMContent,
    Stage,
    StageId,
    Step,
    data,
)

KIND = "opportunity"
Status = Literal["open", "won", "lost", "walked_away"]
DONE = LAST_STEP + 1  # current_step after step 7's outcomes are evidenced
STALE_DAYS = 60
DATA = Path(__file__).resolve().parent / "data"

def steps() -> list[Step]:
    return data().steps


def step(number: int) -> Step:
    """Step `number` (1–7)."""
    if not 1 <= number <= LAST_STEP:
        raise ValueError(f"step must be between 1 and {LAST_STEP}, not {number}")
    return data().steps[number - 1]


@cache
def _outcome_index() -> dict[str, tuple[int, Outcome]]:
    return {o.id: (s.number, o) for s in data().steps for o in s.outcomes}


def outcome(outcome_id: str) -> tuple[int, Outcome]:
    """(step number, outcome) for an outcome id; NotFound lists the ids there are."""
    return look_up(_outcome_index(), outcome_id, "outcome")


def stage(stage_id: str) -> Stage:
    return find(data().stages, stage_id, "stage")


def ui(key: str, lang: str | None = None, **fields: object) -> str:
    """A walker / board string in the course language, `{fields}` filled in."""
    return data().ui[key](lang or get_language()).format(**fields)


def stage_name(stage_id: str | None, lang: str | None = None) -> str:
    if stage_id is None:
        return data().no_stage(lang or get_language())
    return stage(stage_id).name(lang or get_language())


# --- stage weights ----------------------------------------------------------------------


class StageWeights(BaseModel):
    """Win probability per stage: common-practice defaults (not IBM's), adjustable."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    identified: float = Field(0.10, ge=0, le=1)
    validated: float = Field(0.25, ge=0, le=1)
    qualified: float = Field(0.50, ge=0, le=1)
    proposed: float = Field(0.75, ge=0, le=1)
    won: float = Field(1.0, ge=0, le=1)
    completed: float = Field(1.0, ge=0, le=1)

    @model_validator(mode="after")
    def _never_falls(self) -> StageWeights:
        values = [getattr(self, s) for s in STAGE_IDS]
        for i in range(1, len(STAGE_IDS)):
            a, va, b, vb = STAGE_IDS[i - 1], values[i - 1], STAGE_IDS[i], values[i]
            if vb < va:
                raise ValueError(f"weights must not fall from one stage to the next: "
                                 f"{b} ({vb}) is below {a} ({va})")
        return self

    @classmethod
    def defaults(cls) -> StageWeights:
        """The weights from the content file."""
        return cls(**{s.id: s.weight for s in data().stages})

    def of(self, stage_id: str | None) -> float:
        return 0.0 if stage_id is None else float(getattr(self, stage_id))

    def as_dict(self) -> dict[str, float]:
        return {s: float(getattr(self, s)) for s in STAGE_IDS}


# --- refusals and warnings --------------------------------------------------------------


class Refused(FieldError):
    """An action the method does not allow: `message` in the course language, `text(lang)` in
    another; `missing` lists the outcome ids that still lack evidence, when that is why."""

    # The input a refusal is about, for a form to show it there ('' for the action itself).
    FIELDS: ClassVar[dict[str, str]] = {
        "no_date": "on", "date_before_last": "on", "reason_required": "reason",
        "unknown_outcome": "outcome", "evidence_of_done_step": "evidence",
        "missing_evidence": "evidence", "won_needs_contract": "evidence",
    }

    def __init__(self, code: str, missing: Iterable[str] = (), **fields: object) -> None:
        self.missing = list(missing)
        self._fields = fields
        self.code = code
        super().__init__(code, self.text(), field=self.FIELDS.get(code, ""))

    def text(self, lang: str | None = None) -> str:
        """The refusal in `lang` (default: the course language)."""
        fields = {k: shown(v, lang) for k, v in self._fields.items()}
        if "missing" not in fields:
            fields["missing"] = "; ".join(outcome(o)[1].text(lang or get_language())
                                          for o in self.missing)
        if fields.get("status") in ("open", "won", "lost", "walked_away"):
            fields["status"] = ui(f"status_{fields['status']}", lang)
        return ui(f"refuse_{self.code}", lang, **fields)


@dataclass(frozen=True)
class Notice:
    """A warning about an opportunity: a stable code and its fields."""

    code: str
    fields: dict = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        return ui(f"warn_{self.code}", lang, **{k: shown(v, lang) for k, v in self.fields.items()})


@dataclass(frozen=True)
class Check:
    """Whether an action is allowed now, and if not, why."""

    ok: bool
    refusal: Refused | None = None

    def reason(self, lang: str | None = None) -> str:
        return "" if self.refusal is None else self.refusal.text(lang)


# --- the opportunity --------------------------------------------------------------------


class Evidence(BaseModel):
    """What the customer did that proves an outcome: what, when, and who at the customer."""

    model_config = ConfigDict(extra="ignore")

    what: str = ""
    when: date | None = None
    who: str = ""

    @field_validator("what", "who", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return "" if value is None else value

    def missing_parts(self, on: date | None = None) -> list[str]:
        """The parts still missing ('what', 'when', 'who'); a date after `on` counts as missing."""
        missing = []
        if not self.what.strip():
            missing.append("what")
        if self.when is None or (on is not None and self.when > on):
            missing.append("when")
        if not self.who.strip():
            missing.append("who")
        return missing

    def complete(self, on: date | None = None) -> bool:
        return not self.missing_parts(on)


class Note(BaseModel):
    model_config = ConfigDict(extra="ignore")

    on: date
    text: str


class HistoryEntry(BaseModel):
    """One recorded change: the step and status before and after it."""

    model_config = ConfigDict(extra="ignore")

    on: date
    action: Literal["created", "advance", "back", "walk_away", "won", "lost", "reopen",
                    "evidence", "note", "claim"]
    from_step: int
    to_step: int
    status: Status
    detail: str = ""


@dataclass(frozen=True)
class Classification:
    """The highest step the evidence proves, its stage, and what the next step still lacks."""

    steps_done: int
    stage: str | None
    probability: float
    missing_next: list[str]

    def message(self, lang: str | None = None) -> str:
        lang = lang or get_language()
        text = ui("true_stage", lang, done=self.steps_done, stage=stage_name(self.stage, lang),
                  probability=percent(self.probability, lang))
        if self.missing_next:
            names = "; ".join(outcome(o)[1].text(lang) for o in self.missing_next)
            text += " " + ui("next_missing", lang, missing=names)
        return text

    def __repr__(self) -> str:
        return self.message()


def stage_after(steps_done: int) -> str | None:
    """The stage an opportunity has reached once steps 1..steps_done are evidenced."""
    if steps_done < 1:
        return None
    return step(min(steps_done, LAST_STEP)).stage


def classify(evidenced: Iterable[str], weights: StageWeights | None = None) -> Classification:
    """The true stage from a set of evidenced outcome ids: steps count only in order."""
    have = set(evidenced)
    done = 0
    for s in steps():
        if all(o.id in have for o in s.outcomes):
            done = s.number
        else:
            break
    missing = [] if done >= LAST_STEP else [o.id for o in step(done + 1).outcomes
                                             if o.id not in have]
    found = stage_after(done)
    weights = weights or StageWeights.defaults()
    return Classification(done, found, weights.of(found), missing)


class Opportunity(BaseModel):
    """A sales opportunity walked through the seven steps; a draft may be incomplete."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    name: str = ""
    customer: str = ""
    value: float | None = Field(None, ge=0)
    expected_close: date | None = None
    owner: str = ""
    created: date | None = None
    current_step: int = Field(1, ge=1, le=DONE)
    status: Status = "open"
    status_reason: str = ""
    claimed_probability: float | None = Field(None, ge=0, le=1)
    evidence: dict[str, Evidence] = {}
    activities_done: list[str] = []
    notes: list[Note] = []
    history: list[HistoryEntry] = []

    @field_validator("name", "customer", "owner", "status_reason", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return "" if value is None else value

    @field_validator("evidence", mode="before")
    @classmethod
    def _known_outcomes(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if k in _outcome_index()}
        return value

    # -- creation and persistence --

    @classmethod
    def new(cls, on: date, **details: object) -> Opportunity:
        """A fresh opportunity at step 1, its creation recorded on `on`."""
        opp = cls(created=on, **details)
        opp._record(on, "created", 1)
        return opp

    def to_data(self) -> dict:
        """JSON-ready data (what the work file holds)."""
        return self.model_dump(mode="json")

    @classmethod
    def from_data(cls, data: Mapping) -> Opportunity:
        """Build from saved data, ignoring fields this version does not know."""
        return cls.model_validate(dict(data))

    def save(self, folder: Path | None = None) -> Path:
        """Atomically save to the work folder as kind "opportunity"."""
        return storage.write(self.path(folder), KIND, self.to_data())

    @classmethod
    def load(cls, path: Path | str) -> Opportunity:
        return cls.from_data(storage.read(path, KIND))

    def path(self, folder: Path | None = None) -> Path:
        return storage.path_for(KIND, self.title(), folder)

    def title(self, lang: str | None = None) -> str:
        return self.name.strip() or ui("untitled", lang)

    # -- reading the state --

    @property
    def closed(self) -> bool:
        return self.status in ("lost", "walked_away")

    @property
    def steps_done(self) -> int:
        return self.current_step - 1

    @property
    def stage(self) -> str | None:
        """The stage reached: the stage of the last completed step."""
        return stage_after(self.steps_done)

    def probability(self, weights: StageWeights | None = None) -> float:
        """Win probability the evidence supports (0 once lost or walked away)."""
        if self.closed:
            return 0.0
        return (weights or StageWeights.defaults()).of(self.stage)

    def evidence_for(self, outcome_id: str) -> Evidence:
        return self.evidence.get(outcome_id) or Evidence()

    def missing(self, number: int | None = None, on: date | None = None) -> list[str]:
        """Outcome ids of step `number` (default: the current one) without complete evidence."""
        number = number or self.current_step
        if number > LAST_STEP:
            return []
        return [o.id for o in step(number).outcomes if not self.evidence_for(o.id).complete(on)]

    def classification(self, on: date | None = None,
                       weights: StageWeights | None = None) -> Classification:
        """The stage the evidence alone supports, regardless of the recorded step."""
        have = [k for k, e in self.evidence.items() if e.complete(on)]
        return classify(have, weights)

    def last_date(self) -> date | None:
        return self.history[-1].on if self.history else self.created

    def newest_evidence(self) -> date | None:
        dates = [e.when for e in self.evidence.values() if e.when and e.complete()]
        return max(dates) if dates else None

    # -- checks --

    def _check_date(self, on: date | None) -> None:
        if on is None:
            raise Refused("no_date")
        last = self.last_date()
        if last is not None and on < last:
            raise Refused("date_before_last", on=on, last=last)

    def _check_open(self) -> None:
        if self.status == "won":
            raise Refused("is_won")
        if self.status != "open":
            raise Refused("not_open", status=self.status)

    def _advance_refusal(self, on: date | None) -> Refused | None:
        try:
            self._check_date(on)
            if self.current_step >= DONE:
                raise Refused("at_last_step")
            if self.status != "won" or self.current_step != LAST_STEP:
                self._check_open()
            missing = self.missing(self.current_step, on)
            if missing:
                raise Refused("missing_evidence", missing, number=self.current_step)
        except Refused as exc:
            return exc
        return None

    def can_advance(self, on: date | None) -> Check:
        """Whether `advance(on)` would succeed, with the refusal if not."""
        refusal = self._advance_refusal(on)
        return Check(refusal is None, refusal)

    def can_back(self, on: date | None) -> Check:
        try:
            self._check_date(on)
            if self.status == "won":
                if self.current_step <= LAST_STEP:
                    raise Refused("won_back")
            else:
                self._check_open()
            if self.current_step <= 1:
                raise Refused("at_first_step")
        except Refused as exc:
            return Check(False, exc)
        return Check(True)

    def can_close(self, on: date | None) -> Check:
        """Whether walk away / lost is possible now (the reason is checked separately)."""
        try:
            self._check_date(on)
            self._check_open()
        except Refused as exc:
            return Check(False, exc)
        return Check(True)

    def can_reopen(self, on: date | None) -> Check:
        """Whether a lost or walked-away opportunity can be reopened on `on`."""
        try:
            self._check_date(on)
            if not self.closed:
                raise Refused("not_closed")
        except Refused as exc:
            return Check(False, exc)
        return Check(True)

    def can_win(self, on: date | None) -> Check:
        try:
            self._check_date(on)
            self._check_open()
            if self.current_step != 6 or self.missing(6, on):
                raise Refused("won_needs_contract", self.missing(6, on))
        except Refused as exc:
            return Check(False, exc)
        return Check(True)

    # -- actions (each records history) --

    def _record(self, on: date, action: str, to_step: int, detail: str = "") -> None:
        entry = HistoryEntry(on=on, action=action, from_step=self.current_step, to_step=to_step,
                             status=self.status, detail=detail)
        last = self.history[-1] if self.history else None
        if (action == "evidence" and last is not None and last.action == "evidence"
                and last.detail == detail and last.on == on
                and last.from_step == self.current_step and last.status == self.status):
            # Consecutive edits of one evidence item on one date of action, nothing else in
            # between (each field committed on leaving it, a date typed digit by digit …), are
            # one edit session: one entry.
            self.history = [*self.history[:-1], entry]
            return
        self.history = [*self.history, entry]

    def set_evidence(self, outcome_id: str, on: date, *, what: str = "",
                     when: date | None = None, who: str = "") -> None:
        """Record (or clear, with empty parts) the evidence for one verifiable outcome."""
        self._check_date(on)
        if outcome_id not in _outcome_index():
            raise Refused("unknown_outcome", outcome=outcome_id)
        number = outcome(outcome_id)[0]
        new = Evidence(what=what, when=when, who=who)
        if number < self.current_step and not new.complete(on):
            raise Refused("evidence_of_done_step", number=number)
        if new == self.evidence_for(outcome_id):
            return
        evidence = dict(self.evidence)
        if new == Evidence():
            evidence.pop(outcome_id, None)
        else:
            evidence[outcome_id] = new
        self.evidence = evidence
        self._record(on, "evidence", self.current_step, outcome_id)

    def advance(self, on: date) -> None:
        """Move to the next step; refused, naming what is missing, without full evidence."""
        refusal = self._advance_refusal(on)
        if refusal is not None:
            raise refusal
        if self.current_step == 6:
            self.mark_won(on)
            return
        self._record(on, "advance", self.current_step + 1)
        self.current_step += 1

    def back(self, on: date, reason: str = "") -> None:
        """Move back one step (the customer's position turned out weaker); recorded."""
        check = self.can_back(on)
        if not check.ok:
            raise check.refusal
        self._record(on, "back", self.current_step - 1, reason.strip())
        self.current_step -= 1

    def walk_away(self, on: date, reason: str) -> None:
        """Withdraw at any step; a reason is required."""
        check = self.can_close(on)
        if not check.ok:
            raise check.refusal
        if not (reason or "").strip():
            raise Refused("reason_required")
        self._record(on, "walk_away", self.current_step, reason.strip())
        self.status, self.status_reason = "walked_away", reason.strip()
        self.history[-1].status = self.status

    def mark_lost(self, on: date, reason: str = "") -> None:
        """The customer chose someone else (or nothing); recorded with an optional reason."""
        check = self.can_close(on)
        if not check.ok:
            raise check.refusal
        self._record(on, "lost", self.current_step, (reason or "").strip())
        self.status, self.status_reason = "lost", (reason or "").strip()
        self.history[-1].status = self.status

    def mark_won(self, on: date) -> None:
        """Won needs the signed contract (step 6) evidenced; moves on to step 7."""
        check = self.can_win(on)
        if not check.ok:
            raise check.refusal
        self._record(on, "won", LAST_STEP)
        self.current_step, self.status = LAST_STEP, "won"
        self.history[-1].status = self.status

    def reopen(self, on: date, reason: str = "") -> None:
        """Reopen a lost or walked-away opportunity at the step it stopped (the customer came
        back); recorded with its date and an optional reason, like the decision it undoes."""
        check = self.can_reopen(on)
        if not check.ok:
            raise check.refusal
        self._record(on, "reopen", self.current_step, (reason or "").strip())
        self.status, self.status_reason = "open", ""
        self.history[-1].status = self.status

    def add_note(self, on: date, text: str) -> None:
        self._check_date(on)
        if text.strip():
            self.notes = [*self.notes, Note(on=on, text=text.strip())]
            self._record(on, "note", self.current_step)

    def claim(self, probability: float | None, on: date) -> None:
        """Record the probability the seller claims (compared with the evidence in warnings)."""
        self._check_date(on)
        if probability != self.claimed_probability:
            self.claimed_probability = probability
            detail = "" if probability is None else percent(probability)
            self._record(on, "claim", self.current_step, detail)

    def set_activity(self, key: str, done: bool) -> None:
        """Tick an activity of the checklist (a reminder, never evidence)."""
        keys = [k for k in self.activities_done if k != key]
        self.activities_done = [*keys, key] if done else keys

    # -- warnings and report --

    def warnings(self, on: date, weights: StageWeights | None = None,
                 stale_days: int = STALE_DAYS) -> list[Notice]:
        """Over-claimed probability, stale or no evidence, a passed close date."""
        found: list[Notice] = []
        weights = weights or StageWeights.defaults()
        supported = self.probability(weights)
        if (not self.closed and self.claimed_probability is not None
                and self.claimed_probability > supported + 1e-9):
            found.append(Notice("overclaim", {"claimed": Later(percent, self.claimed_probability),
                                              "supported": Later(percent, supported),
                                              "stage": stage_name(self.stage)}))
        if self.status == "open":
            newest = self.newest_evidence()
            if newest is None:
                found.append(Notice("no_evidence"))
            elif (on - newest).days > stale_days:
                found.append(Notice("stale", {"days": (on - newest).days,
                                              "when": newest}))
            if self.expected_close is not None and self.expected_close < on:
                found.append(Notice("close_passed", {"when": self.expected_close}))
        return found

    def to_report(self, on: date | None = None, lang: str | None = None) -> rpt.Report:
        """The opportunity as a document: details, evidence per step, notes, history."""
        lang = lang or get_language()
        t = lambda key, **kw: ui(key, lang, **kw)  # noqa: E731
        details = [
            [t("customer"), self.customer], [t("value"), format_number(self.value)],
            [t("expected_close"), _day(self.expected_close, lang)], [t("owner"), self.owner],
            [t("status"), t(f"status_{self.status}")
             + (f" — {self.status_reason}" if self.status_reason else "")],
            [t("working_on"), t("all_steps_done") if self.current_step > LAST_STEP
             else t("step", number=self.current_step)],
            [t("stage_reached"), stage_name(self.stage, lang)],
            [t("probability"), percent(self.probability(), lang)],
            [t("claimed_probability"), "" if self.claimed_probability is None
             else percent(self.claimed_probability, lang)],
        ]
        sections = [rpt.Section(t("details"), tables=[rpt.Table("", ["", ""], details)])]
        for s in steps():
            rows = []
            for o in s.outcomes:
                ev = self.evidence_for(o.id)
                rows.append([o.text(lang), ev.what, _day(ev.when, lang), ev.who])
            head = f"{t('step', number=s.number)} · {s.seller_step(lang)}"
            if s.reconstructed:
                head += f" ({t('reconstructed')})"
            paras = [f"{t('customer_is')}: {s.customer_step(lang)} — {t('stage')}: "
                     f"{stage_name(s.stage, lang)}"]
            sections.append(rpt.Section(head, paras, [rpt.Table(
                t("evidence"), [t("outcome"), t("what"), t("when"), t("who")], rows)]))
        if self.notes:
            colon = core_ui("colon", lang)
            sections.append(rpt.Section(t("notes"), [f"{_day(n.on, lang)}{colon}{n.text}"
                                                     for n in self.notes]))
        sections.append(rpt.Section(t("history"), tables=[rpt.Table(
            "", history_columns(lang), history_rows(self, lang))]))
        if on is not None:
            warns = [n.message(lang) for n in self.warnings(on)] or [t("no_warnings")]
            sections.append(rpt.Section(t("warnings"), warns))
        subtitle = [t("as_of", date=date_text(on, lang))] if on else []
        return rpt.Report(t("report_title", name=self.title(lang)), sections, subtitle)


def _day(day: date | None, lang: str) -> str:
    """A date in a document's table; blank where none is recorded (like the cells beside it)."""
    return "" if day is None else date_text(day, lang)


def step_label(number: int, lang: str | None = None) -> str:
    return ui("all_steps_done", lang) if number > LAST_STEP else ui("step", lang, number=number)


def history_columns(lang: str | None = None) -> list[str]:
    return [ui(k, lang) for k in ("date", "action", "history_step", "status", "detail")]


def history_step(entry: HistoryEntry, lang: str | None = None) -> str:
    """'Step 3 → Step 4' for a move; 'Step 3' for a decision taken at a step (walk away, lost,
    reopen, evidence, a note …), which moves nothing."""
    if entry.from_step == entry.to_step:
        return step_label(entry.from_step, lang)
    return ui("history_move", lang, before=step_label(entry.from_step, lang),
              after=step_label(entry.to_step, lang))


def _claimed(detail: str, lang: str) -> str:
    """A claim as recorded (a percentage in the language of its day), in `lang`'s style."""
    try:
        return percent(parse_number(detail, percent=True), lang)
    except NumberError:
        return detail


def history_rows(opp: Opportunity, lang: str | None = None) -> list[list[str]]:
    """The history as table rows (date, action, step, status afterwards, detail)."""
    rows = []
    for h in opp.history:
        detail = h.detail
        if h.action == "evidence" and h.detail in _outcome_index():
            detail = outcome(h.detail)[1].text(lang or get_language())
        elif h.action == "claim" and h.detail:
            detail = _claimed(h.detail, lang)
        rows.append([date_text(h.on, lang), ui(f"action_{h.action}", lang), history_step(h, lang),
                     ui(f"status_{h.status}", lang), detail])
    return rows


def decision_message(entry: HistoryEntry, lang: str | None = None) -> str:
    """What the walker says after an action: the move, or the decision and where it was taken."""
    if entry.action in ("walk_away", "lost", "reopen"):
        text = ui(f"did_{entry.action}", lang, number=entry.from_step)
    else:
        text = f"{ui(f'action_{entry.action}', lang)}: {history_step(entry, lang)}"
    return text + (ui("did_reason", lang, reason=entry.detail) if entry.detail else "")


def describe(data: Mapping, lang: str | None = None) -> tuple[str, str]:
    """(title, progress) of saved opportunity data for lists of work: 'Step 4 · Validated',
    with the status when it is not open ('Step 3 · Identified · Walked away')."""
    opp = Opportunity.from_data(data)
    progress = ui("progress", lang, step=step_label(opp.current_step, lang),
                  stage=stage_name(opp.stage, lang))
    if opp.status != "open":
        progress += " · " + ui(f"status_{opp.status}", lang)
    return opp.title(lang), progress


def kind_label(lang: str | None = None) -> str:
    return ui("kind_label", lang)


# The course-wide list of saved work ("My work") names and summarises opportunity files.
storage.register_kind(KIND, kind_label, describe)


def replay(history: Iterable[HistoryEntry]) -> tuple[int, str]:
    """(step, status) implied by a history: every change must follow from the one before."""
    current, status = 1, "open"
    for h in history:
        if h.from_step != current:
            raise ValueError(f"history entry on {h.on} starts at step {h.from_step}, "
                             f"but the opportunity was at step {current}")
        current, status = h.to_step, h.status
    return current, status


# --- worked example and exercises -------------------------------------------------------


def example_data(lang: str | None = None) -> dict:
    """The worked example (synthetic): a provincial local-tax bureau's invoice delivery, its
    texts in `lang` (default: the course language)."""
    return data().example.data(lang or get_language())


def example(lang: str | None = None) -> Opportunity:
    return Opportunity.from_data(example_data(lang))


def fragments() -> list[Fragment]:
    """The deck's IBM fragments in the order the flattened slide left them."""
    return list(data().fragments)


ROWS = ("customer", "seller", "stage")


def place_label(number: int, row: str, lang: str | None = None) -> str:
    """'Step 3 · seller's step': one place in the seven-step grid."""
    return ui("placer_option", lang, number=number, row=ui(f"row_{row}", lang))


@dataclass
class Placement:
    """The result of placing the deck's fragments: score, one line per mistake, and the
    verdict per fragment id (None when it is placed right)."""

    right: int
    total: int
    problems: list[str]
    verdicts: dict[str, str | None] = field(default_factory=dict)

    def _html(self) -> str:
        cls = "st-ok" if self.right == self.total else "st-error"
        items = "".join(f"<li>{escape(p)}</li>" for p in self.problems)
        return (f'<div class="st-card"><p class="{cls}">'
                f"{escape(ui('placement_score', right=self.right, total=self.total))}</p>"
                + (f"<ul>{items}</ul>" if items else "") + "</div>")

    def _repr_html_(self) -> str:
        return HTMLView(self._html(), "").html

    def __repr__(self) -> str:
        return "\n".join([ui("placement_score", right=self.right, total=self.total),
                          *self.problems])


def check_placement(answer: Mapping[str, object], lang: str | None = None) -> Placement:
    """Score a placement {fragment text or id: (step, row)}; a bare step number checks the step.

    Rows are "customer", "seller" or "stage". Text keys may use either comma.
    """
    lang = lang or get_language()
    by_key: dict[str, Fragment] = {}
    for f in data().fragments:
        by_key[f.id] = f
        by_key[_norm(f.text)] = f
    given: dict[str, tuple[int, str | None]] = {}
    for key, value in answer.items():
        frag = by_key.get(_norm(str(key)))
        if frag is None or value is None:
            continue
        if isinstance(value, tuple | list) and len(value) == 2:
            given[frag.id] = (int(value[0]), str(value[1]))
        else:
            given[frag.id] = (int(value), None)  # type: ignore[arg-type]
    right, problems, verdicts = 0, [], {}
    for f in data().fragments:
        if f.id not in given:
            verdicts[f.id] = ui("placement_missing", lang, fragment=f.text)
            problems.append(verdicts[f.id])
            continue
        g_step, g_row = given[f.id]
        if g_step == f.step and g_row in (None, f.row):
            right += 1
            verdicts[f.id] = None
        else:
            verdicts[f.id] = ui("placement_wrong", lang, fragment=f.text, given=g_step,
                                given_row=ui(f"row_{g_row}", lang) if g_row in ROWS else "?",
                                step=f.step, row=ui(f"row_{f.row}", lang))
            problems.append(verdicts[f.id])
    return Placement(right, len(data().fragments), problems, verdicts)


def _norm(text: str) -> str:
    return text.replace(",", "，").replace(" ", "").strip()


# --- views for the notebook -------------------------------------------------------------


def steps_table(lang: str | None = None) -> HTMLView:
    """The seven steps: customer step, seller step, stage, weight, reconstructed or not."""
    from salestrain.core.html import table

    lang = lang or get_language()
    weights = StageWeights.defaults()
    cols = ["#", ui("customer_is", lang), ui("seller_does", lang), ui("stage", lang),
            ui("weight", lang), ""]
    rows = [[s.number, s.customer_step(lang), s.seller_step(lang), stage_name(s.stage, lang),
             percent(weights.of(s.stage), lang),
             ui("reconstructed", lang) if s.reconstructed else ""]
            for s in steps()]
    text = "\n".join(" | ".join(str(c) for c in r) for r in rows)
    return HTMLView(table(cols, rows), text)


def step_card(number: int, lang: str | None = None) -> HTMLView:
    """One step in full: activities, 'won if', verifiable outcomes, internal reflection."""
    from salestrain.core.html import bullet_list

    lang = lang or get_language()
    s = step(number)
    flag = f" ({ui('reconstructed', lang)})" if s.reconstructed else ""
    title = f"{ui('step', lang, number=s.number)} · {s.seller_step(lang)}{flag}"
    parts = [
        f'<div class="st-card"><h4>{escape(title)}</h4>',
        f"<p><b>{escape(ui('customer_is', lang))}:</b> {escape(s.customer_step(lang))} · "
        f"<b>{escape(ui('stage', lang))}:</b> {escape(stage_name(s.stage, lang))}</p>",
        f"<b>{escape(ui('activities', lang))}</b>{bullet_list(a(lang) for a in s.activities)}",
        f"<b>{escape(ui('won_if', lang))}:</b> {escape(s.won_if(lang))}",
        f"<br><b>{escape(ui('outcomes', lang))}</b>"
        f"{bullet_list(o.text(lang) for o in s.outcomes)}",
        f"<b>{escape(ui('internal', lang))}</b>{bullet_list(i(lang) for i in s.internal)}",
    ]
    if s.deck_note is not None:
        parts.append(f'<p class="st-muted">{escape(s.deck_note(lang))}</p>')
    parts.append("</div>")
    text = "\n".join([title, *(f"- {o.text(lang)}" for o in s.outcomes)])
    return HTMLView("".join(parts), text)


def comparison_table(lang: str | None = None) -> HTMLView:
    from salestrain.core.html import table

    lang = lang or get_language()
    comp = data().comparison
    rows = [[c(lang) for c in row] for row in comp.methods]
    return HTMLView(table([c(lang) for c in comp.columns], rows, row_headers=True),
                    "\n".join(" | ".join(r) for r in rows))
