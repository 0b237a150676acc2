"""The instructor's guide: minutes add up, agendas state only what their sessions sum to,
and the capstone is homework with a rubric."""

from __future__ import annotations

import re

import pytest

from salestrain.core.content import ContentError
from salestrain.course import content, lesson


def test_every_unit_teaching_plus_exercises_is_its_total():
    for unit in content.course().units:
        m = unit.minutes
        assert m.teaching + m.exercises == m.total, unit.id
        assert m.teaching > 0 and m.exercises >= 0, unit.id


def test_a_unit_total_that_does_not_add_up_is_rejected():
    data = content.COURSE.read()
    data["units"][2]["minutes"] = {"teaching": 35, "exercises": 25, "total": 70}
    with pytest.raises(ContentError, match=r"units/2/minutes.*total: 70 is not teaching 35"):
        content.COURSE.parse(data)


def test_course_total_is_the_sum_of_the_units():
    course = content.course()
    assert course.total_minutes() == sum(u.minutes.teaching + u.minutes.exercises
                                         for u in course.units)


def _stated_minutes(note: str, lang: str) -> int:
    """The first length of time a rendered agenda note states, in minutes."""
    if lang == "zh":
        match = re.search(r"(?:(\d+)小时)?(?:(\d+)分钟)?", note.split("课堂时间")[1])
    else:
        match = re.match(r"(?:(\d+) hours?)?\s*(?:(\d+) minutes)?", note)
    assert match and any(match.groups()), note
    hours, minutes = (int(g) if g else 0 for g in match.groups())
    return 60 * hours + minutes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_agenda_states_the_hours_its_sessions_add_up_to(lang):
    course = content.course()
    for agenda in content.instructor().agendas:
        sessions = agenda.session_minutes(course)
        summed = sum(m.teaching + m.exercises for m in sessions)
        note = lesson.agenda_note(agenda, lang)
        assert _stated_minutes(note, lang) == summed, (agenda.id, note)
        totals = agenda.totals(course)
        assert totals.teaching == sum(m.teaching for m in sessions)
        assert totals.exercises == sum(m.exercises for m in sessions)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_agenda_notes_type_no_length_by_hand(lang):
    # Lengths come from {total}/{teaching}/{exercises}; a typed "six and a half hours" drifts.
    numbers = "hours?|minutes?|one|two|three|four|five|six|seven|eight|nine|ten|half"
    words = rf"\d|\b({numbers})\b" if lang == "en" \
        else r"\d|小时|分钟|[一二三四五六七八九十两半]个?小时"
    for agenda in content.instructor().agendas:
        template = agenda.note(lang).replace("{total}", "").replace("{teaching}", "")
        template = template.replace("{exercises}", "")
        assert not re.search(words, template, flags=re.I), (agenda.id, template)


def test_capstone_is_homework_not_in_any_session():
    guide = content.instructor()
    for agenda in guide.agendas:
        titles = [s.title.en.lower() for s in agenda.sessions if s.title]
        assert not any("presentation" in t for t in titles), agenda.id
        assert agenda.homework_due.en and agenda.homework_due.zh
    assert "homework" in content.course().unit("postal").summary.en


def test_capstone_rubric_weights_make_100_and_say_what_to_look_for():
    from salestrain.review.content import RUBRIC, rubric

    criteria = rubric().criteria
    assert sum(c.weight for c in criteria) == 100
    assert all(c.look_for for c in criteria)
    data = RUBRIC.read()
    data["criteria"][0]["weight"] = 50
    with pytest.raises(ContentError, match="weights add up to 120, not 100"):
        RUBRIC.parse(data)
    assert "rubric" not in content.INSTRUCTOR.read()["capstone"]  # one source: review/
