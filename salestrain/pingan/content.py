"""Ping An case content: the schema of `pingan/content.yaml` and a cached loader.

The stages, the operating model, the approval steps, the disclosed figures and the product
catalogue the synthetic holdings draw from are typed once, in that file; the cross-sell
metrics, the approval flow, the widgets and the notebook all read them from here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from salestrain.core.content import ContentFile, ContentModel
from salestrain.core.display import checked_when
from salestrain.core.errors import find
from salestrain.core.i18n import Text


class Stage(ContentModel):
    id: str
    number: int
    name: Text
    period: Text
    products: Text
    channels: Text
    platform: Text
    organisation: Text


class Accountability(ContentModel):
    """One line of the operating model: what it does, what it answers for, and what it would be
    at a post office (that last column is the course's reading, not the deck's)."""

    id: str
    unit: Text
    does: Text
    measured_on: Text
    at_post: Text


class OperatingModel(ContentModel):
    principles: list[Text]
    customers: list[Text]
    channels: list[Text]
    shared: list[Text]
    accountabilities: list[Accountability] = Field(min_length=4, max_length=4)


class Party(ContentModel):
    id: str
    name: Text


class ApprovalStep(ContentModel):
    """One approval step. `owner_in_deck` is false when the 2013 course deck does not say who
    owns the step and the owner given is the course's reading."""

    id: str
    number: int
    owner: str
    owner_in_deck: bool
    parties: list[str] = Field(min_length=1)
    name: Text
    action: Text
    output: Text


class Figure(ContentModel):
    """One disclosed data point; shares are fractions (0.308 = 30.8 %), customers in millions."""

    period: Annotated[str, AfterValidator(checked_when)]  # "2016", "H1 2018", "Q1 2021"
    as_of: dt.date
    customers_m: float | None = None
    contracts_per_customer: float | None = None
    multi_subsidiary_share: float | None = Field(None, ge=0, le=1)
    four_plus_share: float | None = Field(None, ge=0, le=1)
    four_plus_retention: float | None = Field(None, ge=0, le=1)
    single_retention: float | None = Field(None, ge=0, le=1)
    retention: float | None = Field(None, ge=0, le=1)
    secondary: bool = False
    note: Text | None = None
    source: Text


class Fact(ContentModel):
    label: Text
    value: Text
    source: Text


class Named(ContentModel):
    id: str
    name: Text


class Channel(ContentModel):
    id: str
    name: Text
    subsidiary: str | None = None


class ExampleDecision(ContentModel):
    step: str
    decision: str
    owner: Text
    note: Text


class ExampleProposal(ContentModel):
    """The worked example of the approval flow, in both languages."""

    title: Text
    product: str
    channel: str
    resources: Text
    rationale: Text
    decisions: list[ExampleDecision]


class Product(ContentModel):
    id: str
    subsidiary: str
    name: Text
    channels: dict[str, float]


class Segment(ContentModel):
    id: str
    name: Text
    share: float = Field(gt=0, le=1)
    weights: dict[str, float]


class Readings(ContentModel):
    """Where the course reads more into the case than the deck says, in so many words."""

    problem: Text
    owners: Text


class PingAnContent(ContentModel):
    stages: list[Stage] = Field(min_length=3, max_length=3)
    operating_model: OperatingModel
    parties: list[Party]
    approval_steps: list[ApprovalStep] = Field(min_length=5, max_length=5)
    figures: list[Figure]
    wells_fargo: list[Fact]
    subsidiaries: list[Named]
    channels: list[Channel]
    products: list[Product]
    segments: list[Segment]
    example: ExampleProposal
    readings: Readings
    labels: dict[str, Text] = {}

    @model_validator(mode="after")
    def _references_exist(self) -> PingAnContent:
        parties = {p.id for p in self.parties}
        for i, step in enumerate(self.approval_steps):
            if step.number != i + 1:
                raise ValueError(f"approval_steps/{i}/number: must be {i + 1}")
            unknown = {step.owner, *step.parties} - parties
            if unknown:
                raise ValueError(f"approval_steps/{i}: unknown parties {sorted(unknown)}")
        lines = [a.id for a in self.operating_model.accountabilities]
        if len(set(lines)) != len(lines):
            raise ValueError("operating_model/accountabilities: ids must be unique")
        subs = {s.id for s in self.subsidiaries}
        channels = {c.id for c in self.channels}
        products = [p.id for p in self.products]
        for i, product in enumerate(self.products):
            if product.subsidiary not in subs:
                raise ValueError(f"products/{i}/subsidiary: unknown {product.subsidiary!r}")
            if set(product.channels) - channels:
                raise ValueError(f"products/{i}/channels: unknown channel ids")
        for i, segment in enumerate(self.segments):
            if set(segment.weights) != set(products):
                raise ValueError(f"segments/{i}/weights: give a weight for every product")
        for i, channel in enumerate(self.channels):
            if channel.subsidiary is not None and channel.subsidiary not in subs:
                raise ValueError(f"channels/{i}/subsidiary: unknown {channel.subsidiary!r}")
        if self.example.product not in products or self.example.channel not in channels:
            raise ValueError("example: product and channel must be ids from the catalogue")
        if abs(sum(s.share for s in self.segments) - 1) > 1e-6:
            raise ValueError("segments: the shares must add up to 1")
        return self

    # --- look-ups ------------------------------------------------------------------------

    def product(self, product_id: str) -> Product:
        return find(self.products, product_id, "product")

    def channel(self, channel_id: str) -> Channel:
        return find(self.channels, channel_id, "channel")

    def segment(self, segment_id: str) -> Segment:
        return find(self.segments, segment_id, "segment")

    def subsidiary(self, subsidiary_id: str) -> Named:
        return find(self.subsidiaries, subsidiary_id, "subsidiary")

    def party(self, party_id: str) -> Party:
        return find(self.parties, party_id, "party")

    def step(self, step_id: str) -> ApprovalStep:
        return find(self.approval_steps, step_id, "approval step")

    def owner_of(self, step: ApprovalStep, lang: str | None = None) -> str:
        """The owning party of a step, marked when the owner is the course's reading."""
        name = self.party(step.owner).name(lang)
        return name if step.owner_in_deck else self.label("reading_owner", lang, name=name)

    def name_of(self, item_id: str, lang: str | None = None) -> str:
        """The display name of a product, channel, segment or subsidiary id."""
        for group in (self.products, self.channels, self.segments, self.subsidiaries):
            for item in group:
                if item.id == item_id:
                    return item.name(lang)
        return item_id

    def label(self, key: str, lang: str | None = None, **fields: object) -> str:
        """A widget label or message in the course language, `{name}` fields filled in."""
        if key not in self.labels:
            raise KeyError(f"no label {key!r} in pingan/content.yaml labels")
        return self.labels[key](lang).format(**fields)


FILE = ContentFile(__package__, "content.yaml", PingAnContent)


def data() -> PingAnContent:
    """The Ping An case content (validated once, cached)."""
    return FILE.load()
