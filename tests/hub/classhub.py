"""Start a real class hub on loopback for tests and the load benchmark, and tidy up after.

The hub runs `salestrain hub` exactly as an instructor would (as root, with a roster); its
accounts get a random prefix so they cannot clash with real ones, and everything started —
the hub, its proxy, trainees' servers, accounts, homes, memory groups — is stopped and removed
at the end. The class environment is kept between runs in a fixed folder (it is rebuilt only
when the course's sources change), because building it takes about a minute.
"""

from __future__ import annotations

import csv
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from salestrain.hub import accounts, limits
from tests import ports

STATE = Path(os.environ.get("SALESTRAIN_HUB_TEST_STATE", "/var/lib/salestrain-hub-test"))
READY_TIMEOUT = 600  # the first run builds the class environment


def require_root(what: str) -> None:
    """Hub tests make real accounts: without root they fail under CI, else are skipped."""
    if os.geteuid() == 0:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} creates accounts and must run as root", pytrace=False)
    pytest.skip(f"{what} creates system accounts: run make test as root",
                allow_module_level=True)


def free_port() -> int:
    """A loopback port held for the hub (tests/ports.py says why it stays bound)."""
    return ports.free_port()


@dataclass
class ClassHub:
    url: str
    state: Path
    process: subprocess.Popen
    passwords: dict[str, str]
    instructor: str
    trainees: list[str]
    log: Path
    env_python: Path = field(init=False)

    def __post_init__(self) -> None:
        self.env_python = self.state / "env" / "bin" / "python"

    def run_as(self, user: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
        """Run a command as one of the class's accounts, as they would in a terminal."""
        account = pwd.getpwnam(user)
        return subprocess.run(
            list(args), capture_output=True, text=True, cwd=account.pw_dir,
            user=account.pw_uid, group=account.pw_gid,
            extra_groups=os.getgrouplist(user, account.pw_gid),
            env={"HOME": account.pw_dir, "PATH": "/usr/bin:/bin", "USER": user},
            timeout=300, **kwargs)


def start(trainees: int, *, mem_limit: str = "1G", lang: str = "en",
          pids_limit: int = 512) -> ClassHub:
    """A class hub with one instructor and `trainees` trainees, ready to log in."""
    prefix = "st" + secrets.token_hex(2)
    instructor = f"{prefix}-teacher"
    names = [f"{prefix}-t{i:02}" for i in range(1, trainees + 1)]
    STATE.mkdir(parents=True, exist_ok=True)
    for name in accounts.remove_recorded(STATE):  # a run that was killed before its tidy-up
        limits.remove(name)
    for leftover in ("jupyterhub.sqlite", "passwords.csv", "jupyterhub_cookie_secret",
                     "jupyterhub.pid", "proxy.pid"):
        (STATE / leftover).unlink(missing_ok=True)
    roster = STATE / "roster.csv"
    with roster.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["username", "name", "role"])
        writer.writerow([instructor, "讲师 Zhang", "instructor"])
        for i, name in enumerate(names, 1):
            writer.writerow([name, f"学员 {i}", "trainee"])
    port = free_port()
    log = STATE / "hub.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "salestrain.commands.cli", "hub", "--roster", str(roster),
         "--state", str(STATE), "--port", str(port), "--hub-port", str(free_port()),
         "--proxy-api-port", str(free_port()), "--mem-limit", mem_limit, "--lang", lang,
         "--cull-idle", "3600", "--pids-limit", str(pids_limit)],
        stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the hub stopped: {log.read_text()[-3000:]}")
        try:
            if requests.get(f"{url}/hub/api", timeout=5).status_code == 200:
                break
        except requests.RequestException:
            pass
        time.sleep(1)
    else:
        stop_process(process)
        raise RuntimeError(f"the hub did not answer in {READY_TIMEOUT} s: "
                           f"{log.read_text()[-3000:]}")
    with (STATE / "passwords.csv").open(encoding="utf-8") as sheet:
        passwords = {row["username"]: row["password"] for row in csv.DictReader(sheet)}
    return ClassHub(url, STATE, process, passwords, instructor, names, log)


def stop_process(process: subprocess.Popen) -> None:
    """Stop the hub (it stops the proxy and every trainee's server), then make sure."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def stop(hub: ClassHub) -> None:
    """Stop everything `start` started and remove the class's accounts and homes."""
    stop_process(hub.process)
    for user in accounts.remove_recorded(hub.state, [hub.instructor, *hub.trainees]):
        limits.remove(user)
    for leftover in ("jupyterhub.sqlite", "passwords.csv", "roster.csv"):
        (hub.state / leftover).unlink(missing_ok=True)
    shutil.rmtree(hub.state / "logs", ignore_errors=True)
