"""Schema of `hp/content.yaml`: industries, indicators, tiers, the ten-step flow, plan sections.

The models, widgets and notebook of the HP case read their labels and messages from here, so a
fact or a text is typed once. `text(key, **fields)` gives a string in the course language,
and `figures(title, rows)` a two-column table of labelled figures (HTML with a plain-text
fallback) for the model objects; the figures themselves are written by `core.display`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from salestrain.core.content import ContentFile, ContentModel
from salestrain.core.errors import find
from salestrain.core.html import HTMLView, escape, table
from salestrain.core.i18n import Text, get_language


class Industry(ContentModel):
    id: str
    name: Text
    examples: Text
    kinds: list[Text] = Field(min_length=1)


class Indicator(ContentModel):
    id: Literal["volume", "growth", "share"]
    name: Text
    help: Text


class Tier(ContentModel):
    id: str
    name: Text
    meaning: Text


class Role(ContentModel):
    id: str
    name: Text


class FlowStep(ContentModel):
    number: int = Field(ge=1, le=10)
    name: Text
    accountable: str
    supporting: list[str]
    postal: Text


class PlanField(ContentModel):
    id: str
    label: Text
    help: Text


class PlanSection(ContentModel):
    id: str
    label: Text
    help: Text
    fields: list[PlanField] = Field(min_length=1)

    def field(self, field_id: str) -> PlanField:
        return find(self.fields, field_id, "plan field")


class PlanGroup(ContentModel):
    id: str
    label: Text
    sections: list[str] = Field(min_length=1)


class PayDefaults(ContentModel):
    target_pay: float = Field(gt=0)
    base_share: float = Field(ge=0, le=1)
    threshold: float = Field(ge=0, lt=1)
    accelerator: float = Field(ge=1)
    cap: float = Field(ge=1)
    pm_link: float = Field(ge=0, le=1)
    attainments: list[float] = Field(min_length=2)


class ScoringDefaults(ContentModel):
    weights: dict[Literal["volume", "growth", "share"], float]
    tier_a: float = Field(ge=0, le=100)
    tier_b: float = Field(ge=0, le=100)


class HPContent(ContentModel):
    """Everything the HP case shows, in English and Chinese."""

    industries: list[Industry] = Field(min_length=4)
    cities: list[Text] = Field(min_length=4)
    indicators: list[Indicator] = Field(min_length=3, max_length=3)
    tiers: list[Tier] = Field(min_length=3, max_length=3)
    roles: list[Role]
    flow: list[FlowStep] = Field(min_length=10, max_length=10)
    plan_groups: list[PlanGroup]
    plan_sections: list[PlanSection]
    pay_defaults: PayDefaults
    scoring_defaults: ScoringDefaults
    strings: dict[str, Text]

    @model_validator(mode="after")
    def _references_exist(self) -> HPContent:
        roles = {r.id for r in self.roles}
        for i, step in enumerate(self.flow):
            if step.number != i + 1:
                raise ValueError(f"flow/{i}/number: steps must be numbered 1 to 10 in order")
            for role in [step.accountable, *step.supporting]:
                if role not in roles:
                    raise ValueError(f"flow/{i}: unknown role {role!r}; roles are {sorted(roles)}")
        sections = [s.id for s in self.plan_sections]
        grouped = [s for g in self.plan_groups for s in g.sections]
        if sorted(grouped) != sorted(sections):
            raise ValueError("plan_groups: every plan section must be in exactly one group")
        return self

    def section(self, section_id: str) -> PlanSection:
        return find(self.plan_sections, section_id, "plan section")

    def industry(self, industry_id: str) -> Industry:
        return find(self.industries, industry_id, "industry")

    def role(self, role_id: str) -> Role:
        return find(self.roles, role_id, "role")

    def indicator(self, indicator_id: str) -> Indicator:
        return find(self.indicators, indicator_id, "indicator")


FILE = ContentFile(__package__, "content.yaml", HPContent)


def hp() -> HPContent:
    """The validated HP content (cached by the content loader)."""
    return FILE.load()


def text(key: str, lang: str | None = None, **fields: object) -> str:
    """A string of the HP case in the course language, with `{name}` fields filled in."""
    strings = hp().strings
    if key not in strings:
        raise KeyError(f"no string {key!r} in hp/content.yaml")
    return strings[key](lang or get_language()).format(**fields)


def label(section_id: str, field_id: str, lang: str | None = None) -> str:
    """The label of one plan field."""
    return hp().section(section_id).field(field_id).label(lang or get_language())


def figures(title: str, rows: list[tuple[str, str]], lang: str | None = None,
            note: str | None = None) -> HTMLView:
    """Labelled figures as a two-column table (measure, value) with a plain-text fallback."""
    lang = lang or get_language()
    html = table([text("measure", lang), text("value", lang)], rows, row_headers=True,
                 caption=title)
    colon = "：" if lang == "zh" else ": "
    plain = [title, *(f"{name}{colon}{value}" for name, value in rows)]
    if note:
        html = f"<p class='st-muted'>{escape(note)}</p>" + html
        plain.insert(1, note)
    return HTMLView(html, "\n".join(plain))
