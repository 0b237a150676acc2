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
    rollup.attach(out, tmp_path)
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
    rollup.attach(out, tmp_path)
    assert rollup.sections(out) == []
