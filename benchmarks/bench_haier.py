"""Haier case: simulation and role-network timings."""

from __future__ import annotations

import time

from salestrain.haier import marketchain
from salestrain.haier.rolenetwork import RoleNetwork


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def rows() -> list[tuple[str, str, str]]:
    out = []
    for orders in (300, 100_000, 1_000_000):
        seconds, s = _timed(lambda n=orders: marketchain.simulate(orders=n, claim_discipline=0.3))
        note = "target < 0.1 s (one slider move)" if orders == 300 else "target < 1 s per 100k"
        out.append((f"market chain: simulate {orders:,} orders", f"{seconds:.3f} s",
                    f"{note}; {len(s.failures):,} failures, sum of balances {s.total_cents()}"))
    seconds, s = _timed(lambda: marketchain.simulate(orders=300, claim_discipline=0.3))
    chart, _ = _timed(s.chart)
    out.append(("market chain: chart of 300 orders", f"{chart:.3f} s",
                "target < 1 s (first call includes the matplotlib start-up)"))
    seconds, net = _timed(lambda: RoleNetwork(categories=12, models_per_category=20,
                                              regions=12, customers=60))
    ranked, _ = _timed(lambda: net.bottlenecks(5))
    out.append(("role network: build largest (12×20, 12 regions, 60 customers)",
                f"{seconds:.3f} s", f"{len(net.roles)} roles, {len(net.links)} links"))
    out.append(("role network: bottlenecks of largest", f"{ranked:.3f} s", "target < 2 s"))
    return out


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
