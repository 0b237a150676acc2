"""The course as data: outline, glossary, Module 1 comparison, quizzes and instructor's guide.

Each file here is YAML with every user-facing text in `en` and `zh`, validated by the schema
below it on first use.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from salestrain.core.content import ContentError, ContentFile, ContentModel
from salestrain.core.errors import find
from salestrain.core.i18n import Text

# --- course outline ---------------------------------------------------------------------


class Module(ContentModel):
    id: str
    number: int
    title: Text


class Minutes(ContentModel):
    """Time for one unit or agenda session, split into teaching and exercises.

    `total` may be written beside them (the outline does, for readers of the YAML); it must
    then equal teaching + exercises, and it is filled in when left out.
    """

    teaching: int = Field(gt=0, le=600)
    exercises: int = Field(ge=0, le=600)
    total: int = Field(gt=0, le=1200)

    @model_validator(mode="before")
    @classmethod
    def _fill_total(cls, data: object) -> object:
        if isinstance(data, dict) and "total" not in data:
            try:
                return {**data, "total": int(data["teaching"]) + int(data["exercises"])}
            except (KeyError, TypeError, ValueError):
                return data
        return data

    @model_validator(mode="after")
    def _total_adds_up(self) -> Minutes:
        if self.total != self.teaching + self.exercises:
            raise ValueError(
                f"total: {self.total} is not teaching {self.teaching} + exercises "
                f"{self.exercises} = {self.teaching + self.exercises}"
            )
        return self

    def __str__(self) -> str:
        return str(self.total)


class Unit(ContentModel):
    """One notebook of the course: a module overview, a case study or the Module 2 unit."""

    id: str
    module: str
    kind: Literal["overview", "module", "case"]
    notebook: str
    minutes: Minutes
    title: Text
    summary: Text
    questions: list[Text] = Field(min_length=2, max_length=3)
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
        """The unit with this id; NotFound names the ids that exist."""
        return find(self.units, unit_id, "unit")

    def module(self, module_id: str) -> Module:
        return find(self.modules, module_id, "module")

    def units_in(self, module_id: str) -> list[Unit]:
        return [u for u in self.units if u.module == module_id]

    def total_minutes(self) -> int:
        return sum(u.minutes.total for u in self.units)

    def next_unit(self, unit_id: str) -> Unit | None:
        """The unit after this one in course order, or None after the last."""
        ids = [u.id for u in self.units]
        i = ids.index(self.unit(unit_id).id)
        return self.units[i + 1] if i + 1 < len(self.units) else None


# --- glossary ---------------------------------------------------------------------------


class Term(ContentModel):
    """A key term. `forbidden_zh` lists Chinese renderings the course must not use for it;
    `allowed_zh` lists longer words that contain a forbidden one and are fine (e.g. 年额度)."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    case: str
    term: Text
    definition: Text
    forbidden_zh: list[str] = []
    allowed_zh: list[str] = []

    @model_validator(mode="after")
    def _allowed_contain_forbidden(self) -> Term:
        for word in self.allowed_zh:
            if not any(f in word for f in self.forbidden_zh):
                raise ValueError(f"allowed_zh: {word!r} contains no forbidden_zh word")
        for word in self.forbidden_zh:
            if word in self.term.zh:
                raise ValueError(f"forbidden_zh: {word!r} is part of the term itself")
        return self

    def misuses(self, text: str) -> list[str]:
        """The forbidden alternatives that occur in `text` (allowed longer words excepted)."""
        for word in self.allowed_zh:
            text = text.replace(word, "")
        return [word for word in self.forbidden_zh if word in text]


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
        return find(self.terms, term_id, "glossary term")


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
    minutes: Minutes | None = None

    @model_validator(mode="after")
    def _unit_or_title(self) -> Session:
        if (self.unit is None) == (self.title is None):
            raise ValueError("give either a unit or a title (and minutes) for each session")
        if self.unit is None and self.minutes is None:
            raise ValueError("a session without a unit needs its minutes")
        return self


class Agenda(ContentModel):
    """A timetable. `note` may use {total}, {teaching} and {exercises}: the agenda's own sums,
    so the stated hours can never disagree with the table."""

    id: str
    title: Text
    note: Text
    sessions: list[Session] = Field(min_length=1)
    homework_due: Text

    def session_minutes(self, course: Course) -> list[Minutes]:
        """Each session's minutes: its own, or its unit's full time."""
        return [s.minutes or course.unit(s.unit).minutes for s in self.sessions]

    def totals(self, course: Course) -> Minutes:
        """Teaching and exercise minutes summed over the sessions."""
        times = self.session_minutes(course)
        return Minutes(teaching=sum(m.teaching for m in times),
                       exercises=sum(m.exercises for m in times))

    def days(self) -> int:
        return max(s.day for s in self.sessions)


class Capstone(ContentModel):
    """The capstone homework (结业作业), done after the last session; its rubric is
    `salestrain/review/rubric.yaml`, which the roll-up also scores with."""

    title: Text
    brief: Text
    parts: list[Text] = Field(min_length=1)
    hours: float = Field(gt=0, le=40)
    hand_in: Text


class Instructor(ContentModel):
    agendas: list[Agenda]
    capstone: Capstone
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
