"""Notebook views built from content: headers, tables, the course map, quizzes."""

from __future__ import annotations

import json
import re

import pytest

from salestrain.core.html import escape
from salestrain.course import content, lesson, quiz
from salestrain.course.widgets import SystemsExplorer


def test_header_shows_questions_objectives_minutes_and_prerequisites():
    view = lesson.header("module1_overview")
    unit = content.course().unit("module1_overview")
    html = view._repr_html_()
    for text in [*unit.questions, *unit.objectives]:
        assert text.en.replace("'", "&#x27;") in html
    assert "Questions" in html and "Prerequisites" in html
    assert "Time to learn: 20 min teaching + 15 min exercises" in view.text
    zh = lesson.header("module1_overview", lang="zh")
    assert "学习时长：讲授20分钟 + 练习15分钟" in zh.text
    assert unit.questions[0].zh in zh._repr_html_()


def test_every_unit_has_two_or_three_questions_in_both_languages():
    for unit in content.course().units:
        assert 2 <= len(unit.questions) <= 3, unit.id
        for question in unit.questions:
            assert question.en.endswith("?") and question.zh.endswith("？"), question


def test_whats_next_names_the_next_unit_and_links_its_notebook():
    view = lesson.whats_next("overview")
    nxt = content.course().unit("module1_overview")
    assert nxt.title.en in view.text
    assert 'href="01_module1_overview.ipynb"' in view.html
    assert "20 min teaching + 15 min exercises" in view.text
    zh = lesson.whats_next("haier", lang="zh")
    assert "案例2" in zh.text and "03_pingan_cross_selling.ipynb" in zh.html


def test_whats_next_after_the_last_unit_is_the_capstone_homework():
    view = lesson.whats_next("postal")
    assert "Capstone homework" in view.text and "href" not in view.html
    from salestrain.review.content import rubric

    for criterion in rubric().criteria:
        assert f"{criterion.criterion.en} — {criterion.weight} %" in view.text
    assert "结业作业" in lesson.whats_next("postal", lang="zh").text


def test_durations_read_as_words():
    assert lesson.duration(355) == "5 hours 55 minutes"
    assert lesson.duration(120) == "2 hours"
    assert lesson.duration(45, "zh") == "45分钟"
    assert lesson.duration(475, "zh") == "7小时55分钟"


def test_views_escape_content_text(monkeypatch):
    from salestrain.core import html

    rendered = html.table(["<b>col</b>"], [["<script>alert(1)</script>", "a & b"]])
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert "a &amp; b" in rendered and "&lt;b&gt;col" in rendered


def test_systems_table_has_every_system_and_dimension():
    data = content.systems()
    text = lesson.systems_table().text
    for system in data.systems:
        assert system.name.en in text
    for dim in data.dimensions:
        assert dim.label.en in text


def test_course_table_totals_the_minutes_and_names_the_homework():
    total = content.course().total_minutes()
    text = lesson.course_table().text
    assert f"Total: {total} minutes" in text and "capstone homework" in text
    html = lesson.course_table("zh")._repr_html_()
    assert "讲授" in html and "练习" in html and "结业作业" in html


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_course_map_shows_every_unit_with_its_time_and_what_it_builds_on(lang):
    view = lesson.course_map(lang)
    html = view._repr_html_()
    course = content.course()
    assert html.count("<li") == len(course.units)
    for unit in course.units:
        assert escape(unit.title(lang)) in html
        assert escape(lesson.time_split(unit.minutes, lang)) in html
    assert html.count("<section>") == len(course.modules)
    assert "st-coursemap" in html and not re.search(r"<img|<svg", html)


def test_quiz_ids_are_stable_and_differ_by_unit_and_language():
    assert quiz.quiz_id("overview", "en") == quiz.quiz_id("overview", "en")
    assert quiz.quiz_id("overview", "en") != quiz.quiz_id("overview", "zh")
    assert quiz.quiz_id("overview", "en").isalpha()
    html1, js1 = quiz.render("module1_overview")
    html2, js2 = quiz.render("module1_overview")
    assert (html1, js1) == (html2, js2)


def test_quiz_questions_follow_the_content_language():
    en = quiz.questions("module1_overview", "en")
    zh = quiz.questions("module1_overview", "zh")
    assert len(en) == len(zh) == len(content.quiz("module1_overview"))
    assert en[1]["answers"][0]["correct"] is True
    assert "型号经理" in json.dumps(zh, ensure_ascii=False)


def test_systems_explorer_is_driven_from_python():
    explorer = SystemsExplorer()
    assert explorer.dimension == "principle"
    explorer.dimension = "incentives"
    assert "60 %" in explorer._view.value
    rows = explorer.rows()
    assert len(rows) == 4 and rows[2][0].startswith("HP")
    explorer._choice.value = "platform"  # as a click in the browser would
    assert "opportunity-management system" in explorer._view.value


def test_systems_explorer_plain_text_is_the_table_not_a_repr():
    bundle = SystemsExplorer(dimension="incentives")._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data["text/plain"].startswith("Incentives\nHaier — market chain: ")
    assert "VBox" not in data["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in data
