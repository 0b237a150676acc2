"""The hub's accounts, secrets and culler without starting a hub: what a roster or a machine
could do to them (root only: real accounts are made and removed)."""

from __future__ import annotations

import csv
import grp
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from salestrain.hub import accounts, roster, setup
from salestrain.hub.roster import Person
from tests.hub import classhub

pytestmark = pytest.mark.hub

classhub.require_root("the account tests")


@pytest.fixture
def state():
    """A state folder outside the temporary folders (a trainee's server gets its own /tmp)."""
    folder = Path("/var/lib") / f"salestrain-accounts-test-{secrets.token_hex(3)}"
    folder.mkdir(parents=True)
    yield folder
    accounts.remove_recorded(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def prefix():
    return "sa" + secrets.token_hex(2)


def _roster(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["username", "name", "role"])
        writer.writerows(rows)
    return path


def _hub(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "salestrain.commands.cli", "hub", *args],
                          capture_output=True, text=True, timeout=300)


def _system_account() -> str:
    """An existing system account a roster could name (not on the roster's reserved list)."""
    for entry in pwd.getpwall():
        if entry.pw_uid < accounts.FIRST_PERSON_UID and roster.USERNAME.match(entry.pw_name) \
                and entry.pw_name not in roster.RESERVED:
            return entry.pw_name
    pytest.fail("this machine has no system account outside the reserved list to try")


def test_existing_accounts_the_hub_did_not_make_are_refused_before_anything_changes(
        state, prefix, tmp_path):
    by_hand = f"{prefix}-byhand"
    subprocess.run(["useradd", "--create-home", by_hand], check=True)
    home = Path(pwd.getpwnam(by_hand).pw_dir)
    before = home.stat()
    system = _system_account()
    try:
        new_teacher = f"{prefix}-teacher"
        done = _hub("--roster", str(_roster(tmp_path / "roster.csv", [
            (new_teacher, "讲师", "instructor"), (by_hand, "Someone", "trainee"),
            (system, "Service", "trainee")])), "--state", str(state), "--prepare-only")
        assert done.returncode == 2, done.stdout + done.stderr
        assert f"userdel --remove {by_hand}" in done.stderr
        assert f"{system} is one of this machine's system accounts" in done.stderr
        assert "No account was created or changed" in done.stderr
        assert not accounts.user_exists(new_teacher)  # the roster is checked whole first
        after = home.stat()
        assert (after.st_mode, after.st_uid, after.st_gid) == (
            before.st_mode, before.st_uid, before.st_gid)
        for group in (accounts.TRAINEES, accounts.INSTRUCTORS):
            try:
                assert by_hand not in grp.getgrnam(group).gr_mem
                assert system not in grp.getgrnam(group).gr_mem
            except KeyError:
                pass
        assert not (state / accounts.PASSWORDS).exists()
    finally:
        accounts.remove_user(by_hand)


def test_an_account_re_made_by_someone_else_is_neither_used_nor_removed(state, prefix):
    person = Person(f"{prefix}-t1", "学员", "trainee")
    record = accounts.Record.load(state)
    assert accounts.ensure_user(person, record, state / accounts.PASSWORDS)
    accounts.remove_user(person.username)  # an administrator removes it …
    subprocess.run(["useradd", "--uid", "4321", person.username], check=True)  # … and re-makes
    try:
        record = accounts.Record.load(state)
        assert accounts.refusals([person], record, "en")
        with pytest.raises(accounts.AccountError):
            accounts.ensure_user(person, record)
        assert accounts.remove_recorded(state) == []
        assert accounts.user_exists(person.username)
    finally:
        accounts.remove_user(person.username)


def test_a_failure_half_way_loses_no_password_and_a_rerun_keeps_them(state, prefix,
                                                                     monkeypatch):
    people = [Person(f"{prefix}-t{i}", f"学员{i}", "trainee") for i in (1, 2, 3)]
    sheet = state / accounts.PASSWORDS
    real_run = accounts._run

    def failing_run(*args, stdin=None):
        if args[0] == "useradd" and args[-1] == people[1].username:
            raise accounts.AccountError("useradd failed: disk full")
        return real_run(*args, stdin=stdin)

    monkeypatch.setattr(accounts, "_run", failing_run)
    record = accounts.Record.load(state)
    with pytest.raises(accounts.AccountError):
        accounts.ensure_all(people, record, sheet)
    monkeypatch.setattr(accounts, "_run", real_run)
    rows = list(csv.DictReader(sheet.open(encoding="utf-8")))
    assert [r["username"] for r in rows] == [people[0].username]
    first_password = rows[0]["password"]
    assert accounts.Record.load(state).owns(people[0].username)

    new = accounts.ensure_all(people, accounts.Record.load(state), sheet)
    assert new == people[1:]
    rows = list(csv.DictReader(sheet.open(encoding="utf-8")))
    assert [r["username"] for r in rows] == [p.username for p in people]
    assert rows[0]["password"] == first_password
    assert oct(sheet.stat().st_mode & 0o777) == "0o600"


def test_names_that_would_break_an_account_are_refused_line_by_line():
    raw = ("username,name,role\nzhang-li,张丽,instructor\nwang-fang,王:芳,trainee\n"
           "li-wei,李伟\x1b[2J,trainee\nchen-jie,陈\u202e杰,trainee\nzhao-min," + "赵" * 70 +
           ",trainee\n")
    with pytest.raises(roster.RosterError) as err:
        roster.parse(raw, "class.csv", "en")
    lines = str(err.value).splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("class.csv line 3 · name: '王:芳'")
    assert "line 4 · name: '李伟\\u001b[2J'" in lines[1]
    assert "line 5 · name: '陈\\u202e杰'" in lines[2]
    assert "line 6 · name:" in lines[3] and "longer than 64" in lines[3]


def test_formulas_in_names_are_neutralised_on_the_sheet_and_in_the_account(state, prefix):
    person = Person(f"{prefix}-t1", "=cmd|' /C calc'!A0", "trainee")
    sheet = state / accounts.PASSWORDS
    accounts.ensure_all([person], accounts.Record.load(state), sheet)
    row = next(csv.DictReader(sheet.open(encoding="utf-8")))
    assert row["name"].startswith("'=")
    assert pwd.getpwnam(person.username).pw_gecos.startswith("'=")


def test_the_state_folder_is_locked_down_but_the_environment_and_course(tmp_path):
    state = tmp_path / "state"
    for folder in ("env/bin", "course", "node/lib", "logs"):
        (state / folder).mkdir(parents=True)
    for name in ("passwords.csv", "jupyterhub.sqlite", "env/bin/python", "course/00.ipynb",
                 "node/lib/x.js", "logs/t1.log"):
        (state / name).write_text("x")
        (state / name).chmod(0o644)
    setup.lock_down(state)
    assert oct(state.stat().st_mode & 0o777) == "0o711"
    for private in ("passwords.csv", "jupyterhub.sqlite", "node", "node/lib/x.js", "logs",
                    "logs/t1.log"):
        assert (state / private).stat().st_mode & 0o077 == 0, private
    for public in ("env/bin/python", "course/00.ipynb"):
        assert (state / public).stat().st_mode & 0o044 == 0o044, public


def test_the_idle_culler_dies_with_the_hub_even_a_killed_one():
    parent = subprocess.Popen(
        [sys.executable, "-c",
         "import subprocess, sys, time\n"
         "child = subprocess.Popen([sys.executable, '-c', 'from salestrain.hub.culler import "
         "tie_to_parent; tie_to_parent(); print(\"tied\", flush=True); import time; "
         "time.sleep(120)'])\n"
         "print(child.pid, flush=True)\n"
         "time.sleep(120)\n"],
        stdout=subprocess.PIPE, text=True)
    lines = {parent.stdout.readline().strip() for _ in range(2)}  # its pid, and "tied"
    assert "tied" in lines
    child = int((lines - {"tied"}).pop())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    for _ in range(50):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(child, signal.SIGKILL)
        pytest.fail("the culler outlived a hub killed with SIGKILL")


def test_the_hub_runs_the_culler_tied_to_its_life():
    from traitlets.config import Config

    from salestrain.hub.spawner import configure

    c = Config()
    configure(c, {"state": "/srv/x", "ip": "127.0.0.1", "port": 1, "hub_port": 2,
                  "proxy_api_port": 3, "proxy": "chp", "lang": "en", "class_python": "/p",
                  "course_source": "/c", "users": [], "instructors": [], "mem_limit": 0,
                  "cull_idle": 60})
    assert c.JupyterHub.services[0]["command"][1:3] == ["-m", "salestrain.hub.culler"]


def test_ending_a_class_removes_only_the_accounts_the_hub_made(state, prefix):
    made = Person(f"{prefix}-t1", "学员", "trainee")
    accounts.ensure_all([made], accounts.Record.load(state), state / accounts.PASSWORDS)
    by_hand = f"{prefix}-byhand"
    subprocess.run(["useradd", by_hand], check=True)
    try:
        listed = _hub("--remove-accounts", "--state", str(state))
        assert listed.returncode == 1 and made.username in listed.stdout
        assert "--yes" in listed.stdout and accounts.user_exists(made.username)
        done = _hub("--remove-accounts", "--state", str(state), "--yes")
        assert done.returncode == 0, done.stdout + done.stderr
        assert not accounts.user_exists(made.username)
        assert accounts.user_exists(by_hand)
        assert accounts.Record.load(state).uids == {}
    finally:
        accounts.remove_user(by_hand)
