"""Module 2 widgets driven from Python: the canvas form, the bonus calculator, the matrix."""

from __future__ import annotations

import json
import re

import pytest
from docx import Document

from salestrain.core import storage
from salestrain.core.i18n import language
from salestrain.postal import canvas as model
from salestrain.postal import rules as postal_rules
from salestrain.postal.widgets.calculators import BonusCalculator, CrossSellMatrixEditor
from salestrain.postal.widgets.system_canvas import SystemCanvas


def all_html(widget) -> str:
    """Every HTML label inside a widget tree."""
    own = widget.value if type(widget).__name__ == "HTML" else ""
    return own + "".join(all_html(c) for c in getattr(widget, "children", ()))


def test_canvas_form_has_a_field_per_question_and_each_part_names_its_case(work_dir):
    c = SystemCanvas()
    assert set(c.fields) == {"title", *model.field_paths()}
    html = all_html(c.root)
    assert "from: HP — key accounts" in html and "from: IBM — Signature Selling Method" in html


def test_typing_updates_model_meter_and_autosaves(work_dir):
    c = SystemCanvas()
    c.set("title", "Dongguan <b>Post</b>")
    c.set("order_roles.obtains", "Integrated managers")
    assert c.canvas.get("order_roles.obtains") == "Integrated managers"
    assert c.meter.value == c.canvas.completeness().score > 0
    saved = storage.list_saved(work_dir, "canvas")
    assert [f.path.name for f in saved] == ["canvas-dongguan-b-post-b.json"]
    assert "<b>Post</b>" not in c.meter_label.value + c.missing.value
    c.matrix.set("parcels_express", "ecommerce", "lead")
    assert c.canvas.cross_sell.get("parcels_express", "ecommerce") == "lead"
    again = model.SystemCanvas.load(saved[0].path)
    assert again.cross_sell.get("parcels_express", "ecommerce") == "lead"


def test_example_load_and_reload_from_file(work_dir):
    c = SystemCanvas()
    c.load_example()
    assert c.meter.value == 100 and "Nothing is missing" in c.missing.value
    assert c.matrix.shown("savings_agency", "government") == "lead"
    path = c.toolbar.save()
    fresh = SystemCanvas()
    assert fresh.toolbar.load(path.name)
    assert fresh.canvas == c.canvas
    assert fresh.fields["unit.name"].value == c.canvas.get("unit.name")


def test_corrupt_file_is_reported_not_loaded(work_dir):
    work_dir.mkdir(parents=True, exist_ok=True)
    (work_dir / "canvas-bad.json").write_text("{oops", encoding="utf-8")
    c = SystemCanvas()
    c.set("title", "Mine")
    assert not c.toolbar.load("canvas-bad.json")
    assert "not valid JSON" in c.toolbar.status.value and c.canvas.title == "Mine"


@pytest.mark.parametrize("fmt", ["docx", "md", "json"])
def test_canvas_exports(work_dir, fmt):
    c = SystemCanvas()
    c.load_example()
    path = c.export(fmt)
    assert path is not None and path.exists()
    if fmt == "docx":
        assert any("Cross-sell matrix" in p.text for p in Document(path).paragraphs)
    if fmt == "json":
        assert model.SystemCanvas.from_dict(json.loads(path.read_text("utf-8"))) == c.canvas


def test_canvas_form_in_chinese(work_dir):
    with language("zh"):
        c = SystemCanvas()
    assert c.toolbar.save_button.description == "保存"
    assert "大客户与分级 <span class='st-muted'>· 来自：惠普大客户营销" in all_html(c.root)


def test_bonus_calculator_defaults_changes_and_errors():
    b = BonusCalculator()
    assert b.last is not None and b.error_text == ""
    before = b.last.bonus
    assert b.set("new_revenue", "80万") == ""
    assert b.last.bonus > before
    assert b.set("dual_track", False) == "" and b.last.unit_pay == 0
    assert "twice" not in b.result.value
    assert "add up to 100" in b.set("w_service", "30%")
    assert b.last is None and b.result.value == "" and "st-error" in b.error.value
    assert b.set("w_service", "10%") == ""
    assert "cannot be negative" in b.set("retention", "-1")
    b.set("retention", "1")
    assert "above zero" in b.set("retention_target", "0")


def test_bonus_calculator_escapes_bad_input():
    b = BonusCalculator()
    b.set("new_revenue", "<img src=x>")
    assert "<img" not in b.error.value and "&lt;img" in b.error.value


def test_matrix_editor_reports_changes_and_refuses_unknown():
    seen = []
    m = CrossSellMatrixEditor(on_change=lambda: seen.append(1))
    m.set("logistics", "enterprise", "lead")
    m.set("insurance_agency", "enterprise", "follow")
    assert seen == [1, 1] and m.matrix.count("lead") == 1
    assert "1 lead and 1 follow" in m.summary.value
    for args in [("nope", "rural", "lead"), ("mail", "rural", "boss")]:
        with pytest.raises(postal_rules.PostalError):
            m.set(*args)
    m.load(postal_rules.CrossSellMatrix())
    assert seen == [1, 1] and m.shown("logistics", "enterprise") == ""
    assert m.role_choice.value == ""  # the picked cell shows the loaded matrix's role


# --- the bonus calculator's new fields ---------------------------------------------------------


def test_bonus_calculator_counts_marketing_gross_margin_and_shows_field_errors():
    b = BonusCalculator()
    assert b.last.new_margin == 150_000 and b.last.new_business == 600_000
    assert b.set("new_margin", "0") == "" and b.last.new_business == 450_000
    assert "marketing gross margin" in b.result.value
    msg = b.set("new_margin", "lots")
    assert "not a number" in msg and b.field_error("new_margin") == msg
    assert b.field_error("new_revenue") == ""
    b.set("new_margin", "5万")
    assert b.field_error("new_margin") == "" and b.last.new_margin == 50_000
    assert "not below" not in repr(b) and repr(b).startswith("Customer-manager bonus: Bonus: RMB")
    b.set("cap", "0.5")
    assert "at least 100" in b.field_error("cap")


def test_bonus_calculator_single_credit_in_chinese():
    with language("zh"):
        b = BonusCalculator()
    b.set("dual_track", False)
    assert "单轨计酬" in b.result.value


# --- the grading form ------------------------------------------------------------------------


def test_grading_form_reads_typed_limits_and_moves_customers():
    from salestrain.postal.widgets.calculators import GradingForm

    f = GradingForm()
    assert f.grade_rows[0].customers == 5 and "Grading and ownership" in repr(f)
    assert f.set_limit("special", "50万") == ""
    assert f.grade_rows[0].customers == 9
    assert f.set_limit("grade3", "1,200") == ""
    assert f.grade_rows[3].min_monthly == 1_200
    html = f.result.value
    assert "From (RMB a month)" in html and "Owned by" in html and "NaN" not in html


def test_grading_form_shows_each_error_under_its_field_and_keeps_going():
    from salestrain.postal.widgets.calculators import GradingForm

    f = GradingForm()
    msg = f.set_limit("grade1", "abc")
    assert "Grade 1" in msg and "st-error" in f.limit_errors["grade1"].value
    assert f.limit_errors["special"].value == "" and f.grade_rows is None and f.result.value == ""
    f.set_limit("micro", "5")
    assert "start at 0" in f.limit_error("micro")
    f.set_limit("grade1", "12万")
    f.set_limit("micro", "0")
    assert f.limit_error("grade1") == "" and f.grade_rows is not None
    f.set_limit("grade2", "2,000,000")
    assert "not below" in f.limit_error("grade2")
    f.reset()
    assert f.limit_error("grade2") == "" and f.grade_rows[0].customers == 5


def test_grading_form_segment_rules():
    from salestrain.postal.widgets.calculators import GradingForm

    f = GradingForm()
    province = f.level_rows[1]
    assert province.by_rule > 0 and f.rules["government"].value == "province"
    f.set_rule("government", "")
    assert f.level_rows[1].customers == f.grade_rows[0].customers == 5
    f.set_rule("rural", "county")
    assert f.level_rows[3].by_rule > 0
    with language("zh"):
        zh = GradingForm()
    assert "按等级" in [label for label, _ in zh.rules["rural"].options]
    assert "负责层级" in zh.result.value


# --- the capstone export form ----------------------------------------------------------------


def test_capstone_export_needs_a_name_then_writes_both_files(work_dir):
    from salestrain.hp.plan import IndustryPlan
    from salestrain.ibm import ssm
    from salestrain.postal.widgets.capstone import CapstoneExport

    form = SystemCanvas()
    form.load_example()
    c = CapstoneExport(IndustryPlan.example("en"), ssm.example(), form, folder=work_dir)
    assert c.export() is None and "Type your name" in c.name.error_text
    c.set("Li Wei")
    docx, data = c.export()
    assert docx.suffix == ".docx" and data.suffix == ".json" and docx.exists() and data.exists()
    assert c.name.error_text == "" and "Hand in both" in c.status.value
    saved = storage.read(data, "capstone")
    assert saved["trainee"] == "Li Wei" and saved["canvas"]["title"] == form.canvas.title
    form.set("title", "Changed later")
    c.export()
    assert storage.read(data, "capstone")["canvas"]["title"] == "Changed later"
    with language("zh"):
        zh = CapstoneExport(IndustryPlan.example("zh"), ssm.example(), form, folder=work_dir)
    assert zh.button.description == "导出Word和JSON文件"


# --- one canvas, one file; resume; the example as a separate piece; the matrix rule ------------


def type_into(control, text: str) -> None:
    """Type `text` as the browser does: every prefix when the box syncs per keystroke, else only
    the final value when the trainee leaves the box."""
    steps = [text[:i] for i in range(1, len(text) + 1)] if control.continuous_update else [text]
    for value in steps:
        control.value = value


def canvas_files(folder) -> list[str]:
    return sorted(p.name for p in folder.glob("canvas-*.json"))


def test_every_text_box_commits_when_the_trainee_leaves_it(work_dir):
    c = SystemCanvas()
    assert all(f.control.continuous_update is False for f in c.fields.values())


def test_typing_a_title_letter_by_letter_leaves_one_canvas_file(work_dir):
    c = SystemCanvas()
    c.toolbar.new()
    type_into(c.fields["title"].control, "Dongguan Post")
    type_into(c.fields["unit.name"].control, "Dongguan Post Bureau")
    assert canvas_files(work_dir) == ["canvas-dongguan-post.json"]
    saved = model.SystemCanvas.load(work_dir / "canvas-dongguan-post.json")
    assert saved.title == "Dongguan Post" and saved.get("unit.name") == "Dongguan Post Bureau"


def test_renaming_the_canvas_keeps_its_file(work_dir):
    c = SystemCanvas()
    c.toolbar.new()
    type_into(c.fields["title"].control, "Dongguan Post")
    type_into(c.fields["title"].control, "Dongguan Post 2014 — key accounts")
    assert canvas_files(work_dir) == ["canvas-dongguan-post.json"]
    saved = model.SystemCanvas.load(work_dir / "canvas-dongguan-post.json")
    assert saved.title == "Dongguan Post 2014 — key accounts"
    assert not (work_dir / "canvas-dongguan-post-2014-key-accounts.json").exists()
    [(label, name)] = c.toolbar.load_choice.options  # the list follows the rename
    assert name == "canvas-dongguan-post.json"
    assert label.startswith("Dongguan Post 2014 — key accounts · saved ")
    assert label.endswith(f"{c.canvas.completeness().score} % complete")


def test_opening_the_example_then_typing_leaves_the_trainees_canvas_unchanged(work_dir):
    c = SystemCanvas()
    c.toolbar.new()
    type_into(c.fields["title"].control, "Mine")
    c.matrix.set("mail", "finance", "lead")
    mine = (work_dir / "canvas-mine.json").read_bytes()
    c.load_example()
    assert "separate piece of work" in c.toolbar.status.value
    assert c.toolbar.current is None and c.meter.value == 100
    type_into(c.fields["cross_sell.approval"].control, "The director signs")
    c.matrix.set("logistics", "enterprise", "")
    assert (work_dir / "canvas-mine.json").read_bytes() == mine
    files = canvas_files(work_dir)
    assert len(files) == 2 and "canvas-mine.json" in files
    example = model.SystemCanvas.load(work_dir / next(f for f in files if f != "canvas-mine.json"))
    assert example.get("cross_sell.approval") == "The director signs"


def test_a_new_form_on_the_same_folder_continues_the_latest_canvas(work_dir):
    first = SystemCanvas()
    first.toolbar.new()
    type_into(first.fields["title"].control, "Older")
    second = SystemCanvas()
    second.toolbar.new()
    type_into(second.fields["title"].control, "Latest")
    second.matrix.set("savings_agency", "rural", "lead")
    restarted = SystemCanvas()  # = a kernel restart and Run All
    assert restarted.canvas.title == "Latest" and restarted.fields["title"].value == "Latest"
    assert restarted.matrix.shown("savings_agency", "rural") == "lead"
    assert "Continuing ‘Latest’" in restarted.toolbar.status.value
    assert "Continuing ‘Latest’" in restarted.matrix.status.value
    labels = [label for label, _ in restarted.toolbar.load_choice.options]
    assert len(labels) == 2 and labels[0].startswith("Latest · saved ")
    assert labels[0].endswith(f"{restarted.canvas.completeness().score} % complete")
    type_into(restarted.fields["unit.name"].control, "Branch")
    assert canvas_files(work_dir) == ["canvas-latest.json", "canvas-older.json"]


def test_with_no_saved_canvas_the_form_opens_the_example_and_saves_nothing(work_dir):
    c = SystemCanvas()
    assert c.canvas == model.SystemCanvas.example("en") and c.toolbar.current is None
    assert "worked example" in c.toolbar.status.value
    assert canvas_files(work_dir) == []


def test_new_starts_a_blank_canvas_and_load_says_when_nothing_is_chosen(work_dir):
    c = SystemCanvas()
    c.toolbar.new_button.click()
    assert c.canvas == model.SystemCanvas() and c.meter.value == 0
    assert c.fields["unit.name"].value == "" and c.matrix.matrix.count("lead") == 0
    c.toolbar.load_choice.options = []
    c.toolbar.load_button.click()
    assert "Choose a piece of work" in c.toolbar.status.value


def test_canvas_kind_is_registered_for_my_work(work_dir):
    kind = storage.KINDS["canvas"]
    assert kind.label("en") == "Marketing-system design canvas"
    assert kind.label("zh") == "营销体系设计画布"
    data = model.SystemCanvas.example("en").to_dict()
    assert kind.describe(data, "en") == ("Example City Post — key-account system",
                                         "100 % complete")
    assert kind.describe(model.SystemCanvas().to_dict(), "zh") == ("", "完成0%")
    assert kind.model is model.SystemCanvas  # "My work" previews it and writes its Word copy


def test_exports_go_to_the_exports_folder_and_the_status_links_them(work_dir):
    c = SystemCanvas()
    c.toolbar.new()
    type_into(c.fields["title"].control, "Mine")
    for fmt in ("docx", "md", "json"):
        path = c.export(fmt)
        assert path == work_dir / "exports" / f"canvas-mine.{fmt}" and path.exists()
        assert '<a href="' in c.toolbar.status.value
    assert canvas_files(work_dir) == ["canvas-mine.json"]


def test_matrix_refuses_a_second_lead_and_a_third_follow_and_never_saves_them(work_dir):
    c = SystemCanvas()
    c.toolbar.new()
    type_into(c.fields["title"].control, "Mine")
    assert c.matrix.set("parcels_express", "ecommerce", "lead") == ""
    assert c.matrix.set("savings_agency", "ecommerce", "follow") == ""
    assert c.matrix.set("insurance_agency", "ecommerce", "follow") == ""
    saved = (work_dir / "canvas-mine.json").read_bytes()
    message = c.matrix.set("mail", "ecommerce", "lead")
    assert message.startswith("E-commerce sellers: one lead business per segment")
    assert "‘Letters and direct mail’" in message and "‘Parcels and express (EMS)’" in message
    assert c.matrix.role_choice.value == ""  # the role went back
    assert c.matrix.shown("mail", "ecommerce") == ""
    assert "role=\"alert\"" in c.matrix.error.value and "E-commerce sellers" in c.matrix.error.value
    message = c.matrix.set("logistics", "ecommerce", "follow")
    assert "at most two follow businesses" in message and "‘Logistics’" in message
    assert c.matrix.role_choice.value == "" and c.matrix.shown("logistics", "ecommerce") == ""
    assert (work_dir / "canvas-mine.json").read_bytes() == saved
    assert c.canvas.cross_sell.get("mail", "ecommerce") == ""
    # A choice that keeps the rule clears the message and saves.
    assert c.matrix.set("mail", "finance", "lead") == "" and c.matrix.error.value == ""
    assert model.SystemCanvas.load(work_dir / "canvas-mine.json").cross_sell.get(
        "mail", "finance") == "lead"


def test_matrix_rule_message_in_chinese(work_dir):
    with language("zh"):
        c = SystemCanvas()
    message = c.matrix.set("mail", "ecommerce", "lead")
    assert message.startswith("电商卖家：每个客户群只能有一项主推业务") and "包裹与速递" in message
    assert "每个客户群一项主推业务，最多两项跟进业务" in all_html(c.matrix.root)


def test_a_saved_canvas_breaking_the_matrix_rule_is_reported_not_loaded(work_dir):
    c = SystemCanvas()
    data = model.SystemCanvas.example("en").to_dict()
    data["cross_sell"]["cells"]["logistics"]["ecommerce"] = "follow"
    storage.write(work_dir / "canvas-edited.json", "canvas", data)
    assert not c.toolbar.load("canvas-edited.json")
    assert "E-commerce sellers: at most two follow businesses" in c.toolbar.status.value
    assert c.canvas == model.SystemCanvas.example("en")


# --- every control has a name; the page stays light ----------------------------------------------

CONTROLS = ("Text", "Textarea", "Dropdown", "Checkbox", "Button", "IntProgress", "DatePicker",
            "SelectMultiple", "ToggleButtons", "IntSlider", "FloatSlider")


def controls(widget) -> list:
    """Every control (not a label or a box) inside a widget tree."""
    own = [widget] if type(widget).__name__ in CONTROLS else []
    return own + [c for child in getattr(widget, "children", ()) for c in controls(child)]


def models(widget, seen: dict | None = None) -> dict:
    """Every widget model the notebook saves for a tree: widgets, their layouts and styles."""
    import ipywidgets as w

    seen = {} if seen is None else seen
    if widget.model_id in seen:
        return seen
    seen[widget.model_id] = widget
    for name in widget.keys:
        value = getattr(widget, name)
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, w.Widget):
                models(item, seen)
    return seen


def forms(lang: str, work_dir) -> dict:
    from salestrain.hp.plan import IndustryPlan
    from salestrain.ibm import ssm
    from salestrain.postal.widgets.calculators import GradingForm
    from salestrain.postal.widgets.capstone import CapstoneExport

    with language(lang):
        canvas = SystemCanvas()
        return {"grading": GradingForm(), "bonus": BonusCalculator(), "matrix": canvas.matrix,
                "canvas": canvas,
                "capstone": CapstoneExport(IndustryPlan.example(lang), ssm.example(), canvas,
                                           folder=work_dir)}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_has_a_description_or_a_tooltip(lang, work_dir):
    for name, form in forms(lang, work_dir).items():
        found = controls(form.root)
        assert found, name
        unnamed = [type(c).__name__ for c in found
                   if not (getattr(c, "description", "") or "").strip()
                   and not (c.tooltip or "").strip()]
        assert unnamed == [], f"{name}: {unnamed}"
        # Names are words for people, never ids or keys.
        for c in found:
            assert not re.search(r"\b[a-z]+_[a-z_]+\b", c.tooltip or ""), (name, c.tooltip)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_controls_without_a_visible_label_are_named_by_their_label(lang, work_dir):
    from salestrain.postal.content import postal

    found = forms(lang, work_dir)
    bonus, grading, matrix = found["bonus"], found["grading"], found["matrix"]
    assert bonus.inputs["service"].tooltip == bonus._t("f_service")
    special = postal().grades[0].name(lang)
    assert special in grading.limits["special"].tooltip
    government = postal().customer_segment("government").name(lang)
    assert government in grading.rules["government"].tooltip
    canvas = found["canvas"]
    assert canvas.fields["cross_sell.approval"].control.tooltip.endswith(
        postal().part("cross_sell").fields[1].label(lang))
    assert [d.description for d in (matrix.business_choice, matrix.segment_choice,
                                    matrix.role_choice)] == [
        matrix._t("matrix_business"), matrix._t("matrix_segment"), matrix._t("matrix_role")]
    # A described dropdown's label takes the room its text needs (never cut off).
    assert matrix.business_choice.style.description_width == "initial"
    assert matrix.business_choice.layout.width == "auto"
    assert grading.defaults_button.layout.width == "max-content"


def test_matrix_is_a_table_and_one_cell_picker_not_a_dropdown_per_cell(work_dir):
    c = SystemCanvas()
    m = c.matrix
    assert len(controls(m.root)) == 3
    html = m.table.value
    assert html.count("<th scope='col'>") == 7 and html.count("<th scope='row'") == 8
    assert html.count("<td") == 48 and "Parcels and express (EMS)" in html
    # The picked cell is outlined, and follows the pickers.
    m.set("mail", "finance", "")
    assert html != m.table.value and m.table.value.count("outline:") == 1
    assert m.business_choice.value == "mail" and m.segment_choice.value == "finance"
    m.segment_choice.value = "government"
    assert m.role_choice.value == "follow"  # the example's letters → government


def test_forms_save_few_widget_models(work_dir):
    """The notebook stores every model: the matrix used to be ~200 of them, the canvas ~490."""
    found = forms("en", work_dir)
    counts = {name: len(models(form.root)) for name, form in found.items()}
    assert counts["matrix"] <= 30, counts
    assert counts["canvas"] <= 160, counts
    assert counts["grading"] <= 60 and counts["bonus"] <= 60, counts


def test_matrix_table_text_is_dark_on_light_backgrounds():
    from salestrain.postal.widgets.calculators import _CELL_STYLE

    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for style in _CELL_STYLE.values():
        props = dict(p.split(":") for p in style.split(";"))
        fg, bg = luminance(props["color"]), luminance(props.get("background", "#ffffff"))
        assert (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05) >= 4.5, style
