"""Import cost of the package, and cold and no-op build times of the course site."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _time_import(statement: str, repeats: int = 5) -> float:
    """Median seconds for a fresh interpreter to run `statement` (interpreter start excluded)."""
    code = (
        "import time; t = time.perf_counter(); "
        f"{statement}; print(time.perf_counter() - t)"
    )
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout)
        for _ in range(repeats)
    ]
    return statistics.median(runs)


def _build_seconds() -> float:
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", "book", "-W",
                    "--keep-going"], cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - start


def rows() -> list[tuple[str, str, str]]:
    own = _time_import("import salestrain")
    heavy = _time_import("import pandas, ipywidgets")
    shutil.rmtree(ROOT / "book" / "_build" / "html", ignore_errors=True)
    shutil.rmtree(ROOT / "book" / "_build" / ".doctrees", ignore_errors=True)
    cold = _build_seconds()
    noop = _build_seconds()
    return [
        ("import salestrain", f"{own * 1000:.0f} ms", "median of 5 fresh interpreters"),
        ("import pandas, ipywidgets", f"{heavy * 1000:.0f} ms", "same run, for scale"),
        ("import ratio", f"{own / heavy:.2f}", "target: well under 1 (no heavy imports)"),
        ("book build, cold", f"{cold:.1f} s", "jupyter-book build -W, empty _build"),
        ("book build, no-op", f"{noop:.1f} s", "rebuild with nothing changed"),
    ]
