"""Haier's internal market: contract orders between units, settled under SST.

Every external order runs through the standing internal contract orders of `haier/content.yaml`
(R&D and HR sell to the product HQ, the product HQ sells to the commerce-flow HQ, which sells
to the outside market). Under SST the seller claims its pay (索酬) from the buyer; when a
delivery fails, the harmed buyer bears the cost and may claim compensation (索赔) from the
seller. A failure nobody claims and the seller does not own up to stays *hidden* on its link
until the trip (跳闸) fires: the seller then compensates, and the buyer who kept quiet pays a
penalty into a pool. At the period close every failure still hidden trips, so no failure is
ever lost.

All money is held in integer cents and moves only by transfers between two accounts, so the
balances always sum to zero. The run is deterministic for a seed, and each delivery draws the
same three random numbers whatever the settings, so changing claim discipline changes how the
same failures are settled, not which failures happen.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from salestrain.core.errors import find
from salestrain.core.html import HTMLView, escape, table
from salestrain.core.i18n import get_language
from salestrain.core.numbers import format_number
from salestrain.haier import content as haier

OUTSIDE = "outside"
POOL = "pool"
MAX_ORDERS = 1_000_000
Outcome = Literal["claimed", "compensated", "tripped"]
OUTCOMES: tuple[Outcome, ...] = ("claimed", "compensated", "tripped")


def units() -> list[haier.SimUnit]:
    """The units of the simulated chain, in content order."""
    return list(haier.data().simulation.units)


def contracts() -> list[haier.SimContract]:
    """The standing internal contract orders, in the order each external order runs them."""
    return list(haier.data().simulation.contracts)


def account_name(account: str, lang: str | None = None) -> str:
    """The display name of a unit or of the outside market or the penalty pool."""
    sim = haier.data().simulation
    if account == OUTSIDE:
        return sim.outside.name(lang)
    if account == POOL:
        return sim.pool.name(lang)
    return find(sim.units, account, "unit").name(lang)


class Params(BaseModel):
    """The settings of one run; rates and prices not given take the content defaults.

    Impossible settings (rates outside 0–1, negative prices, unknown units) are rejected with
    a message that names the setting and the fix; the error type is a stable code.
    """

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    orders: int = 200
    seed: int = 7
    failure_rates: dict[str, float] = {}
    prices: dict[str, float] = {}
    claim_discipline: float = 0.9
    self_report: float = 0.0
    trip_after: int = 3
    trip_penalty: float = 5.0

    @model_validator(mode="after")
    def _possible(self) -> Params:
        unit_ids = [u.id for u in units()]
        contract_ids = [c.id for c in contracts()]
        if not 1 <= self.orders <= MAX_ORDERS:
            _fail("orders_out_of_range", "err_orders", value=self.orders,
                  high=format_number(MAX_ORDERS))
        if self.trip_after < 1:
            _fail("trip_after_out_of_range", "err_threshold", value=self.trip_after)
        for unit, rate in self.failure_rates.items():
            where = f"failure_rates[{unit!r}]"
            if unit not in unit_ids:
                _fail("unknown_unit", "err_unknown_unit", field="failure_rates", unit=unit,
                      units=", ".join(unit_ids))
            _check_rate(where, rate)
        _check_rate("claim_discipline", self.claim_discipline)
        _check_rate("self_report", self.self_report)
        for contract, price in self.prices.items():
            if contract not in contract_ids:
                _fail("unknown_contract", "err_unknown_contract", field="prices",
                      contract=contract, contracts=", ".join(contract_ids))
            _check_price(f"prices[{contract!r}]", price)
        _check_price("trip_penalty", self.trip_penalty)
        return self

    def rate(self, unit: str) -> float:
        """The failure rate of a unit's deliveries."""
        default = find(units(), unit, "unit").failure_rate
        return self.failure_rates.get(unit, default)

    def price(self, contract: str) -> float:
        """The price the buyer pays per delivery under a contract."""
        default = find(contracts(), contract, "contract").price
        return self.prices.get(contract, default)


def _fail(code: str, key: str, **fields: object) -> None:
    raise PydanticCustomError(code, "{message}", {"message": haier.text(key, **fields)})


def _check_rate(where: str, value: float) -> None:
    if not 0 <= value <= 1:  # also false for NaN
        _fail("rate_out_of_range", "err_rate", field=where, value=value)


def _check_price(where: str, value: float) -> None:
    if not value >= 0:
        _fail("negative_price", "err_price", field=where, value=value)


def _cents(amount: float) -> int:
    return round(amount * 100)


@dataclass(slots=True)
class Failure:
    """One failed delivery and how SST settled it."""

    order: int
    contract: str
    seller: str
    buyer: str
    outcome: Outcome | None = None
    settled_at: int | None = None

    @property
    def hidden_for(self) -> int:
        """Orders between the failure and its settlement (0 when seen at once)."""
        return (self.settled_at or self.order) - self.order


@dataclass(frozen=True, slots=True)
class Transfer:
    """One movement of money: `payer` pays `payee` `cents` for a reason."""

    order: int
    payer: str
    payee: str
    cents: int
    kind: Literal["pay", "loss", "compensation", "penalty"]


@dataclass(frozen=True, slots=True)
class Trip:
    """The trip fired on one link, settling the failures hidden there."""

    order: int
    contract: str
    seller: str
    buyer: str
    failures: int
    at_close: bool


@dataclass
class UnitStats:
    """What one unit did and suffered in a run (amounts in cents)."""

    deliveries: int = 0
    failures: int = 0
    pay_claimed: int = 0
    claims_made: int = 0
    compensation_paid: int = 0
    compensation_received: int = 0
    tripped: int = 0
    penalties_paid: int = 0


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The state after `order` orders: unit balances and failure accounts (cents), counts.

    The failure account is what failures have cost or earned a unit so far: losses borne,
    compensation paid and received, trip penalties — pay for deliveries left out.
    """

    order: int
    balances: dict[str, int]
    failure_account: dict[str, int]
    seen: int
    hidden: int
    tripped: int


@dataclass
class Settlement:
    """The outcome of a run: balances, per-unit statistics, every failure, every trip."""

    params: Params
    balances_cents: dict[str, int]
    stats: dict[str, UnitStats]
    failures: list[Failure]
    trips: list[Trip]
    history: list[Snapshot]
    flows: dict[tuple[str, str, str], int]
    ledger: list[Transfer] | None = field(default=None, repr=False)

    @property
    def balances(self) -> dict[str, float]:
        """Every account's balance in money units (units, the outside market, the pool)."""
        return {k: v / 100 for k, v in self.balances_cents.items()}

    def counts(self) -> dict[str, int]:
        """Failures by outcome (every failure has exactly one)."""
        found = dict.fromkeys(OUTCOMES, 0)
        for f in self.failures:
            found[f.outcome] += 1  # type: ignore[index]
        return found

    def hidden_failures(self) -> list[Failure]:
        """The failures that stayed hidden for at least one order before the trip caught them."""
        return [f for f in self.failures if f.outcome == "tripped" and f.hidden_for > 0]

    def total_cents(self) -> int:
        """The sum of all balances: always 0, since money only moves between accounts."""
        return sum(self.balances_cents.values())

    def summary(self, lang: str | None = None) -> str:
        """One or two sentences a trainee reads under the chart."""
        n = self.counts()
        first = haier.text("summary", lang, orders=self.params.orders,
                           failures=len(self.failures), **n)
        hidden = self.hidden_failures()
        if hidden:
            longest = max(f.hidden_for for f in hidden)
            second = haier.text("hidden_note", lang, hidden=len(hidden), longest=longest)
        else:
            second = haier.text("none_hidden", lang)
        lang = lang or get_language()
        return first + ("" if lang == "zh" else " ") + second

    def rows(self, lang: str | None = None) -> tuple[list[str], list[list[object]]]:
        """The per-unit table, money shown as text in money units ('2,298' or '12.50')."""
        keys = ["col_unit", "col_balance", "col_pay_claimed", "col_deliveries", "col_failures",
                "col_claims_made", "col_comp_paid", "col_trips", "col_penalties"]
        columns = [haier.text(k, lang) for k in keys]
        rows: list[list[object]] = []
        for unit in units():
            s = self.stats[unit.id]
            rows.append([
                unit.name(lang), _shown(self.balances_cents[unit.id]), _shown(s.pay_claimed),
                s.deliveries, s.failures, s.claims_made, _shown(s.compensation_paid),
                s.tripped, _shown(s.penalties_paid),
            ])
        return columns, rows

    def view(self, lang: str | None = None) -> HTMLView:
        """The table and the summary, displayable in a notebook."""
        lang = lang or get_language()
        columns, rows = self.rows(lang)
        summary = self.summary(lang)
        html = table(columns, rows) + f"<p>{escape(summary)}</p>"
        text = "\n".join(" | ".join(str(c) for c in r) for r in [columns, *rows]) + "\n" + summary
        return HTMLView(html, text)

    def chart(self, lang: str | None = None, max_markers: int = 40):
        """Failure accounts over time (trips marked) above failures seen, hidden, tripped."""
        return ChainChart(lang, max_markers).update(self).figure

    def chart_alt(self, lang: str | None = None) -> str:
        """What `chart` shows, in words: the chart's text alternative."""
        lang = lang or get_language()
        sep = "；" if lang == "zh" else "; "
        last = self.history[-1] if self.history else None
        accounts = sep.join(
            haier.text("chart_alt_unit", lang, unit=u.name(lang),
                       amount=_shown(last.failure_account[u.id] if last else 0))
            for u in units())
        hidden = self.hidden_failures()
        return haier.text(
            "chart_alt", lang, orders=self.params.orders, accounts=accounts,
            seen=sum(1 for f in self.failures if f.outcome in ("claimed", "compensated")),
            tripped=self.counts()["tripped"], trips=len(self.trips),
            peak=max((s.hidden for s in self.history), default=0),
            longest=max((f.hidden_for for f in hidden), default=0))

    def chart_view(self, lang: str | None = None, max_markers: int = 40):
        """The chart as the page shows it: an image at natural size with its alt text."""
        from salestrain.core.plotting import Chart

        lang = lang or get_language()
        return Chart(self.chart(lang, max_markers), self.chart_alt(lang))


class ChainChart:
    """The chart of a run, built once and redrawn in place for the next run.

    A slider step of the simulator only moves the lines of a figure that already exists: no
    new figure, no layout pass unless the axis labels change width, and the PNG is encoded
    with light compression. That keeps a step well under 0.1 s (`benchmarks/bench_haier.py`).
    """

    def __init__(self, lang: str | None = None, max_markers: int = 40,
                 dpi: float | None = None) -> None:
        import matplotlib.pyplot as plt

        from salestrain.core.plotting import use_cjk_fonts

        use_cjk_fonts()
        lang = self.lang = lang or get_language()
        self.max_markers = max_markers
        fig, (top, bottom) = plt.subplots(2, 1, figsize=(6.8, 5.4), sharex=True, dpi=dpi,
                                          gridspec_kw={"height_ratios": [3, 2]})
        plt.close(fig)
        self.figure, self.top, self.bottom = fig, top, bottom
        self._layout: tuple | None = None
        marker = {"color": "#a8071a", "lw": 0.7, "ls": ":", "alpha": 0.7}
        self.accounts = {
            unit.id: top.plot([], [], label=unit.name(lang), lw=1.6)[0] for unit in units()
        }
        self.trips = [ax.vlines([], 0, 1, transform=ax.get_xaxis_transform(), **marker)
                      for ax in (top, bottom)]
        self.seen = bottom.plot([], [], color="#3a7d44", label=haier.text("chart_seen", lang))[0]
        self.hidden = bottom.fill_between([0, 1], [0, 0], step="post", color="#f0a202",
                                          alpha=0.5, label=haier.text("chart_hidden", lang))
        self.tripped = bottom.plot([], [], color="#a8071a",
                                   label=haier.text("chart_trips", lang))[0]
        self.trips[1].set_label(haier.text("chart_trip_marker", lang))
        top.set_title(haier.text("chart_balances", lang), fontsize=10)
        top.set_ylabel(haier.text("chart_money", lang))
        top.legend(fontsize=9, loc="lower left")  # the accounts start at 0 and fall
        bottom.set_title(haier.text("chart_failures", lang), fontsize=10)
        bottom.set_xlabel(haier.text("chart_orders", lang))
        self._legend_with_marker: bool | None = None

    def update(self, settlement: Settlement) -> ChainChart:
        """Show `settlement`: move every line, mark its first trips, rescale the axes."""
        history = settlement.history
        xs = [s.order for s in history]
        for unit_id, line in self.accounts.items():
            line.set_data(xs, [s.failure_account[unit_id] / 100 for s in history])
        self.seen.set_data(xs, [s.seen for s in history])
        self.tripped.set_data(xs, [s.tripped for s in history])
        self.hidden.set_data(xs, [s.hidden for s in history], 0)
        marks = [[(t.order, 0), (t.order, 1)] for t in settlement.trips[:self.max_markers]]
        for collection in self.trips:
            collection.set_segments(marks)
        with_marker = bool(marks)
        if with_marker != self._legend_with_marker:  # the trip marker is listed when shown
            handles = [self.seen, self.hidden, self.tripped]
            self.bottom.legend(handles=[self.trips[1], *handles] if with_marker else handles,
                               fontsize=9, loc="upper left")
            self._legend_with_marker = with_marker
        for ax in (self.top, self.bottom):
            ax.relim()
            ax.autoscale_view()
        layout = tuple(len(f"{abs(v):.0f}") + int(v < 0) for ax in (self.top, self.bottom)
                       for v in ax.get_ylim())
        if layout != self._layout:  # tick labels changed width: lay the figure out again
            self.figure.tight_layout()
            self._layout = layout
        return self

    def png(self) -> bytes:
        """The figure as PNG bytes at its own resolution (no metadata, so the bytes repeat)."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        canvas = self.figure.canvas
        if not isinstance(canvas, FigureCanvasAgg):  # a closed pyplot figure has none
            canvas = FigureCanvasAgg(self.figure)
        canvas.draw()
        image = Image.frombuffer("RGBA", canvas.get_width_height(physical=True),
                                 canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


def _money(cents: int) -> float:
    return round(cents / 100, 2)


def _shown(cents: int) -> str:
    """Money units for a table: thousands separators, cents only when there are any."""
    return format_number(cents / 100, 0 if cents % 100 == 0 else 2)


def simulate(params: Params | None = None, *, ledger: bool = False, **settings) -> Settlement:
    """Run `params.orders` external orders through the chain and settle them under SST.

    Keyword settings override fields of `params` (or of the defaults), e.g.
    ``simulate(claim_discipline=0.2, orders=300)``. With `ledger=True` every transfer is kept.
    """
    if params is None:
        params = Params(**settings)
    elif settings:
        params = Params(**{**params.model_dump(), **settings})
    rng = random.Random(params.seed)
    chain = contracts()
    unit_ids = [u.id for u in units()]
    rate = {u: params.rate(u) for u in unit_ids}
    price = {c.id: _cents(params.price(c.id)) for c in chain}
    comp = {c.id: _cents(c.compensation) for c in chain}
    penalty = _cents(params.trip_penalty)
    balances = dict.fromkeys([*unit_ids, OUTSIDE, POOL], 0)
    failure_account = dict.fromkeys(balances, 0)
    stats = {u: UnitStats() for u in unit_ids}
    flows: dict[tuple[str, str, str], int] = {}
    kept: list[Transfer] | None = [] if ledger else None
    failures: list[Failure] = []
    trips: list[Trip] = []
    pending: dict[str, list[Failure]] = {c.id: [] for c in chain}
    history: list[Snapshot] = []
    seen = tripped = hidden = 0
    every = max(1, params.orders // 400)

    def pay(order: int, payer: str, payee: str, cents: int, kind) -> None:
        balances[payer] -= cents
        balances[payee] += cents
        if kind != "pay":
            failure_account[payer] -= cents
            failure_account[payee] += cents
        key = (payer, payee, kind)
        flows[key] = flows.get(key, 0) + cents
        if kept is not None:
            kept.append(Transfer(order, payer, payee, cents, kind))

    def trip(order: int, contract: haier.SimContract, at_close: bool) -> None:
        nonlocal tripped, hidden
        waiting = pending[contract.id]
        for f in waiting:
            pay(order, contract.seller, contract.buyer, comp[contract.id], "compensation")
            stats[contract.seller].compensation_paid += comp[contract.id]
            stats[contract.seller].tripped += 1
            if contract.buyer != OUTSIDE:
                stats[contract.buyer].compensation_received += comp[contract.id]
                pay(order, contract.buyer, POOL, penalty, "penalty")
                stats[contract.buyer].penalties_paid += penalty
            f.outcome, f.settled_at = "tripped", order
        trips.append(Trip(order, contract.id, contract.seller, contract.buyer, len(waiting),
                          at_close))
        tripped += len(waiting)
        hidden -= len(waiting)
        waiting.clear()

    for order in range(1, params.orders + 1):
        for c in chain:
            u_fail, u_claim, u_own = rng.random(), rng.random(), rng.random()
            pay(order, c.buyer, c.seller, price[c.id], "pay")
            seller = stats[c.seller]
            seller.deliveries += 1
            seller.pay_claimed += price[c.id]
            if u_fail >= rate[c.seller]:
                continue
            seller.failures += 1
            f = Failure(order, c.id, c.seller, c.buyer)
            failures.append(f)
            outside = c.buyer == OUTSIDE
            if not outside:
                pay(order, c.buyer, OUTSIDE, comp[c.id], "loss")
            # The outside market always claims; inside, claim discipline decides.
            if outside or u_claim < params.claim_discipline:
                f.outcome = "claimed"
                if not outside:
                    stats[c.buyer].claims_made += 1
            elif u_own < params.self_report:
                f.outcome = "compensated"
            if f.outcome is not None:
                f.settled_at = order
                pay(order, c.seller, c.buyer, comp[c.id], "compensation")
                seller.compensation_paid += comp[c.id]
                if not outside:
                    stats[c.buyer].compensation_received += comp[c.id]
                seen += 1
                continue
            pending[c.id].append(f)
            hidden += 1
            if len(pending[c.id]) >= params.trip_after:
                trip(order, c, at_close=False)
        if order % every == 0 or order == params.orders:
            if order == params.orders:
                for c in chain:
                    if pending[c.id]:
                        trip(order, c, at_close=True)
            history.append(Snapshot(order, {u: balances[u] for u in unit_ids},
                                    {u: failure_account[u] for u in unit_ids}, seen, hidden,
                                    tripped))
    return Settlement(params, balances, stats, failures, trips, history, flows, kept)


def sweep(disciplines: list[float], **settings) -> list[dict[str, object]]:
    """Run the same orders at several claim disciplines; one summary row per discipline."""
    rows = []
    for d in disciplines:
        s = simulate(claim_discipline=d, **settings)
        n = s.counts()
        hidden = s.hidden_failures()
        rows.append({
            "claim_discipline": d,
            "failures": len(s.failures),
            **n,
            "hidden": len(hidden),
            "longest_hidden": max((f.hidden_for for f in hidden), default=0),
            "penalties": _money(s.balances_cents[POOL]),
        })
    return rows


def sweep_view(rows: list[dict[str, object]], lang: str | None = None) -> HTMLView:
    """The rows of `sweep` as a table with translated headings."""
    lang = lang or get_language()
    keys = ["w_claim_discipline", "col_failures", "outcome_claimed", "outcome_compensated",
            "outcome_tripped", "hidden_count", "longest_hidden", "col_penalties"]
    columns = [haier.text(k, lang) for k in keys]
    body = [[f"{r['claim_discipline']:.2f}", r["failures"], r["claimed"], r["compensated"],
             r["tripped"], r["hidden"], r["longest_hidden"],
             _shown(round(float(r["penalties"]) * 100))] for r in rows]
    text = "\n".join(" | ".join(str(c) for c in r) for r in [columns, *body])
    return HTMLView(table(columns, body), text)
