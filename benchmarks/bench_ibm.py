"""IBM case: the walker's per-interaction latency, its exports and pipeline analytics at
10 k–1 M rows.

Exports are of the worked example walked on to step 5 and walked away from and reopened (so its
history holds decisions), from the walker's own buttons, warm (after one export of each
format), the median of several; each must stay under 300 ms.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import date

EXPORTS = ("Word", "Excel", "Markdown", "JSON")
EXPORT_RUNS = 5


def _exports() -> tuple[float, dict[str, tuple[float, float]]]:
    """ms to open the walker on a folder with saved work (it resumes the latest), and the
    median ms (wall, CPU) of each export of the worked opportunity, warm."""
    from salestrain.ibm.widgets.opportunity_walker import OpportunityWalker

    on = date(2013, 7, 16)
    wk = OpportunityWalker(today=on, lang="en")  # empty folder: the worked example
    wk.fill_evidence("s4_evaluation_plan", "Evaluation plan signed", on, "IT office")
    wk.fill_evidence("s4_go_forward", "Director agrees to a pilot", on, "Director")
    wk.advance_button.click()
    wk.walk_away("The director postponed the decision")
    wk.reopen("The director wants the pilot after all")
    start = time.perf_counter()
    wk = OpportunityWalker(today=on, lang="en")
    opened = time.perf_counter() - start
    for name in EXPORTS:
        wk.toolbar.export(name)  # warm: imports and first-use caches
    medians = {}
    for name in EXPORTS:
        runs, cpu = [], []
        for _ in range(EXPORT_RUNS):
            start, start_cpu = time.perf_counter(), time.process_time()
            assert wk.toolbar.export(name) is not None, wk.toolbar.status.value
            runs.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        medians[name] = (statistics.median(runs) * 1000, statistics.median(cpu) * 1000)
    return opened * 1000, medians


def _walker_latency() -> tuple[float, float, float]:
    """Median ms of one evidence edit (with autosave), one advance, one example load."""
    from salestrain.ibm import ssm
    from salestrain.ibm.widgets.opportunity_walker import OpportunityWalker

    edits, advances, loads = [], [], []
    with tempfile.TemporaryDirectory() as work:
        os.environ["SALESTRAIN_WORK"] = work
        on = date(2013, 7, 2)
        for _ in range(5):
            wk = OpportunityWalker(today=on)
            start = time.perf_counter()
            wk.load_example()
            loads.append(time.perf_counter() - start)
            for n in range(4, 7):
                for o in ssm.step(n).outcomes:
                    if wk.opportunity.evidence_for(o.id).complete(on):
                        continue
                    start = time.perf_counter()
                    wk.fill_evidence(o.id, "evidence", on, "Director")
                    edits.append(time.perf_counter() - start)
                start = time.perf_counter()
                wk.advance_button.click()
                advances.append(time.perf_counter() - start)
    ms = [statistics.median(x) * 1000 for x in (edits, advances, loads)]
    return ms[0], ms[1], ms[2]


def _board_latency() -> float:
    """Median ms of one weight typed into the pipeline board (every view redrawn)."""
    from salestrain.ibm import pipeline
    from salestrain.ibm.widgets.pipeline_board import PipelineBoard

    board = PipelineBoard(pipeline.shipped(), on=date(2013, 7, 1))
    times = []
    for value in (20, 25, 22, 25, 20, 25):
        start = time.perf_counter()
        board.weight_fields["validated"].value = value
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _analytics(n: int) -> tuple[float, float]:
    from salestrain.ibm import pipeline

    on = date(2013, 7, 1)
    start = time.perf_counter()
    df = pipeline.synthetic(n)
    gen = time.perf_counter() - start
    start = time.perf_counter()
    pipeline.weighted_pipeline(df)
    pipeline.funnel(df)
    pipeline.median_days(df)
    pipeline.stale(df, on)
    pipeline.under_evidenced(df)
    pipeline.calibration(df)
    return gen, time.perf_counter() - start


def rows() -> list[tuple[str, str, str]]:
    before = os.environ.get("SALESTRAIN_WORK")
    try:
        edit, advance, load = _walker_latency()
        with tempfile.TemporaryDirectory() as work:
            os.environ["SALESTRAIN_WORK"] = work
            opened, exports = _exports()
    finally:
        if before is None:
            os.environ.pop("SALESTRAIN_WORK", None)
        else:
            os.environ["SALESTRAIN_WORK"] = before
    out = [
        ("ibm: walker evidence edit + autosave", f"{edit:.1f} ms", "median; target < 100 ms"),
        ("ibm: walker advance (panel rebuilt)", f"{advance:.1f} ms", "median; target < 200 ms"),
        ("ibm: walker load worked example", f"{load:.1f} ms", "median; target < 300 ms"),
        ("ibm: walker opened, resuming the latest", f"{opened:.1f} ms", "target < 1 s"),
        *((f"ibm: export {name} (worked opportunity, warm)", f"{exports[name][0]:.1f} ms",
           f"median of {EXPORT_RUNS}, wall (CPU {exports[name][1]:.1f} ms); target ≤ 300 ms")
          for name in EXPORTS),
        ("ibm: board redraw after a typed weight", f"{_board_latency():.1f} ms",
         "median, 300 deals; target < 200 ms"),
    ]
    for n in (10_000, 100_000, 1_000_000):
        gen, ana = _analytics(n)
        out.append((f"ibm: analytics, {n:,} deals", f"{ana:.2f} s",
                    "weighted, funnel, days, stale, over-claimed, calibration; "
                    "target ≈ 1 s at 1 M"))
        out.append((f"ibm: synthetic pipeline, {n:,} deals", f"{gen:.2f} s", "seeded generator"))
    return out
