"""Persistence: atomic writes, the previous version kept, bad files reported and never replaced."""

from __future__ import annotations

import json
import os

import pytest

from salestrain.core import storage


def test_write_then_read_round_trips_unicode(work_dir):
    path = storage.path_for("plan", "邮政 大客户 / 2026")
    storage.write(path, "plan", {"title": "税务局 <b>&", "n": 1})
    assert path.parent == work_dir
    assert path.name == "plan-邮政-大客户-2026.json"
    assert storage.read(path, "plan") == {"title": "税务局 <b>&", "n": 1}


def test_previous_version_is_kept(work_dir):
    path = work_dir / "plan-x.json"
    storage.write(path, "plan", {"v": 1})
    storage.write(path, "plan", {"v": 2})
    assert storage.read(path, "plan") == {"v": 2}
    assert storage.read(storage.backup_path(path), "plan") == {"v": 1}


def test_corrupt_file_is_reported_and_kept(work_dir):
    work_dir.mkdir(parents=True)
    path = work_dir / "plan-x.json"
    path.write_text('{"salestrain": "plan", "data": {')
    with pytest.raises(storage.CorruptFileError, match="not valid JSON.*kept untouched"):
        storage.read(path, "plan")
    with pytest.raises(storage.CorruptFileError):
        storage.write(path, "plan", {"v": 1})
    assert path.read_text() == '{"salestrain": "plan", "data": {'


def test_foreign_file_is_reported_and_kept(work_dir):
    work_dir.mkdir(parents=True)
    path = work_dir / "plan-x.json"
    path.write_text(json.dumps({"cells": []}))
    with pytest.raises(storage.ForeignFileError, match="not a salestrain file"):
        storage.read(path, "plan")
    with pytest.raises(storage.ForeignFileError):
        storage.write(path, "plan", {"v": 1})
    assert json.loads(path.read_text()) == {"cells": []}


def test_file_of_another_kind_is_not_overwritten(work_dir):
    path = work_dir / "x.json"
    storage.write(path, "opportunity", {"v": 1})
    with pytest.raises(storage.ForeignFileError, match="holds a 'opportunity', not a 'plan'"):
        storage.write(path, "plan", {"v": 2})
    assert storage.read(path, "opportunity") == {"v": 1}


def test_failed_write_leaves_the_old_file_and_no_temp_file(work_dir, monkeypatch):
    path = work_dir / "plan-x.json"
    storage.write(path, "plan", {"v": 1})

    def boom(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        storage.write(path, "plan", {"v": 2})
    monkeypatch.undo()
    assert storage.read(path, "plan") == {"v": 1}
    assert [p.name for p in work_dir.iterdir() if p.name.endswith(".tmp")] == []


def test_missing_file_says_so(work_dir):
    with pytest.raises(storage.StorageError, match="does not exist"):
        storage.read(work_dir / "nope.json", "plan")


def test_list_saved_reports_every_file(work_dir):
    storage.write(work_dir / "a.json", "plan", {})
    storage.write(work_dir / "b.json", "opportunity", {})
    (work_dir / "c.json").write_text("oops")
    every = storage.list_saved()
    assert [(f.path.name, f.kind) for f in every] == [
        ("a.json", "plan"), ("b.json", "opportunity"), ("c.json", None)]
    assert "not valid JSON" in every[2].problem
    assert [f.path.name for f in storage.list_saved(kind="plan")] == ["a.json"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Tax bureau 2026", "tax-bureau-2026"), ("  ", "untitled"), ("../../etc/passwd", "etc-passwd"),
     ("税务局：发票", "税务局-发票")],
)
def test_slug_is_safe_for_file_names(name, expected):
    assert storage.slug(name) == expected


SAVER = """
import sys
from salestrain.core import storage
path = sys.argv[1]
i = 0
while True:
    i += 1
    data = {"title": "Provincial banks", "round": i, "notes": "x" * (20000 + i % 5000)}
    storage.write(path, "plan", data)
"""


def test_killing_a_save_at_any_moment_leaves_both_versions_readable(tmp_path):
    """A process saving in a loop, killed with SIGKILL 40 times: the work file and its previous
    version are whole after every kill, and the next save leaves no temporary behind."""
    import random
    import signal
    import subprocess
    import sys
    import time

    path = tmp_path / "plan-provincial-banks.json"
    storage.write(path, "plan", {"title": "start", "round": 0})
    storage.write(path, "plan", {"title": "start", "round": 0})
    rounds = []
    rng = random.Random(7)
    for _ in range(40):
        before = path.stat().st_mtime_ns
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(path)])
        deadline = time.monotonic() + 20
        while path.stat().st_mtime_ns == before and time.monotonic() < deadline:
            time.sleep(0.005)  # wait until it is saving in its loop …
        time.sleep(rng.random() * 0.05)  # … then kill it somewhere mid-save
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = storage.read(path, "plan")  # raises on a half-written file
        storage.read(storage.backup_path(path), "plan")  # and so on the previous version
        rounds.append(data["round"])
    assert max(rounds) > 1, "the saver never got going: the test proved nothing"
    storage.write(path, "plan", {"title": "after", "round": -1})
    assert list(tmp_path.glob(".*.tmp")) == []
    assert storage.read(storage.backup_path(path), "plan")["round"] == rounds[-1]


def test_a_new_piece_of_work_never_takes_another_ones_file(tmp_path):
    first = storage.new_path("plan", "Banks", tmp_path)
    storage.write(first, "plan", {"title": "Banks"})
    second = storage.new_path("plan", "Banks", tmp_path)
    assert (first.name, second.name) == ("plan-banks.json", "plan-banks-2.json")
    first.unlink()  # only its previous version is left: the name stays taken
    storage.write(second, "plan", {"title": "Banks"})
    storage.backup_path(first).write_text("{}")
    assert storage.new_path("plan", "Banks", tmp_path).name == "plan-banks-3.json"


def test_trash_moves_the_work_and_its_previous_version(tmp_path):
    path = tmp_path / "plan-banks.json"
    storage.write(path, "plan", {"title": "Banks"})
    storage.write(path, "plan", {"title": "Banks 2"})
    moved = storage.trash(path)
    assert moved.parent.name == "trash" and not path.exists()
    assert storage.backup_path(moved).exists()
    assert storage.list_saved(tmp_path) == []
