"""`salestrain collect` over folders trainees control: pipes, links, huge and foreign files.

Each case here once broke the roll-up (a named pipe hung it with nothing written; a link made
one trainee's plan count as another's). The roll-up must read regular files only, never follow
a link, cap what it reads, list every entry it skipped with the reason, and always finish.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from salestrain.commands import cli, collect, untrusted
from salestrain.hp.plan import IndustryPlan
from salestrain.ibm import ssm
from salestrain.postal.canvas import SystemCanvas


def _finishes(func, *args):
    """Run `func` in a thread; a roll-up that blocks on a pipe never returns."""
    result: dict = {}
    worker = threading.Thread(target=lambda: result.setdefault("value", func(*args)),
                              daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "the roll-up blocked"
    return result["value"]


@pytest.fixture
def two_trainees(tmp_path: Path) -> Path:
    root = tmp_path / "class"
    IndustryPlan.example("en").save(root / "wang-fang")
    ssm.example().save(root / "wang-fang")
    SystemCanvas().save(root / "li-wei")
    return root


def _reasons(rollup: collect.Rollup) -> dict[str, str]:
    return dict(rollup.skipped)


def test_a_named_pipe_is_skipped_and_the_rollup_is_written(two_trainees, tmp_path):
    os.mkfifo(two_trainees / "li-wei" / "plan-evil.json")
    os.mkfifo(two_trainees / "li-wei" / "notes.txt")
    out = tmp_path / "out"
    code = _finishes(cli.main, ["collect", str(two_trainees), "--out", str(out)])
    assert code == 0
    assert (out / "rollup.xlsx").stat().st_size > 0
    rollup = _finishes(collect.collect, two_trainees)
    reasons = _reasons(rollup)
    assert "not a regular file (fifo)" in reasons["li-wei/plan-evil.json"]
    assert "fifo" in reasons["li-wei/notes.txt"]
    assert sorted(rollup.submissions) == ["li-wei", "wang-fang"]


def test_a_link_to_another_trainees_plan_is_not_counted(two_trainees):
    plan = next((two_trainees / "wang-fang").glob("plan-*.json"))
    (two_trainees / "li-wei" / "plan-copied.json").symlink_to(plan)
    (two_trainees / "li-wei" / "theirs").symlink_to(two_trainees / "wang-fang",
                                                    target_is_directory=True)
    rollup = collect.collect(two_trainees)
    assert rollup.submissions["li-wei"].plan is None
    assert rollup.submissions["wang-fang"].plan is not None
    reasons = _reasons(rollup)
    assert "link" in reasons["li-wei/plan-copied.json"]
    assert "link" in reasons["li-wei/theirs"]
    assert not any(name.startswith("li-wei/theirs/") for name in reasons)


def test_a_link_out_of_the_class_folder_is_never_read(two_trainees, tmp_path):
    secret = tmp_path / "secret.json"
    IndustryPlan.example("en").save(tmp_path / "elsewhere").rename(secret)
    (two_trainees / "li-wei" / "plan-secret.json").symlink_to(secret)
    rollup = collect.collect(two_trainees)
    assert rollup.submissions["li-wei"].plan is None
    assert "link" in _reasons(rollup)["li-wei/plan-secret.json"]


def test_a_huge_file_is_not_read(two_trainees):
    big = two_trainees / "li-wei" / "plan-huge.json"
    with big.open("wb") as fh:
        fh.truncate(untrusted.MAX_FILE_BYTES + 1)
    rollup = collect.collect(two_trainees)
    assert "larger than" in _reasons(rollup)["li-wei/plan-huge.json"]


def test_backups_and_other_files_are_listed_with_their_reason(two_trainees):
    folder = two_trainees / "wang-fang"
    plan = IndustryPlan.example("en")
    plan.save(folder)
    plan.save(folder)  # the second save keeps a .bak
    (folder / "photo.png").write_bytes(b"\x89PNG")
    (folder / ".ipynb_checkpoints").mkdir()
    reasons = _reasons(collect.collect(two_trainees))
    assert any(name.endswith(".json.bak") and "backup" in why for name, why in reasons.items())
    assert "not a saved work file" in reasons["wang-fang/photo.png"]
    assert "hidden folder" in reasons["wang-fang/.ipynb_checkpoints"]


def test_a_flood_of_files_stops_at_the_cap_and_says_so(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    for i in range(30):
        (folder / f"f{i:03}.txt").write_text("x")
    entries = list(untrusted.walk(folder, max_entries=10))
    assert len(entries) == 11  # ten read or listed, then one line saying the rest were not
    assert entries[-1].reason == "too_many"


def test_deep_nesting_stops_at_the_depth_limit(tmp_path):
    deep = tmp_path / "one"
    path = deep
    for i in range(10):
        path = path / f"d{i}"
    path.mkdir(parents=True)
    entries = list(untrusted.walk(deep, max_depth=3))
    assert [e.reason for e in entries] == ["too_deep"]


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_on_a_hub_a_file_owned_by_someone_else_is_not_counted(two_trainees):
    plan = next((two_trainees / "wang-fang").glob("plan-*.json"))
    os.chown(plan, 65534, 65534)
    me = os.getuid()
    rollup = collect.collect_folders([("wang-fang", two_trainees / "wang-fang", me)])
    assert rollup.submissions["wang-fang"].plan is None
    assert "owned by another user" in _reasons(rollup)[f"wang-fang/{plan.name}"]


def test_on_a_hub_a_linked_work_folder_is_not_followed(two_trainees, tmp_path):
    fake = tmp_path / "home-li"
    fake.mkdir()
    (fake / "work").symlink_to(two_trainees / "wang-fang", target_is_directory=True)
    rollup = collect.collect_folders([("li-wei", fake / "work", None),
                                      ("wang-fang", two_trainees / "wang-fang", None)])
    assert rollup.submissions["li-wei"].files == 0
    assert "link" in _reasons(rollup)["li-wei/"]
    assert rollup.submissions["wang-fang"].plan is not None


def test_a_folder_swapped_for_a_link_during_the_walk_is_not_entered(tmp_path):
    """A trainee swaps a folder already listed for a link to one only root may read: the walk
    opens each folder from the one above without following links, so it never goes in."""
    root = tmp_path / "class"
    (root / "a").mkdir(parents=True)
    (root / "a" / "x.json").write_text("{}", encoding="utf-8")
    (root / "b").mkdir()
    secret = tmp_path / "secret"
    secret.mkdir(mode=0o700)
    (secret / "plan.json").write_text('{"root": "only"}', encoding="utf-8")
    walk = untrusted.walk(root)
    assert next(walk).rel == "a/x.json"
    (root / "b").rmdir()
    (root / "b").symlink_to(secret, target_is_directory=True)
    assert [(e.rel, e.reason, e.raw) for e in walk] == [("b", "link", None)]


def test_a_users_folder_swapped_for_a_link_before_the_walk_is_not_entered(two_trainees):
    """On a hub the work folder is checked (`plain_folder`), then walked: a link swapped in
    between is refused too."""
    link = two_trainees / "li-wei-work"
    link.symlink_to(two_trainees / "wang-fang", target_is_directory=True)
    entries = list(untrusted.walk(link, owner_uid=os.getuid()))
    assert [(e.rel, e.reason) for e in entries] == [(".", "link")]
    assert len(list(untrusted.walk(link))) == 2  # a folder the instructor names may be a link
