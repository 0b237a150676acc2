"""Module 2: grading the synthetic base, ownership, the grading form, the bonus, canvas edits,
the capstone export, collect."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path


def _median(fn, repeats: int = 5) -> float:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def rows() -> list[tuple[str, str, str]]:
    from salestrain.commands import collect
    from salestrain.hp.plan import IndustryPlan
    from salestrain.ibm import ssm
    from salestrain.postal import rules as postal_rules
    from salestrain.postal.canvas import SystemCanvas, export_capstone
    from salestrain.postal.widgets.system_canvas import SystemCanvas as CanvasForm

    out = []
    small = postal_rules.synthetic_customers()
    t = _median(lambda: postal_rules.grade_customers(small))
    out.append(("grade 500 customers", f"{t * 1e3:.1f} ms", "target < 50 ms (notebook cell)"))
    big = postal_rules.synthetic_customers(100_000)
    seconds = _median(lambda: postal_rules.grade_customers(big), 3)
    out.append(("grade 100k customers", f"{seconds:.2f} s",
                "target < 2 s (pure Python loop)"))
    out.append(("ownership of 500 customers",
                f"{_median(lambda: postal_rules.ownership(small)) * 1e3:.1f} ms",
                "target < 100 ms"))
    out.append(("ownership by level (grade + segment rules)",
                f"{_median(lambda: postal_rules.level_ownership(small)) * 1e3:.1f} ms",
                "target < 50 ms"))
    from salestrain.postal.widgets.calculators import GradingForm

    grading = GradingForm(small)
    limits = ["50万", "1,000,000"]
    t = _median(lambda: [grading.set_limit("special", v) for v in limits])
    out.append(("grading form: one typed limit", f"{t / len(limits) * 1e3:.1f} ms",
                "target < 200 ms (per keystroke)"))
    t = _median(lambda: [postal_rules.bonus(new_revenue=4e5, new_margin=6e4, retention=9.5e5,
                                            retention_target=1e6, service=95)
                         for _ in range(1000)])
    out.append(("bonus calculation", f"{t:.2f} ms each", "target < 5 ms (per keystroke)"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        form = CanvasForm(folder=folder)
        times = []
        for i in range(30):
            start = time.perf_counter()
            form.set("order_roles.creates", f"edit {i}")  # one committed answer
            times.append(time.perf_counter() - start)
        out.append(("canvas edit incl. autosave (median)",
                    f"{statistics.median(times) * 1e3:.1f} ms", "target < 100 ms"))
        roles = ["", "follow"]  # the example has mail as a follow for government
        t = _median(lambda: [form.matrix.set("mail", "government", r) for r in roles])
        out.append(("matrix choice incl. autosave", f"{t / len(roles) * 1e3:.1f} ms",
                    "target < 100 ms"))
        t = _median(lambda: form.matrix.set("mail", "ecommerce", "lead"))
        out.append(("matrix choice refused (rule message, no save)", f"{t * 1e3:.1f} ms",
                    "target < 50 ms"))
        form.set("title", "Bench canvas")
        for fmt in ("docx", "md", "json"):
            t = _median(lambda fmt=fmt: form.export(fmt), 3)
            assert form.toolbar.last_export.parent == folder / "exports"
            out.append((f"canvas export {fmt} (toolbar, to work/exports)", f"{t * 1e3:.0f} ms",
                        "target < 300 ms"))
        plan, opp, canvas = IndustryPlan.example("en"), ssm.example(), SystemCanvas.example("en")
        t = _median(lambda: export_capstone(plan, opp, canvas, "bench", folder), 3)
        out.append(("capstone export (docx + json, to work/exports)", f"{t * 1e3:.0f} ms",
                    "target < 300 ms"))
        root = folder / "class"
        for i in range(30):
            sub = root / f"trainee-{i:02d}"
            plan.save(sub)
            opp.save(sub)
            canvas.save(sub)
        start = time.perf_counter()
        collect.write(collect.collect(root), root)
        out.append(("collect 30 trainees (90 files) + write",
                    f"{time.perf_counter() - start:.2f} s", "target < 10 s"))
    return out


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
