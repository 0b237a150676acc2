"""The plan builder's Review panel: it follows every edit, shows errors first, and each finding
takes the trainee to its field (its tab opened, its box focused)."""

from __future__ import annotations

from salestrain.core.i18n import language
from salestrain.hp.content import hp
from salestrain.hp.widgets.plan_builder import PlanBuilder


def focused(builder: PlanBuilder, path: str) -> list[str]:
    """Record focus() calls on the control at `path`."""
    calls: list[str] = []
    builder.fields[path].control.focus = lambda: calls.append(path)
    return calls


def test_the_review_follows_the_trainee_as_they_type(work_dir):
    builder = PlanBuilder()  # the worked example: warnings, no error
    assert "plan.share_falling_target_rising" in builder.review.rules
    assert all(f.severity != "error" for f in builder.review.findings)
    builder.set("sales_history.2.our_sales", "20,000,000")
    assert builder.review.findings[0].rule == "plan.share_over_100"
    assert "⛔" in builder.review.items.children[0].value
    builder.set("sales_history.2.our_sales", "7,400,000")
    assert "plan.share_over_100" not in builder.review.rules


def test_a_finding_takes_the_trainee_to_its_field(work_dir):
    builder = PlanBuilder()
    builder.set("swot.threats", "")
    assert builder.review.findings[0].rule == "plan.threats_after_opportunities"
    calls = focused(builder, "swot.threats")
    builder.tabs.selected_index = 0
    button = builder.review.buttons["swot.threats"]
    assert button.description == "Go to: Threats"
    builder.review.go("swot.threats")
    swot_tab = next(i for i, g in enumerate(hp().plan_groups) if "swot" in g.sections)
    assert builder.tabs.selected_index == swot_tab and calls == ["swot.threats"]


def test_a_refused_value_is_reviewed_as_left_out(work_dir):
    builder = PlanBuilder()
    assert builder.set("own_weak_points", "x") == ""
    builder.set("sales_history.2.customer_purchases", "lots")  # refused: not reviewed
    assert "plan.share_over_100" not in builder.review.rules


def test_the_panel_speaks_chinese(work_dir):
    with language("zh"):
        builder = PlanBuilder()
    assert "评审意见" in builder.review.header.value
    assert any(b.description.startswith("转到：") for b in builder.review.buttons.values())
