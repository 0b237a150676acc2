"""The industry plan: draft editing, typed numbers, completeness, derived figures, round trips."""

from __future__ import annotations

import json

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from salestrain.core import storage
from salestrain.core.i18n import language
from salestrain.hp.content import hp
from salestrain.hp.plan import FieldError, IndustryPlan, clean

LIST_SECTIONS = ("product_lines", "executive_visits", "marketing_events")


def text_paths() -> list[str]:
    """Every free-text field of a plan that has one row in each list section."""
    paths = ["title", "account_manager", "customer_situation", "main_business",
             "share_reasons", "customer_focus", "own_weak_points"]
    paths += [f"swot.{f}" for f in ("competitors", "threats", "opportunities", "weaknesses",
                                    "strengths")]
    paths += [f"product_lines.0.{f}" for f in ("product", "gap", "action")]
    paths += [f"executive_visits.0.{f}" for f in ("who", "with_whom", "when", "purpose")]
    paths += [f"marketing_events.0.{f}" for f in ("name", "date", "goal")]
    paths += [f"targets.{s}.reason" for s in ("proposed", "negotiated", "mid_year")]
    return paths


def one_row_plan() -> IndustryPlan:
    plan = IndustryPlan()
    for section in LIST_SECTIONS:
        plan.add_row(section)
    return plan


def test_every_text_path_is_a_str_field():
    plan = one_row_plan()
    for path in text_paths():
        assert plan.get(path) == ""


def test_an_empty_draft_is_valid_and_saves(work_dir):
    plan = IndustryPlan()
    assert len(plan.sales_history) == 3
    path = plan.save()
    assert path.name == "plan-industry-plan.json"
    assert IndustryPlan.load(path) == plan


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("1,200", 1200), ("1 200", 1200), ("120万", 1_200_000), ("¥3.5亿", 350_000_000),
     ("12.5%", 0.125), ("", None), (7, 7)],
)
def test_numbers_accept_what_people_type(typed, expected):
    plan = IndustryPlan()
    plan.set("sales_history.0.our_sales", typed)
    assert plan.sales_history[0].our_sales == expected


@pytest.mark.parametrize(
    ("path", "typed", "code"),
    [
        ("sales_history.0.our_sales", "abc", "invalid"),
        ("likely_investment", "-5", "negative"),
        ("plan_year", "20145", "year"),
        ("plan_year", "2014.5", "year"),
        ("industry", "banking", "industry"),
        ("nonexistent", "x", "unknown_field"),
        ("product_lines.3.gap", "x", "unknown_field"),
    ],
)
def test_bad_values_are_refused_with_a_message_and_change_nothing(path, typed, code):
    plan = IndustryPlan(likely_investment=5)
    before = plan.to_dict()
    with pytest.raises(FieldError) as info:
        plan.set(path, typed)
    assert (info.value.code, info.value.field) == (code, path) and info.value.message
    assert plan.to_dict() == before


def test_industry_accepts_name_in_either_language():
    plan = IndustryPlan()
    plan.set("industry", "政府行业")
    assert plan.industry == "government"
    plan.set("industry", "Finance & postal")
    assert plan.industry == "finance_postal"


def test_rows_add_and_remove():
    plan = IndustryPlan()
    plan.add_row("executive_visits")
    plan.set("executive_visits.0.who", "GM")
    plan.add_row("executive_visits")
    plan.remove_row("executive_visits")
    assert [v.who for v in plan.executive_visits] == ["GM"]
    plan.remove_row("executive_visits")
    plan.remove_row("executive_visits")
    assert plan.executive_visits == []


def test_completeness_counts_and_lists_missing_in_order():
    plan = IndustryPlan()
    empty = plan.completeness()
    assert empty.score == 0 and empty.total == len(empty.missing) == 22
    assert empty.missing[0] == "Plan title"
    plan.set("title", "Tax 2014")
    plan.set("swot.threats", "   ")       # blank text does not count
    after = plan.completeness()
    assert after.done == 1 and "Plan title" not in after.missing and "Threats" in after.missing
    with language("zh"):
        assert plan.completeness().missing[0] == "行业"


def test_mid_year_revision_is_not_needed_to_hand_in():
    plan = IndustryPlan.example("en")
    assert plan.targets.mid_year.value is None
    assert plan.completeness().score == 100


def test_worked_example_is_complete_in_both_languages():
    for lang in ("en", "zh"):
        plan = IndustryPlan.example(lang)
        assert plan.completeness(lang).missing == []
        assert plan.industry == "government"


def test_derived_figures():
    plan = IndustryPlan.example("en")
    d = plan.derived()
    assert d.growth == pytest.approx([7.1 / 6.2 - 1, 7.4 / 7.1 - 1])
    assert d.cagr == pytest.approx((7.4 / 6.2) ** 0.5 - 1)
    assert d.share_of_wallet == pytest.approx([6.2 / 14.5, 7.1 / 16, 0.4])
    assert d.target_growth == pytest.approx(8.5 / 7.4 - 1)
    assert d.target_gap == pytest.approx(400_000)
    assert d.events_budget == 85_000
    empty = IndustryPlan().derived()
    assert empty.cagr is None and empty.target_growth is None and empty.events_budget is None


def test_from_dict_ignores_unknown_fields_and_names_bad_ones():
    data = IndustryPlan.example("en").to_dict()
    data["from_a_newer_version"] = {"x": 1}
    assert IndustryPlan.from_dict(data) == IndustryPlan.example("en")
    data["likely_investment"] = "plenty"
    with pytest.raises(ValueError, match="likely_investment"):
        IndustryPlan.from_dict(data)
    with pytest.raises(ValueError):
        IndustryPlan.from_dict(["not", "a", "dict"])


def test_save_keeps_previous_version_and_refuses_foreign_file(work_dir):
    plan = IndustryPlan(title="Banks 2014")
    path = plan.save()
    plan.set("customer_situation", "second version")
    plan.save()
    assert storage.backup_path(path).exists()
    assert IndustryPlan.load(path).customer_situation == "second version"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(storage.StorageError):
        plan.save()
    assert path.read_text(encoding="utf-8") == "{not json"


def test_exports_every_format(work_dir):
    plan = IndustryPlan.example("en")
    for fmt in ("docx", "xlsx", "md", "json"):
        path = plan.export(fmt)
        assert path.exists() and path.parent.name == "exports" and path.suffix == f".{fmt}"
    assert json.loads((work_dir / "exports" / "plan-provincial-local-tax-bureaus-2014.json")
                      .read_text(encoding="utf-8")) == plan.to_dict()
    doc = Document(work_dir / "exports" / "plan-provincial-local-tax-bureaus-2014.docx")
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for section in ("customer", "history", "outlook", "swot", "product_lines", "weak_points",
                    "executive_visits", "marketing_events", "targets"):
        assert hp().section(section).label.en in headings
    wb = load_workbook(work_dir / "exports" / "plan-provincial-local-tax-bureaus-2014.xlsx")
    assert len(wb.sheetnames) >= 7
    with pytest.raises(ValueError, match="unknown export format"):
        plan.export("pdf")


def test_markdown_and_html_escape_trainee_text():
    from salestrain.core import report

    plan = IndustryPlan(title="<script>alert(1)</script>", customer_situation="| # <b>x</b>")
    md = report.to_markdown(plan.to_report())
    assert "<script>" not in md and "<b>" not in md
    html = report.to_html(plan.to_report())
    assert "<script>" not in html and "&lt;script&gt;" in html


# --- properties ---------------------------------------------------------------------------

ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
PRINTABLE = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                    max_size=40).filter(lambda s: s.strip() == s and s.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(ANY_TEXT, min_size=len(text_paths()), max_size=len(text_paths())))
def test_any_text_in_every_text_field_survives_save_and_load(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("w")
    plan = one_row_plan()
    for path, value in zip(text_paths(), texts, strict=True):
        plan.set(path, value)
    saved = plan.save(folder)
    again = IndustryPlan.load(saved)
    assert again == plan
    for path, value in zip(text_paths(), texts, strict=True):
        assert again.get(path) == value
    exported = json.loads(plan.export("json", folder).read_text(encoding="utf-8"))
    assert IndustryPlan.from_dict(exported) == plan


@settings(max_examples=25, deadline=None)
@given(st.lists(PRINTABLE, min_size=len(text_paths()), max_size=len(text_paths())))
def test_any_text_survives_export_and_reread(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("x")
    plan = one_row_plan()
    for path, value in zip(text_paths(), texts, strict=True):
        plan.set(path, value)
    doc = Document(plan.export("docx", folder))
    words = [p.text for p in doc.paragraphs]
    words += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    blob = "\n".join(words)
    wb = load_workbook(plan.export("xlsx", folder))
    cells = [str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
             for v in row if v is not None]
    for value in texts:
        assert value in blob
        assert value in cells or any(value in c for c in cells)
        assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=30))
def test_control_characters_never_break_an_export(tmp_path_factory, junk):
    folder = tmp_path_factory.mktemp("c")
    plan = IndustryPlan(title="t", customer_situation="a\x00b\x0b" + junk.replace("\ud800", ""))
    assert plan.export("docx", folder).exists()
    assert plan.export("xlsx", folder).exists()
    assert clean("a\x00b\x0bc") == "abc"


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=12), st.integers(-10**9, 10**9),
                 st.floats(allow_nan=False, allow_infinity=False)))
def test_a_number_field_parses_or_says_why(value):
    plan = IndustryPlan()
    try:
        plan.set("likely_investment", value)
    except FieldError as exc:
        assert exc.message and exc.field == "likely_investment"
        assert plan.likely_investment is None
    else:
        assert plan.likely_investment is None or plan.likely_investment >= 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_derived_and_completeness_show_as_labelled_figures(lang):
    plan = IndustryPlan.example(lang)
    with language(lang):
        derived, done = plan.derived(), plan.completeness()
        plain, html = repr(derived), derived._repr_html_()
        done_plain, done_html = repr(done), done._repr_html_()
    assert derived.years == [2011, 2012, 2013]
    for text in (plain, done_plain):
        assert "Derived(" not in text and "Completeness(" not in text and "=[" not in text
        assert "None" not in text and "nan" not in text.lower()
    expected = {"en": ["Share of the customer's purchases, 2013: 40 %", "RMB 400,000",
                       "RMB 85,000"],
                "zh": ["客户采购份额（2013年）：40%", "40万元", "8.5万元"]}[lang]
    for bit in expected:
        assert bit in plain
    assert "<table" in html and "22" in done_plain and "<ul>" not in done_html


def test_completeness_view_lists_what_is_missing_and_derived_says_none():
    with language("en"):
        done_plain = repr(IndustryPlan().completeness())
        derived_plain = repr(IndustryPlan().derived())
    assert "Complete: 0 %" in done_plain and "- Plan title" in done_plain
    assert "year 1: —" in derived_plain and "nan" not in derived_plain.lower()


def test_worked_example_is_true_for_2013():
    """No single provincial tax bureau (2013 had 国税局 and 地税局), no 铁塔, no 市场监管局."""
    from pathlib import Path

    import salestrain.hp

    folder = Path(salestrain.hp.__file__).parent
    for name in ("data/example_plan.json", "content.yaml"):
        body = (folder / name).read_text(encoding="utf-8")
        for stale in ("省税务局", "省级税务", "铁塔", "Tower", "市场监管", "Market regulation",
                      "起付", "双轨计算", "单一计算"):
            assert stale not in body, (name, stale)
    assert "地方税务局" in IndustryPlan.example("zh").customer_situation
    assert "local-tax" in IndustryPlan.example("en").title


def test_a_left_out_field_counts_as_not_filled_in():
    plan = IndustryPlan.example("en")
    report = plan.completeness("en", left_out=["swot.threats"])
    assert report.score < 100 and report.missing == ["Threats"]
    assert plan.swot.threats  # the plan itself is unchanged
    assert plan.without(["swot.threats", "likely_investment", "no.such.path"]).swot.threats == ""
    uncovered = plan.completeness("en", left_out=["targets.mid_year.reason"])
    assert uncovered.total == 23 and uncovered.missing == [
        "Revised at mid-year (RMB): Reason: correct the error shown under it"]


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "md", "json"])
def test_an_export_leaves_out_and_lists_refused_fields(work_dir, fmt):
    plan = IndustryPlan.example("en")
    why = "'a lot' is not a number"
    path = plan.export(fmt, lang="en", left_out={"likely_investment": why})
    if fmt == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["likely_investment"] is None
        assert data["left_out"] == [{"field": "likely_investment",
                                     "label": "Likely investment (RMB)", "problem": why}]
        return
    if fmt == "docx":
        text = "\n".join(p.text for p in Document(path).paragraphs)
    elif fmt == "xlsx":
        text = "\n".join(str(c.value) for row in load_workbook(path).active for c in row)
    else:
        text = path.read_text(encoding="utf-8")
    assert "Left out of this export" in text and f"Likely investment (RMB): {why}" in text
    assert "21,000,000" not in text
