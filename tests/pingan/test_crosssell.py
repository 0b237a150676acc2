"""Cross-sell metrics on a hand-built table, and the generator against Ping An's figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salestrain.core.errors import NotFound
from salestrain.pingan import content as pingan
from salestrain.pingan import crosssell as cs

AS_OF = "2023-12-31"


@pytest.fixture
def tiny() -> pd.DataFrame:
    """Four customers; customer 4's only contract ended mid-2023."""
    rows = [
        # customer, segment, product, subsidiary, channel, start, end
        (1, "young", "life_protection", "life", "life_agent", "2020-01-01", None),
        (1, "young", "car", "pc", "life_agent", "2021-06-01", None),
        (2, "family", "life_protection", "life", "life_agent", "2019-01-01", None),
        (2, "family", "life_savings", "life", "bank_manager", "2020-01-01", "2024-03-01"),
        (3, "young", "car", "pc", "pc_sales", "2022-01-01", None),
        (4, "family", "car", "pc", "tele_internet", "2018-01-01", "2023-06-30"),
    ]
    frame = pd.DataFrame(rows, columns=cs.COLUMNS[:7])
    frame["start_date"] = pd.to_datetime(frame["start_date"])
    frame["end_date"] = pd.to_datetime(frame["end_date"])
    frame["still_held"] = frame["end_date"].isna()
    return frame


def test_summary_counts_only_contracts_held_on_the_day(tiny):
    s = cs.summary(tiny, AS_OF)
    assert s["customers"] == 3  # customer 4 has left
    assert s["contracts"] == 5
    assert s["contracts_per_customer"] == pytest.approx(5 / 3)
    assert s["two_plus_share"] == pytest.approx(2 / 3)
    assert s["multi_subsidiary_share"] == pytest.approx(1 / 3)  # only customer 1: life + P&C
    assert s["four_plus_share"] == 0
    assert cs.multi_subsidiary_share(tiny, AS_OF) == pytest.approx(1 / 3)


def test_a_contract_is_held_on_its_start_day_and_not_on_its_end_day(tiny):
    assert cs.summary(tiny, "2023-06-29")["customers"] == 4
    assert cs.summary(tiny, "2023-06-30")["customers"] == 3
    assert cs.summary(tiny, "2017-12-31")["customers"] == 0
    assert cs.summary(tiny, "2018-01-01")["customers"] == 1


def test_products_per_customer(tiny):
    per = cs.products_per_customer(tiny, AS_OF)
    assert per.to_dict() == {1: 2, 2: 2, 3: 1}


def test_penetration(tiny):
    pen = cs.penetration(tiny, AS_OF)
    assert pen["life_protection"] == pytest.approx(2 / 3)
    assert pen["car"] == pytest.approx(2 / 3)
    assert pen["life_savings"] == pytest.approx(1 / 3)


def test_co_holding_and_lift(tiny):
    co = cs.co_holding(tiny, AS_OF)
    assert co.loc["life_protection", "car"] == 1
    assert co.loc["life_protection", "life_savings"] == 1
    assert co.loc["car", "life_savings"] == 0
    assert co.loc["car", "car"] == 2
    lift = cs.lift(tiny, AS_OF)
    assert lift.loc["life_protection", "car"] == pytest.approx(1 * 3 / (2 * 2))
    assert lift.loc["life_protection", "life_savings"] == pytest.approx(1 * 3 / (2 * 1))
    assert (lift.to_numpy() == lift.to_numpy().T).all()


def test_pair_lists_the_customers_to_call(tiny):
    p = cs.pair(tiny, AS_OF, "life_protection", "car")
    assert (p.holders_a, p.holders_b, p.both) == (2, 2, 1)
    assert p.confidence == pytest.approx(0.5)
    assert p.lift == pytest.approx(0.75)
    assert p.to_call.tolist() == [2]
    assert p.calls == 1


def test_filters_by_segment_and_first_channel(tiny):
    assert cs.summary(tiny, AS_OF, segment="young")["customers"] == 2
    assert cs.summary(tiny, AS_OF, channel="life_agent")["customers"] == 2
    assert cs.summary(tiny, AS_OF, segment="young", channel="pc_sales")["contracts"] == 1
    with pytest.raises(NotFound) as info:
        cs.summary(tiny, AS_OF, segment="students")
    assert (info.value.code, info.value.field, info.value.wanted) == (
        "not_found", "segment", "students")
    assert "'students'" in info.value.message and "young" in info.value.message


def test_next_best_product_uses_look_alikes_in_the_segment(tiny):
    nb = cs.next_best(tiny, AS_OF)
    # Young: of the car holders (customers 1 and 3) one holds life protection, so customer 3,
    # who has only a car, takes it with chance 1/2. Family: customer 2's products are held by
    # no one with anything else, so nothing is worth offering and the segment is left out.
    assert nb.to_dict("records") == [{"segment": "young", "product": "life_protection",
                                      "customers_without": 1, "expected_takers": 0.5,
                                      "take_rate": 0.5}]


def test_retention_by_products(tiny):
    ret = cs.retention_by_products(tiny, AS_OF)
    # A year earlier: customers 3 and 4 held one contract (3 stays), 1 and 2 held two (both stay).
    assert ret.loc["1", "customers"] == 2 and ret.loc["1", "retention"] == 0.5
    assert ret.loc["2", "customers"] == 2 and ret.loc["2", "retention"] == 1.0
    assert ret.loc["4+", "customers"] == 0 and np.isnan(ret.loc["4+", "retention"])
    assert ret.loc["all", "retention"] == 0.75


def test_channel_contribution_counts_sales_to_another_companys_customers(tiny):
    out = cs.channel_contribution(tiny, "2021-01-01", "2022-12-31")
    assert out.loc["life_agent", "contracts"] == 1  # customer 1's car policy
    assert out.loc["life_agent", "cross_sold"] == 1  # first contract was with Life
    assert out.loc["pc_sales", "contracts"] == 1  # customer 3's car policy: their first
    assert out.loc["pc_sales", "cross_sold"] == 0
    assert out.loc["life_agent", "share_of_cross_selling"] == 1.0


def test_figures_over_time_has_one_row_per_date(tiny):
    out = cs.figures_over_time(tiny, ["2022-12-31", AS_OF])
    assert list(out["customers"]) == [4, 3]
    assert out.loc[pd.Timestamp(AS_OF), "retention"] == 0.75


def test_holdings_need_their_columns():
    with pytest.raises(ValueError, match="columns"):
        cs.Holdings(pd.DataFrame({"customer": [1]}))


frames = st.lists(
    st.tuples(st.integers(1, 6), st.sampled_from(["car", "deposit", "health"]),
              st.integers(0, 9), st.integers(1, 6) | st.none()),
    min_size=1, max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(frames)
def test_vectorised_counts_match_a_plain_groupby(rows):
    subs = {"car": "pc", "deposit": "bank", "health": "health"}
    frame = pd.DataFrame({
        "customer": [r[0] for r in rows],
        "segment": "young",
        "product": [r[1] for r in rows],
        "subsidiary": [subs[r[1]] for r in rows],
        "channel": "tele_internet",
        "start_date": [pd.Timestamp(2015 + r[2], 1, 1) for r in rows],
        "end_date": [pd.NaT if r[3] is None else pd.Timestamp(2016 + r[2] + r[3], 1, 1)
                     for r in rows],
    })
    as_of = pd.Timestamp(2020, 6, 30)
    held = frame[(frame.start_date <= as_of) & ~(frame.end_date <= as_of)]
    expected = held.groupby("customer").size()
    got = cs.products_per_customer(frame, as_of)
    assert got.sort_index().to_dict() == expected.sort_index().to_dict()
    s = cs.summary(frame, as_of)
    assert s["customers"] == held.customer.nunique()
    if len(held):
        multi = (held.groupby("customer").subsidiary.nunique() > 1).mean()
        assert s["multi_subsidiary_share"] == pytest.approx(multi)


# --- the generator --------------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic() -> cs.Holdings:
    return cs.Holdings(cs.generate(40_000, seed=0))


def test_generator_hits_its_calibration_targets(synthetic):
    got = cs.calibration(synthetic)
    for key, (target, tolerance) in cs.TARGETS.items():
        assert abs(got[key] - target) <= tolerance, f"{key}: {got[key]:.3f}, target {target}"


def test_retention_rises_with_the_number_of_contracts(synthetic):
    ret = cs.retention_by_products(synthetic, "2024-12-31")["retention"]
    assert ret["1"] < ret["2"] < ret["3"] < ret["4+"]


def test_generator_is_deterministic_and_well_formed():
    a, b = cs.generate(500, seed=7), cs.generate(500, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(cs.generate(500, seed=8))
    assert list(a.columns) == cs.COLUMNS
    assert a["customer"].nunique() == 500
    assert (a["still_held"] == a["end_date"].isna()).all()
    ended = a.dropna(subset=["end_date"])
    assert (ended["end_date"] > ended["start_date"]).all()
    assert a["start_date"].max() <= pd.Timestamp("2024-12-31")
    catalogue = {p.id: p.subsidiary for p in pingan.data().products}
    assert all(catalogue[p] == s for p, s in zip(a["product"], a["subsidiary"], strict=True))


def test_generator_takes_any_number_of_customers():
    assert cs.generate(1, seed=0)["customer"].nunique() == 1
    with pytest.raises(ValueError, match="customers must be at least 1"):
        cs.generate(0)


def test_compare_with_disclosed_pairs_every_reported_figure(synthetic):
    table = cs.compare_with_disclosed(synthetic)
    reported = sum(getattr(f, m) is not None for f in pingan.data().figures for m in cs.MEASURES)
    assert len(table) == reported
    first = table[(table.period == "2016") & (table.measure == "customers_m")]
    assert first["synthetic"].iloc[0] == pytest.approx(131)
