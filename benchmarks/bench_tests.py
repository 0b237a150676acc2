"""The test suite's own time, read from the last `make test`'s report (JUnit XML, kept outside
the working tree at $SALESTRAIN_TEST_REPORT; the Makefile says where): seconds per kind of test,
so that a suite that grows slower shows here. Nothing is run.

Each test counts under the first of its markers in KINDS (conftest.py writes them into the
report), else under "other". A site build is counted apart from the test whose set-up waited
for it. The seconds are each test's own (set-up, call, tear-down) added up over the workers,
so they exceed the run's wall time. Processor seconds (the tests' own and those of the servers,
browsers and kernels they started) change less than wall time when other work shares the
machine. Targets: a fresh `make test` within 5 minutes on 2 cores, set-up included; `make
check` within 60 s.

`python benchmarks/bench_tests.py [REPORT]` prints the same rows for any report.
"""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

KINDS = {
    "hub": "class hub on loopback",
    "lab": "notebooks in JupyterLab, in Chromium",
    "browser": "the built site in Chromium",
    "book": "checks of the built site",
    "nbval": "notebook cells re-run by nbval",
    "kernel": "notebooks run in a kernel",
    "other": "unit and widget tests (make check)",
}
MARKERS = "markers"
BUILD = "site-build-seconds-"
CPU = "cpu-seconds"
WALL_TARGET = 300.0


def default_report() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return Path(os.environ.get("SALESTRAIN_TEST_REPORT") or cache / "salestrain/test-report.xml")


def summary(report: Path) -> dict:
    """Seconds and counts per kind, site builds, seconds per file, and the run's wall time."""
    root = ET.parse(report).getroot()
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    seconds: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    files: dict[str, float] = defaultdict(float)
    builds: dict[str, float] = {}
    workers: dict[str, list[float]] = {}  # first start, last end, busy seconds
    ends: list[tuple[float, str]] = []
    failed = 0
    for case in suite.iter("testcase"):
        props = {p.get("name"): p.get("value") for p in case.iter("property")}
        marks = (props.get(MARKERS) or "").split()
        kind = next((k for k in KINDS if k in marks), "other")
        own = float(case.get("time") or 0)
        for name, value in props.items():
            if name.startswith(BUILD):
                builds[name.removeprefix(BUILD)] = float(value)
                own -= float(value)
        seconds[kind] += own
        cpu[kind] += float(props.get(CPU) or 0)
        counts[kind] += 1
        files[props.get("file") or case.get("file") or case.get("classname") or "?"] += own
        failed += any(case.find(t) is not None for t in ("failure", "error"))
        if props.get("started"):
            start, took = float(props["started"]), float(case.get("time") or 0)
            span = workers.setdefault(props.get("worker", "-"), [start, start, 0.0])
            span[0], span[1] = min(span[0], start), max(span[1], start + took)
            span[2] += took
            ends.append((start + took, props.get("file") or "?"))
    return {"wall": float(suite.get("time") or 0), "when": suite.get("timestamp", "")[:16],
            "tests": sum(counts.values()), "failed": failed, "seconds": dict(seconds),
            "cpu": dict(cpu), "workers": workers,
            "last_file": max(ends)[1] if ends else "", "counts": dict(counts),
            "builds": builds, "files": dict(files)}


def rows(report: Path | None = None) -> list[tuple[str, str, str]]:
    report = report or default_report()
    if not report.exists():
        return [("last make test", "no report", f"run `make test` first ({report})")]
    s = summary(report)
    out = [("last make test: wall", f"{s['wall']:.0f} s",
            f"{s['tests']} tests, {s['failed']} failed, {s['when']}; target ≤ "
            f"{WALL_TARGET:.0f} s with set-up"),
           ("last make test: processor", f"{sum(s['cpu'].values()):.0f} s",
            "all tests, with what they started (2 cores: wall ≥ half of it)")]
    for kind, note in KINDS.items():
        if kind in s["counts"]:
            out.append((f"tests: {kind}", f"{s['seconds'][kind]:.0f} s",
                        f"{s['counts'][kind]} tests, {s['cpu'][kind]:.0f} processor s · {note}"))
    for edition, secs in sorted(s["builds"].items()):
        out.append((f"site build: {edition}", f"{secs:.0f} s", "both languages, once per run"))
    if s["workers"]:
        first = min(span[0] for span in s["workers"].values())
        for name, (start, end, busy) in sorted(s["workers"].items()):
            out.append((f"worker {name}", f"{end - first:.0f} s",
                        f"ran tests {busy:.0f} s of it, from {start - first:.0f} s"))
        out.append(("the run ended with", s["last_file"], "its last test finished last"))
    busiest = sorted(s["files"].items(), key=lambda item: -item[1])[:8]
    out += [(f"file: {name}", f"{secs:.0f} s", "") for name, secs in busiest]
    return out


if __name__ == "__main__":
    given = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    for row in rows(given):
        print(" | ".join(row))
