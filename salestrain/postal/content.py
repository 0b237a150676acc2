"""Module 2 content: the schema of `postal/content.yaml` and a cached loader.

Postal businesses by segment, grade bands, the four levels (national, province, city, county)
with the segment ownership rule, customer-manager roles and the integrated-marketing-plus-
specialist-support model, bonus defaults (with the businesses measured by marketing gross
margin), the list of the course's assumptions, the synthetic customer base's calibration and the
design canvas's parts.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import Field, model_validator

from salestrain.core.content import ContentFile, ContentModel
from salestrain.core.errors import find, look_up
from salestrain.core.i18n import Text

CASES = ("haier", "pingan", "hp", "ibm", "postal")
LevelId = Literal["national", "province", "city", "county"]


class Business(ContentModel):
    id: str
    name: Text
    help: Text


class Segment(ContentModel):
    id: str
    name: Text
    businesses: list[Business] = Field(min_length=1)


class CustomerSegment(ContentModel):
    id: str
    name: Text


class Level(ContentModel):
    id: LevelId
    name: Text
    body: Text
    duties: Text


class Grade(ContentModel):
    id: str
    name: Text
    min_monthly: float = Field(ge=0)
    owner: LevelId


class ManagerRole(ContentModel):
    id: str
    name: Text
    help: Text


class SupportPart(ContentModel):
    """One side of "综合营销 + 专业支撑": who does it and what they do."""

    id: str
    name: Text
    who: Text
    does: Text
    parallel: Text


class Assumption(ContentModel):
    """One figure the tools use: its value, and whether it is published or the course's own."""

    id: str
    name: Text
    value: Text
    # published: a source states it; reading: the course's reading of a source (本课程的解读);
    # assumption: the course's own figure
    status: Literal["published", "reading", "assumption"]
    source: Text


class Weights(ContentModel):
    new_revenue: float = Field(ge=0, le=1)
    retention: float = Field(ge=0, le=1)
    service: float = Field(ge=0, le=1)


class BonusDefaults(ContentModel):
    base_amount: float = Field(gt=0)
    weights: Weights
    new_revenue_target: float = Field(gt=0)
    cap: float = Field(ge=1)
    unit_rate: float = Field(ge=0, le=1)
    # the businesses whose new business counts as marketing gross margin (营销毛利), not revenue
    margin_businesses: list[str] = Field(min_length=1)


class City(ContentModel):
    name: Text
    counties: list[Text] = Field(min_length=1)


class SyntheticBase(ContentModel):
    customers: int = Field(gt=0)
    seed: int
    cities: list[City] = Field(min_length=1)


class CanvasField(ContentModel):
    id: str
    label: Text
    help: Text


class CanvasPart(ContentModel):
    id: str
    case: Literal["haier", "pingan", "hp", "ibm", "postal"]
    label: Text
    fields: list[CanvasField] = Field(min_length=1)


class CanvasExample(ContentModel):
    title: Text
    answers: dict[str, Text]
    cross_sell: dict[str, dict[str, Literal["lead", "follow"]]]


class PostalContent(ContentModel):
    """Everything Module 2 shows, in English and Chinese."""

    segments: list[Segment] = Field(min_length=1)
    customer_segments: list[CustomerSegment] = Field(min_length=2)
    levels: list[Level] = Field(min_length=4, max_length=4)
    grades: list[Grade] = Field(min_length=2)
    # customer segment -> the level that owns every account of it, whatever its revenue grade
    segment_owners: dict[str, LevelId] = Field(default_factory=dict)
    manager_roles: list[ManagerRole]
    support_model: list[SupportPart] = Field(min_length=2)
    bonus_defaults: BonusDefaults
    assumptions: list[Assumption] = Field(min_length=1)
    synthetic_base: SyntheticBase
    canvas_parts: list[CanvasPart] = Field(min_length=1)
    cases: dict[str, Text]
    canvas_example: CanvasExample
    sources: dict[str, Text]
    strings: dict[str, Text]

    @model_validator(mode="after")
    def _consistent(self) -> PostalContent:
        limits = [g.min_monthly for g in self.grades]
        if limits != sorted(limits, reverse=True) or len(set(limits)) != len(limits):
            raise ValueError("grades: min_monthly must fall strictly from the first grade")
        if limits[-1] != 0:
            raise ValueError("grades: the last grade must start at 0")
        w = self.bonus_defaults.weights
        if not math.isclose(w.new_revenue + w.retention + w.service, 1.0):
            raise ValueError("bonus_defaults/weights: must add up to 1")
        for part in self.canvas_parts:
            if part.case not in self.cases:
                raise ValueError(f"canvas_parts/{part.id}: case {part.case!r} not in cases")
        paths = {f"{p.id}.{f.id}" for p in self.canvas_parts for f in p.fields}
        unknown = set(self.canvas_example.answers) - paths
        if unknown:
            raise ValueError(f"canvas_example/answers: unknown fields {sorted(unknown)}")
        ids = [b.id for b in self.businesses()]
        if len(set(ids)) != len(ids):
            raise ValueError("segments: business ids must be unique")
        unknown = set(self.bonus_defaults.margin_businesses) - set(ids)
        if unknown:
            raise ValueError(f"bonus_defaults/margin_businesses: unknown {sorted(unknown)}")
        segments = {s.id for s in self.customer_segments}
        unknown = set(self.segment_owners) - segments
        if unknown:
            raise ValueError(f"segment_owners: unknown customer segments {sorted(unknown)}")
        if [lv.id for lv in self.levels] != ["national", "province", "city", "county"]:
            raise ValueError("levels: national, province, city, county, in this order")
        return self

    def businesses(self) -> list[Business]:
        return [b for s in self.segments for b in s.businesses]

    def business(self, business_id: str) -> Business:
        return find(self.businesses(), business_id, "business")

    def segment_of(self, business_id: str) -> Segment:
        return look_up({b.id: s for s in self.segments for b in s.businesses}, business_id,
                       "business")

    def level(self, level_id: str) -> Level:
        return find(self.levels, level_id, "level")

    def customer_segment(self, segment_id: str) -> CustomerSegment:
        return find(self.customer_segments, segment_id, "customer segment")

    def part(self, part_id: str) -> CanvasPart:
        return find(self.canvas_parts, part_id, "canvas part")

    def grade(self, grade_id: str) -> Grade:
        return find(self.grades, grade_id, "grade")


FILE = ContentFile(__package__, "content.yaml", PostalContent)


def postal() -> PostalContent:
    """The validated Module 2 content (cached by the content loader)."""
    return FILE.load()


def text(key: str, lang: str | None = None, **fields: object) -> str:
    """A Module 2 string in the course language, with `{name}` fields filled in."""
    return FILE.text(key, lang, **fields)
