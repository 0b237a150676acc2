"""The course as data: outline, glossary, Module 1 comparison, quizzes and instructor's guide.

Each file here is YAML with every user-facing text in `en` and `zh`, validated by the schema
below it on first use.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from salestrain.core.content import ContentError, ContentFile, ContentModel
from salestrain.core.i18n import Text

# --- course outline ---------------------------------------------------------------------


class Module(ContentModel):
    id: str
    number: int
    title: Text


class Unit(ContentModel):
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


class CourseInfo(ContentModel):
    title: Text
    subtitle: Text
    audience: Text
    source: Text


class Course(ContentModel):
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


class Term(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    case: str
    term: Text
    definition: Text


class Glossary(ContentModel):
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


class Dimension(ContentModel):
    id: str
    label: Text


class System(ContentModel):
    id: str
    name: Text
    problem: Text
    cells: dict[str, Text]


class Systems(ContentModel):
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


class Answer(ContentModel):
    answer: Text
    correct: bool
    feedback: Text


class Question(ContentModel):
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


class Quizzes(ContentModel):
    quizzes: dict[str, list[Question]]


# --- instructor's guide ------------------------------------------------------------------


class Session(ContentModel):
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


class Agenda(ContentModel):
    id: str
    title: Text
    note: Text
    sessions: list[Session] = Field(min_length=1)


class Instructor(ContentModel):
    agendas: list[Agenda]
    notes: dict[str, list[Text]]



# --- the files ----------------------------------------------------------------------------

COURSE = ContentFile(__package__, "course.yaml", Course)
GLOSSARY = ContentFile(__package__, "glossary.yaml", Glossary)
SYSTEMS = ContentFile(__package__, "systems.yaml", Systems)
QUIZZES = ContentFile(__package__, "quizzes.yaml", Quizzes)
INSTRUCTOR = ContentFile(__package__, "instructor.yaml", Instructor)


def course() -> Course:
    """The course outline."""
    return COURSE.load()


def glossary() -> Glossary:
    """The glossary of key terms."""
    return GLOSSARY.load()


def systems() -> Systems:
    """The Module 1 comparison of the four marketing systems."""
    return SYSTEMS.load()


def instructor() -> Instructor:
    """Agendas and facilitation notes, checked against the course's units."""
    data = INSTRUCTOR.load()
    units = {u.id for u in course().units}
    unknown = {s.unit for a in data.agendas for s in a.sessions if s.unit} - units
    unknown |= set(data.notes) - units
    if unknown:
        raise ContentError(f"{INSTRUCTOR.name}: unknown unit ids {sorted(unknown)}")
    return data


def quiz(unit_id: str) -> list[Question]:
    """The knowledge-check questions of one unit."""
    quizzes = QUIZZES.load().quizzes
    if unit_id not in quizzes:
        raise KeyError(f"no quiz for unit {unit_id!r}; quizzes exist for {sorted(quizzes)}")
    return quizzes[unit_id]
