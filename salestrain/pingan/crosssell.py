"""Cross-sell analytics: a calibrated synthetic holdings table and vectorised metrics on it.

A *holdings* table has one row per contract: ``customer, segment, product, subsidiary,
channel, start_date, end_date, still_held`` (``end_date`` is NaT while the contract is held).
Every metric takes the table and an ``as_of`` date — nothing reads the clock — and counts a
contract as held on ``as_of`` when it started on or before that day and has not ended by then.

The generator is a yearly simulation of customers who join, buy more contracts (more of them
with other subsidiaries as the years pass), let contracts lapse and leave — less often the
more contracts they hold. Its parameters are calibrated so that the metrics on its output
come close to Ping An's disclosed figures (see `salestrain.pingan` and `TARGETS`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from salestrain.core.errors import look_up
from salestrain.pingan import content as pingan

COLUMNS = ["customer", "segment", "product", "subsidiary", "channel", "start_date",
           "end_date", "still_held"]
BUCKETS = ["1", "2", "3", "4+"]
_EPOCH = np.datetime64("1970-01-01", "D")
_OPEN = np.iinfo(np.int64).max  # "not ended" inside the simulation


@dataclass(frozen=True)
class Calibration:
    """The generator's knobs; the defaults are the calibrated values.

    ``rate``: new contracts per customer-year (times the customer's propensity), going
    linearly from its first value to its second by ``peak_year`` and on to its third by the
    last year; ``cross``: the same path for the chance that a new contract is with another
    subsidiary than the customer's first one; ``churn``: a one-contract customer's chance of
    leaving in a year, falling by the factor exp(-``churn_decay``) per extra contract.
    """

    first_year: int = 2008
    last_year: int = 2024
    peak_year: int = 2021
    rate: tuple[float, float, float] = (0.18, 0.38, 0.22)
    cross: tuple[float, float, float] = (0.25, 0.53, 0.45)
    churn: float = 0.115
    churn_decay: float = 0.42
    lapse: float = 0.03
    propensity_shape: float = 0.8
    growth: float = 1.07
    initial_stock: float = 6.0
    home_channel: float = 0.5


# The calibration targets (from Ping An's disclosures, domain-facts §5.2) and the tolerance
# the tests hold the generator to, for 40 000 customers or more.
TARGETS = {
    "contracts_per_customer_2016": (2.21, 0.15),
    "contracts_per_customer_2022": (2.97, 0.15),
    "multi_subsidiary_share_2018": (0.308, 0.03),
    "multi_subsidiary_share_2022": (0.397, 0.03),
    "four_plus_share_2024": (0.256, 0.03),
    "four_plus_retention_2024": (0.980, 0.02),
    "single_retention_2024": (0.865, 0.03),
}


def _day(year: int, month: int = 1, day: int = 1) -> int:
    return int((np.datetime64(dt.date(year, month, day), "D") - _EPOCH).astype(np.int64))


def _pick(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """One column index per row of `weights` (rows need not sum to 1)."""
    cum = np.cumsum(weights, axis=1)
    r = rng.random(len(weights)) * cum[:, -1]
    return np.minimum((r[:, None] > cum).sum(axis=1), weights.shape[1] - 1)


def generate(
    customers: int = 20_000,
    seed: int = 0,
    calibration: Calibration | None = None,
) -> pd.DataFrame:
    """A synthetic holdings table for `customers` customers (deterministic for a seed).

    About 2.4 rows per customer; 400 000 customers give about a million rows.
    """
    if customers < 1:
        raise ValueError(f"customers must be at least 1, not {customers}")
    cal = calibration or Calibration()
    cat = pingan.data()
    rng = np.random.default_rng(seed)
    years = np.arange(cal.first_year, cal.last_year + 1)
    ny = len(years)
    year_day = np.array([_day(int(y)) for y in years])
    year_len = np.array([_day(int(y) + 1) - _day(int(y)) for y in years])

    products = [p.id for p in cat.products]
    subs = [s.id for s in cat.subsidiaries]
    chans = [c.id for c in cat.channels]
    segs = [s.id for s in cat.segments]
    psub = np.array([subs.index(p.subsidiary) for p in cat.products])
    seg_w = np.array([[s.weights[p] for p in products] for s in cat.segments], dtype=float)
    chan_w = np.array([[p.channels.get(c, 0.0) for c in chans] for p in cat.products])

    n = customers
    growth = cal.growth ** np.arange(ny)
    growth[0] *= cal.initial_stock
    join_year = rng.choice(ny, size=n, p=growth / growth.sum())
    segment = rng.choice(len(segs), size=n, p=[s.share for s in cat.segments])
    propensity = rng.gamma(cal.propensity_shape, 1 / cal.propensity_shape, size=n)
    first = _pick(rng, seg_w[segment])
    home = psub[first]
    first_channel = _pick(rng, chan_w[first])
    left = np.full(n, _OPEN, dtype=np.int64)

    c_cust = [np.arange(n)]
    c_prod = [first]
    c_chan = [first_channel]
    c_start = [year_day[join_year] + (rng.random(n) * year_len[join_year]).astype(np.int64)]
    c_lapse = [_lapse_days(rng, c_start[0], cal.lapse)]
    for yi in range(ny):
        y0, length = year_day[yi], year_len[yi]
        cust = np.concatenate(c_cust)
        held = (np.concatenate(c_start) < y0) & (np.concatenate(c_lapse) > y0)
        count = np.bincount(cust[held & (left[cust] > y0)], minlength=n)
        member = (join_year < yi) & (left == _OPEN)
        left[member & (count == 0)] = y0  # every contract lapsed: the customer has gone
        alive = member & (count > 0)
        p_leave = cal.churn * np.exp(-cal.churn_decay * (np.maximum(count, 1) - 1))
        leaving = alive & (rng.random(n) < p_leave)
        left[leaving] = y0 + (rng.random(int(leaving.sum())) * length).astype(np.int64)
        alive &= ~leaving

        rate, cross = _path(cal.rate, years, cal.peak_year, yi), _path(cal.cross, years,
                                                                      cal.peak_year, yi)
        new = np.where(alive, rng.poisson(rate * propensity), 0)
        who = np.repeat(np.arange(n), new)
        m = len(who)
        other = rng.random(m) < cross
        same_sub = psub[None, :] == home[who][:, None]
        weights = seg_w[segment[who]] * np.where(other[:, None], ~same_sub, same_sub)
        prod = _pick(rng, weights)
        via_home = (rng.random(m) < cal.home_channel) & (chan_w[prod, first_channel[who]] > 0)
        chan = np.where(via_home, first_channel[who], _pick(rng, chan_w[prod]))
        start = y0 + (rng.random(m) * length).astype(np.int64)
        c_cust.append(who)
        c_prod.append(prod)
        c_chan.append(chan)
        c_start.append(start)
        c_lapse.append(_lapse_days(rng, start, cal.lapse))

    cust = np.concatenate(c_cust)
    prod = np.concatenate(c_prod)
    chan = np.concatenate(c_chan)
    start = np.concatenate(c_start)
    end = np.minimum(np.concatenate(c_lapse), left[cust])
    horizon = _day(cal.last_year, 12, 31)
    keep = start <= horizon
    cust, prod, chan, start, end = cust[keep], prod[keep], chan[keep], start[keep], end[keep]
    still = end > horizon
    order = np.lexsort((start, cust))
    cust, prod, chan, start, end, still = (a[order] for a in (cust, prod, chan, start, end, still))
    end_dates = (_EPOCH + np.where(still, 0, end)).astype("datetime64[s]")
    end_dates[still] = np.datetime64("NaT")
    return pd.DataFrame({
        "customer": cust.astype(np.int32) + 1,
        "segment": pd.Categorical.from_codes(segment[cust], segs),
        "product": pd.Categorical.from_codes(prod, products),
        "subsidiary": pd.Categorical.from_codes(psub[prod], subs),
        "channel": pd.Categorical.from_codes(chan, chans),
        "start_date": (_EPOCH + start).astype("datetime64[s]"),
        "end_date": end_dates,
        "still_held": still,
    })


def _path(values: tuple[float, float, float], years: np.ndarray, peak: int, i: int) -> float:
    """A value on the line first → peak (at `peak`) → last, in year `years[i]`."""
    return float(np.interp(years[i], [years[0], peak, years[-1]], values))


def _lapse_days(rng: np.random.Generator, start: np.ndarray, rate: float) -> np.ndarray:
    """A lapse day for each contract: a geometric number of years after its start."""
    years = rng.geometric(rate, size=len(start))
    return start + (years * 365.25).astype(np.int64) - rng.integers(0, 365, size=len(start))


# --- metrics ----------------------------------------------------------------------------


def _codes(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(np.int64), [str(c) for c in column.cat.categories]
    codes, uniques = pd.factorize(column, sort=True)
    return codes.astype(np.int64), [str(u) for u in uniques]


def _days(column: pd.Series) -> np.ndarray:
    """Dates as day numbers; a missing date (not ended) becomes a day after every other."""
    values = pd.to_datetime(column).to_numpy().astype("datetime64[D]")
    days = (values - _EPOCH).astype(np.int64)
    return np.where(np.isnat(values), _OPEN, days)


def _as_day(when: dt.date | str | pd.Timestamp) -> int:
    return int((np.datetime64(pd.Timestamp(when).date(), "D") - _EPOCH).astype(np.int64))


class Holdings:
    """A holdings table turned into integer arrays once, so every metric is a few numpy calls.

    Every public metric accepts either this or the plain DataFrame.
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        missing = [c for c in COLUMNS[:6] if c not in frame.columns]
        if missing:
            raise ValueError(f"holdings need the columns {missing}; see crosssell.COLUMNS")
        self.frame = frame
        self.cust, ids = pd.factorize(frame["customer"].to_numpy())
        self.customer_ids = np.asarray(ids)
        self.prod, self.products = _codes(frame["product"])
        self.sub, self.subsidiaries = _codes(frame["subsidiary"])
        self.chan, self.channels = _codes(frame["channel"])
        seg, self.segments = _codes(frame["segment"])
        self.start = _days(frame["start_date"])
        end = frame["end_date"] if "end_date" in frame else pd.Series(pd.NaT, index=frame.index)
        self.end = _days(end)
        n = len(self.customer_ids)
        self.n_customers = n
        order = np.lexsort((self.start, self.cust))
        is_first = np.ones(len(order), bool)
        is_first[1:] = self.cust[order][1:] != self.cust[order][:-1]
        first_rows = order[is_first]
        self.first_row = np.empty(n, np.int64)
        self.first_row[self.cust[first_rows]] = first_rows
        self.segment = seg[self.first_row]
        self.home_sub = self.sub[self.first_row]
        self.home_channel = self.chan[self.first_row]

    def held(self, as_of) -> np.ndarray:
        """Which rows are held on `as_of`."""
        day = _as_day(as_of)
        return (self.start <= day) & (self.end > day)

    def snapshot(self, as_of, customers: np.ndarray | None = None) -> Snapshot:
        """What every customer holds on `as_of` (optionally only a subset of customers)."""
        mask = self.held(as_of)
        if customers is not None:
            mask &= customers[self.cust]
        return Snapshot(self, mask)

    def select(self, segment: str | None = None, channel: str | None = None) -> np.ndarray:
        """Customers in `segment` whose first contract came through `channel` (None: all)."""
        keep = np.ones(self.n_customers, bool)
        if segment:
            keep &= self.segment == _index(self.segments, segment, "segment")
        if channel:
            keep &= self.home_channel == _index(self.channels, channel, "channel")
        return keep


def _index(names: list[str], name: str, what: str) -> int:
    """Where `name` is among these holdings' `what`s; NotFound lists the ones there are."""
    return look_up({n: i for i, n in enumerate(names)}, name, what)


class Snapshot:
    """Per-customer holdings on one day: contract counts and a customer × product matrix."""

    def __init__(self, holdings: Holdings, mask: np.ndarray) -> None:
        h = holdings
        self.holdings = h
        self._mask = mask
        self._cust = h.cust[mask]
        self.contracts = np.bincount(self._cust, minlength=h.n_customers)
        self.is_customer = self.contracts > 0
        self.customers = int(self.is_customer.sum())
        self._matrix: np.ndarray | None = None
        self._subsidiaries: np.ndarray | None = None

    @property
    def subsidiaries_held(self) -> np.ndarray:
        """How many subsidiaries each customer holds contracts with (built on first use)."""
        if self._subsidiaries is None:
            h = self.holdings
            n, n_sub = h.n_customers, len(h.subsidiaries)
            pairs = np.bincount(self._cust * n_sub + h.sub[self._mask], minlength=n * n_sub)
            self._subsidiaries = (pairs.reshape(n, n_sub) > 0).sum(axis=1)
        return self._subsidiaries

    @property
    def matrix(self) -> np.ndarray:
        """Customer × product: does the customer hold the product (built on first use)."""
        if self._matrix is None:
            h = self.holdings
            self._matrix = np.zeros((h.n_customers, len(h.products)), bool)
            self._matrix[self._cust, h.prod[self._mask]] = True
        return self._matrix

    def _share(self, flags: np.ndarray) -> float:
        return float(flags[self.is_customer].mean()) if self.customers else float("nan")

    def summary(self) -> dict[str, float]:
        c = self.contracts[self.is_customer]
        return {
            "customers": self.customers,
            "contracts": int(c.sum()),
            "contracts_per_customer": float(c.mean()) if len(c) else float("nan"),
            "two_plus_share": self._share(self.contracts >= 2),
            "multi_subsidiary_share": self._share(self.subsidiaries_held >= 2),
            "four_plus_share": self._share(self.contracts >= 4),
        }

    def co_holding(self) -> pd.DataFrame:
        m = self.matrix[self.is_customer].astype(np.float64)
        names = self.holdings.products
        return pd.DataFrame((m.T @ m).round().astype(np.int64), index=names, columns=names)


def _holdings(data: Holdings | pd.DataFrame) -> Holdings:
    return data if isinstance(data, Holdings) else Holdings(data)


def products_per_customer(data, as_of) -> pd.Series:
    """Contracts each customer holds on `as_of` (customers holding none are left out)."""
    h = _holdings(data)
    snap = h.snapshot(as_of)
    return pd.Series(snap.contracts[snap.is_customer], index=h.customer_ids[snap.is_customer],
                     name="contracts")


def summary(data, as_of, segment: str | None = None, channel: str | None = None) -> dict:
    """Customers, contracts, contracts per customer and the shares holding 2+, 4+ and >1 company."""
    h = _holdings(data)
    return h.snapshot(as_of, h.select(segment, channel)).summary()


def multi_subsidiary_share(data, as_of) -> float:
    """Share of customers holding contracts with more than one subsidiary (Ping An's measure)."""
    return summary(data, as_of)["multi_subsidiary_share"]


def penetration(data, as_of, segment: str | None = None, channel: str | None = None) -> pd.Series:
    """For each product, the share of customers holding it."""
    h = _holdings(data)
    snap = h.snapshot(as_of, h.select(segment, channel))
    holders = snap.matrix[snap.is_customer].sum(axis=0)
    return pd.Series(holders / max(snap.customers, 1), index=h.products, name="penetration")


def co_holding(data, as_of, segment: str | None = None, channel: str | None = None):
    """Customers holding both products of each pair (the diagonal: holders of the product)."""
    h = _holdings(data)
    return h.snapshot(as_of, h.select(segment, channel)).co_holding()


def lift(data, as_of, segment: str | None = None, channel: str | None = None) -> pd.DataFrame:
    """P(A and B) / (P(A) P(B)) for every pair: above 1, the two go together more than by chance."""
    h = _holdings(data)
    snap = h.snapshot(as_of, h.select(segment, channel))
    return _lift(snap.co_holding(), snap.customers)


def _lift(co: pd.DataFrame, customers: int) -> pd.DataFrame:
    holders = np.diag(co.to_numpy()).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = co.to_numpy() * customers / np.outer(holders, holders)
    return pd.DataFrame(values, index=co.index, columns=co.columns)


@dataclass(frozen=True)
class Pair:
    """Product A → product B: how often they go together, and who holds A but not yet B."""

    a: str
    b: str
    customers: int
    holders_a: int
    holders_b: int
    both: int
    lift: float
    confidence: float  # share of A's holders who also hold B
    to_call: np.ndarray  # customer ids holding A but not B

    @property
    def calls(self) -> int:
        return len(self.to_call)


def pair(data, as_of, a: str, b: str, segment: str | None = None,
         channel: str | None = None) -> Pair:
    """Lift of A with B, and the customers to call: holders of A who do not hold B."""
    h = _holdings(data)
    ia, ib = _index(h.products, a, "product"), _index(h.products, b, "product")
    snap = h.snapshot(as_of, h.select(segment, channel))
    col_a, col_b = snap.matrix[:, ia], snap.matrix[:, ib]
    na, nb, both = int(col_a.sum()), int(col_b.sum()), int((col_a & col_b).sum())
    n = snap.customers
    value = both * n / (na * nb) if na and nb else float("nan")
    return Pair(a, b, n, na, nb, both, value, both / na if na else float("nan"),
                np.sort(h.customer_ids[col_a & ~col_b]))


def next_best(data, as_of) -> pd.DataFrame:
    """For each segment, the product most worth offering next, with look-alike take-up.

    A customer's chance of taking product X is the highest share of X-holders among the
    segment's holders of any product the customer already has (P(X | A) at its best A).
    Summed over the segment's customers without X, it gives the expected takers. A segment
    where no product has any expected taker is left out.
    """
    h = _holdings(data)
    snap = h.snapshot(as_of)
    rows = []
    for s, name in enumerate(h.segments):
        members = snap.is_customer & (h.segment == s)
        m = snap.matrix[members].astype(np.float64)
        if not len(m):
            continue
        co = m.T @ m
        holders = np.diag(co)
        with np.errstate(divide="ignore", invalid="ignore"):
            conf = np.where(holders[:, None] > 0, co / holders[:, None], 0.0)
        best = None
        for x, product in enumerate(h.products):
            lacking = m[:, x] == 0
            if not lacking.any():
                continue
            chance = (m[lacking] * conf[:, x]).max(axis=1)
            expected = float(chance.sum())
            row = (name, product, int(lacking.sum()), expected)
            if best is None or expected > best[3]:
                best = row
        if best is not None and best[3] > 0:
            rows.append(best)
    out = pd.DataFrame(rows, columns=["segment", "product", "customers_without", "expected_takers"])
    out["take_rate"] = out["expected_takers"] / out["customers_without"]
    return out


def _year_before(as_of) -> pd.Timestamp:
    return pd.Timestamp(as_of) - pd.DateOffset(years=1)


def retention_by_products(data, as_of, segment: str | None = None,
                          channel: str | None = None) -> pd.DataFrame:
    """Of the customers a year before `as_of`, by contracts held then: how many still hold one."""
    h = _holdings(data)
    chosen = h.select(segment, channel)
    before = h.snapshot(_year_before(as_of), chosen)
    after = h.snapshot(as_of, chosen)
    count = before.contracts
    bucket = np.minimum(count, 4)
    rows = []
    for k, label in enumerate(BUCKETS, start=1):
        group = before.is_customer & (bucket == k)
        rows.append((label, int(group.sum()), int((group & after.is_customer).sum())))
    total = before.is_customer
    rows.append(("all", int(total.sum()), int((total & after.is_customer).sum())))
    out = pd.DataFrame(rows, columns=["contracts", "customers", "retained"]).set_index("contracts")
    out["retention"] = out["retained"] / out["customers"].where(out["customers"] > 0)
    return out


def channel_contribution(data, start, end) -> pd.DataFrame:
    """Contracts each channel sold between `start` and `end` (inclusive), and how many were
    cross-sold — sold to a customer whose first contract was with another subsidiary."""
    h = _holdings(data)
    lo, hi = _as_day(start), _as_day(end)
    sold = (h.start >= lo) & (h.start <= hi)
    cross = sold & (h.sub != h.home_sub[h.cust])
    n = len(h.channels)
    contracts = np.bincount(h.chan[sold], minlength=n)
    crossed = np.bincount(h.chan[cross], minlength=n)
    out = pd.DataFrame({"contracts": contracts, "cross_sold": crossed}, index=h.channels)
    out["cross_sold_share"] = out["cross_sold"] / out["contracts"].where(out["contracts"] > 0)
    total = max(int(crossed.sum()), 1)
    out["share_of_cross_selling"] = out["cross_sold"] / total
    return out


def figures_over_time(data, dates) -> pd.DataFrame:
    """The disclosed kinds of figure, computed on the holdings at each date."""
    h = _holdings(data)
    rows = []
    for when in dates:
        now, before = h.snapshot(when), h.snapshot(_year_before(when))
        values = now.summary()
        values.update(_retention(before, now))
        rows.append({"as_of": pd.Timestamp(when), **values})
    return pd.DataFrame(rows).set_index("as_of")


def _retention(before: Snapshot, now: Snapshot) -> dict[str, float]:
    kept = before.is_customer & now.is_customer
    single = before.contracts == 1
    four = before.contracts >= 4

    def rate(group: np.ndarray) -> float:
        total = int((before.is_customer & group).sum())
        return int((kept & group).sum()) / total if total else float("nan")

    return {"retention": rate(before.is_customer), "single_retention": rate(single),
            "four_plus_retention": rate(four)}


MEASURES = ["customers_m", "contracts_per_customer", "multi_subsidiary_share", "four_plus_share",
            "four_plus_retention", "single_retention", "retention"]


def compare_with_disclosed(data) -> pd.DataFrame:
    """Each disclosed figure beside the same measure on the holdings, on the same date.

    Customers are compared as growth: the holdings' customers scaled so the first disclosed
    period matches Ping An's count.
    """
    h = _holdings(data)
    figures = pingan.data().figures
    synthetic = figures_over_time(h, [f.as_of for f in figures])
    scale = figures[0].customers_m / synthetic["customers"].iloc[0]
    rows = []
    for f, (_, syn) in zip(figures, synthetic.iterrows(), strict=True):
        for measure in MEASURES:
            real = getattr(f, measure)
            if real is None:
                continue
            value = syn["customers"] * scale if measure == "customers_m" else syn[measure]
            rows.append({"period": f.period, "measure": measure, "disclosed": real,
                         "synthetic": float(value)})
    return pd.DataFrame(rows)


def calibration(data) -> dict[str, float]:
    """The generator's calibration measures (keys of `TARGETS`) on these holdings."""
    h = _holdings(data)
    at = figures_over_time(h, ["2016-12-31", "2018-06-30", "2022-12-31", "2024-12-31"])
    rows = {d.year: at.loc[d] for d in at.index}
    return {
        "contracts_per_customer_2016": float(rows[2016]["contracts_per_customer"]),
        "contracts_per_customer_2022": float(rows[2022]["contracts_per_customer"]),
        "multi_subsidiary_share_2018": float(rows[2018]["multi_subsidiary_share"]),
        "multi_subsidiary_share_2022": float(rows[2022]["multi_subsidiary_share"]),
        "four_plus_share_2024": float(rows[2024]["four_plus_share"]),
        "four_plus_retention_2024": float(rows[2024]["four_plus_retention"]),
        "single_retention_2024": float(rows[2024]["single_retention"]),
    }


def customers_table(data, as_of, ids, limit: int | None = None) -> pd.DataFrame:
    """Customers by id with their segment and the products they hold on `as_of`."""
    h = _holdings(data)
    ids = list(ids)[:limit] if limit is not None else list(ids)
    codes = pd.Index(h.customer_ids).get_indexer(ids)
    if (codes < 0).any():
        raise KeyError(f"customers not in these holdings: {np.asarray(ids)[codes < 0].tolist()}")
    matrix = h.snapshot(as_of).matrix[codes]
    products = [[h.products[j] for j in np.flatnonzero(row)] for row in matrix]
    return pd.DataFrame({"customer": ids,
                         "segment": [h.segments[s] for s in h.segment[codes]],
                         "products": products})


# --- the sample that ships with the package ---------------------------------------------

SAMPLE_FILE = "holdings.csv"
SAMPLE_CUSTOMERS = 3_000
SAMPLE_SEED = 2024


def sample() -> pd.DataFrame:
    """The shipped sample: `generate(SAMPLE_CUSTOMERS, SAMPLE_SEED)`, read from the CSV."""
    from pathlib import Path

    cat = pingan.data()
    path = Path(__file__).resolve().parent / "data" / SAMPLE_FILE
    frame = pd.read_csv(path, parse_dates=["start_date", "end_date"])
    categories = {
        "segment": [s.id for s in cat.segments],
        "product": [p.id for p in cat.products],
        "subsidiary": [s.id for s in cat.subsidiaries],
        "channel": [c.id for c in cat.channels],
    }
    for column, values in categories.items():
        frame[column] = pd.Categorical(frame[column], categories=values)
    frame["customer"] = frame["customer"].astype(np.int32)
    for column in ("start_date", "end_date"):
        frame[column] = frame[column].astype("datetime64[s]")
    frame["still_held"] = frame["end_date"].isna()
    return frame[COLUMNS]


def write_sample(path) -> None:
    """Regenerate the shipped CSV (run once when the generator changes)."""
    generate(SAMPLE_CUSTOMERS, SAMPLE_SEED).to_csv(path, index=False, date_format="%Y-%m-%d")
