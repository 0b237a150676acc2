"""HP case: per-interaction latency of the plan builder, and the cost of scoring and exports.

One interaction = typing into one field as a trainee would: parse, update the model, recompute
completeness and derived figures, redraw the escaped preview, autosave (atomic write + fsync).
Exports are of the worked plan from the builder's buttons, warm (after one export of each
format), the median of several; each must stay under 300 ms.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


EXPORT_KEYS = {"export_word": "Word", "export_excel": "Excel", "export_markdown": "Markdown",
               "export_json": "JSON"}
EXPORT_RUNS = 5


def rows() -> list[tuple[str, str, str]]:
    os.environ["SALESTRAIN_WORK"] = tempfile.mkdtemp(prefix="salestrain-bench-hp-")
    from salestrain.hp import accounts
    from salestrain.hp.widgets.plan_builder import PlanBuilder

    start = time.perf_counter()
    builder = PlanBuilder()  # an empty work folder: opens on the worked example
    build = time.perf_counter() - start
    paths = ["customer_situation", "swot.threats", "sales_history.2.our_sales",
             "likely_investment", "product_lines.1.gap", "targets.proposed.value"]
    values = ["text {i}", "threat {i}", "{i},000", "{i}万", "gap {i}", "{i}00,000"]
    timings, quiet = [], []
    for i in range(1, 201):
        path, value = paths[i % len(paths)], values[i % len(values)].format(i=i)
        t = time.perf_counter()
        builder.set(path, value)
        timings.append(time.perf_counter() - t)
    builder.toolbar.autosave = False
    for i in range(1, 101):
        t = time.perf_counter()
        builder.set("customer_situation", f"quiet {i}")
        quiet.append(time.perf_counter() - t)
    t = time.perf_counter()
    builder.click("example")
    example = time.perf_counter() - t
    exports: dict[str, float] = {}
    for key in EXPORT_KEYS:
        builder.click(key)  # warm: imports and first-use caches
    for key in EXPORT_KEYS:
        runs = []
        for _ in range(EXPORT_RUNS):
            t = time.perf_counter()
            builder.click(key)
            runs.append(time.perf_counter() - t)
        exports[key] = statistics.median(runs)
    pool = accounts.synthetic_candidates(40)
    t = time.perf_counter()
    for _ in range(50):
        accounts.score_accounts(pool)
    score = (time.perf_counter() - t) / 50
    big = accounts.synthetic_candidates(10_000)
    t = time.perf_counter()
    accounts.score_accounts(big)
    score_big = time.perf_counter() - t
    return [
        ("hp: builder edit, median (autosave on)", _ms(statistics.median(timings)),
         "200 edits; target < 50 ms"),
        ("hp: builder edit, p95 (autosave on)", _ms(_percentile(timings, 0.95)),
         "target < 100 ms"),
        ("hp: builder edit, median (autosave off)", _ms(statistics.median(quiet)),
         "model + completeness + preview only"),
        ("hp: builder created", _ms(build), "all tabs and fields; target < 1 s"),
        ("hp: load worked example", _ms(example), "rebuild rows + refresh; target < 500 ms"),
        *((f"hp: export {name} (worked plan, warm)", _ms(exports[key]),
           f"median of {EXPORT_RUNS}; target ≤ 300 ms") for key, name in EXPORT_KEYS.items()),
        ("hp: score 40 candidates", _ms(score), "per scoring; target < 10 ms"),
        ("hp: score 10,000 candidates", _ms(score_big), "target < 2 s"),
    ]


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
