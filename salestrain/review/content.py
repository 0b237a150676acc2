"""The review's content: the rules (severity, texts, thresholds) and the capstone rubric.

`content.yaml` holds every rule's message, why and fix in English and Chinese and the thresholds
(the course's judgement, changed there); `rubric.yaml` is the capstone rubric the instructor
edits, which the guide prints and the roll-up scores with. Both are checked here: a rule names
only thresholds that exist, the rubric names only rules that exist and its weights make 100.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from salestrain.core.content import ContentFile, ContentModel
from salestrain.core.display import percent
from salestrain.core.i18n import Text, get_language

Severity = Literal["error", "warning", "tip"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "tip")
WorkKind = Literal["plan", "opportunity", "canvas", "bonus", "capstone"]
Part = Literal["plan", "opportunity", "canvas"]


class Threshold(ContentModel):
    value: float = Field(ge=0)
    unit: Literal["share", "days", "steps"]
    label: Text


class Rule(ContentModel):
    title: Text
    work: WorkKind
    severity: Severity
    thresholds: list[str] = []
    message: Text
    why: Text
    fix: Text


class ReviewContent(ContentModel):
    thresholds: dict[str, Threshold]
    rules: dict[str, Rule]
    strings: dict[str, Text]

    @model_validator(mode="after")
    def _thresholds_exist(self) -> ReviewContent:
        for rule_id, rule in self.rules.items():
            unknown = set(rule.thresholds) - set(self.thresholds)
            if unknown:
                raise ValueError(f"rules/{rule_id}/thresholds: unknown {sorted(unknown)}: "
                                 f"add them under thresholds")
            if not rule_id.startswith(f"{'opp' if rule.work == 'opportunity' else rule.work}."):
                raise ValueError(f"rules/{rule_id}: an id starts with the kind of work it "
                                 f"reviews ({rule.work})")
        return self


class Criterion(ContentModel):
    """One rubric line: what is judged, its weight, what feeds its score, what to look for."""

    id: str
    criterion: Text
    weight: int = Field(gt=0, le=100)
    completeness: Part | None = None
    rules: list[str] = []
    look_for: list[Text] = Field(min_length=1)


class Rubric(ContentModel):
    penalty: dict[Severity, float]
    criteria: list[Criterion] = Field(min_length=2)

    @model_validator(mode="after")
    def _weights_make_100(self) -> Rubric:
        total = sum(c.weight for c in self.criteria)
        if total != 100:
            raise ValueError(f"criteria: weights add up to {total}, not 100: change a weight")
        missing = set(("error", "warning", "tip")) - set(self.penalty)
        if missing:
            raise ValueError(f"penalty: give points for {sorted(missing)}")
        return self


FILE = ContentFile(__package__, "content.yaml", ReviewContent)
RUBRIC = ContentFile(__package__, "rubric.yaml", Rubric)


def review_content() -> ReviewContent:
    return FILE.load()


def rubric() -> Rubric:
    """The capstone rubric, its rules checked against the reviewer's rules."""
    return checked(RUBRIC.load())


def checked(data: Rubric) -> Rubric:
    """`data`, or a ContentError naming the rubric's rules the review does not have."""
    known = set(review_content().rules)
    unknown = {r for c in data.criteria for r in c.rules} - known
    if unknown:
        from salestrain.core.content import ContentError

        raise ContentError(f"{RUBRIC.name}: unknown rules {sorted(unknown)}: "
                           f"use ids from {FILE.name}")
    return data


def text(key: str, lang: str | None = None, **fields: object) -> str:
    """A string of the review in the course language, `{fields}` filled in."""
    return FILE.text(key, lang, **fields)


def threshold(name: str) -> float:
    return review_content().thresholds[name].value


def threshold_text(name: str, lang: str | None = None) -> str:
    """A threshold as read: '15 %', '60 days'."""
    lang = lang or get_language()
    t = review_content().thresholds[name]
    value = percent(t.value, lang) if t.unit == "share" else f"{t.value:g}"
    return text(f"unit_{t.unit}", lang, value=value)
