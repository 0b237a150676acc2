"""The Ping An widgets driven from Python: filters, pair, decisions, saving and exports."""

from __future__ import annotations

import datetime as dt
import re

import ipywidgets as w
import pandas as pd
import pytest

from salestrain.core import storage
from salestrain.pingan import approval, crosssell
from salestrain.pingan.views import fmt
from salestrain.pingan.widgets.approval_flow import ApprovalFlow
from salestrain.pingan.widgets.cross_sell import CrossSellExplorer, heat_map


@pytest.fixture(scope="module")
def holdings() -> crosssell.Holdings:
    return crosssell.Holdings(crosssell.sample())


def test_the_shipped_sample_is_the_generator_output():
    pd.testing.assert_frame_equal(
        crosssell.sample(),
        crosssell.generate(crosssell.SAMPLE_CUSTOMERS, crosssell.SAMPLE_SEED))


RETENTIONS = ("retention", "single_retention", "four_plus_retention")


def test_explorer_metrics_follow_the_filters(holdings):
    ex = CrossSellExplorer(holdings)
    everyone = ex.metrics()
    assert everyone == pytest.approx({**crosssell.summary(holdings, dt.date(2024, 12, 31)),
                                      **{k: everyone[k] for k in RETENTIONS}})
    ex.segment = "affluent"
    affluent = ex.metrics()
    assert affluent["customers"] < everyone["customers"]
    assert affluent == pytest.approx({**crosssell.summary(holdings, "2024-12-31",
                                                          segment="affluent"),
                                      **{k: affluent[k] for k in RETENTIONS}})
    assert "Affluent" not in ex.metrics_view.value  # the table shows measures, not the filter
    ex.channel = "adviser"
    ex.as_of = dt.date(2018, 12, 31)
    assert ex.metrics()["customers"] == crosssell.summary(
        holdings, "2018-12-31", segment="affluent", channel="adviser")["customers"]
    assert "Contracts per customer" in ex.metrics_view.value


def test_explorer_shows_retention_of_one_contract_and_four_plus_customers(holdings):
    ex = CrossSellExplorer(holdings)
    ex.as_of = dt.date(2018, 12, 31)
    by_contracts = crosssell.retention_by_products(holdings, "2018-12-31")
    values = ex.metrics()
    assert values["single_retention"] == pytest.approx(by_contracts.loc["1", "retention"])
    assert values["four_plus_retention"] == pytest.approx(by_contracts.loc["4+", "retention"])
    assert values["single_retention"] < values["retention"] < values["four_plus_retention"]
    assert "Retention of one-contract customers" in ex.metrics_view.value
    assert fmt("single_retention", values["single_retention"]) in ex.metrics_view.value
    assert "nan" not in ex.metrics_view.value.lower()


def test_explorer_pair_shows_lift_and_customers_to_call(holdings):
    ex = CrossSellExplorer(holdings, product_a="car", product_b="life_protection")
    p = ex.pair_result()
    assert p.a == "car" and p.calls == p.holders_a - p.both
    assert f"{p.calls:,}" in ex.pair_view.value
    assert "First customers to call" in ex.pair_view.value
    assert ex.pair_view.value.count("<tr>") == 1 + min(p.calls, ex.CALL_LIST)
    ex.product_b = "trust"
    assert ex.pair_result().b == "trust"
    assert "Trust and wealth plan" in ex.pair_view.value


def test_explorer_heat_map_has_a_cell_per_pair(holdings):
    ex = CrossSellExplorer(holdings)
    n = len(holdings.products)
    assert ex.heat_view.value.count("<td") == n * n
    assert "Lift of holding both products" in ex.heat_view.value


def test_explorer_says_when_no_customer_matches(holdings):
    ex = CrossSellExplorer(holdings, as_of=dt.date(2007, 12, 31))
    assert ex.metrics()["customers"] == 0
    assert "No customers match" in ex.heat_view.value
    assert "No customers match" in ex.pair_view.value


def test_heat_map_escapes_names():
    lift = pd.DataFrame([[1.0, 2.0], [2.0, 1.0]], index=["a", "b"], columns=["a", "b"])
    html = heat_map(lift, {"a": "<script>", "b": "b"}, "<i>cap</i>")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;i&gt;" in html


def test_fmt():
    assert fmt("multi_subsidiary_share", 0.3951, "en") == "39.5 %"
    assert fmt("multi_subsidiary_share", 0.3951, "zh") == "39.5%"
    assert fmt("customers", 12345) == "12,345"
    assert fmt("contracts_per_customer", 2.214) == "2.21"
    assert fmt("retention", float("nan")) == "—"


def test_explorer_in_chinese(holdings):
    ex = CrossSellExplorer(holdings, lang="zh")
    assert "客均合同数" in ex.metrics_view.value
    assert "车险" in ex.heat_view.value


# --- ApprovalFlow (its saving and loading: test_approval_flow.py) ---------------------------


def type_into(control, text: str) -> None:
    """Type `text` as the browser would: every prefix when the field syncs per keystroke."""
    steps = [text[:i] for i in range(1, len(text) + 1)] if control.continuous_update else [text]
    for value in steps:
        control.value = value


def fill(flow: ApprovalFlow) -> None:
    type_into(flow.title.control, "Bank managers sell health cover")
    flow.product.value = "health"
    flow.channel.value = "bank_manager"
    type_into(flow.resources.control, "Training and 5 % commission")
    type_into(flow.rationale.control, "Savers ask about medical costs")


def blank_flow(**kwargs) -> ApprovalFlow:
    """A flow on a blank proposal (as after New), in the test's own work folder."""
    flow = ApprovalFlow(**kwargs)
    flow.toolbar.new()
    return flow


def test_flow_edits_the_model_and_autosaves(work_dir):
    flow = blank_flow()
    assert flow.approve_button.disabled  # nothing filled in yet
    fill(flow)
    assert flow.proposal.product == "health"
    assert flow.proposal.status == "ready"
    assert not flow.approve_button.disabled
    saved = storage.read(work_dir / "approval-bank-managers-sell-health-cover.json", "approval")
    assert saved["rationale"] == "Savers ask about medical costs"


def test_flow_shows_the_same_company_problem(work_dir):
    flow = blank_flow()
    fill(flow)
    flow.channel.value = "tele_internet"
    flow.product.value = "credit_card"
    flow.channel.value = "bank_manager"
    assert "not cross-selling" in flow.problems_view.value
    assert flow.approve_button.disabled


def test_flow_walks_the_steps_and_refuses_a_rejection_without_reason(work_dir):
    flow = blank_flow()
    fill(flow)
    flow.owner.value = "Li"
    flow.note.value = "fits"
    flow.approve_button.click()
    assert flow.proposal.records[0].owner == "Li"
    assert flow.owner.value == "" and flow.note.value == ""
    assert "Now at step 2" in flow.now_view.value
    flow.reject("")
    assert "needs a reason" in flow.message
    assert "needs a reason" in flow.message_view.value
    assert len(flow.proposal.records) == 1
    flow.note.value = "Commission too high"
    flow.reject_button.click()
    assert flow.proposal.status == "rejected"
    assert flow.approve_button.disabled and flow.reject_button.disabled
    assert "Not reached" in flow.steps_view.value
    flow.undo_button.click()
    assert flow.proposal.status == "in_progress"
    flow.restart_button.click()
    assert flow.proposal.records == []
    assert approval.load(flow.toolbar.path()).records == []


def test_flow_example_save_load_and_exports(work_dir):
    flow = ApprovalFlow()
    flow.toolbar.example_button.click()
    assert flow.proposal.status == "approved"
    assert flow.title.value == "Life agents sell car insurance"
    assert flow.channel.value == "life_agent"
    path = flow.toolbar.save()
    other = ApprovalFlow()
    other.toolbar.refresh_choices()
    assert other.toolbar.load(path.name)
    assert other.proposal == flow.proposal
    for label in ("Word", "Excel", "Markdown"):
        flow.toolbar.export_buttons[label].click()
        assert flow.toolbar.last_export.exists()
        assert flow.toolbar.last_export.parent == work_dir / "exports"
    assert (work_dir / "exports" / "approval-life-agents-sell-car-insurance.md").read_text(
        encoding="utf-8").count("Approved") >= 5


def test_flow_escapes_trainee_text(work_dir):
    flow = blank_flow()
    fill(flow)
    flow.approve(owner="<img src=x onerror=alert(1)>", note="<b>ok</b>")
    assert "<img" not in flow.steps_view.value
    assert "&lt;img" in flow.steps_view.value


def test_flow_reports_a_bad_file_and_keeps_the_work(work_dir):
    flow = blank_flow()
    fill(flow)
    work_dir.mkdir(parents=True, exist_ok=True)
    (work_dir / "approval-broken.json").write_text("{not json", encoding="utf-8")
    assert not flow.toolbar.load("approval-broken.json")
    assert "not valid JSON" in flow.toolbar.status.value
    assert flow.proposal.product == "health"


def test_flow_marks_an_owner_the_deck_does_not_name(work_dir):
    flow = blank_flow()
    fill(flow)
    assert "Now at step 1" in flow.now_view.value
    assert "(course&#x27;s reading)" in flow.now_view.value
    assert flow.owner.placeholder == "Integrated Development Department"
    flow.approve()
    assert "Now at step 2" in flow.now_view.value
    assert "reading" not in flow.now_view.value  # the deck names the product company
    assert flow.steps_view.value.count("(course&#x27;s reading)") == 2  # steps 1 and 3


def test_widgets_show_a_readable_summary_instead_of_a_repr(holdings, work_dir):
    ex = CrossSellExplorer(holdings)
    ex.segment = "affluent"
    text = ex._repr_mimebundle_()
    text = (text[0] if isinstance(text, tuple) else text)["text/plain"]
    assert text.startswith("Cross-sell explorer · Segment: Affluent customers")
    assert "As of 31 December 2024" in text and "VBox" not in text
    flow = ApprovalFlow()  # nothing saved yet: the worked example
    bundle = flow._repr_mimebundle_()
    text = (bundle[0] if isinstance(bundle, tuple) else bundle)["text/plain"]
    assert text == ("Life agents sell car insurance · Status: Approved: the channel may sell "
                    "under the plan")
    assert repr(blank_flow(lang="zh")).startswith("交叉销售方案 · 状态：草稿")
    assert "客户群：全部" in repr(CrossSellExplorer(holdings, lang="zh"))


def test_flow_in_chinese(work_dir):
    flow = ApprovalFlow(lang="zh")
    assert flow.title.value == "个险渠道销售车险"  # the worked example, in Chinese
    assert "确定适合的产品" in flow.steps_view.value
    assert flow.approve_button.description == "通过"
    assert flow.toolbar.new_button.description == "新建"


# --- what a reader of the page gets: named controls, text that fits, readable heat map -------


SNAKE_ID = re.compile(r"\b[a-z]+_[a-z_]+\b")
HAN = re.compile(r"[\u3400-\u9fff]")


def controls_of(widget):
    """Every input a trainee can use under `widget` (boxes walked; HTML and labels left out)."""
    if isinstance(widget, w.Box):
        for child in widget.children:
            yield from controls_of(child)
    elif isinstance(widget, (w.ValueWidget, w.Button)) and not isinstance(
            widget, (w.HTML, w.HTMLMath, w.Label)):
        yield widget


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_has_a_name(holdings, work_dir, lang):
    """A visible description, or a tooltip (the site names the control by it); never a code."""
    for root in (CrossSellExplorer(holdings, lang=lang).root, ApprovalFlow(lang=lang).root):
        controls = list(controls_of(root))
        assert len(controls) >= 5
        for control in controls:
            name = control.description or control.tooltip
            assert name and name.strip(), control
            assert not SNAKE_ID.search(name), name
            if lang == "zh" and not isinstance(control, w.Button):
                assert HAN.search(name), name  # named in the course language


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fields_without_a_visible_description_are_named_by_their_label(work_dir, lang):
    flow = ApprovalFlow(lang=lang)
    for key, field in flow.fields.items():
        assert not field.control.description
        assert field.control.tooltip == flow._t(key)  # the words of the label above it


def test_long_labels_and_options_are_not_cut_off(holdings, work_dir):
    ex = CrossSellExplorer(holdings)
    for control in (ex._segment, ex._channel, ex._as_of, ex._a, ex._b):
        assert control.layout.width == "auto"  # as wide as the longest option
    flow = ApprovalFlow()
    for control in (flow.product.control, flow.channel.control):
        assert control.layout.width == "auto"
    for control in (flow.owner, flow.note):  # "Note or reason" does not fit 80 px
        assert control.style.description_width == "initial"


def test_heat_map_text_reads_on_every_colour():
    from salestrain.pingan.widgets.cross_sell import contrast

    values = [0.2, 0.33, 0.45, 0.6, 0.8, 1.0, 1.25, 1.6, 2.0, 2.2, 2.6, 3.0, 5.0]
    lift = pd.DataFrame([values] * len(values), index=[f"p{i}" for i in range(len(values))],
                        columns=[f"p{i}" for i in range(len(values))])
    html = heat_map(lift, {c: c for c in lift.columns}, "cap")
    cells = re.findall(r'background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})', html)
    assert len(cells) == len(values) ** 2
    for bg, fg in cells:
        assert contrast(fg, bg) >= 4.5, (bg, fg)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)


def test_heat_map_scrolls_with_the_keyboard_at_the_tables_font_size(holdings):
    html = CrossSellExplorer(holdings).heat_view.value
    assert html.startswith('<div class="st-table-wrap" tabindex="0"><table class="st-table">')
    assert "font-size" not in html
    assert html.endswith("</table></div>")
