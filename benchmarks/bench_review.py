"""The review: one plan reviewed (the worked example and the weak one, median of many; target
≤ 10 ms), and the roll-up of 40 trainees' varied capstone submissions — `collect` then `write`
with the review columns, the rubric scores and the class view (target ≤ 2 s)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def rows() -> list[tuple[str, str, str]]:
    from salestrain.commands.collect import collect, write
    from salestrain.hp.plan import IndustryPlan
    from salestrain.review import review, weak_example
    from salestrain.review.examples import varied_submissions

    out = []
    for name, plan in (("worked example", IndustryPlan.example("en")),
                       ("weak example", weak_example("plan"))):
        review(plan, "en")
        times = []
        for _ in range(200):
            t = time.perf_counter()
            review(plan, "en")
            times.append(time.perf_counter() - t)
        out.append((f"review a plan ({name}), median of 200", _ms(statistics.median(times)),
                    "target ≤ 10 ms"))
    folder = Path(tempfile.mkdtemp(prefix="salestrain-bench-review-"))
    varied_submissions(folder / "hand-in", 40)
    times = []
    for run in range(3):
        t = time.perf_counter()
        rollup = collect(folder / "hand-in")
        write(rollup, folder / f"out-{run}", "en")
        times.append(time.perf_counter() - t)
    out.append((f"roll-up of {len(rollup.submissions)} trainees (collect + write), median of 3",
                f"{statistics.median(times):.2f} s", "target ≤ 2 s"))
    return out


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
