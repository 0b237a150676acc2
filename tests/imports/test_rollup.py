"""The instructor sees only aggregates of a trainee's own list: counts, totals, grades."""

from __future__ import annotations

from salestrain.commands import collect
from salestrain.core import report
from salestrain.imports import load_customers, load_holdings, load_opportunities, rollup
from tests.imports.files import xlsx
from tests.imports.test_tables import HOLDINGS, MIXED, OPPORTUNITIES

NAMES = ["岭南贸易有限公司", "市财政局", "小店", "坏数据公司", "甲公司", "包裹合同", "C1",
         "基金定投"]


def hand_in(folder):
    for load, rows in ((load_customers, MIXED), (load_opportunities, OPPORTUNITIES),
                       (load_holdings, HOLDINGS)):
        rollup.save_summary(load(xlsx(rows), name="x.xlsx", folder=folder), folder)


def test_the_summary_holds_counts_and_totals_and_no_name(tmp_path):
    hand_in(tmp_path)
    text = rollup.summary_path(tmp_path).read_text(encoding="utf-8")
    assert not [n for n in NAMES if n in text]
    saved = rollup.read_summary(tmp_path)
    assert saved["customers"]["rows"] == 3 and saved["customers"]["rejected"] == 3
    assert saved["customers"]["by"]["special"] == 1
    assert saved["opportunities"]["total"] == 301_200  # open value
    assert saved["holdings"]["by"] == {"car": 1, "life_protection": 1, "other": 1}


def test_the_roll_up_adds_a_section_of_aggregates(tmp_path):
    hand_in(tmp_path / "li-wei" )
    (tmp_path / "wang-fang").mkdir()
    out = collect.collect(tmp_path)
    doc = collect.to_report(out, "zh")
    own = [s for s in doc.sections if s.heading == "学员导入的自有数据（仅汇总数字）"]
    assert len(own) == 1
    rows = own[0].tables[0].rows
    assert [r[:4] for r in rows] == [["li-wei", "客户清单", "3", "3"],
                                     ["li-wei", "商机清单", "3", "1"],
                                     ["li-wei", "客户持有产品清单", "3", "1"]]
    assert "特级 1" in rows[0][5]
    page = report.to_html(doc)
    assert not [n for n in NAMES if n in page]


def test_no_import_no_section(tmp_path):
    out = collect.collect(tmp_path)
    assert rollup.sections(out) == []


def test_a_summary_edited_by_hand_shows_no_typed_text(tmp_path):
    """The roll-up reads summaries from folders trainees control: only numbers and the
    course's own keys get through, whatever the file holds."""
    folder = tmp_path / "li-wei" / "imports"
    folder.mkdir(parents=True)
    (folder / "summary.yaml").write_text(
        "customers:\n  rows: 3\n  total: 1200\n  name: 岭南贸易有限公司\n"
        "  by: {special: 1, 岭南贸易有限公司: 5, grade1: [1]}\n"
        "opportunities: 市财政局\nsecrets: {甲公司: 1}\n", encoding="utf-8")
    out = collect.collect(tmp_path)
    assert out.imports == {"li-wei": {"customers": {"rows": 3, "total": 1200,
                                                    "by": {"special": 1}}}}
    page = report.to_html(collect.to_report(out, "zh"))
    assert not [n for n in NAMES if n in page]


def test_a_summary_that_is_a_named_pipe_does_not_stop_the_roll_up(tmp_path):
    import os
    import threading

    folder = tmp_path / "li-wei" / "imports"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "summary.yaml")
    done = {}
    worker = threading.Thread(target=lambda: done.setdefault("r", collect.collect(tmp_path)),
                              daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive()
    assert "fifo" in dict(done["r"].skipped)["li-wei/imports/summary.yaml"]
