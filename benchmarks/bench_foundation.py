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


def _build_seconds(lang: str) -> float:
    """Seconds for one language of the trainee edition (`make book` builds both at once)."""
    from contextlib import redirect_stdout
    from io import StringIO

    from salestrain.commands import editions

    start = time.perf_counter()
    with redirect_stdout(StringIO()):
        assert editions.build("trainee", languages=(lang,)) == 0
    return time.perf_counter() - start


def _both_seconds() -> float:
    from contextlib import redirect_stdout
    from io import StringIO

    from salestrain.commands import editions

    start = time.perf_counter()
    with redirect_stdout(StringIO()):
        assert editions.build("trainee") == 0
    return time.perf_counter() - start


def rows() -> list[tuple[str, str, str]]:
    own = _time_import("import salestrain")
    heavy = _time_import("import pandas, ipywidgets")
    cold = {}
    for lang in ("en", "zh"):
        for folder in ("html", ".doctrees", "trainee-zh"):
            shutil.rmtree(ROOT / "book" / "_build" / folder, ignore_errors=True)
        cold[lang] = _build_seconds(lang)
    for folder in ("html", ".doctrees", "trainee-zh"):
        shutil.rmtree(ROOT / "book" / "_build" / folder, ignore_errors=True)
    both = _both_seconds()
    noop = _both_seconds()
    return [
        ("import salestrain", f"{own * 1000:.0f} ms", "median of 5 fresh interpreters"),
        ("import pandas, ipywidgets", f"{heavy * 1000:.0f} ms", "same run, for scale"),
        ("import ratio", f"{own / heavy:.2f}", "target: well under 1 (no heavy imports)"),
        ("site build, English, cold", f"{cold['en']:.1f} s", "jupyter-book -W, empty _build"),
        ("site build, Chinese, cold", f"{cold['zh']:.1f} s", "the same for book/zh"),
        ("make book (both, in parallel), cold", f"{both:.1f} s", "2 processes on 2 cores"),
        ("make book, no-op", f"{noop:.1f} s", "rebuild with nothing changed"),
    ]
