"""Key-account scoring: normalisation, weights, tiers, sensitivity and the synthetic pool."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from salestrain.hp import accounts
from salestrain.hp.accounts import Candidate, Cutoffs, Weights


def cand(i, volume, growth, share, industry="government"):
    return Candidate(id=f"X{i}", name=f"Account {i}", industry=industry,
                     volume=volume, growth=growth, share=share)


def test_normalise_min_max_and_log():
    assert accounts.normalise([1, 2, 3]) == [0, 50, 100]
    assert accounts.normalise([10, 100, 1000], log=True) == [0, 50, 100]
    assert accounts.normalise([5, 5]) == [50, 50]


def test_weights_normalise_and_accept_typed_numbers():
    w = Weights(volume="50%", growth="3", share=2)
    assert w.normalised()["volume"] == pytest.approx(0.5 / 5.5)
    assert sum(w.normalised().values()) == pytest.approx(1)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        (dict(volume=0, growth=0, share=0), "weights_zero"),   # nothing to rank on
        (dict(volume=-1, growth=1, share=1), "greater_than_equal"),  # negative weight
    ],
)
def test_weights_reject(kwargs, code):
    with pytest.raises(ValidationError, match=code):
        Weights(**kwargs)


@pytest.mark.parametrize(
    ("a", "b", "code"),
    [(40, 50, "cutoffs_order"), (120, 50, "cutoff_range"), (50, -5, "cutoff_range")],
)
def test_cutoffs_reject(a, b, code):
    with pytest.raises(ValidationError, match=code):
        Cutoffs(a=a, b=b)


def test_candidate_accepts_what_people_type():
    c = Candidate(id="a", name="n", industry="telecom", volume="120万", growth="8%", share="35%")
    assert (c.volume, c.growth, c.share) == (1_200_000, 0.08, 0.35)


def test_score_ranks_dominant_candidate_first_and_tiers():
    pool = [cand(1, 1e7, 0.2, 0.5), cand(2, 1e6, 0.1, 0.2), cand(3, 1e5, 0.0, 0.01)]
    weights = Weights(volume=1, growth=1, share=1)
    scored = accounts.score_accounts(pool, weights, Cutoffs(a=80, b=30))
    assert [s.candidate.id for s in scored] == ["X1", "X2", "X3"]
    assert [s.score for s in scored] == [100.0, pytest.approx(scored[1].score), 0.0]
    assert [s.tier for s in scored] == ["A", "B", "C"]
    assert [s.rank for s in scored] == [1, 2, 3]


def test_weight_on_one_indicator_ranks_by_it_alone():
    pool = accounts.synthetic_candidates(20, seed=1)
    scored = accounts.score_accounts(pool, Weights(volume=0, growth=1, share=0))
    growths = [s.candidate.growth for s in scored]
    assert growths == sorted(growths, reverse=True)


def test_score_needs_two_candidates():
    with pytest.raises(ValueError):
        accounts.score_accounts([cand(1, 1, 0, 0)])


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 10), st.floats(0, 10), st.floats(0.01, 10))
def test_scores_stay_in_0_100_for_any_weights(v, g, s):
    pool = accounts.synthetic_candidates(12, seed=7)
    scored = accounts.score_accounts(pool, Weights(volume=v, growth=g, share=s))
    assert all(0 <= x.score <= 100 for x in scored)
    assert [x.score for x in scored] == sorted((x.score for x in scored), reverse=True)


def test_synthetic_pool_is_seeded_and_spread_over_industries():
    a = accounts.synthetic_candidates()
    assert a == accounts.synthetic_candidates()
    assert a != accounts.synthetic_candidates(seed=1)
    assert len(a) == 40
    assert len({c.name for c in a}) == 40
    assert {c.industry for c in a} == {"telecom", "finance_postal", "government", "commercial"}
    vols = sorted((c.volume for c in a), reverse=True)
    assert sum(vols[:8]) / sum(vols) > 0.4  # concentrated, as in mature B2B portfolios
    zh = accounts.synthetic_candidates(lang="zh")
    assert [c.volume for c in zh] == [c.volume for c in a]
    assert zh[0].name != a[0].name


def test_tier_counts_cover_every_candidate():
    scored = accounts.score_accounts(accounts.synthetic_candidates())
    counts = accounts.tier_counts(scored)
    assert sum(sum(v.values()) for v in counts.values()) == 40
    assert counts["A"] and sum(counts["A"].values()) >= 3


def test_sensitivity_reports_each_indicator_both_ways():
    pool = accounts.synthetic_candidates()
    rows = accounts.sensitivity(pool, shift=0.1, top=6)
    assert [(r.indicator, r.shift > 0) for r in rows] == [
        ("volume", False), ("volume", True), ("growth", False), ("growth", True),
        ("share", False), ("share", True)]
    for r in rows:
        assert 0 <= r.kept <= 6 and len(r.entering) == len(r.leaving) == 6 - r.kept
        assert -1 <= r.rank_correlation <= 1
        assert sum(r.weights.values()) == pytest.approx(1)
    assert accounts.sensitivity(pool, shift=0.0)[0].kept == 6


def test_spearman():
    assert accounts.spearman(list("abc"), list("abc")) == 1
    assert accounts.spearman(list("abc"), list("cba")) == -1


def test_large_pools_get_unique_names_quickly():
    pool = accounts.synthetic_candidates(2_000, seed=3)
    assert len({c.name for c in pool}) == 2_000
