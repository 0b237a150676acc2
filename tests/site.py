"""Build the course site once per test run (the book and browser tests share it).

The site is built into the run's own folder outside the working tree (pytest's temporary folder
for the run, which keeps the last three runs), never into the developer's book/_build: each run
builds afresh, so no earlier build can hide a fault or feed Sphinx an incremental rebuild. Under
pytest-xdist the workers share that folder; a file lock lets the first worker that asks build an
edition and the others wait for it and reuse it.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_VARIABLE = "SALESTRAIN_TEST_RUN"
# Builds this process did and their seconds, not yet told: conftest.py records them on the test
# whose set-up waited for them, so that `make bench` can tell building from checking.
builds_done: dict[str, float] = {}


def run_folder() -> Path:
    """This test run's folder, shared by its workers (conftest.py sets it on the controller);
    outside pytest (the benchmarks) a folder of its own in the system's temporary folder."""
    if not os.environ.get(RUN_VARIABLE):
        os.environ[RUN_VARIABLE] = tempfile.mkdtemp(prefix="salestrain-test-run-")
    return Path(os.environ[RUN_VARIABLE])


def build_folder() -> Path:
    """What plays book/_build's part in this run."""
    return run_folder() / "_build"


def build_log(edition: str = "trainee") -> Path:
    return run_folder() / f"build-{edition}.log"


def _once(edition: str) -> int:
    """Build `edition` unless this run already did (in any worker); return its exit code."""
    from salestrain.commands import editions

    folder = run_folder()
    marker = folder / f".built-{edition}"
    with open(folder / f".built-{edition}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if marker.exists():
            return int(marker.read_text())
        start = time.perf_counter()
        code = editions.build(edition, log=build_log(edition), out=build_folder())
        builds_done[edition] = time.perf_counter() - start
        marker.write_text(str(code))
        return code


def build_book() -> Path:
    """`make book`: both languages of the trainee edition; returns the English HTML folder
    (Chinese in zh/). Fails with the end of the build log when the build fails."""
    from salestrain.commands import editions

    code = _once("trainee")
    assert code == 0, build_log("trainee").read_text()[-6000:]
    return editions.html_folder("en", "trainee", build_folder())


def build_instructor_edition() -> Path:
    """`make book-instructor`; returns the folder of its English HTML (Chinese in zh/)."""
    from salestrain.commands import editions

    code = _once("instructor")
    assert code == 0, build_log("instructor").read_text()[-6000:]
    return editions.html_folder("en", "instructor", build_folder())
