"""Pay plans: the 60/40 split, threshold, accelerator, cap, PM link and double crediting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from salestrain.core.i18n import language
from salestrain.hp import pay
from salestrain.hp.pay import PayPlan


def test_hp_default_is_60_40_with_a_10_percent_pm_link():
    plan = PayPlan.hp_default()
    assert (plan.base_share, plan.variable_share, plan.pm_link) == (0.6, 0.4, 0.1)
    assert plan.base_pay == 120_000 and plan.target_variable == 80_000


@pytest.mark.parametrize(
    ("attainment", "variable", "flags"),
    [
        (0.4, 0, "below"),        # under the 50 % threshold: no variable pay
        (0.5, 40_000, ""),        # at the threshold: paid one-for-one
        (1.0, 80_000, ""),        # on target
        (1.3, 128_000, ""),       # accelerator 2: 30 points over pay 60 % more
        (1.5, 160_000, "capped"),  # cap at 2x target variable
        (3.0, 160_000, "capped"),
    ],
)
def test_payout_curve(attainment, variable, flags):
    p = PayPlan.hp_default().payout(attainment)
    assert p.variable == pytest.approx(variable)
    assert p.total == pytest.approx(120_000 + variable)
    assert p.capped == (flags == "capped") and p.below_threshold == (flags == "below")


def test_no_cap_means_no_ceiling():
    plan = PayPlan(target_pay=100, base_share=0.5, accelerator=1)
    assert plan.payout(4).variable == pytest.approx(200)


def test_inputs_accept_what_people_type():
    plan = PayPlan(target_pay="20万", base_share="60%", threshold="50", cap="2")
    assert (plan.target_pay, plan.base_share, plan.variable_share, plan.threshold) == (
        200_000, 0.6, 0.4, 0.5)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        (dict(base_share=0.6, variable_share=0.5), "split_sum"),
        (dict(target_pay=-1), "negative_pay"),
        (dict(base_share="150%"), "share_range"),
        (dict(threshold="100%"), "threshold_range"),
        (dict(threshold=-0.1), "negative"),
        (dict(accelerator=0.5), "accelerator_range"),
        (dict(cap=0.8), "cap_range"),
        (dict(pm_link=0.5), "link_exceeds_variable"),
        (dict(target_pay="lots"), "value_error"),
    ],
)
def test_impossible_plans_are_refused_with_a_code(changes, code):
    with pytest.raises(ValidationError, match=code):
        PayPlan.hp_default(**changes)


def test_refusal_messages_say_the_fix_in_both_languages():
    with pytest.raises(ValidationError, match="must add up to 100 %"):
        PayPlan(target_pay=1, base_share=0.7, variable_share=0.4)
    with language("zh"), pytest.raises(ValidationError, match="之和必须为100%"):
        PayPlan(target_pay=1, base_share=0.7, variable_share=0.4)


def test_negative_attainment_is_refused():
    with pytest.raises(ValueError, match="cannot be negative"):
        PayPlan.hp_default().payout(-0.1)


def test_table_uses_default_attainments():
    rows = PayPlan.hp_default().table()
    assert [r.attainment for r in rows] == [0.4, 0.5, 0.7, 1.0, 1.3, 1.5, 2.0]


@given(st.floats(0, 5), st.floats(0, 5))
def test_pay_never_falls_as_attainment_rises(a, b):
    plan = PayPlan.hp_default()
    low, high = sorted((a, b))
    assert plan.payout(low).total <= plan.payout(high).total + 1e-9


def test_curve_points():
    xs, ys = PayPlan.hp_default().curve(stop=2, points=5)
    assert xs == [0, 0.5, 1.0, 1.5, 2.0] and ys[2] == pytest.approx(200_000)


def test_product_manager_link():
    plan = PayPlan.hp_default()
    on_target = pay.product_manager_pay(plan, 1.0, 1.0)
    assert on_target.total == pytest.approx(200_000)
    assert on_target.linked_variable == pytest.approx(20_000)   # 10 % of 200k target pay
    assert on_target.own_variable == pytest.approx(60_000)
    weak_ams = pay.product_manager_pay(plan, 1.0, 0.4)        # AMs below threshold
    assert weak_ams.total == pytest.approx(180_000)


def test_double_credit_cost():
    d = pay.double_credit_cost("1,000万", 0.02, "1%")
    assert d.single_cost == pytest.approx(200_000) and d.double_cost == pytest.approx(300_000)
    assert d.extra_cost == pytest.approx(100_000) and d.double_rate == pytest.approx(0.03)
    with pytest.raises(ValueError):
        pay.double_credit_cost(-5, 0.1, 0.1)


def test_incentive_rate():
    assert pay.incentive_rate(PayPlan.hp_default(), "400万") == pytest.approx(0.02)
    with pytest.raises(ValueError):
        pay.incentive_rate(PayPlan.hp_default(), 0)


REPR_LIKE = ("PMPayout(", "DoubleCredit(", "Payout(", "base=", "=1", "_variable", "_cost")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pm_payout_shows_labelled_money_not_a_repr(lang):
    pm = pay.product_manager_pay(PayPlan.hp_default(), product_attainment=1.0,
                                 account_attainment="80%")
    assert pm.total == pytest.approx(196_000) and pm.account_attainment == pytest.approx(0.8)
    with language(lang):
        plain, html = repr(pm), pm._repr_html_()
    assert not any(bit in plain for bit in REPR_LIKE), plain
    expected = {"en": ["Base pay", "RMB 120,000", "RMB 16,000", "RMB 196,000", "80 %"],
                "zh": ["基本工资", "12万元", "1.6万元", "19.6万元", "80%"]}[lang]
    for bit in expected:
        assert bit in plain and bit in html


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_double_credit_shows_a_table_with_dual_track_terms(lang):
    d = pay.double_credit_cost("1,000万", "2%", "1%")
    with language(lang):
        plain, html = repr(d), d._repr_html_()
    assert not any(bit in plain for bit in REPR_LIKE), plain
    expected = {"en": ["single credit", "double credit", "RMB 100,000", "3 %"],
                "zh": ["单轨计酬", "双轨考核", "10万元", "1000万元", "3%"]}[lang]
    for bit in expected:
        assert bit in plain and bit in html
    assert "<table" in html


def test_payout_view_and_table_flag_cap_and_threshold():
    plan = PayPlan.hp_default()
    with language("zh"):
        assert "低于起奖线" in repr(plan.payout(0.4))
        table = pay.payout_table(plan.table([0.4, 1.0, 1.5]))
    assert "已封顶" in table.text and "28万元" in table.text and "起付" not in table.text


def test_double_credit_errors_name_the_field_in_words():
    with language("en"), pytest.raises(ValueError, match="Account manager's incentive"):
        pay.double_credit_cost(100, -0.1, 0.1)
