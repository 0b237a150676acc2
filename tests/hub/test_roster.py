"""The class list and the course delivery rules, without starting a hub."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salestrain.hub import course, limits, roster


def test_a_roster_with_chinese_names_and_roles_is_read():
    people = roster.parse("\ufeffusername,name,role\nzhang-li,张丽,讲师\nwang-fang,王芳,学员\n"
                          "li-wei,,\n")
    assert [(p.username, p.name, p.role) for p in people] == [
        ("zhang-li", "张丽", "instructor"), ("wang-fang", "王芳", "trainee"),
        ("li-wei", "li-wei", "trainee")]


def test_every_bad_line_is_named_with_its_column_and_fix():
    raw = ("username,name,role\nzhang-li,张丽,instructor\nWang Fang,王芳,trainee\n"
           "root,x,trainee\nzhang-li,again,trainee\nchen,陈,boss\n")
    with pytest.raises(roster.RosterError) as err:
        roster.parse(raw, "class.csv", "en")
    lines = str(err.value).splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("class.csv line 3 · username: 'Wang Fang'")
    assert "line 4" in lines[1] and "keeps for itself" in lines[1]
    assert "line 5" in lines[2] and "already on line 2" in lines[2]
    assert "line 6 · role: 'boss'" in lines[3]
    with pytest.raises(roster.RosterError) as err:
        roster.parse(raw, "class.csv", "zh")
    assert "第3行 · username" in str(err.value)


def test_a_roster_without_an_instructor_or_header_is_refused():
    with pytest.raises(roster.RosterError, match="no instructor"):
        roster.parse("username,name,role\nwang-fang,王芳,trainee\n", lang="en")
    with pytest.raises(roster.RosterError, match="no username column"):
        roster.parse("name,role\n王芳,trainee\n", lang="en")
    with pytest.raises(roster.RosterError, match="empty"):
        roster.parse("", lang="en")


def test_a_roster_saved_in_gbk_says_how_to_save_it(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("username,name,role\nzhang-li,张丽,instructor\n".encode("gbk"))
    with pytest.raises(roster.RosterError, match="CSV UTF-8"):
        roster.read(path, "en")


@pytest.mark.parametrize(("text", "size"), [("1G", 2**30), ("512M", 512 * 2**20),
                                            ("1.5g", int(1.5 * 2**30)), ("2000000", 2000000),
                                            ("1Gi", 2**30), ("256MB", 256 * 2**20)])
def test_memory_sizes_as_people_write_them(text, size):
    assert limits.parse_size(text) == size


@pytest.mark.parametrize("text", ["", "lots", "-1G", "0"])
def test_a_size_that_is_not_one_is_refused(text):
    with pytest.raises(ValueError):
        limits.parse_size(text)


def _nb(path: Path, text: str) -> None:
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": text}]}),
                    encoding="utf-8")


def test_delivery_follows_nbgitpullers_rules(tmp_path):
    source, home = tmp_path / "course-src", tmp_path / "home" / "course"
    source.mkdir()
    for name in ("a.ipynb", "b.ipynb", "c.ipynb"):
        _nb(source / name, f"{name} v1")
    first = course.deliver(source, home)
    assert first.copied == ["a.ipynb", "b.ipynb", "c.ipynb"]
    _nb(home / "a.ipynb", "my notes")          # the trainee edits a
    (home / "c.ipynb").unlink()                # and deletes c
    (home / "mine.ipynb").write_text("{}")     # and makes their own notebook
    (home / "work").mkdir()
    (home / "work" / "plan.json").write_text("{}")
    for name in ("a.ipynb", "b.ipynb", "c.ipynb"):
        _nb(source / name, f"{name} v2")
    second = course.deliver(source, home)
    assert second.kept == ["a.ipynb"] and second.updated == ["b.ipynb"]
    assert second.copied == ["c.ipynb"]
    assert "my notes" in (home / "a.ipynb").read_text()
    assert "a.ipynb v2" in (home / course.UPDATES / "a.ipynb").read_text()
    assert "b.ipynb v2" in (home / "b.ipynb").read_text()
    assert "c.ipynb v2" in (home / "c.ipynb").read_text()
    assert (home / "mine.ipynb").read_text() == "{}"
    assert (home / "work" / "plan.json").read_text() == "{}"
    third = course.deliver(source, home)       # nothing new: nothing moves
    assert third.kept == ["a.ipynb"] and sorted(third.unchanged) == ["b.ipynb", "c.ipynb"]


def test_a_link_planted_in_the_course_folder_is_replaced_not_written_through(tmp_path):
    source, home = tmp_path / "src", tmp_path / "course"
    source.mkdir()
    home.mkdir()
    _nb(source / "a.ipynb", "course")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (home / "a.ipynb").symlink_to(victim)
    course.deliver(source, home)
    assert victim.read_text() == "keep me"
    assert not (home / "a.ipynb").is_symlink()


def test_a_chinese_class_gets_its_notebooks_and_chinese_menus(tmp_path, monkeypatch, capsys):
    from salestrain.commands import hubcourse
    from salestrain.hub import setup

    state = tmp_path / "state"
    published = setup.publish_course(state, "zh")
    names = sorted(p.name for p in published.glob("*.ipynb"))
    assert names and all(n[:2].isdigit() for n in names)
    first = (published / names[0]).read_text(encoding="utf-8")
    assert 'set_language(\\"zh\\")' in first  # the Chinese edition, not the English one
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    assert hubcourse.main(["deliver", "--source", str(published), "--lang", "zh"]) == 0
    assert sorted(p.name for p in (home / "course").glob("*.ipynb")) == names
    settings = home / hubcourse.LAB_LANGUAGE
    assert json.loads(settings.read_text()) == {"locale": "zh_CN"}
    assert "新增" in capsys.readouterr().out
    settings.write_text('{"locale": "en"}')  # the trainee switched JupyterLab to English
    hubcourse.main(["deliver", "--source", str(published), "--lang", "zh"])
    assert json.loads(settings.read_text()) == {"locale": "en"}
