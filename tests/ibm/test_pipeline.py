"""Pipeline analytics and the synthetic postal-branch pipeline."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from salestrain.ibm import pipeline, ssm

ON = date(2013, 7, 1)


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    return pipeline.synthetic()


def test_synthetic_is_seeded_and_sized(df):
    assert len(df) == 300
    pd.testing.assert_frame_equal(df, pipeline.synthetic())
    assert not df.equals(pipeline.synthetic(seed=7))


def test_forecast_deals_match_the_published_mix():
    big = pipeline.synthetic(20_000)
    mix = pipeline.forecast_mix(big)
    for status, share in pipeline.FORECAST_MIX.items():
        assert mix[status] == pytest.approx(share, abs=0.002)
    small = pipeline.forecast_mix(pipeline.synthetic())
    assert small["won"] == pytest.approx(0.47, abs=0.03)


def test_dates_are_consistent(df):
    assert (df["created"] <= df["stage_entered"]).all()
    assert (df["stage_entered"] <= pd.Timestamp(ON)).all()
    open_ = df[df["status"] == "open"]
    assert (open_["last_evidence"] >= open_["stage_entered"]).all()
    assert open_["closed_on"].isna().all()
    assert df.loc[df["status"] != "open", "closed_on"].notna().all()


def test_open_deals_sit_in_open_stages_and_won_deals_are_won(df):
    assert set(df.loc[df["status"] == "open", "stage"].astype(str)) <= set(pipeline.OPEN_STAGES)
    assert (df.loc[df["status"] == "won", "stage"] == "won").all()


def test_weighted_pipeline_matches_a_plain_loop(df):
    table = pipeline.weighted_pipeline(df)
    w = ssm.StageWeights.defaults()
    expected = sum(r.value * w.of(r.stage) for r in df.itertuples() if r.status == "open")
    assert table.loc["total", "weighted"] == pytest.approx(expected)
    assert table.loc["total", "deals"] == (df["status"] == "open").sum()
    custom = pipeline.weighted_pipeline(df, {"identified": 0, "validated": 0, "qualified": 0,
                                             "proposed": 1, "won": 1, "completed": 1})
    assert custom.loc["total", "weighted"] == pytest.approx(custom.loc["proposed", "value"])


def test_funnel_is_monotone(df):
    f = pipeline.funnel(df)
    assert list(f["reached"]) == sorted(f["reached"], reverse=True)
    assert f.loc["identified", "reached"] == len(df)
    assert f["conversion"].dropna().between(0, 1).all()


def test_median_days_near_the_generator(df):
    med = pipeline.median_days(pipeline.synthetic(20_000))
    for stage, days in pipeline.MEDIAN_DAYS.items():
        assert med[stage] == pytest.approx(days, rel=0.1)


def test_flags(df):
    stale = pipeline.stale(df, ON)
    over = pipeline.under_evidenced(df)
    assert stale.dtype == bool and over.dtype == bool
    assert 0 < stale.sum() < (df["status"] == "open").sum()
    assert 0 < over.sum()
    assert not (stale & (df["status"] != "open")).any()
    flagged = pipeline.flags(df, ON)
    assert len(flagged) == (stale | over).sum()
    assert flagged["value"].is_monotonic_decreasing


def test_calibration_shows_weights_above_observed_win_rates(df):
    cal = pipeline.calibration(df)
    assert list(cal.index) == list(pipeline.OPEN_STAGES)
    assert cal["observed_win_rate"].is_monotonic_increasing
    assert cal.loc["proposed", "observed_win_rate"] == pytest.approx(0.47, abs=0.03)


def test_shipped_csv_is_the_seeded_generator(df):
    shipped = pipeline.shipped()
    assert len(shipped) == 300
    cols = ["id", "value", "claimed", "evidence_have", "created", "stage_entered",
            *pipeline.DURATION_COLUMNS]
    pd.testing.assert_frame_equal(shipped[cols], df[cols], check_dtype=False)
    assert (shipped["stage"].astype(str) == df["stage"].astype(str)).all()


def test_frame_from_saved_opportunities(work_dir):
    ex = ssm.example()
    ex.save()
    fresh = ssm.Opportunity.new(date(2013, 6, 1), name="Bank statements", value=500_000)
    fresh.save()
    opps = pipeline.saved_opportunities()
    assert len(opps) == 2
    frame = pipeline.frame(opps, date(2013, 7, 2))
    assert set(frame["stage"].astype(str)) == {"validated", "none"}
    table = pipeline.weighted_pipeline(frame)
    assert table.loc["validated", "weighted"] == pytest.approx(2_400_000 * 0.25)
    assert pipeline.under_evidenced(frame).sum() == 1


def test_handles_a_million_rows_vectorised():
    big = pipeline.synthetic(200_000, seed=1)
    assert len(big) == 200_000
    assert np.isfinite(pipeline.weighted_pipeline(big).loc["total", "weighted"])


# --- labels from content ---------------------------------------------------------------------


def test_every_id_has_a_name_in_both_languages():
    labels = ssm.data().pipeline_labels
    for kind, ids in (("segments", pipeline.SEGMENTS), ("products", pipeline.PRODUCTS),
                      ("owners", pipeline.OWNERS)):
        assert set(getattr(labels, kind)) == set(ids), kind
        for item in ids:
            assert pipeline.label(kind, item, "en") and pipeline.label(kind, item, "zh")


def test_csv_holds_ids_not_english_labels():
    raw = pd.read_csv(ssm.DATA / "pipeline.csv")
    assert "customer" not in raw.columns
    assert set(raw["segment"]) <= set(pipeline.SEGMENTS)
    assert set(raw["product"]) <= set(pipeline.PRODUCTS)
    assert set(raw["owner"]) <= set(pipeline.OWNERS)


def test_customer_names_follow_the_course_language():
    en, zh = pipeline.shipped("en"), pipeline.shipped("zh")
    assert en.loc[0, "customer"] == "E-commerce customer 2"
    assert zh.loc[0, "customer"] == "电子商务客户2"
    assert (en["customer_no"] == zh["customer_no"]).all()
    big = pipeline.synthetic(5_000, lang="zh")
    assert big["customer"].astype(str).str.contains("客户").all()


def test_claimed_pipeline_is_the_claims_times_values(df):
    open_ = df[df["status"] == "open"]
    assert pipeline.claimed_pipeline(df) == pytest.approx((open_.value * open_.claimed).sum())
    assert pipeline.claimed_pipeline(df) > pipeline.weighted_pipeline(df).loc["total", "weighted"]
