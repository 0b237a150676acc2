"""One call per table: good rows as the tool's table, every other row reported with its number,
column and reason in the user's language; mapping recognised, chosen and remembered; templates."""

from __future__ import annotations

import pandas as pd
import pytest

from salestrain.core.i18n import language
from salestrain.ibm import pipeline
from salestrain.imports import (
    ImportFileError,
    load_customers,
    load_holdings,
    load_opportunities,
    mapping,
    templates,
)
from salestrain.imports.readers import read_grid
from salestrain.pingan import crosssell
from salestrain.postal import rules
from tests.imports.files import CUSTOMERS_ZH, GOOD_ROWS, csv_text, xlsx

MIXED = [CUSTOMERS_ZH, *GOOD_ROWS,
         ["坏数据公司", "电商卖家", "佛山", "南海", "abc", "陈"],  # row 5: revenue not a number
         ["", "电商卖家", "佛山", "南海", "5000", "陈"],  # row 6: no name
         ["负数公司", "电商卖家", "佛山", "南海", "-5", "陈"]]  # row 7: below zero


def test_mixed_rows_the_good_go_on_the_bad_are_listed_in_chinese(tmp_path):
    with language("zh"):
        result = load_customers(xlsx(MIXED), name="混合.xlsx", folder=tmp_path)
        lines = result.messages()
    assert result.accepted == 3 and result.rejected_rows == 3
    assert lines[0].startswith("第5行 · 月收入（元）：‘abc’不是数字")
    assert [r.row for r in result.rejected] == [5, 6, 7]
    assert [r.code for r in result.rejected] == ["not_number", "missing", "negative"]
    assert "第6行 · 客户名称：为空" in lines[1]


def test_a_csv_line_with_an_unquoted_thousands_comma_is_reported_not_lost(tmp_path):
    """`1,200` written without quotes splits one cell in two: the line used to be dropped
    without a word, and every later row number was off by one."""
    header = ",".join(CUSTOMERS_ZH)
    text = "\n".join([
        header,
        "岭南贸易有限公司,电商卖家,广州,天河,1,200,王芳",     # row 2: 1,200 unquoted
        "市财政局,政府及事业单位,广州,越秀,120万,李伟",       # row 3: good
        '甲公司,电商卖家,东莞,莞城,"8,000",陈静',          # row 4: quoted, good
        ",电商卖家,佛山,南海,3000,王芳",                  # row 5: no name
    ]) + "\n"
    with language("zh"):
        result = load_customers(text.encode("gbk"), name="清单.csv", folder=tmp_path)
        lines = result.messages()
    assert result.accepted == 2 and result.rejected_rows == 2
    assert [(r.row, r.code) for r in result.rejected] == [(2, "extra_cells"), (5, "missing")]
    assert lines[0].startswith("第2行 · 整行：比表头多出1个单元格")
    assert list(result.frame["name"]) == ["市财政局", "甲公司"]
    assert list(result.frame.index) == [3, 4]
    assert list(result.frame["monthly_revenue"]) == [1_200_000, 8_000]


def test_the_same_rows_in_english(tmp_path):
    with language("en"):
        result = load_customers(xlsx(MIXED), name="mixed.xlsx", folder=tmp_path)
    assert str(result.rejected[0]).startswith("Row 5 · 月收入（元）: ‘abc’ is not a number")


def test_customers_feed_grading_and_ownership(tmp_path):
    frame, _ = load_customers(xlsx(MIXED), name="c.xlsx", folder=tmp_path)
    customers = rules.customers_from_frame(frame)
    grades = {g.grade: g.customers for g in rules.grade_customers(customers)}
    assert grades["special"] == 1 and grades["grade2"] == 1 and grades["micro"] == 1
    units = rules.ownership(customers, lang="zh")
    assert units["佛山 · 大客户服务中心"] == 1  # the city as written in the file
    assert "岭南贸易有限公司" not in " ".join(units)


def test_customers_feed_the_bonus(tmp_path):
    rows = [["Customer name", "Monthly revenue", "Customer manager", "New business revenue",
             "New marketing gross margin", "Retained revenue"],
            ["A", "1200", "Chen", "30,000", "8000", "9万"],
            ["B", "1200", "Li", "10000", "2000", "50000"]]
    frame, _ = load_customers(csv_text(rows).encode(), name="c.csv", folder=tmp_path)
    assert rules.bonus_inputs(frame, "Chen") == {"new_revenue": 30_000.0, "new_margin": 8_000.0,
                                                 "retention": 90_000.0}
    assert rules.bonus_inputs(frame)["new_revenue"] == 40_000.0


OPPORTUNITIES = [["商机名称", "客户名称", "客户经理", "金额", "阶段", "状态", "赢率", "创建日期",
                  "预计成交日期"],
                 ["包裹合同", "甲公司", "陈", "30万", "确认资格", "", "50%", "2025年3月1日",
                  "2025-09-30"],
                 ["账单", "乙公司", "李", "1,200", "Proposed", "进行中", "0.75", "2025/4/1", ""],
                 ["签约", "丙公司", "王", "80000", "赢单", "", "", "2025-01-02", ""],
                 ["谈判中", "丁公司", "王", "100", "谈判", "", "", "2025-01-01", ""]]


def test_opportunities_as_the_pipeline_table(tmp_path):
    result = load_opportunities(xlsx(OPPORTUNITIES), name="o.xlsx", folder=tmp_path)
    frame = result.frame
    assert result.accepted == 3 and [r.code for r in result.rejected] == ["not_stage"]
    assert frame["stage"].tolist() == ["qualified", "proposed", "won"]
    assert frame["status"].tolist() == ["open", "open", "won"]  # won stage, no status: won
    assert frame["stage_entered"].tolist() == frame["created"].tolist()
    table = pipeline.weighted_pipeline(frame)
    assert table.loc["total", "value"] == 301_200
    assert table.loc["qualified", "deals"] == 1


HOLDINGS = [["客户编号", "客群", "产品", "渠道", "起始日期", "终止日期"],
            ["C1", "家庭客户", "车险", "寿险代理人", "2022-01-05", ""],
            ["C1", "家庭客户", "保障型寿险", "寿险代理人", "2023年4月1日", ""],
            ["C2", "车主", "信用卡", "银行客户经理", "2024/3/1", "2024/2/1"],
            ["C3", "", "基金定投", "理财顾问", "2024-06-01", ""]]


def test_holdings_as_the_cross_sell_table(tmp_path):
    result = load_holdings(xlsx(HOLDINGS), name="h.xlsx", folder=tmp_path)
    frame = result.frame
    assert list(frame.columns) == crosssell.COLUMNS
    assert [r.code for r in result.rejected] == ["end_before_start"]
    assert frame["subsidiary"].astype(str).tolist()[:2] == ["pc", "life"]  # from the product
    assert frame["product"].astype(str).tolist()[-1] == "基金定投"
    summary = crosssell.summary(frame, "2024-12-31")
    assert summary["customers"] == 2 and summary["contracts"] == 3


def test_a_required_column_the_file_lacks_is_named(tmp_path):
    rows = [["客户名称", "地市"], ["甲", "广州"]]
    with language("zh"), pytest.raises(ImportFileError) as caught:
        load_customers(xlsx(rows), name="c.xlsx", folder=tmp_path)
    assert caught.value.code == "columns_missing" and "月收入" in str(caught.value)


def test_a_mapping_given_by_header(tmp_path):
    rows = [["公司", "本月发生额", "备注"], ["甲", "1000", "x"], ["乙", "2000", ""]]
    frame, rejected = load_customers(xlsx(rows), {"name": "公司", "monthly_revenue": "本月发生额"},
                                     name="c.xlsx", folder=tmp_path)
    assert frame["monthly_revenue"].tolist() == [1000, 2000] and rejected == []


def test_the_mapping_is_remembered_for_the_same_layout(tmp_path):
    rows = [["公司", "本月发生额", "备注"], ["甲", "1000", "x"]]
    grid = read_grid(xlsx(rows), "c.xlsx")
    layout = mapping.find_layout(grid, "customers")
    assert mapping.remembered(layout, "customers", tmp_path) is None
    mapping.remember(layout, "customers", {"name": 0, "monthly_revenue": 1}, tmp_path)
    result = load_customers(xlsx(rows + [["乙", "5", ""]]), name="next.xlsx", folder=tmp_path)
    assert result.remembered and result.frame["monthly_revenue"].tolist() == [1000, 5]
    other = [["公司", "本月发生额"], ["甲", "1"]]  # another layout: not remembered
    with pytest.raises(ImportFileError):
        load_customers(xlsx(other), name="other.xlsx", folder=tmp_path)


@pytest.mark.parametrize(("headers", "expected"), [
    (["Customer name", "Monthly revenue"], {"name": 0, "monthly_revenue": 1}),
    (["客户名称\nCustomer name", "月收入\nMonthly revenue"], {"name": 0, "monthly_revenue": 1}),
    (["单位名称", "2025年月收入（万元）"], {"name": 0, "monthly_revenue": 1}),  # contains 月收入
    (["月收入", "新增收入"], {"monthly_revenue": 0, "new_revenue": 1}),
])
def test_headers_recognised(headers, expected):
    layout = mapping.Layout(0, headers)
    found = {k: v for k, v in mapping.guess(layout, "customers").items() if v is not None}
    assert found == expected


@pytest.mark.parametrize("table_name", ["customers", "opportunities", "holdings"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_template_imports_its_example_row(tmp_path, table_name, lang):
    path = templates.write_template(table_name, tmp_path, lang)
    result = {"customers": load_customers, "opportunities": load_opportunities,
              "holdings": load_holdings}[table_name](path, folder=tmp_path)
    assert result.accepted == 1 and result.rejected == []
    assert all(v is not None for k, v in result.mapping.items())  # every column recognised


def test_templates_are_the_same_bytes_every_time():
    assert templates.template_bytes("holdings") == templates.template_bytes("holdings")


def test_the_result_reads_as_a_summary(tmp_path):
    with language("zh"):
        result = load_customers(xlsx(MIXED), name="混合.xlsx", folder=tmp_path)
    text = repr(result)
    assert text.splitlines()[0] == "“混合.xlsx”：导入3行，3行有问题。"
    assert isinstance(result.frame, pd.DataFrame)
