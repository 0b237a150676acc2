"""A class hub on loopback with three trainees: logins, isolation, collection, course updates.

Started with `salestrain hub` as an instructor would (root, a roster). Checks what a class
depends on: the roster's passwords log in and a wrong one is refused; one trainee can reach
neither another's server (403) nor their files (permission error from their own kernel); each
runs as their own account under a memory limit; work each trainee saves is collected by the
instructor and refused to a trainee; a course update keeps a notebook a trainee edited.
"""

from __future__ import annotations

import json
import pwd
import subprocess
import sys
import time
from pathlib import Path

import pytest

from salestrain.hub import limits
from salestrain.hub.course import MANIFEST, UPDATES
from tests.hub import classhub
from tests.hub.trainee import Trainee

pytestmark = pytest.mark.hub

classhub.require_root("the class-hub test")


PIDS_LIMIT = 160  # low enough for a fork bomb to reach quickly, enough for server and kernels


@pytest.fixture(scope="module")
def hub():
    started = classhub.start(trainees=3, pids_limit=PIDS_LIMIT)
    try:
        yield started
    finally:
        classhub.stop(started)


@pytest.fixture(scope="module")
def signed_in(hub):
    """Each trainee logged in through the form, with an API token and a running server."""
    people = {}
    for name in hub.trainees:
        trainee = Trainee(hub.url, name, hub.passwords[name])
        assert trainee.login().status_code == 302, f"{name} could not log in"
        trainee.get_token()
        trainee.start_server()
        people[name] = trainee
    return people


def test_roster_passwords_log_in_and_a_wrong_one_is_refused(hub):
    name = hub.trainees[0]
    good = Trainee(hub.url, name, hub.passwords[name])
    reply = good.login()
    assert reply.status_code == 302 and good.logged_in
    bad = Trainee(hub.url, name, hub.passwords[name] + "x")
    reply = bad.login()
    assert reply.status_code == 403 and not bad.logged_in
    stranger = Trainee(hub.url, "root", "anything")
    assert stranger.login().status_code == 403


def test_the_instructor_is_an_admin_and_trainees_are_not(hub):
    teacher = Trainee(hub.url, hub.instructor, hub.passwords[hub.instructor])
    assert teacher.login().status_code == 302
    teacher.get_token()
    users = teacher.api("GET", "/hub/api/users")
    assert users.status_code == 200
    assert {u["name"] for u in users.json()} >= set(hub.trainees)
    services = teacher.api("GET", "/hub/api/services").json()
    assert "idle-culler" in services


def test_the_sites_launch_link_opens_the_notebook_in_the_trainees_own_server(hub, signed_in):
    """The book's launch button (book/_ext/salestrain_site.py) sends a trainee to
    /hub/user-redirect/lab/tree/course/<notebook>: it must land in their own server, on a
    notebook that is there."""
    import importlib.util

    ext = Path(__file__).resolve().parents[2] / "book" / "_ext" / "salestrain_site.py"
    spec = importlib.util.spec_from_file_location("salestrain_site", ext)
    site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(site)
    a = signed_in[hub.trainees[0]]
    link = site.hub_notebook_url(hub.url, "notebooks/04_hp_key_accounts")
    reply = a.session.get(link, timeout=120)  # the redirects a browser follows
    assert reply.status_code == 200
    assert reply.url == f"{hub.url}/user/{a.username}/lab/tree/course/04_hp_key_accounts.ipynb"
    assert a.server_get("/api/contents/course/04_hp_key_accounts.ipynb").status_code == 200


def test_a_trainee_cannot_open_anothers_server(hub, signed_in):
    a, b = (signed_in[n] for n in hub.trainees[:2])
    assert a.server_get("/api/contents").status_code == 200
    assert a.server_get("/api/contents", user=b.username).status_code == 403
    assert a.api("GET", f"/hub/api/users/{b.username}").status_code in (403, 404)


def test_each_trainee_runs_as_their_own_account_and_cannot_read_anothers_files(hub, signed_in):
    a, b = (signed_in[n] for n in hub.trainees[:2])
    kernel = a.start_kernel()
    try:
        who = kernel.output_text("import os, pwd; print(pwd.getpwuid(os.getuid()).pw_name)")
        assert who.strip() == a.username
        where = kernel.output_text("import os; print(os.getcwd())")
        assert where.strip().endswith(f"{a.username}/course")
        home = f"Path('~{b.username}').expanduser()"
        attempt = kernel.output_text(
            "from pathlib import Path\n"
            f"for p in [{home}, {home} / 'course' / '00_course_overview.ipynb']:\n"
            "    try:\n"
            "        p.read_bytes() if p.suffix else list(p.iterdir())\n"
            "        print('READ', p)\n"
            "    except PermissionError:\n"
            "        print('denied', p)\n")
        assert attempt.count("denied") == 2 and "READ" not in attempt
    finally:
        kernel.close()


def test_each_trainee_is_held_to_the_memory_limit(hub, signed_in):
    name = hub.trainees[0]
    group = limits.memory_group(name, None)
    if group is None:
        pytest.fail("no memory cgroup on this machine: the hub could not limit trainees")
    assert group.limit() == limits.parse_size("1G")
    assert group.usage() > 10 * 1024 * 1024  # the server (and kernel) live in it
    pids = group.procs.read_text().split()
    owners = {Path(f"/proc/{pid}").stat().st_uid for pid in pids if Path(f"/proc/{pid}").exists()}
    assert owners == {pwd.getpwnam(name).pw_uid}


def test_work_is_collected_by_the_instructor_and_not_by_a_trainee(hub, signed_in):
    saves = {
        hub.trainees[0]: "from salestrain.hp.plan import IndustryPlan\n"
                         "IndustryPlan.example('en').save()",
        hub.trainees[1]: "from salestrain.ibm import ssm\nssm.example().save()",
    }
    for name, code in saves.items():
        kernel = signed_in[name].start_kernel()
        try:
            kernel.execute(code)
        finally:
            kernel.close()
    out = Path(f"~{hub.instructor}").expanduser() / "class-rollup"  # made by collect
    collect = [str(hub.env_python), "-m", "salestrain.commands.cli", "collect", "--hub",
               "--out", str(out)]
    refused = hub.run_as(hub.trainees[0], *collect)
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert "Only an instructor" in refused.stderr
    assert not (out / "rollup.xlsx").exists()
    done = hub.run_as(hub.instructor, *collect)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (out / "rollup.html").read_text(encoding="utf-8")
    for name in hub.trainees:
        assert name in page
    summary = done.stdout.splitlines()[0]
    assert summary.startswith("3 trainees, 2 files read, 0 unreadable"), done.stdout


def test_a_course_update_keeps_a_notebook_the_trainee_edited(hub, signed_in):
    a = signed_in[hub.trainees[2]]
    edited_name, untouched_name = "00_course_overview.ipynb", "01_module1_overview.ipynb"
    path = f"/api/contents/course/{edited_name}"
    model = a.server_get(path).json()
    model["content"]["cells"].insert(0, {"cell_type": "markdown", "metadata": {},
                                         "source": "My notes: call the tax bureau on Monday."})
    saved = a.api("PUT", a.user_url(path).removeprefix(a.hub),
                  json={"type": "notebook", "format": "json", "content": model["content"]})
    assert saved.status_code == 200
    # the instructor publishes a new version of the course
    course = hub.state / "course"
    for name in (edited_name, untouched_name):
        nb = json.loads((course / name).read_text(encoding="utf-8"))
        nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "Update 2."})
        (course / name).write_text(json.dumps(nb), encoding="utf-8")
    try:
        a.stop_server()
        a.start_server()
        mine = a.server_get(path).json()["content"]
        assert "call the tax bureau" in json.dumps(mine)
        assert "Update 2." not in json.dumps(mine)
        update = a.server_get(f"/api/contents/course/{UPDATES}/{edited_name}").json()["content"]
        assert "Update 2." in json.dumps(update)
        refreshed = a.server_get(f"/api/contents/course/{untouched_name}").json()["content"]
        assert "Update 2." in json.dumps(refreshed)
        assert (Path(f"~{a.username}").expanduser() / "course" / MANIFEST).is_file()
    finally:
        from salestrain.hub import setup

        setup.publish_course(hub.state, "en")


def test_trainees_kernel_websockets_send_without_nagles_delay(hub, signed_in):
    """The class environment loads the hub's server extension (each widget edit answered
    without the 40 ms delayed-acknowledgement stall)."""
    logs = "".join(log.read_text(errors="replace") for log in (hub.state / "logs").glob("*.log"))
    assert logs.count("kernel websockets send without delay") >= len(signed_in)


def test_kernels_talk_to_their_server_over_the_trainees_own_sockets(hub, signed_in):
    """No loopback ports for kernels (thirty starting at once raced for the same port)."""
    a = signed_in[hub.trainees[0]]
    kernel = a.start_kernel()
    try:
        transport = kernel.output_text(
            "import json, ipykernel.connect as c\n"
            "print(json.loads(open(c.get_connection_file()).read())['transport'])")
    finally:
        kernel.close()
    assert transport.strip() == "ipc"


# --- attacks a trainee would try (issue: the class hub, hardened) ---------------------------


def _as_trainee_shell(hub, name: str, command: str):
    return hub.run_as(name, "/bin/sh", "-c", command)


def _private_entries(state: Path) -> list[str]:
    """State-folder entries that others can read, write or enter (env/ and course/ aside)."""
    from salestrain.hub import setup

    open_to_others = []
    for entry in state.iterdir():
        if entry.name in setup.PUBLIC or entry.is_symlink():
            continue
        paths = [entry, *(entry.rglob("*") if entry.is_dir() else [])]
        open_to_others += [f"{p} {oct(p.stat().st_mode & 0o777)}" for p in paths
                           if not p.is_symlink() and p.stat().st_mode & 0o077]
    return open_to_others


def test_secrets_and_the_database_are_root_only_even_after_a_course_update(hub, signed_in):
    """The course update (any change under salestrain/, simulated on the environment's stamp)
    used to make the whole state folder world-readable: every password to every trainee."""
    name = hub.trainees[0]
    for secret in ("passwords.csv", "jupyterhub.sqlite", "jupyterhub_cookie_secret",
                   "accounts.json", "class.json"):
        assert (hub.state / secret).exists(), secret
    assert _private_entries(hub.state) == []
    stamp = hub.state / "env" / ".salestrain-stamp"
    stamp.write_text("a course update")
    again = subprocess.run(
        [sys.executable, "-m", "salestrain.commands.cli", "hub", "--roster",
         str(hub.state / "roster.csv"), "--state", str(hub.state), "--prepare-only"],
        capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "The course has changed" in again.stdout
    assert _private_entries(hub.state) == []
    for secret in ("passwords.csv", "jupyterhub.sqlite", "jupyterhub_cookie_secret",
                   "accounts.json"):
        tried = _as_trainee_shell(hub, name, f"cat {hub.state / secret}")
        assert tried.returncode != 0 and "Permission denied" in tried.stderr, secret
    listing = _as_trainee_shell(hub, name, f"ls {hub.state}")
    assert listing.returncode != 0
    # what trainees need stays reachable: the class environment and the course
    runs = _as_trainee_shell(hub, name, f"{hub.env_python} -c 'import salestrain'")
    assert runs.returncode == 0, runs.stderr
    assert _as_trainee_shell(hub, name, f"ls {hub.state / 'course'}").returncode == 0


FORK_BOMB = """
import errno, os, pathlib, signal, time
home = pathlib.Path.home()
children, failure = [], None
for _ in range(2000):
    try:
        pid = os.fork()
    except OSError as exc:
        failure = errno.errorcode[exc.errno]
        break
    if pid == 0:
        time.sleep(120)
        os._exit(0)
    children.append(pid)
(home / "bomb-result").write_text(f"{len(children)} {failure}")
for _ in range(1200):  # hold every process until told to stop
    if (home / "bomb-stop").exists():
        break
    time.sleep(0.1)
for pid in children:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
"""


def _wait_for(condition, what: str, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.1)
    pytest.fail(f"{what} did not happen in {timeout:.0f} s")


def test_a_fork_bomb_stops_at_the_trainees_process_limit_and_others_still_start(hub, signed_in):
    a, b = (signed_in[n] for n in hub.trainees[:2])
    home = Path(f"~{a.username}").expanduser()
    tasks = limits.pids_group(a.username, None)
    hits_before = tasks.limit_hits()
    kernel = a.start_kernel()
    try:
        kernel.execute(f"import subprocess, sys\n"
                       f"bomb = subprocess.Popen([sys.executable, '-c', {FORK_BOMB!r}])")
        count, failure = _wait_for(lambda: (home / "bomb-result").is_file()
                                   and (home / "bomb-result").read_text().split(),
                                   "the fork bomb's report")
        assert failure == "EAGAIN" and int(count) < PIDS_LIMIT, (count, failure)
        assert tasks.limit_hits() > hits_before
        # while the bomb holds every process it may have, another trainee works as usual
        assert b.output_of("print(6 * 7)").strip() == "42"
    finally:
        (home / "bomb-stop").touch()
        _wait_for(lambda: tasks.usage() < PIDS_LIMIT // 2, "the end of the fork bomb")
        for name in ("bomb-result", "bomb-stop"):
            (home / name).unlink(missing_ok=True)
        kernel.close()


def test_temporary_folders_are_private_limited_and_gone_after_a_restart(hub, signed_in):
    a, b = (signed_in[n] for n in hub.trainees[:2])
    kernel = a.start_kernel()
    try:
        wrote = kernel.output_text(
            "from pathlib import Path\n"
            "for folder in ('/dev/shm', '/tmp', '/var/tmp'):\n"
            "    (Path(folder) / 'left-behind').write_text('x')\n"
            "try:\n"
            "    with open('/dev/shm/big', 'wb') as out:\n"
            "        for _ in range(1500):\n"
            "            out.write(b'0' * 1024 * 1024)\n"
            "    print('wrote 1.5 GB')\n"
            "except OSError as exc:\n"
            "    print('refused', exc.strerror)\n"
            "Path('/dev/shm/big').unlink()\n")
        assert "refused No space left on device" in wrote, wrote
    finally:
        kernel.close()
    # neither the machine nor another trainee sees the files
    assert not Path("/dev/shm/left-behind").exists()
    assert not Path("/tmp/left-behind").exists()
    seen = b.output_of("import os; print(os.path.exists('/dev/shm/left-behind'))")
    assert seen.strip() == "False"
    a.stop_server()
    a.start_server()
    gone = a.output_of("import os\n"
                       "print([f for f in ('/dev/shm', '/tmp', '/var/tmp')"
                       " if os.path.exists(f + '/left-behind')])")
    assert gone.strip() == "[]"


def test_a_trainee_sees_only_their_own_processes(hub, signed_in):
    a = signed_in[hub.trainees[0]]
    seen = a.output_of(
        "import os\n"
        "pids = [p for p in os.listdir('/proc') if p.isdigit()]\n"
        "owners = set()\n"
        "for p in pids:\n"
        "    try:\n"
        "        owners.add(os.stat('/proc/' + p).st_uid)\n"
        "    except FileNotFoundError:\n"
        "        pass\n"
        f"print(sorted(owners), os.path.exists('/proc/{hub.process.pid}'), len(pids))\n")
    owners, hub_visible, count = seen.rsplit(" ", 2)
    assert owners == f"[{pwd.getpwnam(a.username).pw_uid}]", seen
    assert hub_visible == "False" and int(count) >= 2


def test_a_server_that_dies_at_start_says_why_at_once(hub, signed_in):
    """A server stopped while starting used to leave the trainee waiting 180 s for
    'never showed up'; the spawn page now says what happened within seconds."""
    name = hub.trainees[1]
    trainee = signed_in[name]
    config = Path(f"~{name}").expanduser() / ".jupyter" / "jupyter_server_config.py"
    trainee.stop_server()
    hub.run_as(name, "/bin/sh", "-c", f"mkdir -p {config.parent} && "
               f"echo 'raise SystemExit(\"broken settings file\")' > {config}")
    try:
        started = time.monotonic()
        events = trainee.spawn_progress()
        took = time.monotonic() - started
        failed = [e for e in events if e.get("failed")]
        assert failed, events
        assert "stopped while starting" in failed[-1]["message"], failed[-1]
        assert took < 60, took
    finally:
        config.unlink(missing_ok=True)
        trainee.start_server()


def test_the_instructors_terminal_finds_salestrain(hub):
    teacher = Trainee(hub.url, hub.instructor, hub.passwords[hub.instructor])
    assert teacher.login().status_code == 302
    teacher.get_token()
    teacher.start_server()
    found = teacher.terminal_run("command -v salestrain")
    assert str(hub.state / "env" / "bin" / "salestrain") in found, found
