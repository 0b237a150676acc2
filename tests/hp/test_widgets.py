"""HP widgets driven from Python: fill every field, see errors, export every format, reload."""

from __future__ import annotations

import json
from html import unescape

import pytest
from docx import Document

from salestrain.core import storage
from salestrain.core.i18n import language
from salestrain.hp import team_selling
from salestrain.hp.content import hp
from salestrain.hp.plan import IndustryPlan
from salestrain.hp.widgets.calculators import AccountScorer, PayCalculator
from salestrain.hp.widgets.plan_builder import PlanBuilder, shown


def fill_everything(builder: PlanBuilder, marker: str) -> None:
    """Type something into every field of the builder, adding one row per list section."""
    for section in ("product_lines", "executive_visits", "marketing_events"):
        builder.click(f"add:{section}")
    for path in list(builder.fields):
        name = path.rsplit(".", 1)[-1]
        if path == "industry":
            value = "finance_postal"
        elif name in ("year", "plan_year"):
            value = str(2011 + int(path.split(".")[1])) if "." in path else "2014"
        elif name in ("our_sales", "customer_purchases", "likely_investment", "sales",
                      "budget", "value"):
            value = "1,200"
        else:
            value = f"{marker} {path} <b>&"
        assert builder.set(path, value) == "", path


def test_builder_has_a_field_for_every_section_field(work_dir):
    b = PlanBuilder()
    for section in hp().plan_sections:
        if section.id in ("product_lines", "executive_visits", "marketing_events"):
            continue
        for field in section.fields:
            assert any(p.endswith(field.id) or p.endswith(f"{field.id}.value")
                       for p in b.fields), field.id
    assert len(b.tabs.children) == len(hp().plan_groups) + 1


def test_fill_every_field_export_every_format_and_reload(work_dir):
    b = PlanBuilder()
    assert b.meter.value == 0
    fill_everything(b, "甲")
    assert b.plan.completeness().score == 100 and b.meter.value == 100
    assert "✓" in b.missing.value
    saved = storage.path_for("plan", b.plan.title)
    assert saved.exists()  # autosaved on change
    for key, suffix in (("export_word", "docx"), ("export_excel", "xlsx"),
                        ("export_markdown", "md"), ("export_json", "json")):
        b.click(key)
        assert b.toolbar.last_export.suffix == f".{suffix}" and b.toolbar.last_export.exists()
        assert b.toolbar.last_export.name in b.status
    exported = json.loads(b.toolbar.last_export.read_text(encoding="utf-8"))
    assert IndustryPlan.from_dict(exported) == b.plan
    doc = Document(b.toolbar.last_export.with_suffix(".docx"))
    assert any("甲 customer_situation <b>&" in p.text for p in doc.paragraphs)

    again = PlanBuilder()
    again.toolbar.refresh_choices()
    again.toolbar.load_choice.value = saved.name
    again.click("load")
    assert again.plan == b.plan
    for path, field in b.fields.items():
        assert again.fields[path].control.value == field.control.value, path


def test_preview_escapes_trainee_text(work_dir):
    b = PlanBuilder()
    b.set("customer_situation", "<script>alert('x')</script>")
    b.set("title", "<img src=x onerror=alert(1)>")
    assert "<script>alert" not in b.preview.value and "&lt;script&gt;" in b.preview.value
    assert "<img src=x" not in b.preview.value
    assert "<script>" not in b.missing.value


def test_bad_number_shows_error_next_to_field_and_keeps_plan(work_dir):
    b = PlanBuilder()
    b.set("sales_history.1.our_sales", "1,500")
    message = b.set("sales_history.1.our_sales", "about a million")
    assert "not a number" in message
    assert "⚠" in b.fields["sales_history.1.our_sales"].error_text
    assert b.plan.sales_history[1].our_sales == 1500
    assert b.set("sales_history.1.our_sales", "150万") == ""
    assert b.plan.sales_history[1].our_sales == 1_500_000
    assert "not a year" in b.set("plan_year", "next year")


def test_completeness_meter_moves_with_each_field(work_dir):
    b = PlanBuilder()
    b.set("title", "Banks 2014")
    first = b.meter.value
    b.set("swot.threats", "A rival bank courier")
    assert b.meter.value > first
    assert "Threats" not in b.missing.value


def test_example_button_loads_the_worked_example_without_touching_saved_work(work_dir):
    b = PlanBuilder()
    b.set("title", "Mine")
    mine = storage.path_for("plan", "Mine").read_text(encoding="utf-8")
    b.click("example")
    assert b.plan == IndustryPlan.example("en")
    assert b.fields["swot.threats"].control.value == b.plan.swot.threats
    assert b.fields["likely_investment"].control.value == "21,000,000"
    assert len([p for p in b.fields if p.startswith("product_lines.")]) == 4 * 4
    assert storage.path_for("plan", "Mine").read_text(encoding="utf-8") == mine
    assert b.plan.completeness().score == 100


def test_rows_can_be_added_and_removed(work_dir):
    b = PlanBuilder()
    b.click("add:executive_visits")
    b.click("add:executive_visits")
    b.set("executive_visits.1.who", "GM")
    assert len(b.plan.executive_visits) == 2
    b.click("remove:executive_visits")
    assert len(b.plan.executive_visits) == 1
    assert "executive_visits.1.who" not in b.fields


def test_corrupt_saved_file_is_reported_and_kept(work_dir):
    b = PlanBuilder()
    b.set("title", "Banks")
    path = storage.path_for("plan", "Banks")
    path.write_text("{broken", encoding="utf-8")
    b.set("customer_situation", "more")
    assert "not valid JSON" in b.status
    assert path.read_text(encoding="utf-8") == "{broken"


def test_shown_numbers_parse_back_the_same():
    from salestrain.core.numbers import parse_number

    for value in (0.0, 1200.0, 1234567.0, 0.125, 12.75):
        assert parse_number(shown(value)) == value


def test_builder_in_chinese(work_dir):
    with language("zh"):
        b = PlanBuilder()
    assert b.tabs.titles[0] == "1 · 客户"
    b.click("example")
    assert b.plan.title == "省地税系统2014"
    assert "完成度" in b.meter_label.value


def test_scorer_reacts_to_weights_and_shows_errors():
    s = AccountScorer()
    assert len(s.scored) == 40 and "<table" in s.table.value and s.chart.value[:4] == b"\x89PNG"
    s.set_weights(volume=0, growth=1, share=0)
    growths = [x.candidate.growth for x in s.scored]
    assert growths == sorted(growths, reverse=True)
    s.set_weights(growth=0)
    assert "add up to 0" in s.error_text
    s.set_weights(share=1)
    assert s.error_text == ""
    s.cut_a.value = 10
    assert "must be above" in s.error_text


def test_pay_calculator_accepts_typed_input_and_refuses_impossible_plans():
    p = PayCalculator()
    assert p.plan.base_share == 0.6 and "<table" in p.table.value
    assert p.set("target_pay", "30万") == "" and p.plan.target_pay == 300_000
    assert "100 %" in p.set("variable_share", "50%")
    assert p.plan is None
    assert p.set("variable_share", "40%") == ""
    assert "negative" in p.set("target_pay", "-1")
    p.set("target_pay", "200,000")
    assert "exceeds" in p.set("pm_link", "45%")
    p.set("pm_link", "10%")
    assert p.set("accelerator", "0.5") != ""
    p.set("accelerator", "2")
    assert "not a number" in p.set("attainment", "lots")
    assert "negative" in p.set("revenue", "-1")
    p.set("revenue", "1,000万")
    assert "300,000" in p.credit_table.value  # 10 m x (2 % + 1 %)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_responsibility_chart(lang):
    view = team_selling.responsibility_chart(lang)
    assert view.html.count("<tr>") == 11
    assert team_selling.steps_of("account_manager") == [1, 2, 5, 6]
    columns, rows = team_selling.responsibility(lang)
    assert all(sum(c == "R" for c in row[1:]) == 1 for row in rows)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pay_calculator_shows_labelled_tables_and_readable_text(lang):
    calc = PayCalculator(lang=lang)
    # Every input an exercise needs is a field: plan, attainment, PM link, double credit.
    for key in ("target_pay", "base_share", "variable_share", "threshold", "accelerator", "cap",
                "pm_link", "attainment", "product_attainment", "account_attainment", "revenue",
                "account_rate", "product_rate"):
        assert key in calc.fields
    assert calc.set("account_attainment", "40%") == ""
    assert calc.pm_payout.linked_variable == 0 and calc.pm_payout.total == pytest.approx(180_000)
    assert calc.set("product_rate", "2%") == ""
    assert calc.credit.extra_cost == pytest.approx(200_000)
    texts = {"en": ["RMB 180,000", "RMB 200,000", "course's assumptions", "double credit"],
             "zh": ["18万元", "20万元", "双轨考核", "起奖线", "本课程的假设"]}[lang]
    shown = unescape(calc.pm_table.value + calc.credit_table.value
                     + calc.root.children[0].value
                     + "".join(f.label.value for f in calc.fields.values()))
    for bit in texts:
        assert bit in shown, bit
    assert "起付" not in shown and "双轨计算" not in shown
    assert "PayCalculator(" not in repr(calc) and "(" not in repr(calc).split("：")[0]


def test_widgets_read_as_sentences_not_python_objects(work_dir):
    scorer, calc, builder = AccountScorer(), PayCalculator(), PlanBuilder()
    builder.click("example")
    assert repr(scorer).startswith("Key-account scorer: 40 candidate accounts")
    assert repr(calc) == "Pay-plan calculator: target total pay RMB 200,000, base share 60 %"
    assert repr(builder) == ("Industry plan builder: Provincial local-tax bureaus 2014 · "
                             "Complete: 100 %")
    assert "<table" in builder.preview.value and "RMB 85,000" in builder.preview.value
