"""Pipeline analytics on a table of opportunities, and a seeded synthetic postal-branch pipeline.

One row per opportunity. Columns (the generator makes them; `frame()` builds them from saved
`Opportunity` objects):

=================  ===========================================================================
id, customer_no    numbers (the synthetic customer is the n-th of its industry)
segment, product, owner  ids; their names are in content.yaml (`pipeline_labels`)
name, customer     labels in the course language (`customer` is built from segment and number)
value              contract value in RMB
status             open / won / lost / no_decision / walked_away
stage              the furthest stage the customer's evidence supports (ordered categorical)
claimed            the probability the seller claims (may be above what the evidence supports)
created, stage_entered, last_evidence, expected_close, closed_on     dates (datetime64)
d_identified … d_proposed     days spent in each stage once it was left (NaN if not left)
evidence_have, evidence_need  outcomes of the current step evidenced / required
=================  ===========================================================================

Everything is vectorised (no Python loop over rows), so a million rows take about a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from salestrain.core import storage
from salestrain.core.i18n import get_language
from salestrain.ibm import ssm

OPEN_STAGES = ("identified", "validated", "qualified", "proposed")
STAGES = pd.CategoricalDtype(["none", *ssm.STAGE_IDS], ordered=True)
STATUSES = ("open", "won", "lost", "no_decision", "walked_away")
#: CSO Insights 2018–19 Sales Performance Study: outcomes of forecast deals.
FORECAST_MIX = {"won": 0.473, "lost": 0.320, "no_decision": 0.207}
DURATION_COLUMNS = [f"d_{s}" for s in OPEN_STAGES]

# ids only: the names trainees read are in content.yaml (pipeline_labels), in both languages
SEGMENTS = ("government", "finance", "ecommerce", "manufacturing", "education", "healthcare",
            "utilities")
PRODUCTS = ("ems", "logistics", "direct_mail", "invoices", "newspapers", "insurance", "parcels",
            "bills", "rural")
OWNERS = ("chen", "li", "wang", "zhang", "liu", "zhao", "huang", "zhou")
CUSTOMERS_PER_SEGMENT = 97
#: median days spent in each open stage before moving on
MEDIAN_DAYS = {"identified": 21, "validated": 30, "qualified": 35, "proposed": 25}
#: chance of moving from each open stage to the next, for deals that have stopped
ADVANCE = {"identified": 0.55, "validated": 0.60, "qualified": 0.65}


def label(kind: str, item: str, lang: str | None = None) -> str:
    """The name of a segment, product or owner id ('segments', 'products', 'owners')."""
    names = getattr(ssm.data().pipeline_labels, kind)
    return names[item](lang or get_language()) if item in names else str(item)


def customer_names(segments: pd.Series, numbers: pd.Series,
                   lang: str | None = None) -> pd.Categorical:
    """'Government customer 5' for each (segment id, number), vectorised."""
    lang = lang or get_language()
    template = ssm.data().pipeline_labels.customer(lang)
    seg = pd.Categorical(segments, categories=list(SEGMENTS)).codes.astype(np.int64)
    num = np.asarray(numbers, dtype=np.int64)
    names = [template.format(segment=label("segments", s, lang), number=k)
             for s in SEGMENTS for k in range(1, CUSTOMERS_PER_SEGMENT + 1)]
    return pd.Categorical.from_codes(seg * CUSTOMERS_PER_SEGMENT + num - 1, categories=names)


def _weights(weights: ssm.StageWeights | dict | None) -> dict[str, float]:
    if weights is None:
        weights = ssm.StageWeights.defaults()
    if isinstance(weights, ssm.StageWeights):
        weights = weights.as_dict()
    return {"none": 0.0, **weights}


def stage_weight(stages: pd.Series, weights: ssm.StageWeights | dict | None = None) -> pd.Series:
    """The weight of each row's stage (vectorised lookup)."""
    w = _weights(weights)
    codes = stages.astype(STAGES).cat.codes.to_numpy()
    table = np.array([w[c] for c in STAGES.categories])
    return pd.Series(np.where(codes >= 0, table[codes], 0.0), index=stages.index)


def weighted_pipeline(df: pd.DataFrame,
                      weights: ssm.StageWeights | dict | None = None) -> pd.DataFrame:
    """Open deals by stage: count, value, weight and weighted value, with a total row."""
    w = _weights(weights)
    is_open = (df["status"] == "open").to_numpy()
    codes = df["stage"].astype(STAGES).cat.codes.to_numpy()[is_open]
    values = df["value"].to_numpy(dtype=float)[is_open]
    size = len(STAGES.categories)
    count = np.bincount(codes[codes >= 0], minlength=size)
    total = np.bincount(codes[codes >= 0], weights=values[codes >= 0], minlength=size)
    pick = [list(STAGES.categories).index(s) for s in OPEN_STAGES]
    out = pd.DataFrame({
        "deals": count[pick].astype(int),
        "value": total[pick],
        "weight": [w[s] for s in OPEN_STAGES],
    }, index=pd.Index(list(OPEN_STAGES), name="stage"))
    out["weighted"] = out["value"] * out["weight"]
    total = pd.DataFrame({"deals": [out["deals"].sum()], "value": [out["value"].sum()],
                          "weight": [np.nan], "weighted": [out["weighted"].sum()]},
                         index=pd.Index(["total"], name="stage"))
    return pd.concat([out, total])


def claimed_pipeline(df: pd.DataFrame, weights: ssm.StageWeights | dict | None = None) -> float:
    """The open pipeline weighted with the sellers' claimed probabilities (a deal without a
    claim counts at its stage weight)."""
    is_open = df["status"] == "open"
    claimed = df["claimed"].astype(float).fillna(stage_weight(df["stage"], weights))
    return float((df["value"].astype(float) * claimed)[is_open].sum())


def funnel(df: pd.DataFrame) -> pd.DataFrame:
    """How many deals reached each stage, and the share that went on to the next one."""
    codes = df["stage"].astype(STAGES).cat.codes.to_numpy()
    order = list(STAGES.categories)
    stages = [*OPEN_STAGES, "won"]
    reached = [int((codes >= order.index(s)).sum()) for s in stages]
    conversion = [reached[i + 1] / reached[i] if reached[i] else np.nan
                  for i in range(len(stages) - 1)] + [np.nan]
    return pd.DataFrame({"reached": reached, "conversion": conversion},
                        index=pd.Index(stages, name="stage"))


def median_days(df: pd.DataFrame) -> pd.Series:
    """Median days a deal spent in each stage before leaving it."""
    cols = [c for c in DURATION_COLUMNS if c in df]
    med = df[cols].median()
    med.index = [c.removeprefix("d_") for c in cols]
    med.index.name = "stage"
    return med


def days_in_stage(df: pd.DataFrame, on: date) -> pd.Series:
    """Days each deal has been in its current stage on `on`."""
    return (pd.Timestamp(on) - df["stage_entered"]).dt.days


def stale(df: pd.DataFrame, on: date, factor: float = 1.5,
          evidence_days: int = ssm.STALE_DAYS) -> pd.Series:
    """Open deals stuck too long: in stage beyond `factor` × the stage's median, or with no
    customer evidence for `evidence_days`. Returns a boolean Series aligned with `df`."""
    med = median_days(df).reindex(list(STAGES.categories)).fillna(np.inf).to_numpy()
    codes = df["stage"].astype(STAGES).cat.codes.to_numpy()
    limit = np.where(codes >= 0, med[codes], np.inf) * factor
    on_ = np.datetime64(on, "D")
    in_stage = (on_ - df["stage_entered"].to_numpy().astype("datetime64[D]")).astype(float)
    quiet_days = (on_ - df["last_evidence"].to_numpy().astype("datetime64[D]")).astype(float)
    quiet = ~(quiet_days <= evidence_days)  # no evidence at all counts as quiet
    return pd.Series((df["status"] == "open").to_numpy() & ((in_stage > limit) | quiet),
                     index=df.index)


def under_evidenced(df: pd.DataFrame, weights: ssm.StageWeights | dict | None = None,
                    ) -> pd.Series:
    """Open deals whose claimed probability is above the weight of their evidenced stage."""
    supported = stage_weight(df["stage"], weights)
    return (df["status"] == "open") & (df["claimed"].fillna(0) > supported + 1e-9)


def flags(df: pd.DataFrame, on: date, weights: ssm.StageWeights | dict | None = None,
          ) -> pd.DataFrame:
    """The flagged open deals, largest first, with days in stage and both flags."""
    out = df.assign(days_in_stage=days_in_stage(df, on), stale=stale(df, on),
                    over_claimed=under_evidenced(df, weights),
                    supported=stage_weight(df["stage"], weights))
    out = out[out["stale"] | out["over_claimed"]]
    cols = ["id", "customer", "value", "stage", "supported", "claimed", "days_in_stage",
            "stale", "over_claimed"]
    return out.sort_values("value", ascending=False)[[c for c in cols if c in out]]


def calibration(df: pd.DataFrame, weights: ssm.StageWeights | dict | None = None,
                ) -> pd.DataFrame:
    """Stage weights against the win rate observed among closed deals that reached each stage."""
    w = _weights(weights)
    status = df["status"].to_numpy()
    closed = status != "open"
    codes = df["stage"].astype(STAGES).cat.codes.to_numpy()[closed]
    won = (status == "won")[closed]
    order = list(STAGES.categories)
    rows = []
    for s in OPEN_STAGES:
        reached = codes >= order.index(s)
        n = int(reached.sum())
        rows.append((n, won[reached].mean() if n else np.nan, w[s]))
    out = pd.DataFrame(rows, columns=["closed_deals", "observed_win_rate", "weight"],
                       index=pd.Index(list(OPEN_STAGES), name="stage"))
    out["gap"] = out["weight"] - out["observed_win_rate"]
    return out


def forecast_mix(df: pd.DataFrame) -> pd.Series:
    """Outcome shares of closed *forecast* deals (those that reached Proposed)."""
    closed = df[(df["status"] != "open")
                & (df["stage"].astype(STAGES) >= "proposed")]
    return closed["status"].value_counts(normalize=True).reindex(list(FORECAST_MIX)).fillna(0)


# --- synthetic data ---------------------------------------------------------------------


def synthetic(n: int = 300, seed: int = 2013, on: date = date(2013, 7, 1),
              open_share: float = 0.4, overclaim_share: float = 0.2,
              lang: str | None = None) -> pd.DataFrame:
    """A seeded, synthetic pipeline of a city postal branch's corporate opportunities.

    Calibrated so that closed *forecast* deals (those that reached Proposed) end 47.3 % won,
    32.0 % lost and 20.7 % no decision (CSO Insights 2018–19); deals that stop earlier are lost,
    left undecided or walked away from. Values are log-normal around RMB 300 000; stage
    durations are gamma-distributed around `MEDIAN_DAYS`. Vectorised: 1 M rows in about a second.
    """
    rng = np.random.default_rng(seed)
    asof = np.datetime64(on, "D")
    is_open = rng.random(n) < open_share
    # furthest open stage reached (1 = identified … 4 = proposed)
    reached = np.ones(n, dtype=np.int8)
    for i, s in enumerate(("identified", "validated", "qualified")):
        go = (reached == i + 1) & (rng.random(n) < ADVANCE[s])
        reached[go] += 1
    code = {s: i for i, s in enumerate(STATUSES)}
    status = np.zeros(n, dtype=np.int8)  # codes into STATUSES; 0 = open
    closed = ~is_open
    forecast = closed & (reached == 4)
    idx = np.flatnonzero(forecast)
    counts = np.round(np.array(list(FORECAST_MIX.values())) * len(idx)).astype(int)
    counts[0] = len(idx) - counts[1:].sum()
    status[rng.permutation(idx)] = np.repeat([code[s] for s in FORECAST_MIX], counts)
    early = closed & (reached < 4)
    status[early] = rng.choice([code["lost"], code["no_decision"], code["walked_away"]],
                               size=int(early.sum()), p=[0.35, 0.40, 0.25])
    won = status == code["won"]
    stage_code = reached.astype(np.int16).copy()  # index into STAGES: 1..4 open stages
    stage_code[won] = 5
    # days in each stage: gamma with shape 2, scaled to the stage's median
    durations = np.full((n, 4), np.nan)
    for j, s in enumerate(OPEN_STAGES):
        scale = MEDIAN_DAYS[s] / 1.678  # median of gamma(2, 1) ≈ 1.678
        durations[:, j] = np.ceil(rng.gamma(2.0, scale, n))
    left = np.arange(4)[None, :] < (reached[:, None] - is_open[:, None].astype(int))
    left |= won[:, None] & (np.arange(4)[None, :] < 4)
    spent = np.where(left, durations, np.nan)
    done_days = np.nansum(spent, axis=1)
    elapsed = np.where(is_open, np.ceil(rng.gamma(2.0, 15.0, n)), 0)
    closed_ago = np.where(is_open, 0, rng.integers(0, 365, n))
    end = asof - closed_ago.astype("timedelta64[D]")
    stage_entered = end - elapsed.astype("timedelta64[D]")
    created = stage_entered - done_days.astype("timedelta64[D]")
    quiet = np.ceil(rng.exponential(25.0, n)).astype(int)
    last_evidence = np.maximum(stage_entered,
                               asof - np.minimum(quiet, (asof - stage_entered).astype(int))
                               .astype("timedelta64[D]"))
    last_evidence = np.where(is_open, last_evidence, end)
    need = np.array([4, 4, 3, 3, 1, 2])[np.clip(stage_code, 1, 5)]  # outcomes of next step
    have = np.where(is_open, rng.integers(0, need, n), need)
    weights = np.array([0.0, 0.10, 0.25, 0.50, 0.75, 1.0, 1.0])
    over = is_open & (rng.random(n) < overclaim_share) & (stage_code < 4)
    claimed = weights[np.clip(stage_code + over * rng.integers(1, 3, n), 0, 4)]
    claimed = np.where(is_open, claimed, np.nan)
    value = np.round(np.exp(rng.normal(np.log(300_000), 1.0, n)), -3)
    seg = rng.integers(0, len(SEGMENTS), n)
    prod = rng.integers(0, len(PRODUCTS), n)
    num = np.arange(1, n + 1)
    customer_no = num % CUSTOMERS_PER_SEGMENT + 1
    expected = np.where(is_open, asof + rng.integers(15, 180, n).astype("timedelta64[D]"), end)
    df = pd.DataFrame({
        "id": num,
        "customer_no": customer_no,
        "customer": customer_names(pd.Series(np.asarray(SEGMENTS)[seg]), customer_no, lang),
        "segment": pd.Categorical.from_codes(seg, categories=list(SEGMENTS)),
        "product": pd.Categorical.from_codes(prod, categories=list(PRODUCTS)),
        "owner": pd.Categorical.from_codes(rng.integers(0, len(OWNERS), n),
                                           categories=list(OWNERS)),
        "value": value,
        "status": pd.Categorical.from_codes(status, categories=list(STATUSES)),
        "stage": pd.Categorical.from_codes(stage_code, dtype=STAGES),
        "claimed": claimed,
        "created": created.astype("datetime64[ns]"),
        "stage_entered": stage_entered.astype("datetime64[ns]"),
        "last_evidence": last_evidence.astype("datetime64[ns]"),
        "expected_close": expected.astype("datetime64[ns]"),
        "closed_on": np.where(is_open, np.datetime64("NaT"), end).astype("datetime64[ns]"),
        "evidence_have": have,
        "evidence_need": need,
    })
    for j, col in enumerate(DURATION_COLUMNS):
        df[col] = spent[:, j]
    return df


def shipped(lang: str | None = None) -> pd.DataFrame:
    """The small synthetic pipeline that ships with the course (300 deals, seed 2013); its
    customer names in `lang` (default: the course language)."""
    path = ssm.DATA / "pipeline.csv"
    with path.open("r", encoding="utf-8") as handle:
        df = pd.read_csv(handle, parse_dates=["created", "stage_entered", "last_evidence",
                                              "expected_close", "closed_on"])
    df.insert(2, "customer", customer_names(df["segment"], df["customer_no"], lang))
    for col, ids in (("segment", SEGMENTS), ("product", PRODUCTS), ("owner", OWNERS)):
        df[col] = pd.Categorical(df[col], categories=list(ids))
    for col in ("created", "stage_entered", "last_evidence", "expected_close", "closed_on"):
        df[col] = df[col].astype("datetime64[ns]")
    df["stage"] = df["stage"].astype(STAGES)
    df["status"] = pd.Categorical(df["status"], categories=list(STATUSES))
    return df


# --- from saved opportunities -----------------------------------------------------------


def frame(opportunities: Iterable[ssm.Opportunity], on: date) -> pd.DataFrame:
    """Saved opportunities as pipeline rows; stage is what their evidence supports."""
    rows = []
    for i, opp in enumerate(opportunities):
        stage = opp.classification(on).stage or "none"
        entered = next((h.on for h in reversed(opp.history)
                        if h.action in ("advance", "back", "won", "created")), opp.created)
        need = len(ssm.step(min(opp.current_step, ssm.LAST_STEP)).outcomes)
        have = need - len(opp.missing(on=on))
        rows.append({
            "id": f"S{i + 1:03d}", "name": opp.title(), "customer": opp.customer,
            "owner": opp.owner, "value": opp.value or 0.0, "status": opp.status,
            "stage": stage, "claimed": opp.claimed_probability,
            "created": opp.created, "stage_entered": entered,
            "last_evidence": opp.newest_evidence(), "expected_close": opp.expected_close,
            "evidence_have": have, "evidence_need": need,
        })
    df = pd.DataFrame(rows, columns=["id", "name", "customer", "owner", "value", "status",
                                     "stage", "claimed", "created", "stage_entered",
                                     "last_evidence", "expected_close", "evidence_have",
                                     "evidence_need"])
    for col in ("created", "stage_entered", "last_evidence", "expected_close"):
        df[col] = pd.to_datetime(df[col])
    df["stage"] = df["stage"].astype(STAGES)
    df["claimed"] = df["claimed"].astype(float)
    df["value"] = df["value"].astype(float)
    return df


def saved_opportunities(folder: Path | None = None) -> list[ssm.Opportunity]:
    """Every readable opportunity file in the work folder (unreadable ones are skipped)."""
    found = []
    for f in storage.list_saved(folder or storage.work_dir(create=False), ssm.KIND):
        try:
            found.append(ssm.Opportunity.load(f.path))
        except (storage.StorageError, ValueError):
            continue
    return found
