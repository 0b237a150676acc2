"""The generated instructor pages: agendas with split minutes and the homework row, the rubric."""

from __future__ import annotations

from salestrain.commands import bookgen
from salestrain.course import content


def test_generated_pages_are_current():
    assert bookgen.main(["--check"]) == 0, "run `python -m salestrain.commands.bookgen`"


def test_full_agenda_shows_teaching_exercises_and_total_per_unit():
    page = bookgen.agenda_md()
    assert "| Teaching | Exercises | Total |" in page
    for unit in content.course().units:
        m = unit.minutes
        assert (f"| {m.teaching} minutes | {m.exercises} minutes | {m.total} minutes |"
                in page), unit.id
    assert f"Total: {content.course().total_minutes()} minutes" in page
    assert "另有结业作业" in bookgen.agenda_md("zh")


def test_each_agenda_ends_with_the_capstone_homework_after_its_last_session():
    for lang in ("en", "zh"):
        page = bookgen.agendas_md(lang)
        for block in page.split("### ")[1:]:
            rows = [line for line in block.splitlines() if line.startswith("| ")]
            assert "<capstone>" in rows[-1], rows[-1]
    assert "After the course" in bookgen.agendas_md()
    assert "six and a half" not in bookgen.agendas_md().lower()


def test_capstone_page_prints_the_rubric_in_both_languages():
    en, zh = bookgen.capstone_md(), bookgen.capstone_md("zh")
    from salestrain.review.content import rubric

    for criterion in rubric().criteria:
        assert f"| {criterion.criterion.en} | {criterion.weight} % |" in en
        for rule in criterion.rules:
            assert rule in en and rule in zh
        assert criterion.criterion.zh in zh
        for item in criterion.look_for:
            assert item.en in en and item.zh in zh
    assert "_generated/capstone.md" in (bookgen.BOOK / "instructor.md").read_text()


def test_the_chinese_site_gets_its_own_generated_pages():
    zh = bookgen.EDITIONS["zh"] / "_generated"
    assert (zh / "agendas.md").read_text().count("课堂时间") >= 2
    assert "评分要点" in (zh / "capstone.md").read_text()
    assert "结业作业" in (zh / "glossary.md").read_text()
