"""`salestrain collect` against the attacks of the security review (items 7 and 8).

Item 7: one hostile file in one trainee's folder (JSON nested a thousand deep, a name with
terminal control characters or bytes that are not UTF-8, a newline that fakes summary lines, a
junk envelope) must never stop the class's roll-up: it is listed with its reason and the rest
rolls up. Item 8: the roll-up (run by root or the instructor) must never write through a link a
trainee planted, nor into a folder a trainee can change. Each test mounts the attack as a
trainee would.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from salestrain.commands import cli, collect, untrusted
from salestrain.core import storage
from salestrain.hp.plan import IndustryPlan
from salestrain.ibm import ssm
from salestrain.postal.canvas import SystemCanvas

NOBODY = 65534
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="other users' folders need root")


@pytest.fixture
def classroom(tmp_path: Path) -> Path:
    """One sound trainee, whose work must roll up whatever the others hand in."""
    root = tmp_path / "class"
    IndustryPlan.example("en").save(root / "wang-fang")
    ssm.example().save(root / "wang-fang")
    return root


def _roll_up(root: Path, out: Path, capsys) -> tuple[list[str], str, list[object]]:
    """Run the command line: the lines it printed, the HTML page and every spreadsheet cell."""
    assert cli.main(["collect", str(root), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    html = (out / "rollup.html").read_text("utf-8")
    assert html.rstrip().endswith("</html>")
    wb = load_workbook(out / "rollup.xlsx")
    cells = [c.value for ws in wb for r in ws.iter_rows() for c in r if c.value is not None]
    return printed, html, cells


def _wang_fang_rolled_up(rollup: collect.Rollup) -> None:
    sub = rollup.submissions["wang-fang"]
    assert sub.plan is not None and sub.opportunity is not None and sub.files == 2


def _envelope(kind: str, data: object) -> str:
    return json.dumps({"salestrain": kind, "schema": 1, "data": data})


# --- item 7 (a): nesting ----------------------------------------------------------------------


def test_json_nested_a_thousand_deep_is_listed_and_the_rest_rolls_up(classroom, tmp_path,
                                                                      capsys):
    deep = '{"salestrain": "plan", "schema": 1, "data": {"title": ' + "[" * 1000 + \
        "]" * 1000 + "}}"
    assert len(deep) < 2100
    (classroom / "li-wei").mkdir()
    (classroom / "li-wei" / "plan-deep.json").write_text(deep, encoding="utf-8")
    printed, html, _ = _roll_up(classroom, tmp_path / "out", capsys)
    rollup = collect.collect(classroom)
    _wang_fang_rolled_up(rollup)
    assert "nested more than 64" in dict(rollup.problems)["li-wei/plan-deep.json"]
    assert "li-wei/plan-deep.json" in html
    assert any(line.startswith("  li-wei/plan-deep.json: ") for line in printed)


def test_deep_nesting_inside_a_capstone_and_a_huge_number_are_listed(classroom):
    deep = "[" * 5000 + "]" * 5000
    (classroom / "capstone-zhao.json").write_text(
        '{"salestrain": "capstone", "schema": 1, "data": {"plan": ' + deep + "}}", "utf-8")
    (classroom / "li-wei").mkdir()
    (classroom / "li-wei" / "plan-big.json").write_text(
        '{"salestrain": "plan", "schema": 1, "data": {"title": ' + "9" * 5000 + "}}", "utf-8")
    rollup = collect.collect(classroom)
    _wang_fang_rolled_up(rollup)
    problems = dict(rollup.problems)
    assert "nested more than" in problems["capstone-zhao.json"]
    assert "li-wei/plan-big.json" in problems
    assert "zhao" not in rollup.submissions


def test_a_number_no_plan_can_hold_is_listed(classroom):
    data = IndustryPlan.example("en").to_dict()
    data["sales_history"][0]["year"] = float("inf")  # json writes Infinity, and reads it back
    (classroom / "li-wei").mkdir()
    (classroom / "li-wei" / "plan-inf.json").write_text(_envelope("plan", data), "utf-8")
    rollup = collect.collect(classroom)
    _wang_fang_rolled_up(rollup)
    assert "could not be read as saved work" in dict(rollup.problems)["li-wei/plan-inf.json"]


def test_a_flood_of_entries_in_one_folder_stops_only_that_trainee(classroom):
    li = classroom / "li-wei"
    li.mkdir()
    for i in range(untrusted.MAX_ENTRIES + 1):
        (li / f"n{i:04}.txt").write_bytes(b"")
    rollup = collect.collect(classroom)
    _wang_fang_rolled_up(rollup)
    assert "more than 2000 entries" in dict(rollup.skipped)["li-wei"]


def test_a_flood_of_bytes_in_one_folder_stops_only_that_trainee(classroom):
    li = classroom / "li-wei"
    li.mkdir()
    count = untrusted.MAX_FOLDER_BYTES // untrusted.MAX_FILE_BYTES + 1
    for i in range(count):
        with (li / f"plan-{i:02}.json").open("wb") as fh:
            fh.truncate(untrusted.MAX_FILE_BYTES)  # sparse: costs the reader, not the disk
    rollup = collect.collect(classroom)
    _wang_fang_rolled_up(rollup)
    assert "more than 32 MB" in dict(rollup.skipped)[f"li-wei/plan-{count - 1:02}.json"]
    assert len(rollup.problems) == count - 1


def test_a_deep_import_summary_is_listed_and_the_rest_rolls_up(classroom):
    imports = classroom / "li-wei" / "imports"
    imports.mkdir(parents=True)
    (imports / "summary.yaml").write_text("- " * 2000 + "x\n", encoding="utf-8")
    (classroom / "chen-jing" / "imports").mkdir(parents=True)
    (classroom / "chen-jing" / "imports" / "summary.yaml").write_text(
        "customers: {rows: " + "9" * 5000 + "}\n", encoding="utf-8")
    rollup = collect.collect(classroom)
    _wang_fang_rolled_up(rollup)
    problems = dict(rollup.problems)
    assert "li-wei/imports/summary.yaml" in problems
    assert "chen-jing/imports/summary.yaml" in problems


def test_the_nesting_scan_ignores_brackets_in_text():
    assert not untrusted.too_nested(b'{"a": "[[[[[[[[[[", "b": "\\"[[[[[[[["}', limit=2)
    assert untrusted.too_nested(b'{"a": [[["x"]]]}', limit=3)
    assert not untrusted.too_nested(b'{"a": [["x\\\\"]]}', limit=3)


# --- item 7 (b, c, d): names ------------------------------------------------------------------


def test_control_characters_in_names_break_neither_spreadsheet_nor_terminal(classroom, tmp_path,
                                                                             capsys):
    li = classroom / "li-wei"
    li.mkdir()
    (li / "plan-\x1b[2J\x07.json").write_text("{not json", encoding="utf-8")
    IndustryPlan.example("en").save(classroom / "zhao\x1b[31m-lei")
    storage.write(classroom / "capstone-x.json", "capstone",
                  {"trainee": "\x1b]0;owned\x07Chen \u202eJing",
                   "plan": IndustryPlan.example("en").to_dict()})
    printed, html, cells = _roll_up(classroom, tmp_path / "out", capsys)
    for text in ("\n".join(printed), html, *map(str, cells)):
        assert not any(ch in text for ch in "\x1b\x07\u202e")
    rollup = collect.collect(classroom)
    assert "li-wei/plan-\\x1b[2J\\x07.json" in dict(rollup.problems)
    assert "zhao\\x1b[31m-lei" in rollup.submissions
    assert "\\x1b]0;owned\\x07Chen \\u202eJing" in rollup.submissions
    assert "  li-wei/plan-\\x1b[2J\\x07.json: " + dict(rollup.problems)[
        "li-wei/plan-\\x1b[2J\\x07.json"] in printed
    _wang_fang_rolled_up(rollup)


def test_formula_names_are_neutralised_in_the_spreadsheet(classroom, tmp_path, capsys):
    IndustryPlan.example("en").save(classroom / '=HYPERLINK("http:x","y")')
    (classroom / "@SUM(1)__plan.json").write_text("{}", encoding="utf-8")
    _, _, cells = _roll_up(classroom, tmp_path / "out", capsys)
    assert not any(isinstance(v, str) and v.startswith(("=", "@", "+", "-")) for v in cells)
    assert "'=HYPERLINK(\"http:x\",\"y\")" in cells


def test_names_that_are_not_utf8_are_shown_and_every_output_is_whole(classroom, tmp_path,
                                                                     capsys):
    base = os.fsencode(classroom)
    os.mkdir(base + b"/li-wei")
    with open(base + b"/li-wei/\xd6\xd0\xce\xc4.json", "wb") as fh:  # 中文 in GBK
        fh.write(b"{not json")
    zhang = Path(os.fsdecode(base + b"/\xd5\xc5\xc8\xfd"))  # 张三
    IndustryPlan.example("en").save(zhang)
    printed, html, cells = _roll_up(classroom, tmp_path / "out", capsys)
    assert "  li-wei/\\xd6\\xd0\\xce\\xc4.json: " in "\n".join(printed)
    assert "\\xd5\\xc5\\xc8\\xfd" in html and "\\xd5\\xc5\\xc8\\xfd" in cells
    rollup = collect.collect(classroom)
    assert rollup.submissions["\\xd5\\xc5\\xc8\\xfd"].plan is not None
    _wang_fang_rolled_up(rollup)


def test_text_the_spreadsheet_cannot_hold_is_dropped_from_it(tmp_path):
    """Lone surrogates (JSON's "\\ud800") and control characters in a trainee's own text."""
    from salestrain.core import report

    doc = report.Report("t", [report.Section("s", ["\x07=cmd", "a\ud800b"], [report.Table(
        "x", ["c"], [["\x1b[2Jbad"], ["ok\tfine\n"]])])])
    wb = load_workbook(report.to_xlsx(doc, tmp_path / "r.xlsx"))
    cells = [c.value for ws in wb for r in ws.iter_rows() for c in r if c.value is not None]
    assert "'=cmd" in cells and "a\ufffdb" in cells and "[2Jbad" in cells
    assert "ok\tfine\n" in cells


def test_a_failed_write_leaves_the_previous_rollup_whole(classroom, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "rollup.xlsx").write_bytes(b"old xlsx")
    (out / "rollup.html").write_text("old html", encoding="utf-8")

    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(collect, "to_html_page", broken)
    with pytest.raises(RuntimeError):
        collect.write(collect.collect(classroom), out, "en")
    assert sorted(p.name for p in out.iterdir()) == ["rollup.html", "rollup.xlsx"]
    assert (out / "rollup.xlsx").read_bytes() == b"old xlsx"
    assert (out / "rollup.html").read_text("utf-8") == "old html"


def test_a_newline_in_a_name_adds_no_line_to_the_summary(classroom, capsys, tmp_path):
    fake = "\n  zhao-lei: handed in, all checks passed"
    li = classroom / "li-wei"
    li.mkdir()
    (li / f"plan{fake}.json").write_text("{not json", encoding="utf-8")
    (li / f"notes{fake}.txt").write_text("x", encoding="utf-8")
    (classroom / f"chen-jing{fake}").mkdir()
    (classroom / f"chen-jing{fake}" / "plan-x.json").write_text("[]", encoding="utf-8")
    printed, _, _ = _roll_up(classroom, tmp_path / "out", capsys)
    rollup = collect.collect(classroom)
    listed = len(rollup.problems) + sum(not n.endswith(".bak") for n, _ in rollup.skipped)
    assert len(printed) == 2 + listed == 5
    assert not any(line.lstrip().startswith("zhao-lei") for line in printed)


def test_shown_names_escape_what_a_terminal_would_act_on():
    shown = untrusted.shown
    assert shown("plan\x1b[2J\x07\n.json") == "plan\\x1b[2J\\x07\\n.json"
    assert shown(os.fsdecode(b"\xd6\xd0.json")) == "\\xd6\\xd0.json"
    assert shown("a\\x07") == "a\\\\x07"  # a typed backslash cannot pass for an escape
    assert shown("\u202egnp.json\u2028") == "\\u202egnp.json\\u2028"
    assert shown("a\ud800") == "a\\ud800"
    assert shown("李伟\u3000Wang Fang（一）") == "李伟\u3000Wang Fang（一）"


def test_a_hub_trainee_name_is_shown_once(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "plan-x.json").write_text("{not json", encoding="utf-8")
    rollup = collect.collect_folders([("odd\\name\x07", work, None)])
    assert [name for name, _ in rollup.problems] == ["odd\\\\name\\x07/plan-x.json"]
    assert list(rollup.submissions) == ["odd\\\\name\\x07"]


# --- item 7 (e): junk envelopes ---------------------------------------------------------------


def test_junk_envelopes_are_listed_not_counted_as_handed_in(classroom):
    li = classroom / "li-wei"
    li.mkdir()
    for name, kind, data in [("plan-empty.json", "plan", {}),
                             ("plan-junk.json", "plan", {"junk": [1, 2]}),
                             ("opportunity-junk.json", "opportunity", {"x": "y"}),
                             ("canvas-junk.json", "canvas", {}),
                             ("plan-garbage.json", "plan", "garbage"),
                             ("plan-list.json", "plan", [1])]:
        (li / name).write_text(_envelope(kind, data), encoding="utf-8")
    (li / "plan-bare.json").write_text('{"salestrain": "plan"}', encoding="utf-8")
    (classroom / "capstone-zhao.json").write_text(_envelope("capstone", {}), "utf-8")
    (classroom / "capstone-chen.json").write_text(
        _envelope("capstone", {"trainee": "chen", "plan": {"junk": 1}}), "utf-8")
    rollup = collect.collect(classroom)
    assert "li-wei" not in rollup.submissions  # nothing of theirs counts as handed in
    problems = dict(rollup.problems)
    assert set(problems) >= {f"li-wei/{n}" for n in (
        "plan-empty.json", "plan-junk.json", "opportunity-junk.json", "canvas-junk.json",
        "plan-garbage.json", "plan-list.json", "plan-bare.json")} | {
        "capstone-zhao.json", "capstone-chen.json"}
    assert "none of a plan's fields" in problems["li-wei/plan-junk.json"]
    assert "zhao" not in rollup.submissions and "chen" not in rollup.submissions
    _wang_fang_rolled_up(rollup)


def test_real_work_still_counts_even_when_empty(tmp_path):
    root = tmp_path / "class"
    SystemCanvas().save(root / "li-wei")
    IndustryPlan(title="only a title").save(root / "li-wei")
    rollup = collect.collect(root)
    sub = rollup.submissions["li-wei"]
    assert sub.canvas is not None and sub.plan is not None and rollup.problems == []


# --- the hub: a trainee's work folder reached through a link they made ------------------------


@as_root
def test_on_a_hub_a_linked_course_folder_is_not_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    IndustryPlan.example("en").save(elsewhere / "work")
    home = tmp_path / "home-li"
    home.mkdir()
    (home / "course").symlink_to(elsewhere, target_is_directory=True)
    for path in (home, home / "course", elsewhere, elsewhere / "work",
                 *(elsewhere / "work").iterdir()):
        os.chown(path, NOBODY, NOBODY, follow_symlinks=False)
    rollup = collect.collect_folders([("li-wei", home / "course" / "work", NOBODY)])
    assert rollup.submissions["li-wei"].files == 0
    assert "link" in dict(rollup.skipped)["li-wei/"]
    (home / "course").unlink()
    (home / "course").mkdir()
    os.chown(home / "course", NOBODY, NOBODY)
    os.rename(elsewhere / "work", home / "course" / "work")
    rollup = collect.collect_folders([("li-wei", home / "course" / "work", NOBODY)])
    assert rollup.submissions["li-wei"].plan is not None


# --- item 8: where the roll-up is written -----------------------------------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file only root may read or write."""
    path = tmp_path / "root-only"
    path.write_text("root only", encoding="utf-8")
    path.chmod(0o600)
    return path


def _untouched(secret: Path) -> None:
    assert secret.read_text(encoding="utf-8") == "root only"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600 and secret.stat().st_uid == 0


def _refused(args: list[str], folder: Path) -> str:
    """The command refuses before reading the class: its own exit code and the message."""
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        assert cli.main(args) == cli.OUT_REFUSED
    message = said.getvalue()
    assert str(folder) in message and "~/class-rollup" in message
    return message


@as_root
def test_a_trainees_folder_with_a_planted_link_is_refused(classroom, tmp_path, secret):
    trap = tmp_path / "x-rollup"
    trap.mkdir()
    (trap / "rollup.html").symlink_to(secret)
    (trap / "rollup.xlsx").symlink_to(secret)
    os.chown(trap, NOBODY, NOBODY)
    message = _refused(["collect", str(classroom), "--out", str(trap)], trap)
    assert "belongs to another user" in message
    _untouched(secret)
    assert sorted(p.name for p in trap.iterdir()) == ["rollup.html", "rollup.xlsx"]


@as_root
def test_a_folder_anyone_can_write_to_is_refused(classroom, tmp_path, secret):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    (shared / "rollup.html").symlink_to(secret)
    message = _refused(["collect", str(classroom), "--out", str(shared)], shared)
    assert "other users can write to" in message
    _untouched(secret)
    assert [p.name for p in shared.iterdir()] == ["rollup.html"]


@as_root
def test_a_folder_in_a_parent_anyone_can_change_is_refused(classroom, tmp_path, secret):
    parent = tmp_path / "drop"
    parent.mkdir()
    parent.chmod(0o777)  # no sticky bit: anyone can rename or swap what is in it
    message = _refused(["collect", str(classroom), "--out", str(parent / "class-rollup")],
                       parent)
    assert "could swap" in message
    assert list(parent.iterdir()) == []
    (parent / "class-rollup").mkdir(mode=0o700)  # even a folder root made itself
    _refused(["collect", str(classroom), "--out", str(parent / "class-rollup")], parent)
    assert list((parent / "class-rollup").iterdir()) == []


@as_root
def test_on_a_hub_the_default_out_folder_in_a_shared_folder_is_refused(tmp_path, secret,
                                                                       monkeypatch):
    """`collect --hub` from a folder trainees can write to (its default is ./class-rollup)."""
    work = tmp_path / "home-li" / "course" / "work"
    IndustryPlan.example("en").save(work)
    for path in (work.parent.parent, work.parent, work, *work.iterdir()):
        os.chown(path, NOBODY, NOBODY)
    monkeypatch.setattr(cli, "hub_folders", lambda: [("li-wei", work, NOBODY)])
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    (shared / "class-rollup").symlink_to(tmp_path / "secret-dir", target_is_directory=True)
    (tmp_path / "secret-dir").mkdir(mode=0o700)
    monkeypatch.chdir(shared)
    _refused(["collect", "--hub"], shared)
    assert list((tmp_path / "secret-dir").iterdir()) == []
    (shared / "class-rollup").unlink()
    _refused(["collect", "--hub"], shared)
    assert list(shared.iterdir()) == []
    own = tmp_path / "instructor"
    own.mkdir(mode=0o755)
    monkeypatch.chdir(own)
    assert cli.main(["collect", "--hub"]) == 0
    assert "li-wei" in (own / "class-rollup" / "rollup.html").read_text("utf-8")


@as_root
def test_refusal_from_the_command_line_is_a_message_not_a_traceback(classroom, tmp_path,
                                                                    secret):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    (shared / "rollup.xlsx").symlink_to(secret)
    done = subprocess.run([sys.executable, "-m", "salestrain.commands.cli", "collect",
                           str(classroom), "--out", str(shared), "--lang", "zh"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == cli.OUT_REFUSED, done.stderr
    assert "Traceback" not in done.stderr and str(shared) in done.stderr
    assert "汇总未写出" in done.stderr and "~/class-rollup" in done.stderr
    _untouched(secret)


def test_a_new_folder_is_made_private_and_written(classroom, tmp_path):
    parent = tmp_path / "reports"
    parent.mkdir(mode=0o755)
    out = parent / "week-1" / "class-rollup"
    xlsx, html = collect.write(collect.collect(classroom), out, "en")
    assert (xlsx, html) == (out / "rollup.xlsx", out / "rollup.html")
    for folder in (out, out.parent):
        assert stat.S_IMODE(folder.stat().st_mode) & 0o027 == 0
    for path in (xlsx, html):
        assert stat.S_ISREG(path.lstat().st_mode)
        assert stat.S_IMODE(path.stat().st_mode) & 0o037 == 0
    assert "wang-fang" in html.read_text("utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["rollup.html", "rollup.xlsx"]


def test_a_planted_link_in_an_own_folder_is_replaced_not_followed(classroom, tmp_path, secret):
    out = tmp_path / "own"
    out.mkdir(mode=0o700)
    (out / "rollup.xlsx").symlink_to(secret)
    (out / "rollup.html").symlink_to(tmp_path / "nowhere.html")
    xlsx, html = collect.write(collect.collect(classroom), out, "en")
    _untouched(secret)
    assert not (tmp_path / "nowhere.html").exists()
    assert not xlsx.is_symlink() and not html.is_symlink()
    assert load_workbook(xlsx).sheetnames
