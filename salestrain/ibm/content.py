"""IBM case content: the schema of `ibm/content.yaml` and a cached loader.

The seven steps with their customer step, seller step, stage, activities and verifiable
outcomes; the stages and their methods; the scrambled-fragments exercise; the worked example;
the synthetic pipeline's labels; the walker's, the board's and the exercises' labels.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from salestrain.core.content import ContentFile, ContentModel
from salestrain.core.i18n import Text

STAGE_IDS = ("identified", "validated", "qualified", "proposed", "won", "completed")
StageId = Literal["identified", "validated", "qualified", "proposed", "won", "completed"]
LAST_STEP = 7

class Stage(ContentModel):
    id: StageId
    name: Text
    deck_term: str
    weight: float = Field(ge=0, le=1)


class Outcome(ContentModel):
    id: str = Field(pattern=r"^s[1-7]_[a-z0-9_]+$")
    text: Text


class Step(ContentModel):
    """One of the seven steps: what the customer is doing, what the seller owns, the evidence."""

    number: int = Field(ge=1, le=LAST_STEP)
    id: str
    reconstructed: bool
    customer_step: Text
    seller_step: Text
    stage: StageId | None
    deck_note: Text | None = None
    activities: list[Text] = Field(min_length=1)
    won_if: Text
    outcomes: list[Outcome] = Field(min_length=1)
    internal: list[Text] = Field(min_length=1)

    def activity_keys(self) -> list[str]:
        return [f"{self.id}.a{i + 1}" for i in range(len(self.activities))]


class Fragment(ContentModel):
    """One fragment of the deck's flattened slide: its wording and where it belongs."""

    id: str
    text: str
    step: int = Field(ge=1, le=LAST_STEP)
    row: Literal["customer", "seller", "stage"]


class Comparison(ContentModel):
    columns: list[Text]
    methods: list[list[Text]]


Row = Literal["customer", "seller", "stage"]


class PipelineLabels(ContentModel):
    """Names of the synthetic pipeline's ids (pipeline.csv holds only the ids)."""

    customer: Text
    segments: dict[str, Text]
    products: dict[str, Text]
    owners: dict[str, Text]


class ExampleEvidence(ContentModel):
    what: Text
    when: date
    who: Text


class ExampleNote(ContentModel):
    when: date  # not "on": YAML reads a bare `on` key as true
    text: Text


class ExampleOpportunity(ContentModel):
    """The worked example (synthetic), its texts in both languages."""

    name: Text
    customer: Text
    owner: Text
    value: float = Field(ge=0)
    expected_close: date
    created: date
    current_step: int = Field(ge=1, le=LAST_STEP + 1)
    claimed_probability: float | None = Field(None, ge=0, le=1)
    evidence: dict[str, ExampleEvidence]
    activities_done: list[str]
    notes: list[ExampleNote]
    history: list[tuple[date, str, int, int, str]]

    def data(self, lang: str) -> dict:
        """The example as saved-opportunity data, its texts in `lang`."""
        return {
            "name": self.name(lang), "customer": self.customer(lang), "owner": self.owner(lang),
            "value": self.value, "expected_close": _iso(self.expected_close),
            "created": _iso(self.created), "current_step": self.current_step,
            "status": "open", "status_reason": "",
            "claimed_probability": self.claimed_probability,
            "evidence": {k: {"what": e.what(lang), "when": _iso(e.when),
                             "who": e.who(lang)} for k, e in self.evidence.items()},
            "activities_done": list(self.activities_done),
            "notes": [{"on": _iso(n.when), "text": n.text(lang)} for n in self.notes],
            "history": [{"on": _iso(on), "action": action, "from_step": a, "to_step": b,
                         "status": "open", "detail": detail}
                        for on, action, a, b, detail in self.history],
        }


def _iso(day: date) -> str:
    """A date as saved-opportunity files hold it."""
    return day.isoformat()  # data, not display


class SSMContent(ContentModel):
    """Schema of ibm/content.yaml."""

    reconstruction_note: Text
    weights_note: Text
    stages: list[Stage]
    no_stage: Text
    buying_cycle: list[Text] = Field(min_length=5)
    benefits: list[Text] = Field(min_length=1)
    steps: list[Step]
    comparison: Comparison
    fragments: list[Fragment]
    fragment_preset: dict[str, tuple[int, Row]]
    ui: dict[str, Text]
    pipeline_labels: PipelineLabels
    example: ExampleOpportunity

    @model_validator(mode="after")
    def _consistent(self) -> SSMContent:
        if [s.number for s in self.steps] != list(range(1, LAST_STEP + 1)):
            raise ValueError("steps: list the seven steps in order, numbered 1 to 7")
        if [s.id for s in self.stages] != list(STAGE_IDS):
            raise ValueError(f"stages: list exactly {', '.join(STAGE_IDS)} in that order")
        ids = [o.id for s in self.steps for o in s.outcomes]
        if len(set(ids)) != len(ids):
            raise ValueError("steps: outcome ids must be unique")
        for step in self.steps:
            for outcome in step.outcomes:
                if not outcome.id.startswith(f"s{step.number}_"):
                    raise ValueError(f"steps/{step.number}: outcome {outcome.id} must start "
                                     f"with s{step.number}_")
        fragment_ids = {f.id for f in self.fragments}
        unknown = set(self.fragment_preset) - fragment_ids
        if unknown:
            raise ValueError(f"fragment_preset: no fragment {', '.join(sorted(unknown))}")
        unknown = set(self.example.evidence) - set(ids)
        if unknown:
            raise ValueError(f"example/evidence: no outcome {', '.join(sorted(unknown))}")
        for row in self.comparison.methods:
            if len(row) != len(self.comparison.columns):
                raise ValueError("comparison/methods: every row needs one cell per column")
        return self


FILE = ContentFile(__package__, "content.yaml", SSMContent)


def data() -> SSMContent:
    """The SSM content (validated once per kernel)."""
    return FILE.load()


