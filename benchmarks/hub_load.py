"""Load on a class hub: `make bench-hub TRAINEES=30` (root, loopback only).

Starts a real class hub (`salestrain hub`) with N trainee accounts; all trainees at once log in
through the form, start their servers, open notebook 04's kernel and run its code cells; once
everyone's notebook has run (warm), all of them at once make 20 edits in the plan builder: the
plan's title typed one key at a time at a fast typist's pace (a key every 200 ms, or as soon as
the previous one is answered if that takes longer), each key an edit as JupyterLab sends it.
Prints login and spawn p50/p95, the time to the first cell's result, the per-edit p95 once
warm, failures, memory per trainee (server + kernel, from their memory cgroup) and the hub's
and proxy's CPU. Everything started is stopped; the accounts are removed.
Goal on a 2-core machine: 30 trainees, 0 failures, per-edit p95 ≤ 200 ms once warm.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import resource
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from salestrain.hub import limits  # noqa: E402
from tests.hub import classhub  # noqa: E402
from tests.hub.trainee import Trainee  # noqa: E402

NOTEBOOK = "04_hp_key_accounts.ipynb"
TITLE = "Provincial tax bureaus 2014"  # typed key by key: its first 20 keys are 20 edits
EDITS = 20
KEY_EVERY = 0.2  # seconds between keys: about 60 words a minute
TITLE_HINT = "How the plan is listed"


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def code_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its children that have finished."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(f) for f in fields[11:15]) / ticks


def pids_of(pattern: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if pattern in cmd:
                found.append(int(proc.name))
    return found


def class_cpu(uids: set[int]) -> float:
    """CPU seconds used so far by every process of the class's accounts (servers, kernels)."""
    total = 0.0
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if proc.stat().st_uid in uids:
                    total += cpu_seconds(int(proc.name))
            except OSError:
                continue
    return total


class Warm:
    """Holds each trainee's edits until every trainee has run the notebook (or failed), and
    measures the CPU the class's processes and this load generator use while everyone types."""

    def __init__(self, count: int, uids: set[int]) -> None:
        self.left = count
        self.typing = 0
        self.uids = uids
        self.ready = threading.Condition()
        self.cpu: dict[str, float] = {}

    def _mark(self, when: str) -> None:
        self.cpu[f"class_{when}"] = class_cpu(self.uids)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self.cpu[f"client_{when}"] = usage.ru_utime + usage.ru_stime
        self.cpu[f"wall_{when}"] = time.perf_counter()

    def done(self) -> None:
        with self.ready:
            self.left -= 1
            if self.left == 0:
                self._mark("start")
            self.ready.notify_all()

    def wait(self) -> None:
        with self.ready:
            self.ready.wait_for(lambda: self.left <= 0, timeout=1800)
            self.typing += 1

    def typed(self) -> None:
        with self.ready:
            self.typing -= 1
            if self.typing == 0:
                self._mark("end")

    def per_edit_ms(self, edits: int) -> tuple[float, float, float]:
        """(class CPU ms per edit, load generator CPU ms per edit, seconds of typing)."""
        if "class_end" not in self.cpu or not edits:
            return float("nan"), float("nan"), float("nan")
        return ((self.cpu["class_end"] - self.cpu["class_start"]) / edits * 1000,
                (self.cpu["client_end"] - self.cpu["client_start"]) / edits * 1000,
                self.cpu["wall_end"] - self.cpu["wall_start"])


def one_trainee(hub: classhub.ClassHub, name: str, cells: list[str], out: dict,
                warm: Warm) -> None:
    result: dict = {"edits": []}
    out[name] = result
    counted = False
    try:
        trainee = Trainee(hub.url, name, hub.passwords[name])
        if trainee.login().status_code != 302:
            raise RuntimeError("login refused")
        result["login"] = trainee.timings["login"]
        trainee.get_token()
        trainee.start_server(timeout=900)
        result["spawn"] = trainee.timings["spawn"]
        start = time.perf_counter()
        kernel = trainee.start_kernel(f"course/{NOTEBOOK}")
        for i, code in enumerate(cells):
            kernel.execute(code, timeout=600)
            if i == 0:
                result["first_result"] = time.perf_counter() - start
        result["run_all"] = time.perf_counter() - start
        title = next(cid for cid, st in kernel.widgets.items()
                     if st.get("_model_name") == "TextModel"
                     and str(st.get("placeholder", "")).startswith(TITLE_HINT))
        warm.done()
        counted = True
        warm.wait()
        typing = time.perf_counter()
        for i in range(1, EDITS + 1):
            pause = typing + (i - 1) * KEY_EVERY - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            result["edits"].append(kernel.edit_widget(title, {"value": TITLE[:i]}))
        warm.typed()
        saved = kernel.output_text(
            "from salestrain.core import storage\n"
            "print(len(storage.list_saved(kind='plan')))")
        result["saved_plans"] = int(saved.strip() or 0)
        group = limits.memory_group(name, None)
        result["memory"] = group.usage() if group else None
        kernel.close()
    except Exception as exc:  # one trainee's failure is counted, not fatal to the run
        result["error"] = f"{type(exc).__name__}: {exc}"[:300]
    finally:
        if not counted:
            warm.done()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--mem-limit", default="1G")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("bench-hub creates accounts: run it as root", file=sys.stderr)
        return 2
    print(f"starting a class hub with {args.trainees} trainees …", file=sys.stderr, flush=True)
    load_before = os.getloadavg()[0]  # how quiet the machine was: other work skews the figures
    hub = classhub.start(args.trainees, mem_limit=args.mem_limit)
    loads: list[float] = []
    results: dict[str, dict] = {}
    try:
        cells = code_cells(hub.state / "course" / NOTEBOOK)
        hub_pids = pids_of("-m jupyterhub -f") + pids_of("configurable-http-proxy")
        cpu_before = {pid: cpu_seconds(pid) for pid in hub_pids}
        wall = time.perf_counter()
        uids = {pwd.getpwnam(n).pw_uid for n in hub.trainees}
        warm = Warm(len(hub.trainees), uids)
        threads = [threading.Thread(target=one_trainee, args=(hub, n, cells, results, warm))
                   for n in hub.trainees]
        for thread in threads:
            thread.start()
        done = 0
        while any(t.is_alive() for t in threads):
            time.sleep(5)
            loads.append(os.getloadavg()[0])
            now = sum(1 for r in results.values() if "edits" in r and len(r["edits"]) == EDITS
                      or "error" in r)
            if now != done:
                done = now
                print(f"  {done}/{len(threads)} trainees finished "
                      f"({time.perf_counter() - wall:.0f} s)", file=sys.stderr, flush=True)
        wall = time.perf_counter() - wall
        cpu = sum(cpu_seconds(p) - cpu_before[p] for p in hub_pids if Path(f"/proc/{p}").exists())
    finally:
        classhub.stop(hub)
    ok = [r for r in results.values() if "error" not in r]
    failures = [(n, r["error"]) for n, r in results.items() if "error" in r]
    edits = [e for r in ok for e in r["edits"]]
    mem = [r["memory"] for r in ok if r.get("memory")]
    class_ms, client_ms, typing_s = warm.per_edit_ms(len(edits))
    rows = [
        ("trainees at once", f"{args.trainees}", "one instructor besides"),
        ("failures", f"{len(failures)}", "goal: 0"),
        ("login p50 / p95", f"{percentile([r['login'] for r in ok], 50):.2f} s / "
                            f"{percentile([r['login'] for r in ok], 95):.2f} s", "form post"),
        ("spawn p50 / p95", f"{percentile([r['spawn'] for r in ok], 50):.1f} s / "
                            f"{percentile([r['spawn'] for r in ok], 95):.1f} s",
         "course delivered + server ready"),
        ("first result p50 / p95",
         f"{percentile([r['first_result'] for r in ok], 50):.1f} s / "
         f"{percentile([r['first_result'] for r in ok], 95):.1f} s", "kernel start + cell 1"),
        ("notebook 04 run p50 / p95", f"{percentile([r['run_all'] for r in ok], 50):.1f} s / "
                                      f"{percentile([r['run_all'] for r in ok], 95):.1f} s",
         f"{len(cells)} code cells"),
        ("edit p50 / p95 (warm)", f"{percentile(edits, 50) * 1000:.0f} ms / "
                                  f"{percentile(edits, 95) * 1000:.0f} ms",
         f"goal p95 ≤ 200 ms; {len(edits)} edits, everyone typing at once"),
        ("edit max", f"{max(edits, default=float('nan')) * 1000:.0f} ms", ""),
        ("CPU per edit", f"{class_ms:.1f} ms class + {client_ms:.1f} ms load generator",
         f"servers and kernels; {len(edits) / typing_s:.0f} edits/s for {typing_s:.1f} s "
         f"on {os.cpu_count()} cores"),
        ("memory per trainee p50 / max",
         f"{percentile(mem, 50) / 2**20:.0f} MB / {max(mem, default=0) / 2**20:.0f} MB",
         "server + kernel (memory cgroup)"),
        ("hub + proxy CPU", f"{cpu:.1f} s in {wall:.0f} s ({cpu / wall:.2f} core)",
         "while everyone worked"),
        ("load average (1 min)", f"{load_before:.2f} before / {max(loads, default=0):.2f} max "
                                 f"/ {loads[-1] if loads else 0:.2f} at the end",
         f"{os.cpu_count()} cores; 'before' near 0 means a quiet machine"),
        ("plans saved", f"{sum(r.get('saved_plans', 0) for r in ok)}",
         "each trainee's plan autosaved in their own work folder"),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    line = "  ".join("-" * w for w in widths)
    print(line)
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    print(line)
    for name, error in failures:
        print(f"failed: {name}: {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
