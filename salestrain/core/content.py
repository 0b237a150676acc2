"""Course content as data: the outline, glossary, comparison table, quizzes and UI strings.

Every file here is YAML with each user-facing text in `en` and `zh`. The loaders validate a
file once (cached) and raise `ContentError` listing every problem with its file and key path.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from salestrain.i18n import Text, get_language


class ContentError(ValueError):
    """A content file is missing, unreadable or does not match its schema."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- course outline ---------------------------------------------------------------------


class Module(_Model):
    id: str
    number: int
    title: Text


class Unit(_Model):
    """One notebook of the course: a module overview, a case study or the capstone module."""

    id: str
    module: str
    kind: Literal["overview", "module", "case"]
    notebook: str
    minutes: int = Field(gt=0, le=600)
    title: Text
    summary: Text
    objectives: list[Text] = Field(min_length=1)
    prerequisites: list[Text] = Field(min_length=1)
    key_points: list[Text] = Field(min_length=1)
    requires: list[str] = []


class CourseInfo(_Model):
    title: Text
    subtitle: Text
    audience: Text
    source: Text


class Course(_Model):
    course: CourseInfo
    modules: list[Module]
    units: list[Unit]

    @model_validator(mode="after")
    def _references_exist(self) -> Course:
        module_ids = {m.id for m in self.modules}
        unit_ids = [u.id for u in self.units]
        if len(set(unit_ids)) != len(unit_ids):
            raise ValueError("units: ids must be unique")
        for i, unit in enumerate(self.units):
            if unit.module not in module_ids:
                raise ValueError(f"units/{i}/module: unknown module {unit.module!r}")
            for req in unit.requires:
                if req not in unit_ids[:i]:
                    raise ValueError(
                        f"units/{i}/requires: {req!r} must be a unit listed before {unit.id!r}"
                    )
        return self

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id; KeyError names the ids that exist."""
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        msg = f"no unit {unit_id!r}; the units are: {', '.join(u.id for u in self.units)}"
        raise KeyError(msg)

    def module(self, module_id: str) -> Module:
        return next(m for m in self.modules if m.id == module_id)

    def units_in(self, module_id: str) -> list[Unit]:
        return [u for u in self.units if u.module == module_id]

    def total_minutes(self) -> int:
        return sum(u.minutes for u in self.units)


# --- glossary ---------------------------------------------------------------------------


class Term(_Model):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    case: str
    term: Text
    definition: Text


class Glossary(_Model):
    terms: list[Term] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Glossary:
        ids = [t.id for t in self.terms]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"terms: duplicate ids {dupes}")
        return self

    def term(self, term_id: str) -> Term:
        for term in self.terms:
            if term.id == term_id:
                return term
        raise KeyError(f"no glossary term {term_id!r}")


# --- Module 1 comparison ----------------------------------------------------------------


class Dimension(_Model):
    id: str
    label: Text


class System(_Model):
    id: str
    name: Text
    problem: Text
    cells: dict[str, Text]


class Systems(_Model):
    dimensions: list[Dimension]
    systems: list[System]

    @model_validator(mode="after")
    def _every_cell_filled(self) -> Systems:
        wanted = {d.id for d in self.dimensions}
        for i, system in enumerate(self.systems):
            missing = wanted - set(system.cells)
            extra = set(system.cells) - wanted
            if missing or extra:
                raise ValueError(
                    f"systems/{i}/cells: missing {sorted(missing)}, unknown {sorted(extra)}"
                )
        return self


# --- quizzes ----------------------------------------------------------------------------


class Answer(_Model):
    answer: Text
    correct: bool
    feedback: Text


class Question(_Model):
    type: Literal["many_choice", "multiple_choice"]
    question: Text
    answers: list[Answer] = Field(min_length=2)

    @model_validator(mode="after")
    def _has_right_answer(self) -> Question:
        right = sum(a.correct for a in self.answers)
        if right == 0:
            raise ValueError("answers: mark at least one answer correct: true")
        if self.type == "many_choice" and right != 1:
            raise ValueError("answers: a many_choice question needs exactly one correct answer")
        return self


class Quizzes(_Model):
    quizzes: dict[str, list[Question]]


# --- instructor's guide ------------------------------------------------------------------


class Session(_Model):
    """One slot of an agenda: a unit (minutes default to the unit's) or a titled extra."""

    day: int = Field(ge=1, le=5)
    unit: str | None = None
    title: Text | None = None
    minutes: int | None = Field(default=None, gt=0, le=600)

    @model_validator(mode="after")
    def _unit_or_title(self) -> Session:
        if (self.unit is None) == (self.title is None):
            raise ValueError("give either a unit or a title (and minutes) for each session")
        if self.unit is None and self.minutes is None:
            raise ValueError("a session without a unit needs its minutes")
        return self


class Agenda(_Model):
    id: str
    title: Text
    note: Text
    sessions: list[Session] = Field(min_length=1)


class Instructor(_Model):
    agendas: list[Agenda]
    notes: dict[str, list[Text]]


# --- UI strings -------------------------------------------------------------------------


class Strings(_Model):
    strings: dict[str, Text]


# --- loading ----------------------------------------------------------------------------

FILES: dict[str, type[BaseModel] | str] = {
    "course.yaml": Course,
    "glossary.yaml": Glossary,
    "systems.yaml": Systems,
    "quizzes.yaml": Quizzes,
    "ui.yaml": Strings,
    "instructor.yaml": Instructor,
    # A case's own content file: "module:Class" of the schema that lives with its model.
    # One line per case, e.g. "hp.yaml": "salestrain.hp.content:HPContent".
    "ssm.yaml": "salestrain.ssm:SSMContent",
    "pingan.yaml": "salestrain.pingan:PingAnContent",
    "haier.yaml": "salestrain.haier:HaierContent",
    "hp.yaml": "salestrain.hp_content:HPContent",
    "postal.yaml": "salestrain.postal:PostalContent",
}


def schema(filename: str) -> type[BaseModel]:
    """The pydantic model a content file must match."""
    if filename not in FILES:
        raise ContentError(f"{filename}: no schema registered in salestrain.content.FILES")
    found = FILES[filename]
    if isinstance(found, str):
        import importlib

        module, _, name = found.partition(":")
        found = getattr(importlib.import_module(module), name)
    return found


def read_yaml(filename: str) -> object:
    """The parsed YAML of a content file (safe loader: content is data, never code)."""
    path = resources.files(__name__).joinpath(filename)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ContentError(f"{filename}: file not found in salestrain/content") from exc
    except yaml.YAMLError as exc:
        raise ContentError(f"{filename}: not valid YAML: {exc}") from exc


def parse(filename: str, data: object, model: type[BaseModel] | None = None) -> BaseModel:
    """Validate `data` against the schema of `filename`; errors list file, key path and fix."""
    model = model or schema(filename)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            where = "/".join(str(p) for p in err["loc"]) or "(top level)"
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "missing":
                msg = "missing: add it"
            lines.append(f"{filename}: {where}: {msg}")
        raise ContentError("\n".join(lines)) from None


@cache
def load(filename: str) -> BaseModel:
    """Load and validate one content file (cached for the life of the kernel)."""
    return parse(filename, read_yaml(filename))


def course() -> Course:
    """The course outline."""
    return load("course.yaml")  # type: ignore[return-value]


def glossary() -> Glossary:
    """The glossary of key terms."""
    return load("glossary.yaml")  # type: ignore[return-value]


def systems() -> Systems:
    """The Module 1 comparison of the four marketing systems."""
    return load("systems.yaml")  # type: ignore[return-value]


def instructor() -> Instructor:
    """Agendas and facilitation notes, checked against the course's units."""
    data: Instructor = load("instructor.yaml")  # type: ignore[assignment]
    units = {u.id for u in course().units}
    unknown = {s.unit for a in data.agendas for s in a.sessions if s.unit} - units
    unknown |= set(data.notes) - units
    if unknown:
        raise ContentError(f"instructor.yaml: unknown unit ids {sorted(unknown)}")
    return data


def quiz(unit_id: str) -> list[Question]:
    """The knowledge-check questions of one unit."""
    quizzes = load("quizzes.yaml").quizzes  # type: ignore[attr-defined]
    if unit_id not in quizzes:
        raise KeyError(f"no quiz for unit {unit_id!r}; quizzes exist for {sorted(quizzes)}")
    return quizzes[unit_id]


def ui(key: str, lang: str | None = None, **fields: object) -> str:
    """A UI string in the course language, with `{name}` fields filled in."""
    strings = load("ui.yaml").strings  # type: ignore[attr-defined]
    if key not in strings:
        raise KeyError(f"no UI string {key!r} in ui.yaml")
    return strings[key](lang or get_language()).format(**fields)


def validate_all() -> list[str]:
    """Validate every content file; return the problems found (empty when all is well)."""
    problems: list[str] = []
    for filename in FILES:
        try:
            parse(filename, read_yaml(filename))
        except ContentError as exc:
            problems.extend(str(exc).splitlines())
    return problems
