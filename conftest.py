"""Test-session set-up that must reach the notebooks too (a conftest under tests/ would not).

Every notebook that nbval runs gets its own empty work folder, exactly as `make notebooks`
runs each one, so no file saved by a test, another notebook or a trainee can change an output.

Nothing a test run writes lands in the working tree: the site build and the screenshots go to
the run's own folder (pytest's temporary folder for the run, shared by the xdist workers) and
Hypothesis keeps its examples in the user's cache folder.

Collection marks what each test needs (`nbval` for notebook cells, `lab` for tests that use the
`jupyterlab` fixture, besides the markers written on the tests), so that `make check` can leave
those out, and orders the files longest first, so that the test workers (`--dist loadfile`,
`--no-loadscope-reorder`) start the long files first and finish together.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
_notebooks_started: set[str] = set()

# What the run's report (Makefile: `--junitxml`) records for each test, for `make bench`.
MARKERS_PROPERTY = "markers"
BUILD_PROPERTY = "site-build-seconds"
FILE_PROPERTY = "file"  # the JUnit family pytest writes by default has no file attribute
# Processor seconds of the test, its fixtures and every process they started and waited for
# (servers, browsers, kernels): unlike wall time, barely changed by other work on the machine.
CPU_PROPERTY = "cpu-seconds"
_cpu_at_start = pytest.StashKey[float]()
_started = pytest.StashKey[float]()
# Which worker ran the test and when it started (Unix time): `make bench` shows how evenly the
# workers were kept busy and which file ended the run.
WORKER_PROPERTY, STARTED_PROPERTY = "worker", "started"
# Seconds a test of each kind takes, roughly, to order the files when no earlier run's report
# says better (the first kind a test has counts).
TYPICAL_SECONDS = {"hub": 10.0, "lab": 40.0, "browser": 20.0, "book": 4.0, "kernel": 2.0,
                   "nbval": 0.3}
OTHER_SECONDS = 0.05
ORDER_VARIABLE = "SALESTRAIN_TEST_FILE_SECONDS"


def _fresh_work_folder() -> None:
    os.environ["SALESTRAIN_WORK"] = tempfile.mkdtemp(prefix="salestrain-test-work-")


def cache_folder() -> Path:
    """The user's cache folder for salestrain's tests (outside any checkout)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "salestrain"


@pytest.hookimpl(trylast=True)  # after pytest's own set-up of its temporary folders
def pytest_configure(config: pytest.Config) -> None:
    from hypothesis.configuration import set_hypothesis_home_dir

    from salestrain.commands.execute import SOURCE_DATE_EPOCH

    _fresh_work_folder()
    # As in `make notebooks`: times the tools show do not depend on the clock.
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    # Not .hypothesis/ in the working tree.
    set_hypothesis_home_dir(cache_folder() / "hypothesis")
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        # The controller (or a run without workers) names the run's folder; the workers, started
        # after this, inherit it. pytest's own temporary folder for the run: it keeps three runs.
        factory = getattr(config, "_tmp_path_factory", None)
        folder = factory.getbasetemp() if factory else Path(tempfile.mkdtemp(prefix="salestrain-"))
        os.environ["SALESTRAIN_TEST_RUN"] = str(folder)
        # Read once here, so that every worker orders the tests alike even if another run
        # rewrites the report meanwhile.
        os.environ[ORDER_VARIABLE] = json.dumps(_last_seconds_per_file())


def _file(config: pytest.Config, path: Path) -> str:
    return path.relative_to(config.rootpath).as_posix()


def _kind(item: pytest.Item) -> str | None:
    return next((kind for kind in TYPICAL_SECONDS if item.get_closest_marker(kind)), None)


def _last_seconds_per_file() -> dict[str, float]:
    """Each file's seconds in the last run's report ($SALESTRAIN_TEST_REPORT), if there is one."""
    report = os.environ.get("SALESTRAIN_TEST_REPORT")
    if report and not Path(report).exists():
        # A new checkout (CI's fresh clone): another checkout's last report still knows the
        # files' lengths better than TYPICAL_SECONDS.
        others = sorted(Path(report).parent.glob("test-report-*.xml"),
                        key=lambda path: path.stat().st_mtime)
        report = str(others[-1]) if others else None
    seconds: dict[str, float] = {}
    try:
        cases = ET.parse(report).getroot().iter("testcase") if report else []
        for case in cases:
            props = {p.get("name"): p.get("value") for p in case.iter("property")}
            name = props.get(FILE_PROPERTY) or case.get("file") or ""
            seconds[name] = seconds.get(name, 0.0) + float(case.get("time") or 0)
    except (OSError, ET.ParseError, ValueError):
        return {}
    return seconds


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.nbval)
        if "jupyterlab" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.lab)
        marks = sorted({m.name for m in item.iter_markers() if m.name in TYPICAL_SECONDS})
        item.user_properties.append((MARKERS_PROPERTY, " ".join(marks)))
        item.user_properties.append((FILE_PROPERTY, _file(config, item.path)))
    # Longest files first (stable: the same order on every worker, as xdist requires).
    last = json.loads(os.environ.get(ORDER_VARIABLE) or "{}")
    files: dict[Path, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(item.path, []).append(item)

    def weight(path: Path) -> float:
        name = _file(config, path)
        if name in last:
            return last[name]
        return sum(TYPICAL_SECONDS.get(_kind(i) or "", OTHER_SECONDS) for i in files[path])

    items[:] = [i for path in sorted(files, key=weight, reverse=True) for i in files[path]]


def _cpu_seconds() -> float:
    """This process's processor time and that of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.hookimpl(tryfirst=True)  # before pytest makes the report from the user properties
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> None:
    """Record on the test the site builds its set-up waited for (tests/site.py), and at its
    end the processor time it took."""
    site = sys.modules.get("tests.site")
    if call.when == "setup" and site is not None:
        for edition, seconds in site.builds_done.items():
            item.user_properties.append((f"{BUILD_PROPERTY}-{edition}", f"{seconds:.2f}"))
        site.builds_done.clear()
    if call.when == "teardown" and _cpu_at_start in item.stash:
        used = _cpu_seconds() - item.stash[_cpu_at_start]
        item.user_properties.append((CPU_PROPERTY, f"{used:.2f}"))
        item.user_properties.append((WORKER_PROPERTY, os.environ.get("PYTEST_XDIST_WORKER", "-")))
        item.user_properties.append((STARTED_PROPERTY, f"{item.stash[_started]:.2f}"))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before nbval starts a notebook's kernel (on its first cell), empty the work folder."""
    item.stash[_cpu_at_start] = _cpu_seconds()
    item.stash[_started] = time.time()
    if item.path.suffix == ".ipynb" and str(item.path) not in _notebooks_started:
        _notebooks_started.add(str(item.path))
        _fresh_work_folder()


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    """Say where the run's screenshots are, for a person to look at."""
    shots = Path(os.environ.get("SALESTRAIN_TEST_RUN", "/nonexistent")) / "screenshots"
    if not os.environ.get("PYTEST_XDIST_WORKER") and shots.is_dir():
        terminalreporter.write_line(f"screenshots of this run: {shots}")
