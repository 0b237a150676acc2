"""Run every benchmark and print one table: `make bench`.

Each `benchmarks/bench_*.py` defines `rows() -> list[tuple[str, str, str]]` giving
(measure, value, note). Targets are stated in the note; nothing here fails a build.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sys.path.insert(0, str(HERE.parent))
    table: list[tuple[str, str, str]] = []
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        start = time.perf_counter()
        print(f"running {path.name} …", file=sys.stderr, flush=True)
        table.append((f"[{path.stem.removeprefix('bench_')}]", "", ""))
        table.extend(module.rows())
        print(f"  done in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    widths = [max(len(r[i]) for r in [("measure", "value", "note"), *table]) for i in range(3)]
    line = "  ".join("-" * w for w in widths)
    print(line)
    print("  ".join(h.ljust(w) for h, w in zip(("measure", "value", "note"), widths, strict=True)))
    print(line)
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
