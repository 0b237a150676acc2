"""Haier case content: the schema of `haier/content.yaml` and short accessors for it.

The notebook, the role sorter, the market-chain simulation, the role network and the role
mapper all read the same file, so a fact about the case is written once.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from salestrain.core.content import ContentFile, ContentModel
from salestrain.core.display import checked_when
from salestrain.core.errors import find
from salestrain.core.i18n import Text

Duty = Literal["steer", "create", "realise", "obtain"]
OrderDuty = Literal["create", "realise", "obtain", "none"]
Basis = Literal["deck", "reading"]


class Block(ContentModel):
    """One block of the horizontal mechanism (block 0 = the supporting functional centres)."""

    id: str
    block: int = Field(ge=0, le=3)
    name: Text
    duty: Text
    orders_to: list[str] = []
    basis: Basis = "deck"
    note: Text | None = None

    @model_validator(mode="after")
    def _reading_is_explained(self) -> Block:
        if self.basis == "reading" and self.note is None:
            raise ValueError(f"blocks/{self.id}: a block marked 'reading' needs a note saying why")
        return self


class Manager(ContentModel):
    """One role of the manager system: its duty, boss, pay basis and one-to-many links."""

    id: str
    duty: Duty
    name: Text
    duty_text: Text
    reports_to: Text
    paid_on: Text
    links: Text


class Task(ContentModel):
    """One task of one manager role, as the deck lists it, and why it belongs to that role."""

    id: str = Field(pattern=r"^[a-z_]+$")
    role: Duty
    text: Text
    why: Text


class FlowStep(ContentModel):
    """One step of the model manager's new-product flow."""

    step: Text
    who: Text
    detail: Text


class Rule(ContentModel):
    """One SST settlement rule."""

    id: Literal["claim_pay", "claim_compensation", "trip"]
    name: Text
    meaning: Text


class Event(ContentModel):
    """A dated step from the market chain to rendanheyi, with where it was read."""

    date: Annotated[str, AfterValidator(checked_when)]  # "1998-09-08", "~2007–2012", "2013 H2"
    year: int = Field(ge=1980, le=2030)
    event: Text
    sources: list[str] = Field(min_length=1)
    confidence: Literal["verified", "secondary", "unverified"]


class SimUnit(ContentModel):
    id: str = Field(pattern=r"^[a-z_]+$")
    name: Text
    failure_rate: float = Field(ge=0, le=1)


class Named(ContentModel):
    name: Text


class SimContract(ContentModel):
    """A standing internal contract order: who sells what to whom, at what price and terms."""

    id: str = Field(pattern=r"^[a-z_]+$")
    seller: str
    buyer: str
    service: Text
    quality: Text
    price: float = Field(ge=0)
    compensation: float = Field(ge=0)


class Simulation(ContentModel):
    units: list[SimUnit] = Field(min_length=1)
    outside: Named
    pool: Named
    contracts: list[SimContract] = Field(min_length=1)

    @model_validator(mode="after")
    def _parties_exist(self) -> Simulation:
        ids = {u.id for u in self.units}
        for i, c in enumerate(self.contracts):
            if c.seller not in ids:
                raise ValueError(f"contracts/{i}/seller: unknown unit {c.seller!r}")
            if c.buyer not in ids | {"outside"}:
                raise ValueError(f"contracts/{i}/buyer: unknown unit {c.buyer!r}")
        return self


class NetworkNames(ContentModel):
    categories: list[Text] = Field(min_length=1)
    regions: list[Text] = Field(min_length=1)


class ExamplePost(ContentModel):
    name: Text
    duty: OrderDuty
    paid_on: Text
    reports_to: Text


class ExampleRoleMap(ContentModel):
    title: Text
    organisation: Text
    posts: list[ExamplePost]


class HaierContent(ContentModel):
    """Everything `haier/content.yaml` holds."""

    blocks: list[Block]
    managers: list[Manager]
    tasks: list[Task] = Field(min_length=1)
    sorter: list[str] = Field(min_length=1)
    model_flow: list[FlowStep] = Field(min_length=1)
    sst: list[Rule]
    timeline: list[Event] = Field(min_length=1)
    simulation: Simulation
    network: NetworkNames
    example_rolemap: ExampleRoleMap
    strings: dict[str, Text]

    @model_validator(mode="after")
    def _consistent(self) -> HaierContent:
        duties = {m.duty for m in self.managers}
        if duties != {"steer", "create", "realise", "obtain"}:
            raise ValueError("managers: need one role for each of steer/create/realise/obtain")
        ids = [t.id for t in self.tasks]
        if len(set(ids)) != len(ids):
            raise ValueError("tasks: every task needs its own id")
        for i, task_id in enumerate(self.sorter):
            if task_id not in ids:
                raise ValueError(f"sorter/{i}: unknown task {task_id!r}")
        if len(set(self.sorter)) != len(self.sorter):
            raise ValueError("sorter: list each task once")
        years = [e.year for e in self.timeline]
        if years != sorted(years):
            raise ValueError("timeline: list the events in date order")
        return self


FILE = ContentFile(__package__, "content.yaml", HaierContent)


def data() -> HaierContent:
    """The validated Haier content (cached by the content loader)."""
    return FILE.load()


def text(key: str, lang: str | None = None, **fields: object) -> str:
    """A Haier label or message in the course language, with `{name}` fields filled in."""
    return FILE.text(key, lang, **fields)


def manager(duty: str) -> Manager:
    """The manager role that carries `duty` (steer, create, realise, obtain)."""
    return find(data().managers, duty, "duty", key=lambda m: m.duty)


def tasks(role: str | None = None) -> list[Task]:
    """The deck's tasks, all or those of one role (steer, create, realise, obtain)."""
    return [t for t in data().tasks if role is None or t.role == role]
