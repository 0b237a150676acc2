"""Ping An case: synthetic holdings generation and the cross-sell metrics at 10 k–1 M rows; the
approval flow's committed edit (with its autosave), a decision, a restart and its exports."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

ROWS_PER_CUSTOMER = 2.42  # what the calibrated generator writes, on average
AS_OF = "2024-12-31"


def _metrics(holdings) -> dict[str, float]:
    """Seconds for each metric on prepared holdings (one run each, after the preparation)."""
    from salestrain.pingan import crosssell as cs

    steps = {
        "summary": lambda: cs.summary(holdings, AS_OF),
        "penetration": lambda: cs.penetration(holdings, AS_OF),
        "co-holding + lift": lambda: cs.lift(holdings, AS_OF),
        "pair + call list": lambda: cs.pair(holdings, AS_OF, "car", "life_protection"),
        "next best per segment": lambda: cs.next_best(holdings, AS_OF),
        "retention by products": lambda: cs.retention_by_products(holdings, AS_OF),
        "channel contribution": lambda: cs.channel_contribution(holdings, "2024-01-01", AS_OF),
        "figures over time (9 year-ends)": lambda: cs.figures_over_time(
            holdings, [f"{y}-12-31" for y in range(2016, 2025)]),
    }
    out = {}
    for name, step in steps.items():
        start = time.perf_counter()
        step()
        out[name] = time.perf_counter() - start
    return out


def _median(fn, repeats: int = 5) -> float:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def approval_rows() -> list[tuple[str, str, str]]:
    """The approval flow in a private work folder: what a trainee waits for after each action."""
    from salestrain.pingan.widgets.approval_flow import ApprovalFlow

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        flow = ApprovalFlow(folder=folder, lang="en")  # nothing saved: the worked example
        out.append(("pingan approval flow: open (worked example)",
                    f"{(time.perf_counter() - start) * 1e3:.0f} ms", "target < 300 ms"))
        flow.restart()
        titles = iter(f"Life agents sell car insurance, version {i}" for i in range(100))
        t = _median(lambda: setattr(flow.title.control, "value", next(titles)), 21)
        out.append(("pingan approval flow: title committed incl. autosave (median)",
                    f"{t * 1e3:.1f} ms", "target < 100 ms; one save per field left"))
        t = _median(lambda: (flow.approve(), flow.undo()), 11)
        out.append(("pingan approval flow: approve + undo incl. 2 autosaves",
                    f"{t * 1e3:.1f} ms", "target < 200 ms"))
        start = time.perf_counter()
        again = ApprovalFlow(folder=folder, lang="en")  # a kernel restart: resume the latest
        out.append(("pingan approval flow: reopen after a restart",
                    f"{(time.perf_counter() - start) * 1e3:.0f} ms", "target < 300 ms"))
        assert again.toolbar.current == flow.toolbar.current
        for label in ("Word", "Excel", "Markdown"):
            t = _median(lambda label=label: flow.toolbar.export(label), 3)
            assert flow.toolbar.last_export.parent == folder / "exports"
            out.append((f"pingan approval export {label} (to work/exports)",
                        f"{t * 1e3:.0f} ms", "target < 300 ms"))
        assert len(list(folder.glob("*.json"))) == 1  # one proposal, one file
    return out


def rows() -> list[tuple[str, str, str]]:
    from salestrain.pingan import crosssell as cs

    table = approval_rows()
    for target in (10_000, 100_000, 1_000_000):
        customers = round(target / ROWS_PER_CUSTOMER)
        start = time.perf_counter()
        frame = cs.generate(customers, seed=1)
        gen = time.perf_counter() - start
        start = time.perf_counter()
        holdings = cs.Holdings(frame)
        prep = time.perf_counter() - start
        steps = _metrics(holdings)
        total = prep + sum(steps.values())
        label = f"{len(frame):,} rows"
        table.append((f"pingan generate, {label}", f"{gen:.2f} s",
                      f"{customers:,} customers; seeded, deterministic"))
        table.append((f"pingan all metrics, {label}", f"{total:.2f} s",
                      "prepare + 8 metrics; target about 1 s at 1 M rows"))
        if target == 1_000_000:
            table.append(("pingan  prepare (factorise, first contracts)", f"{prep:.2f} s", ""))
            for name, secs in steps.items():
                table.append((f"pingan  {name}", f"{secs:.3f} s", "1 M rows"))
    return table
