"""`MyWork`: everything a trainee saved across the course, with open, Word copy and trash."""

from __future__ import annotations

import pytest

from salestrain.core import storage
from salestrain.course.widgets import MyWork
from salestrain.hp.plan import IndustryPlan
from salestrain.postal.canvas import SystemCanvas


def test_no_work_yet_says_where_it_will_be(work_dir):
    view = MyWork(lang="en")
    assert "No saved work yet" in view.table.value
    assert str(work_dir.resolve()) in view.table.value
    view.press("open")
    assert "Choose a piece of work" in view.status.value


@pytest.fixture
def saved(work_dir):
    plan = IndustryPlan.example("en")
    plan_path = plan.save(work_dir)
    canvas_path = SystemCanvas.example("en").save(work_dir) if hasattr(
        SystemCanvas, "example") else None
    (work_dir / "broken.json").write_text("{not json")
    return plan, plan_path, canvas_path


def test_lists_every_piece_with_its_kind_title_and_progress(saved):
    plan, plan_path, canvas_path = saved
    view = MyWork(lang="en")
    html = view.table.value
    assert plan.title in html and plan_path.name in html
    assert "broken.json" in html and "not valid JSON" in html
    if canvas_path is not None:
        assert canvas_path.name in html
    assert len(view.choice.options) == 1 + (canvas_path is not None)


def test_open_previews_and_word_writes_to_exports(saved, work_dir):
    plan, plan_path, _ = saved
    view = MyWork(lang="en")
    view.choice.value = plan_path.name
    view.press("open")
    assert plan.title in view.preview.value
    view.press("word")
    assert list((work_dir / "exports").glob("*.docx"))
    assert "exports" in view.status.value


def test_trash_moves_the_piece_out_of_the_list_but_keeps_it(saved, work_dir):
    _, plan_path, _ = saved
    view = MyWork(lang="en")
    before = len(view.choice.options)
    view.choice.value = plan_path.name
    view.press("trash")
    assert not plan_path.exists() and (work_dir / "trash" / plan_path.name).exists()
    assert len(view.choice.options) == before - 1
    assert "trash" in view.status.value


def test_in_chinese(saved):
    view = MyWork(lang="zh")
    assert "标题" in view.table.value and view.buttons["trash"].description == "移到回收站"
    assert storage.KINDS  # the case modules registered their kinds
