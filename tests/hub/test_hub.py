"""A class hub on loopback with three trainees: logins, isolation, collection, course updates.

Started with `salestrain hub` as an instructor would (root, a roster). Checks what a class
depends on: the roster's passwords log in and a wrong one is refused; one trainee can reach
neither another's server (403) nor their files (permission error from their own kernel); each
runs as their own account under a memory limit; work each trainee saves is collected by the
instructor and refused to a trainee; a course update keeps a notebook a trainee edited.
"""

from __future__ import annotations

import json
import os
import pwd
from pathlib import Path

import pytest

from salestrain.hub import limits
from salestrain.hub.course import MANIFEST, UPDATES
from tests.hub import classhub
from tests.hub.trainee import Trainee

pytestmark = pytest.mark.hub

if os.geteuid() != 0:
    if os.environ.get("CI"):
        pytest.fail("the class-hub test creates accounts and must run as root", pytrace=False)
    pytest.skip("the class-hub test creates system accounts: run make test as root",
                allow_module_level=True)


@pytest.fixture(scope="module")
def hub():
    started = classhub.start(trainees=3)
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
    out = hub.state / "collected"
    out.mkdir(exist_ok=True)
    out.chmod(0o777)
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
    assert hub.log.read_text().count("kernel websockets send without delay") >= len(signed_in)


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
