"""Notebook views built from content: headers, tables, the course map, quizzes."""

from __future__ import annotations

import json

from salestrain.course import content, lesson, quiz
from salestrain.course.widgets import SystemsExplorer


def test_header_shows_objectives_minutes_and_prerequisites():
    view = lesson.header("module1_overview")
    unit = content.course().unit("module1_overview")
    html = view._repr_html_()
    for objective in unit.objectives:
        assert objective.en.replace("'", "&#x27;") in html
    assert "35 minutes" in html and "Prerequisites" in html
    assert "35 分钟" in lesson.header("module1_overview", lang="zh")._repr_html_()


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


def test_course_table_totals_the_minutes():
    total = content.course().total_minutes()
    assert f"Total: {total} minutes" in lesson.course_table().text


def test_course_map_draws_one_box_per_unit():
    fig = lesson.course_map()
    texts = [t.get_text() for t in fig.axes[0].texts]
    for unit in content.course().units:
        assert any(t.startswith(unit.notebook[:2]) for t in texts), unit.id


def test_saved_work_lists_files_and_problems(work_dir):
    assert "No saved work yet" in lesson.saved_work().text
    from salestrain.core import storage

    storage.write(work_dir / "plan-a.json", "plan", {"x": 1})
    (work_dir / "broken.json").write_text("{not json")
    html = lesson.saved_work()._repr_html_()
    assert "plan-a.json" in html and "broken.json" in html and "unreadable" in html


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
