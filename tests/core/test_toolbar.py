"""The work toolbar's promises, on a minimal piece of work: one file for life, nothing a trainee
wrote replaced without their say, the latest work back after a restart, and an answer to every
button."""

from __future__ import annotations

import json
import re

import pytest

from salestrain.core import storage
from salestrain.core.widgets import WorkToolbar

LABELS = {"save": "Save", "load": "Load", "example": "Worked example", "saved": "Saved {file}",
          "loaded": "Opened {file}", "exported": "Exported {file}", "not_saved": "Not saved"}


class Work:
    """A stand-in for a widget: a title and a note, and the toolbar that saves them."""

    def __init__(self, folder, autosave=True):
        self.data = {"title": "", "note": ""}
        self.toolbar = WorkToolbar(
            "note", get_data=lambda: dict(self.data), set_data=self._set,
            name=lambda: self.data["title"] or "untitled", exports={"JSON": self._export},
            labels=LABELS, example=lambda: {"title": "Example", "note": "worked"},
            blank=lambda: {"title": "", "note": ""}, folder=folder, lang="en",
            describe=lambda d, lang: (d["title"], f"{len(d['note'])} chars"),
        )
        self.toolbar.autosave = autosave

    def _set(self, data):
        self.data = dict(data)

    def _export(self, folder):
        path = storage.export_dir(folder) / "note.json"
        path.write_text(json.dumps(self.data))
        return path

    def type(self, field, text, continuous=True):
        """Type `text` as a browser would: every prefix when the field syncs per keystroke."""
        steps = [text[:i] for i in range(1, len(text) + 1)] if continuous else [text]
        for value in steps:
            self.data[field] = value
            self.toolbar.changed()

    @property
    def status(self):
        return self.toolbar.status.value


def files(folder):
    return sorted(p.name for p in folder.glob("*.json"))


def test_typing_a_title_keystroke_by_keystroke_leaves_one_file(tmp_path):
    work = Work(tmp_path)
    work.type("title", "Banks in Guangdong")
    assert files(tmp_path) == ["note-b.json"]
    assert storage.read(tmp_path / "note-b.json", "note")["title"] == "Banks in Guangdong"


def test_renaming_keeps_the_same_file(tmp_path):
    work = Work(tmp_path)
    work.type("title", "Banks", continuous=False)
    work.type("title", "Provincial banks 2014", continuous=False)
    assert files(tmp_path) == ["note-banks.json"]


def test_the_example_never_replaces_the_trainees_work(tmp_path):
    work = Work(tmp_path)
    work.type("title", "Mine", continuous=False)
    work.type("note", "my threat analysis", continuous=False)
    mine = (tmp_path / "note-mine.json").read_text()
    work.toolbar.example_button.click()
    assert "separate piece of work" in work.status
    work.type("note", "editing the example", continuous=False)
    assert (tmp_path / "note-mine.json").read_text() == mine
    assert files(tmp_path) == ["note-example.json", "note-mine.json"]


def test_a_restart_reopens_the_latest_work(tmp_path):
    first = Work(tmp_path)
    first.type("title", "Older", continuous=False)
    second_piece = Work(tmp_path)
    second_piece.type("title", "Latest", continuous=False)
    restarted = Work(tmp_path)
    assert restarted.toolbar.resume()
    assert restarted.data["title"] == "Latest"
    assert "Continuing ‘Latest’" in restarted.status
    labels = [label for label, _ in restarted.toolbar.load_choice.options]
    assert labels[0].startswith("Latest · saved ") and "0 chars" in labels[0]
    assert len(labels) == 2
    # when, in the house style: day and month name, then the time ('saved 15 March, 14:05')
    assert re.match(r"Latest · saved \d{1,2} [A-Z][a-z]+, \d\d:\d\d · ", labels[0]), labels[0]


def test_new_starts_blank_and_saves_as_its_own_piece(tmp_path):
    work = Work(tmp_path)
    work.type("title", "Mine", continuous=False)
    work.toolbar.new_button.click()
    assert work.data == {"title": "", "note": ""} and "blank" in work.status
    work.type("title", "Second", continuous=False)
    assert files(tmp_path) == ["note-mine.json", "note-second.json"]


def test_load_with_nothing_chosen_says_so(tmp_path):
    work = Work(tmp_path)
    work.toolbar.load_choice.options = []
    work.toolbar.load_button.click()
    assert "Choose a piece of work" in work.status


def test_unsaved_changes_are_kept_as_a_copy_before_loading(tmp_path):
    work = Work(tmp_path)
    work.type("title", "Mine", continuous=False)
    work.toolbar.autosave = False
    work.type("note", "not yet saved", continuous=False)
    work.toolbar.example_button.click()
    assert "kept as note-mine-unsaved-copy.json" in work.status
    kept = storage.read(tmp_path / "note-mine-unsaved-copy.json", "note")
    assert kept["note"] == "not yet saved"


def test_exports_go_to_the_exports_folder_and_the_status_links_there(tmp_path):
    work = Work(tmp_path)
    work.type("title", "Mine", continuous=False)
    work.toolbar.export_buttons["JSON"].click()
    assert work.toolbar.last_export.parent == tmp_path / "exports"
    assert '<a href="' in work.status and "exports/note.json" in work.status
    assert files(tmp_path) == ["note-mine.json"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_toolbar_texts_come_from_content(tmp_path, lang):
    bar = WorkToolbar("note", dict, lambda d: None, lambda: "x", {}, LABELS,
                      blank=dict, folder=tmp_path, lang=lang)
    assert bar.new_button.description == {"en": "New", "zh": "新建"}[lang]


def test_the_load_list_follows_a_rename(tmp_path):
    work = Work(tmp_path)
    work.type("title", "Banks", continuous=False)
    work.type("title", "Provincial banks", continuous=False)
    labels = [label for label, _ in work.toolbar.load_choice.options]
    assert len(labels) == 1 and labels[0].startswith("Provincial banks · saved")


def test_two_tools_on_one_file_never_overwrite_each_other(tmp_path):
    import os

    first = Work(tmp_path)
    first.type("title", "Shared", continuous=False)
    second = Work(tmp_path)
    assert second.toolbar.resume()
    second.type("note", "from the second window", continuous=False)
    os.utime(tmp_path / "note-shared.json", ns=(1, 10**18))  # a later save, as the clock sees it
    first.type("note", "from the first window", continuous=False)
    assert "saved by another tool" in first.status
    assert storage.read(tmp_path / "note-shared.json", "note")["note"] == "from the second window"
    copies = [p for p in tmp_path.glob("note-shared-unsaved-copy*.json")]
    assert len(copies) == 1
    assert storage.read(copies[0], "note")["note"] == "from the first window"
