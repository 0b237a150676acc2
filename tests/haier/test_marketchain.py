"""Internal market under SST: determinism, conservation of money, no failure ever lost,
parameter checks, and the effect of claim discipline."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from salestrain.core.i18n import language
from salestrain.haier import marketchain as mc


def replay(settlement: mc.Settlement) -> dict[str, int]:
    """Balances rebuilt from the ledger, one transfer at a time."""
    balances = dict.fromkeys(settlement.balances_cents, 0)
    for t in settlement.ledger:
        assert t.cents >= 0
        assert t.payer != t.payee
        balances[t.payer] -= t.cents
        balances[t.payee] += t.cents
    return balances


def test_same_seed_same_run_and_another_seed_differs():
    a = mc.simulate(orders=150, seed=3)
    b = mc.simulate(orders=150, seed=3)
    c = mc.simulate(orders=150, seed=4)
    assert a.balances_cents == b.balances_cents
    assert [(f.order, f.contract, f.outcome) for f in a.failures] == [
        (f.order, f.contract, f.outcome) for f in b.failures]
    keys = [(f.order, f.contract) for f in a.failures]
    assert keys != [(f.order, f.contract) for f in c.failures]


def test_money_is_conserved_transfer_by_transfer():
    s = mc.simulate(orders=400, claim_discipline=0.4, self_report=0.2, ledger=True)
    assert s.total_cents() == 0
    assert replay(s) == s.balances_cents
    # the flows table says the same: what one account pays, another receives
    inflow = dict.fromkeys(s.balances_cents, 0)
    for (payer, payee, _kind), cents in s.flows.items():
        inflow[payer] -= cents
        inflow[payee] += cents
    assert inflow == s.balances_cents


def test_every_failure_is_claimed_compensated_or_tripped():
    s = mc.simulate(orders=500, claim_discipline=0.3, self_report=0.3, trip_after=4)
    assert s.failures
    assert all(f.outcome in mc.OUTCOMES and f.settled_at is not None for f in s.failures)
    assert sum(s.counts().values()) == len(s.failures)
    assert sum(st_.failures for st_ in s.stats.values()) == len(s.failures)
    assert s.history[-1].hidden == 0
    assert s.history[-1].seen + s.history[-1].tripped == len(s.failures)
    tripped_in_trips = sum(t.failures for t in s.trips)
    assert tripped_in_trips == s.counts()["tripped"]


def test_every_failure_costs_the_failing_unit_its_compensation():
    s = mc.simulate(orders=300, claim_discipline=0.5, ledger=True)
    comp = {c.id: round(c.compensation * 100) for c in mc.contracts()}
    owed = dict.fromkeys(s.stats, 0)
    for f in s.failures:
        owed[f.seller] += comp[f.contract]
    assert {u: st_.compensation_paid for u, st_ in s.stats.items()} == owed


@settings(max_examples=40, deadline=None)
@given(
    orders=st.integers(1, 120),
    seed=st.integers(0, 10_000),
    discipline=st.floats(0, 1),
    own_up=st.floats(0, 1),
    rate=st.floats(0, 1),
    trip_after=st.integers(1, 6),
    price=st.floats(0, 1_000, allow_nan=False),
    penalty=st.floats(0, 100, allow_nan=False),
)
def test_settlement_invariants_hold_for_any_possible_settings(
    orders, seed, discipline, own_up, rate, trip_after, price, penalty
):
    s = mc.simulate(
        orders=orders, seed=seed, claim_discipline=discipline, self_report=own_up,
        failure_rates={"product_hq": rate}, prices={"products": price}, trip_after=trip_after,
        trip_penalty=penalty, ledger=True,
    )
    assert s.total_cents() == 0
    assert replay(s) == s.balances_cents
    assert all(f.outcome in mc.OUTCOMES for f in s.failures)
    assert s.history[-1].hidden == 0


def test_full_claim_discipline_leaves_nothing_to_trip():
    s = mc.simulate(orders=300, claim_discipline=1.0)
    assert s.counts()["tripped"] == 0
    assert s.trips == []
    assert s.hidden_failures() == []
    assert s.balances_cents[mc.POOL] == 0


def test_no_claims_and_no_owning_up_means_every_internal_failure_trips():
    s = mc.simulate(orders=300, claim_discipline=0.0, self_report=0.0)
    for f in s.failures:
        expected = "claimed" if f.buyer == mc.OUTSIDE else "tripped"
        assert f.outcome == expected
    assert s.hidden_failures(), "with a trip threshold of 3, some failures wait for the trip"


def test_owning_up_settles_unclaimed_failures():
    s = mc.simulate(orders=300, claim_discipline=0.0, self_report=1.0)
    assert s.counts()["tripped"] == 0
    assert s.counts()["compensated"] > 0


def test_the_outside_market_always_claims():
    s = mc.simulate(orders=400, claim_discipline=0.0, failure_rates={"commerce_hq": 0.5})
    outside = [f for f in s.failures if f.buyer == mc.OUTSIDE]
    assert outside and all(f.outcome == "claimed" for f in outside)


def test_claim_discipline_changes_settlement_not_which_failures_happen():
    rows = mc.sweep([0.0, 0.25, 0.5, 0.75, 1.0], orders=400)
    assert len({r["failures"] for r in rows}) == 1
    claimed = [r["claimed"] for r in rows]
    assert claimed == sorted(claimed)
    tripped = [r["tripped"] for r in rows]
    assert tripped == sorted(tripped, reverse=True)
    assert rows[-1]["tripped"] == 0 and rows[0]["tripped"] > 0


def test_trip_fires_when_the_threshold_is_reached():
    s = mc.simulate(orders=300, claim_discipline=0.0, trip_after=2)
    for trip in s.trips:
        if not trip.at_close:
            assert trip.failures == 2
    s1 = mc.simulate(orders=300, claim_discipline=0.0, trip_after=1)
    assert s1.hidden_failures() == []


def test_trip_penalties_land_in_the_pool():
    s = mc.simulate(orders=300, claim_discipline=0.0, trip_penalty=4)
    internal_trips = sum(1 for f in s.failures if f.outcome == "tripped")
    assert s.balances_cents[mc.POOL] == internal_trips * 400
    assert sum(st_.penalties_paid for st_ in s.stats.values()) == internal_trips * 400


def test_prices_set_what_the_seller_claims():
    s = mc.simulate(orders=10, prices={"training": 3.5}, failure_rates={"hr": 0.0})
    assert s.stats["hr"].pay_claimed == 10 * 350
    assert s.balances_cents["hr"] == 10 * 350


@pytest.mark.parametrize(
    ("settings", "code"),
    [
        ({"failure_rates": {"rnd": 1.4}}, "rate_out_of_range"),  # above 1
        ({"failure_rates": {"rnd": -0.1}}, "rate_out_of_range"),  # below 0
        ({"failure_rates": {"rnd": math.nan}}, "rate_out_of_range"),  # not a number
        ({"claim_discipline": 2}, "rate_out_of_range"),
        ({"self_report": -1}, "rate_out_of_range"),
        ({"prices": {"sale": -5}}, "negative_price"),
        ({"trip_penalty": -1}, "negative_price"),
        ({"failure_rates": {"marketing": 0.1}}, "unknown_unit"),
        ({"prices": {"catering": 1}}, "unknown_contract"),
        ({"orders": 0}, "orders_out_of_range"),
        ({"orders": mc.MAX_ORDERS + 1}, "orders_out_of_range"),
        ({"trip_after": 0}, "trip_after_out_of_range"),
    ],
)
def test_raises_on_impossible_settings(settings, code):
    with pytest.raises(ValidationError, match=code):
        mc.simulate(**settings)


def test_error_message_names_the_setting_and_the_fix():
    with pytest.raises(ValidationError) as info:
        mc.Params(failure_rates={"rnd": 1.4})
    message = info.value.errors()[0]["msg"]
    assert "failure_rates['rnd']" in message and "1.4" in message and "0.05" in message
    with language("zh"), pytest.raises(ValidationError) as info:
        mc.Params(prices={"sale": -2})
    assert "不能为负数" in info.value.errors()[0]["msg"]


def test_params_from_saved_data_ignore_unknown_fields():
    p = mc.Params.model_validate({"orders": 50, "colour": "red"})
    assert p.orders == 50


def test_summary_table_and_chart_in_both_languages():
    s = mc.simulate(orders=200, claim_discipline=0.3)
    for lang in ("en", "zh"):
        columns, rows = s.rows(lang)
        assert len(rows) == len(mc.units()) and len(columns) == len(rows[0])
        assert str(s.params.orders) in s.summary(lang)
        assert "<table" in s.view(lang)._repr_html_()
    assert "hidden" in s.summary("en")
    fig = s.chart("zh")
    assert len(fig.axes) == 2
    view = mc.sweep_view(mc.sweep([0.2, 1.0], orders=100))
    assert "<table" in view._repr_html_()


def test_history_is_bounded_for_long_runs():
    s = mc.simulate(orders=20_000)
    assert len(s.history) <= 401
    assert s.history[-1].order == 20_000


def test_tables_show_money_and_shares_formatted():
    s = mc.simulate(orders=300, claim_discipline=0.3)
    _columns, rows = s.rows("en")
    assert all(isinstance(cell, str) for row in rows for cell in (row[1], row[2], row[6], row[8]))
    assert any("," in row[1] for row in rows)  # thousands separators, no '2298.0'
    assert not any(cell.endswith(".0") for row in rows for cell in map(str, row))
    text = repr(mc.sweep_view(mc.sweep([1.0, 0.1], orders=100)))
    assert "\n1.00 |" in text and "\n0.10 |" in text
    assert ".0 " not in text and not text.rstrip().endswith(".0")


def test_summary_in_chinese_has_no_space_between_sentences():
    s = mc.simulate(orders=300, claim_discipline=0.1)
    assert "。 " not in s.summary("zh")
