"""IBM case content: the schema of `ibm/content.yaml` and a cached loader.

The seven steps with their customer step, seller step, stage, activities and verifiable
outcomes; the stages and their methods; the scrambled-fragments exercise; the walker's and the
board's labels.
"""

from __future__ import annotations

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
    seed_term: str
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
    seed_note: Text | None = None
    activities: list[Text] = Field(min_length=1)
    won_if: Text
    outcomes: list[Outcome] = Field(min_length=1)
    internal: list[Text] = Field(min_length=1)

    def activity_keys(self) -> list[str]:
        return [f"{self.id}.a{i + 1}" for i in range(len(self.activities))]


class Fragment(ContentModel):
    id: str
    seed: str
    step: int = Field(ge=1, le=LAST_STEP)
    row: Literal["customer", "seller", "stage"]


class Comparison(ContentModel):
    columns: list[Text]
    methods: list[list[Text]]


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
    ui: dict[str, Text]

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
        for row in self.comparison.methods:
            if len(row) != len(self.comparison.columns):
                raise ValueError("comparison/methods: every row needs one cell per column")
        return self


FILE = ContentFile(__package__, "content.yaml", SSMContent)


def data() -> SSMContent:
    """The SSM content (validated once per kernel)."""
    return FILE.load()


