"""The upload panel driven from Python, and each analytical tool taking the imported table."""

from __future__ import annotations

from datetime import date

from salestrain.ibm import pipeline
from salestrain.ibm.widgets.pipeline_board import PipelineBoard
from salestrain.imports import templates
from salestrain.imports.widgets import ImportPanel
from salestrain.pingan.widgets.cross_sell import CrossSellExplorer
from salestrain.postal.widgets.calculators import BonusCalculator, GradingForm
from tests.imports.files import OLD_XLS, csv_text, xlsx
from tests.imports.test_tables import HOLDINGS, MIXED, OPPORTUNITIES


def test_upload_maps_imports_and_reports_the_rejected_rows(tmp_path):
    got = []
    panel = ImportPanel("customers", on_import=got.append, folder=tmp_path, lang="zh")
    content = xlsx(MIXED)
    panel.upload("混合.xlsx", content)
    assert len(got) == 1 and got[0].accepted == 3
    assert panel.status_text() == "“混合.xlsx”：导入3行，3行有问题。"
    assert "第5行" not in panel.report_view.value  # rows are listed in a table …
    assert "<td" in panel.report_view.value and "‘abc’不是数字" in panel.report_view.value
    assert panel.mapping()["monthly_revenue"] == 4
    assert panel.dropdowns["monthly_revenue"].label == "月收入（元）"
    # the file is kept in the work folder only, and the widget forgets its bytes
    assert (tmp_path / "imports" / "customers.xlsx").read_bytes() == content
    assert panel.file_upload.value == ()


def test_changing_a_column_re_imports_and_is_remembered(tmp_path):
    got = []
    rows = [["公司", "月收入", "上月收入"], ["甲", "1000", "9"], ["乙", "2000", "8"]]
    panel = ImportPanel("customers", on_import=got.append, folder=tmp_path)
    panel.upload("a.xlsx", xlsx(rows))
    assert got[-1].frame["monthly_revenue"].tolist() == [1000, 2000]
    panel.choose("monthly_revenue", "上月收入")
    assert got[-1].frame["monthly_revenue"].tolist() == [9, 8]
    again = ImportPanel("customers", on_import=got.append, folder=tmp_path)
    again.upload("b.xlsx", xlsx(rows))
    assert got[-1].frame["monthly_revenue"].tolist() == [9, 8]
    assert "remembered" in again.mapping_box.children[1].value


def test_a_mapping_without_a_required_column_imports_nothing(tmp_path):
    got = []
    panel = ImportPanel("customers", on_import=got.append, folder=tmp_path)
    panel.upload("c.xlsx", xlsx(MIXED))
    panel.choose("monthly_revenue", None)
    assert len(got) == 1
    assert panel.error.startswith("Choose the column that holds: Monthly revenue")


def test_a_refused_file_changes_nothing(tmp_path):
    explorer = CrossSellExplorer(own_data=True, folder=tmp_path)
    before = explorer.metrics()
    explorer.import_panel.upload("old.xlsx", OLD_XLS)
    assert explorer.metrics() == before
    assert "Excel 97–2003" in explorer.import_panel.status_text()
    assert 'role="alert"' in explorer.import_panel.status.value


def test_the_explorer_takes_imported_holdings_and_goes_back(tmp_path):
    explorer = CrossSellExplorer(own_data=True, folder=tmp_path)
    sample = explorer.metrics()["customers"]
    explorer.import_panel.upload("h.csv", csv_text(HOLDINGS).encode("gbk"))
    assert explorer.as_of == date(2024, 6, 1)
    assert explorer.metrics()["customers"] == 2
    assert "基金定投" in [p for _, p in explorer._a.options]
    explorer.import_panel.reset()
    assert explorer.metrics()["customers"] == sample


def test_the_board_takes_imported_opportunities(tmp_path):
    board = PipelineBoard(pipeline.shipped(), on=date(2013, 7, 1), own_data=True,
                          folder=tmp_path, lang="zh")
    board.import_panel.upload("o.xlsx", xlsx(OPPORTUNITIES))
    assert board.table().loc["total", "deals"] == 2
    assert "包裹合同" in board.board_view.value
    assert board.on == date(2025, 4, 1)


def test_grading_and_bonus_take_imported_customers(tmp_path):
    form = GradingForm(own_data=True, folder=tmp_path, lang="zh")
    form.import_panel.upload("c.xlsx", xlsx(MIXED))
    assert [r.customers for r in form.grade_rows] == [1, 0, 1, 0, 1]
    assert "佛山 · 大客户服务中心" in form.result.value
    bonus = BonusCalculator(own_data=True, folder=tmp_path)
    rows = [["Customer name", "Monthly revenue", "New business revenue",
             "New marketing gross margin", "Retained revenue"], ["A", "1", "40000", "10000",
                                                                 "1,100,000"]]
    bonus.import_panel.upload("b.csv", csv_text(rows).encode())
    assert bonus.inputs["new_revenue"].value == "40,000"
    assert bonus.last is not None and bonus.last.new_business == 50_000


def test_the_template_button_writes_the_template_into_exports(tmp_path):
    panel = ImportPanel("holdings", folder=tmp_path)
    path = panel.download_template()
    assert path == tmp_path / "exports" / templates.file_name("holdings")
    assert path.read_bytes() == templates.template_bytes("holdings", "en")
    assert path.name in panel.status.value


def test_trainee_text_is_escaped_in_the_report(tmp_path):
    rows = [["客户名称", "月收入"], ["<b>x</b>", "<script>"]]
    panel = ImportPanel("customers", folder=tmp_path)
    panel.upload("x.xlsx", xlsx(rows))
    assert "<script>" not in panel.report_view.value and "&lt;script&gt;" in \
        panel.report_view.value
