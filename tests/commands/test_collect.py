"""`salestrain collect`: good, half-done and corrupt submissions roll up; nothing stops it."""

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from salestrain.commands import cli, collect
from salestrain.core import storage
from salestrain.hp.plan import IndustryPlan
from salestrain.ibm import ssm
from salestrain.postal.canvas import SystemCanvas, export_capstone


@pytest.fixture
def classroom(tmp_path: Path) -> Path:
    root = tmp_path / "class"
    # a good trainee: the three pieces in their own folder
    good = root / "wang-fang"
    IndustryPlan.example("en").save(good)
    ssm.example().save(good)
    SystemCanvas.example("en").save(good)
    # half done: a partial plan and a partial canvas, no opportunity; one corrupt file
    half = root / "li-wei"
    plan = IndustryPlan()
    plan.set("title", "=HYPERLINK(\"http://x\")")
    plan.set("targets.proposed.value", "120万")
    plan.save(half)
    canvas = SystemCanvas()
    canvas.set("title", "<b>my</b> canvas")
    canvas.save(half)
    (half / "opportunity-broken.json").write_text("{not json", encoding="utf-8")
    # foreign / wrong-shaped files
    (half / "notes.json").write_text('{"hello": 1}', encoding="utf-8")
    storage.write(half / "opportunity-bad.json", "opportunity", {"current_step": 99})
    storage.write(half / "other.json", "haier-sim", {"x": 1})
    # a root-level capstone file naming its trainee, and a name__file pair
    export_capstone(IndustryPlan.example("en"), ssm.example(), SystemCanvas.example("en"),
                    trainee="<b>Zhao</b> Lei", folder=root)
    SystemCanvas.example("zh").save(root).rename(root / "chen-jing__canvas.json")
    return root


def test_rollup_reads_good_half_and_lists_every_bad_file(classroom):
    rollup = collect.collect(classroom)
    assert sorted(rollup.submissions) == ["<b>Zhao</b> Lei", "chen-jing", "li-wei", "wang-fang"]
    good = collect.row(rollup.submissions["wang-fang"], "en")
    assert good[1] == 100 and good[5] == 100 and good[4] > 0
    half = collect.row(rollup.submissions["li-wei"], "en")
    assert half[2] == "1,200,000"
    assert "no opportunity" in half[6] and "Plan:" in half[6] and "Canvas:" in half[6]
    problems = dict(rollup.problems)
    assert set(problems) == {"li-wei/opportunity-broken.json", "li-wei/notes.json",
                             "li-wei/opportunity-bad.json", "li-wei/other.json"}
    assert "not valid JSON" in problems["li-wei/opportunity-broken.json"]
    assert "current_step" in problems["li-wei/opportunity-bad.json"]
    assert "haier-sim" in problems["li-wei/other.json"]
    zhao = collect.row(rollup.submissions["<b>Zhao</b> Lei"], "en")
    assert zhao[1] == 100 and zhao[5] == 100


def test_cli_writes_escaped_html_and_neutralised_excel(classroom, capsys):
    assert cli.main(["collect", str(classroom)]) == 0
    printed = capsys.readouterr().out
    assert "4 trainees" in printed and "4 unreadable" in printed
    html = (classroom / "rollup.html").read_text("utf-8")
    assert "<b>Zhao</b>" not in html and "&lt;b&gt;Zhao&lt;/b&gt; Lei" in html
    assert "opportunity-broken.json" in html
    wb = load_workbook(classroom / "rollup.xlsx")
    cells = [c.value for ws in wb for r in ws.iter_rows() for c in r if c.value is not None]
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)


def test_cli_in_chinese_and_other_out_folder(classroom, tmp_path):
    out = tmp_path / "out"
    assert cli.main(["collect", str(classroom), "--out", str(out), "--lang", "zh"]) == 0
    assert "学员作业汇总" in (out / "rollup.html").read_text("utf-8")


def test_cli_refuses_a_missing_folder(tmp_path, capsys):
    assert cli.main(["collect", str(tmp_path / "nope")]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_empty_folder_gives_empty_rollup(tmp_path):
    rollup = collect.collect(tmp_path)
    assert rollup.submissions == {} and rollup.problems == []
    xlsx, html = collect.write(rollup, tmp_path)
    assert xlsx.exists() and json.dumps(html.read_text("utf-8"))
