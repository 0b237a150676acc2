"""HP widgets driven from Python: fill every field, see errors, export every format, reload;
the plan builder's work is never lost, never duplicated and always easy to get back."""

from __future__ import annotations

import json
from html import unescape

import pytest
from docx import Document

from salestrain.core import storage
from salestrain.core.i18n import language
from salestrain.hp import accounts, pay, team_selling
from salestrain.hp.content import hp
from salestrain.hp.content import text as content_text
from salestrain.hp.plan import IndustryPlan
from salestrain.hp.widgets.calculators import AccountScorer, PayCalculator
from salestrain.hp.widgets.plan_builder import PlanBuilder, shown


def blank_builder(**kwargs) -> PlanBuilder:
    """A builder on a blank plan, as a trainee gets one by pressing New."""
    builder = PlanBuilder(**kwargs)
    builder.click("new")
    return builder


def type_into(builder: PlanBuilder, path: str, text: str) -> None:
    """Type `text` as the browser sends it: every prefix when the field syncs per keystroke,
    else only the final value (when the trainee leaves the field)."""
    control = builder.fields[path].control
    steps = [text[:i] for i in range(1, len(text) + 1)] if control.continuous_update else [text]
    for value in steps:
        builder.set(path, value)


def plan_files(folder) -> list[str]:
    return sorted(p.name for p in folder.glob("plan-*.json"))


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
    b = blank_builder()
    assert b.meter.value == 0
    fill_everything(b, "甲")
    assert b.plan.completeness().score == 100 and b.meter.value == 100
    assert "✓" in b.missing.value
    saved = b.toolbar.current
    assert plan_files(work_dir) == [saved.name]  # autosaved on change, into one file
    for key, suffix in (("export_word", "docx"), ("export_excel", "xlsx"),
                        ("export_markdown", "md"), ("export_json", "json")):
        b.click(key)
        assert b.toolbar.last_export.suffix == f".{suffix}" and b.toolbar.last_export.exists()
        assert b.toolbar.last_export.name in b.status
    exported = json.loads(b.toolbar.last_export.read_text(encoding="utf-8"))
    assert IndustryPlan.from_dict(exported) == b.plan
    doc = Document(b.toolbar.last_export.with_suffix(".docx"))
    assert any("甲 customer_situation <b>&" in p.text for p in doc.paragraphs)

    again = PlanBuilder()  # a restart: the latest plan comes back by itself
    assert again.plan == b.plan and again.toolbar.current == saved
    again.click("new")
    again.toolbar.load_choice.value = saved.name
    again.click("load")
    assert again.plan == b.plan
    for path, field in b.fields.items():
        assert again.fields[path].control.value == field.control.value, path


def test_preview_escapes_trainee_text(work_dir):
    b = blank_builder()
    b.set("customer_situation", "<script>alert('x')</script>")
    b.set("title", "<img src=x onerror=alert(1)>")
    assert "<script>alert" not in b.preview.value and "&lt;script&gt;" in b.preview.value
    assert "<img src=x" not in b.preview.value
    assert "<script>" not in b.missing.value


def test_bad_number_shows_error_next_to_field_and_keeps_plan(work_dir):
    b = blank_builder()
    b.set("sales_history.1.our_sales", "1,500")
    message = b.set("sales_history.1.our_sales", "about a million")
    assert "not a number" in message
    assert b.fields["sales_history.1.our_sales"].error_text == message
    assert "⚠" in b.fields["sales_history.1.our_sales"].error.value
    assert b.plan.sales_history[1].our_sales == 1500
    assert b.set("sales_history.1.our_sales", "150万") == ""
    assert b.plan.sales_history[1].our_sales == 1_500_000
    assert "not a year" in b.set("plan_year", "next year")


def test_completeness_meter_moves_with_each_field(work_dir):
    b = blank_builder()
    b.set("title", "Banks 2014")
    first = b.meter.value
    b.set("swot.threats", "A rival bank courier")
    assert b.meter.value > first
    assert "Threats" not in b.missing.value


def test_example_button_loads_the_worked_example_without_touching_saved_work(work_dir):
    b = blank_builder()
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
    b = blank_builder()
    b.click("add:executive_visits")
    b.click("add:executive_visits")
    b.set("executive_visits.1.who", "GM")
    assert len(b.plan.executive_visits) == 2
    b.click("remove:executive_visits")
    assert len(b.plan.executive_visits) == 1
    assert "executive_visits.1.who" not in b.fields


def test_corrupt_saved_file_is_reported_and_kept(work_dir):
    b = blank_builder()
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


# --- the plan builder keeps the trainee's work: one file, resumed, never replaced ----------


def test_first_open_shows_the_worked_example_as_a_separate_piece(work_dir):
    b = PlanBuilder()
    assert b.plan == IndustryPlan.example("en") and b.toolbar.current is None
    assert "separate piece of work" in b.status
    assert plan_files(work_dir) == []  # nothing is saved until the trainee types


def test_text_fields_commit_when_the_trainee_leaves_them(work_dir):
    b = blank_builder()
    for path, field in b.fields.items():
        if path != "industry":
            assert field.control.continuous_update is False, path


def test_typing_a_title_key_by_key_and_renaming_leave_exactly_one_file(work_dir):
    b = blank_builder()
    type_into(b, "title", "Banks in Guangdong")
    assert plan_files(work_dir) == ["plan-banks-in-guangdong.json"]
    type_into(b, "title", "Provincial banks 2014")
    type_into(b, "swot.threats", "A rival courier")
    assert plan_files(work_dir) == ["plan-banks-in-guangdong.json"]
    saved = storage.read(work_dir / "plan-banks-in-guangdong.json", "plan")
    assert saved["title"] == "Provincial banks 2014" and saved["swot"]["threats"]


def test_title_typed_with_per_keystroke_sync_still_leaves_one_file(work_dir):
    # Were the field to sync on every keystroke, each prefix would arrive: still one file.
    b = blank_builder()
    b.fields["title"].control.continuous_update = True
    type_into(b, "title", "Banks")
    assert plan_files(work_dir) == ["plan-b.json"]
    assert storage.read(work_dir / "plan-b.json", "plan")["title"] == "Banks"


def test_example_then_typing_never_touches_the_trainees_own_plan(work_dir):
    # The trainees' report: after a restart, Worked example + typing replaced their plan.
    b = blank_builder()
    type_into(b, "title", "Mine")
    type_into(b, "swot.threats", "My threat analysis")
    type_into(b, "swot.threats", "My threat analysis, revised")
    mine = work_dir / "plan-mine.json"
    before = mine.read_bytes(), storage.backup_path(mine).read_bytes()
    restarted = PlanBuilder()
    assert restarted.plan.swot.threats == "My threat analysis, revised"
    restarted.click("example")
    assert restarted.plan == IndustryPlan.example("en")
    assert "separate piece of work" in restarted.status
    type_into(restarted, "swot.threats", "Editing the example")
    type_into(restarted, "title", "Example, my version")
    assert (mine.read_bytes(), storage.backup_path(mine).read_bytes()) == before
    assert plan_files(work_dir) == ["plan-mine.json",
                                    "plan-provincial-local-tax-bureaus-2014.json"]


def test_a_restart_reopens_the_latest_plan(work_dir):
    older = blank_builder()
    type_into(older, "title", "Older plan")
    latest = blank_builder()
    type_into(latest, "title", "Banks 2014")
    type_into(latest, "swot.threats", "A rival courier")
    restarted = PlanBuilder()
    assert restarted.plan == latest.plan
    assert restarted.toolbar.current == latest.toolbar.current
    assert restarted.fields["swot.threats"].control.value == "A rival courier"
    assert restarted.status.startswith("Continuing ‘Banks 2014’, saved ")
    type_into(restarted, "customer_situation", "Four branches")
    assert plan_files(work_dir) == ["plan-banks-2014.json", "plan-older-plan.json"]


def test_new_starts_a_blank_plan_in_a_file_of_its_own(work_dir):
    b = blank_builder()
    type_into(b, "title", "First")
    b.click("new")
    assert b.plan == IndustryPlan() and b.meter.value == 0
    assert "blank" in b.status and b.fields["title"].control.value == ""
    type_into(b, "title", "Second")
    assert plan_files(work_dir) == ["plan-first.json", "plan-second.json"]
    assert storage.read(work_dir / "plan-first.json", "plan")["title"] == "First"


def test_after_a_restart_the_load_list_shows_each_plan_by_title_and_progress(work_dir):
    b = blank_builder()
    type_into(b, "title", "Banks 2014")
    b.click("example")
    type_into(b, "account_manager", "Li Ming")  # the example, now saved as its own piece
    restarted = PlanBuilder()
    labels = [label for label, _ in restarted.toolbar.load_choice.options]
    assert len(labels) == 2
    assert labels[0].startswith("Provincial local-tax bureaus 2014 · saved ")
    assert labels[0].endswith("100 % complete")
    assert labels[1].startswith("Banks 2014 · saved ") and labels[1].endswith("5 % complete")
    restarted.toolbar.load_choice.value = "plan-banks-2014.json"
    restarted.click("load")
    assert restarted.plan.title == "Banks 2014" and "Loaded Banks 2014" in restarted.status


def test_the_load_list_is_in_chinese_in_the_chinese_edition(work_dir):
    with language("zh"):
        b = blank_builder()
        type_into(b, "title", "省银行2014")
        restarted = PlanBuilder()
    label = restarted.toolbar.load_choice.options[0][0]
    assert label.startswith("省银行2014 · 保存于") and label.endswith("完成度5%")
    assert restarted.status.startswith("继续上次的“省银行2014”")


def test_load_with_nothing_chosen_says_what_to_do(work_dir):
    b = PlanBuilder()
    assert b.toolbar.load_choice.options == ()
    b.click("load")
    assert "Choose a piece of work in the list first" in b.status


def test_plans_are_registered_for_the_course_wide_list_of_work(work_dir):
    kind = storage.KINDS["plan"]
    assert (kind.label("en"), kind.label("zh")) == ("Industry plan", "行业发展计划")
    assert kind.model is IndustryPlan  # for the course-wide preview and Word copy
    path = IndustryPlan.example("en").save(work_dir)
    [saved] = storage.list_saved(work_dir, "plan")
    assert storage.describe(saved, "en") == ("Provincial local-tax bureaus 2014",
                                              "100 % complete")
    assert storage.describe(saved, "zh")[1] == "完成度100%"
    path.write_text(json.dumps({"salestrain": "plan", "data": {}}))
    assert storage.describe(storage.list_saved(work_dir, "plan")[0], "en") == (
        "Untitled industry plan", "0 % complete")


# --- a field that shows an error is not filled in, and every export says it left it out ---


def test_a_field_with_an_error_is_not_counted_nor_previewed_nor_saved(work_dir):
    b = PlanBuilder()
    type_into(b, "account_manager", "Li Ming")  # the example, saved as the trainee's piece
    saved = b.toolbar.current.read_bytes()
    assert b.meter.value == 100 and "21,000,000" in b.preview.value
    assert "not a number" in b.set("likely_investment", "a lot")
    assert b.plan.likely_investment == 21_000_000  # the model keeps its last good value …
    assert b.meter.value < 100 and "ready for the review meeting" not in b.missing.value
    assert "Likely investment (RMB)" in b.missing.value  # … but it is not counted
    assert "Not counted until the error under it is corrected" in b.missing.value
    assert "21,000,000" not in b.preview.value and "Left out of this export" in b.preview.value
    assert "Complete: 95 %" in repr(b)
    assert b.toolbar.current.read_bytes() == saved  # nothing saved for a refused value
    assert b.set("likely_investment", "2,200万") == ""
    assert b.meter.value == 100 and "Left out" not in b.preview.value + b.missing.value
    assert storage.read(b.toolbar.current, "plan")["likely_investment"] == 22_000_000


def test_an_error_in_a_field_no_item_covers_still_keeps_the_plan_from_complete(work_dir):
    b = PlanBuilder()
    b.set("targets.mid_year.value", "lots")  # the mid-year figure is not needed to hand in …
    assert b.meter.value < 100  # … but while it shows an error the plan is not ready
    assert "Revised at mid-year (RMB): correct the error shown under it" in b.missing.value
    b.set("targets.mid_year.value", "")
    assert b.meter.value == 100


def test_every_export_says_which_fields_it_left_out(work_dir):
    from openpyxl import load_workbook

    b = PlanBuilder()
    b.set("likely_investment", "a lot")
    b.set("product_lines.1.sales", "many")
    left = "Likely investment (RMB); Review of each product line, row 2: Sales last year (RMB)"
    for key in ("export_word", "export_excel", "export_markdown", "export_json"):
        b.click(key)
        assert b.toolbar.last_export.name in b.status, key
        assert f"Left out of the export (the field shows an error): {left}" in b.status, key
    exports = work_dir / "exports"
    stem = "plan-provincial-local-tax-bureaus-2014"
    doc = "\n".join(p.text for p in Document(exports / f"{stem}.docx").paragraphs)
    md = (exports / f"{stem}.md").read_text(encoding="utf-8")
    sheet = "\n".join(str(c.value) for row in load_workbook(exports / f"{stem}.xlsx").active
                      for c in row if c.value)
    for text in (doc, md, sheet):
        assert "Left out of this export" in text
        assert "Likely investment (RMB): 'a lot' is not a number" in text
        assert "row 2: Sales last year (RMB): 'many'" in text
        assert "21,000,000" not in text
    data = json.loads((exports / f"{stem}.json").read_text(encoding="utf-8"))
    assert data["likely_investment"] is None and data["product_lines"][1]["sales"] is None
    assert [item["field"] for item in data["left_out"]] == ["likely_investment",
                                                            "product_lines.1.sales"]
    assert "not a number" in data["left_out"][0]["problem"]


def test_an_export_with_nothing_left_out_says_nothing_about_it(work_dir):
    b = PlanBuilder()
    b.click("export_markdown")
    assert "Left out" not in b.status
    assert "Left out" not in b.toolbar.last_export.read_text(encoding="utf-8")
    b.click("export_json")
    assert "left_out" not in json.loads(b.toolbar.last_export.read_text(encoding="utf-8"))


def test_a_refused_row_value_stays_shown_when_rows_change(work_dir):
    b = blank_builder()
    b.click("add:product_lines")
    b.click("add:product_lines")
    b.set("product_lines.1.sales", "many")
    b.click("add:product_lines")
    assert b.fields["product_lines.1.sales"].control.value == "many"
    assert "not a number" in b.error("product_lines.1.sales")
    assert "product_lines.1.sales" in b.left_out
    b.click("remove:product_lines")
    b.click("remove:product_lines")
    assert b.left_out == {}


def test_opening_other_work_clears_the_errors_of_the_last(work_dir):
    b = PlanBuilder()
    b.set("likely_investment", "a lot")
    b.click("new")
    assert b.left_out == {} and b.error("likely_investment") == ""


def test_left_out_fields_in_chinese(work_dir):
    with language("zh"):
        b = PlanBuilder()
    b.set("likely_investment", "很多")
    b.click("export_markdown")
    assert "未写入导出文件（字段有错误提示）：可能投入（元）" in b.status
    text = b.toolbar.last_export.read_text(encoding="utf-8")
    assert "本次导出未包含的内容" in text and "可能投入（元）：" in text


# --- every control is named, every chart says what it shows (the course site, screen readers) --


def _controls(widget):
    """Every widget under `widget` that a reader meets as a control or an image (not the
    boxes that hold them, nor the HTML text between them)."""
    import ipywidgets as w

    if isinstance(widget, w.Box):  # Tab, VBox, HBox, GridBox
        for child in widget.children:
            yield from _controls(child)
    elif not isinstance(widget, w.HTML | w.HTMLMath | w.Label):
        yield widget


def _has_cjk(value: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in value)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_and_chart_has_a_name(lang, work_dir):
    builder = PlanBuilder(lang=lang)
    for section in ("product_lines", "executive_visits", "marketing_events"):
        builder.click(f"add:{section}")  # rows built after the start are named too
    tools = [AccountScorer(lang=lang), PayCalculator(lang=lang), builder]
    seen = 0
    for tool in tools:
        for control in _controls(tool.root):
            name = getattr(control, "description", "") or control.tooltip or ""
            assert name.strip(), (type(tool).__name__, type(control).__name__)
            if lang == "zh" and not name.isascii():
                assert _has_cjk(name), name
            seen += 1
    assert seen > 80
    # Controls whose label is an HTML line above them (or a column heading) carry the
    # label as their tooltip, naming the row in a table; the text comes from content.yaml.
    calc = tools[1]
    assert all(f.control.tooltip == content_text(key, lang) for key, f in calc.fields.items())
    cell = builder.fields["sales_history.1.our_sales"].control
    assert cell.tooltip == ("Our sales and share of the customer's purchases, row 2: Our sales"
                            if lang == "en" else "我方销售与所占采购比例第2行：我方销售额")
    assert builder.fields["industry"].control.tooltip == ("Industry" if lang == "en" else "行业")
    assert builder.fields["product_lines.3.gap"].control.tooltip.endswith(
        "row 4: Where it falls short" if lang == "en" else "第4行：不足之处")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_scorer_sliders_show_their_whole_label(lang):
    scorer = AccountScorer(lang=lang)
    for slider in [*scorer.sliders.values(), scorer.cut_a, scorer.cut_b, scorer.rows]:
        assert slider.description and slider.style.description_width == "initial"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_alt_texts_say_what_the_charts_show(lang):
    scorer = AccountScorer(lang=lang)
    alt = scorer.chart.tooltip
    # Without a (blank) description in its state, ipywidgets 8 cannot draw an Image that has a
    # tooltip (jupyter-widgets/ipywidgets#3860): the chart would be an error box on the site.
    assert scorer.chart.get_state()["description"] == ""
    assert alt == accounts.tier_chart_alt(scorer.scored, lang)
    counts = accounts.tier_counts(scorer.scored)
    for tier in hp().tiers:  # every tier with its number of accounts
        n = sum(counts[tier.id].values())
        assert f"{tier.name(lang)}{'：' if lang == 'zh' else ': '}{n}" in alt, (tier.id, alt)
    assert ".png" not in alt and _has_cjk(alt) == (lang == "zh")
    scorer.set_weights(volume=0, growth=1, share=0)
    assert scorer.chart.tooltip == accounts.tier_chart_alt(scorer.scored, lang) != alt

    calc = PayCalculator(lang=lang)
    assert calc.set("attainment", "70%") == ""
    alt = calc.chart.tooltip
    assert alt == pay.pay_chart_alt(calc.plan, lang, 0.7)
    if lang == "en":
        assert alt == ("Line chart of total pay against attainment from 0 to 200 %: "
                       "RMB 120,000 below the 50 % threshold, RMB 200,000 at 100 % (the dashed "
                       "target-pay line), RMB 280,000 at 200 %; the marked point: RMB 176,000 "
                       "at 70 %.")
    else:
        assert "低于起奖线50%时为12万元" in alt and "完成率70%时为17.6万元" in alt
    assert calc.set("attainment", "72.5%") == ""
    assert ("72.5 %" if lang == "en" else "72.5%") in calc.chart.tooltip
    assert "marked" not in pay.pay_chart_alt(calc.plan, "en")  # no mark, no marked point


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_text_stays_legible_at_the_shown_size(lang):
    """At most 560 px wide for a 640 px figure (0.875): 9 pt text stays above 10 px."""
    from matplotlib.text import Text

    scorer = AccountScorer(lang=lang)
    figures = [accounts.tier_chart(scorer.scored, lang),
               pay.pay_chart(pay.PayPlan.hp_default(), lang, 1.3)]
    for figure in figures:
        assert figure.get_size_inches()[0] * 100 <= 640
        figure.canvas.draw()
        texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
        assert len(texts) > 8
        for t in texts:
            assert t.get_fontsize() * 100 / 72 * 560 / 640 >= 9, (t.get_text(), t.get_fontsize())


def test_responsibility_chart_sits_in_a_scrolling_box():
    html = team_selling.responsibility_chart("en").html
    assert html.startswith('<div class="st-table-wrap" tabindex="0"><table class="st-table">')
    assert html.endswith("</table></div>")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_builder_tab_titles_fit_their_tabs(lang, work_dir):
    """A tab shows about 90 px of its title: at most 16 Latin characters ("2 · Our position")
    or 10 characters with Chinese ones ("3 · 竞争与产品") fit without being cut off."""
    for title in PlanBuilder(lang=lang).tabs.titles:
        assert len(title) <= (10 if _has_cjk(title) else 16), title


def test_sentences_in_plan_tables_wrap_instead_of_being_cut_off(work_dir):
    import ipywidgets as w

    builder = PlanBuilder()
    builder.click("example")
    for path, field in builder.fields.items():
        name = path.rsplit(".", 1)[-1]
        if "." not in path or path.startswith("swot."):
            continue  # not a table cell
        short = name in {"year", "our_sales", "customer_purchases", "sales", "budget", "value",
                         "when", "date"}
        assert isinstance(field.control, w.Text if short else w.Textarea), path
        # A cell fills its column exactly (no margin poking out, which made tables scroll).
        assert field.control.layout.width == "100%" and field.control.layout.margin == "0"


def test_responsibility_chart_columns_keep_readable_widths():
    en = team_selling.responsibility_chart("en").html
    zh = team_selling.responsibility_chart("zh").html
    assert '<th style="min-width:4.5em">Account manager</th>' in en
    assert '<th style="white-space:nowrap">行业客户经理</th>' in zh  # never a character a line
    assert en.count('<th style="white-space:normal;min-width:11em">') == 10  # steps wrap
    assert en.count('<td style="min-width:20em">') == 10  # the postal example reads as prose
