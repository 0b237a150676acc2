"""`salestrain hub`: a class hub on this machine (JupyterHub, one account per trainee).

    salestrain hub --roster roster.csv [--lang zh] [--ip 127.0.0.1] [--port 8000]
                   [--state /srv/salestrain-hub] [--mem-limit 1G] [--pids-limit 512]
                   [--tmp-size 256M] [--cull-idle 3600]
    salestrain hub --remove-accounts [--state …] [--yes]   (end a class)

Run as root. Each run brings the machine in line with the roster and the course, then starts
JupyterHub in the foreground (Ctrl-C stops it and every trainee's server): it installs what is
missing, builds or updates the class environment, publishes the course, creates the accounts
of new people (their passwords go to <state>/passwords.csv, readable by root only; an existing
account the hub did not make is refused), and writes JupyterHub's configuration. Each trainee's
server runs under a memory and a process limit, with private /tmp, /var/tmp and /dev/shm and a
/proc that shows only their own processes. Running it again after adding lines to the roster
adds those trainees; after updating the course it delivers the update at each trainee's next start.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import sys
from pathlib import Path

from salestrain.hub import accounts, isolation, limits, roster, setup
from salestrain.hub.content import text

DEFAULT_STATE = Path("/srv/salestrain-hub")
CONFIG = """\
# Written by `salestrain hub`; edit the roster or the command's options instead.
import json
from salestrain.hub.spawner import configure

configure(c, json.load(open({settings!r}, encoding="utf-8")))  # noqa: F821
"""


def add_arguments(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--roster", type=Path,
                     help="the class list: CSV with username,name,role (trainee or instructor)")
    cmd.add_argument("--lang", choices=["en", "zh"], default="en",
                     help="the course edition the class works in (zh: 中文版)")
    cmd.add_argument("--ip", default="127.0.0.1",
                     help="address to listen on (default 127.0.0.1: put HTTPS in front "
                          "before opening it to a network)")
    cmd.add_argument("--port", type=int, default=8000)
    cmd.add_argument("--state", type=Path, default=DEFAULT_STATE,
                     help="where the hub keeps its database, passwords, environment and course")
    cmd.add_argument("--mem-limit", default="1G",
                     help="memory per trainee, server and kernels together "
                          "(e.g. 512M, 1G; 0: none)")
    cmd.add_argument("--pids-limit", type=int, default=512,
                     help="processes and threads per trainee at once (0: none)")
    cmd.add_argument("--tmp-size", default="256M",
                     help="size of each trainee's private /tmp, /var/tmp and /dev/shm")
    cmd.add_argument("--cull-idle", type=int, default=3600,
                     help="stop a trainee's server after this many idle seconds (0: never)")
    cmd.add_argument("--course", type=Path, default=None,
                     help="folder of notebooks to deliver (default: this checkout's edition)")
    cmd.add_argument("--hub-port", type=int, default=8081, help=argparse.SUPPRESS)
    cmd.add_argument("--proxy-api-port", type=int, default=8001, help=argparse.SUPPRESS)
    cmd.add_argument("--prepare-only", action="store_true",
                     help="set everything up but do not start JupyterHub")
    cmd.add_argument("--remove-accounts", action="store_true",
                     help="end a class: remove the accounts this hub created, homes included "
                          "(with --yes; collect the work first)")
    cmd.add_argument("--yes", action="store_true", help=argparse.SUPPRESS)


def _size_or_zero(value: str) -> int:
    return 0 if str(value).strip() == "0" else limits.parse_size(value)


def prepare(args: argparse.Namespace, say=print) -> Path:
    """Everything before JupyterHub starts; returns the configuration file to start it with.

    The roster is read and every account checked before anything changes, and the state
    folder's secrets are locked down before and after each step."""
    lang = args.lang
    if args.roster is None:
        raise roster.RosterError(text("need_roster", lang))
    people = roster.read(args.roster, lang)
    mem_limit = _size_or_zero(args.mem_limit)
    tmp_size = limits.parse_size(args.tmp_size)
    state = args.state.resolve()
    for tmp in isolation.TMP_FOLDERS:
        if state.is_relative_to(Path(tmp).resolve()):
            raise setup.SetupError(text("state_in_tmp", lang, folder=state, tmp=tmp))
    setup.lock_down(state)
    record = accounts.Record.load(state)
    refused = accounts.refusals(people, record, lang)
    if refused:
        raise accounts.AccountError("\n".join([*refused, text("accounts_refused", lang)]))
    steps = 5
    say(text("step", lang, n=1, of=steps, what=text("step_hub", lang)))
    setup.ensure_jupyterhub(say)
    proxy = setup.ensure_proxy(state, say)
    say(text("step", lang, n=2, of=steps, what=text("step_env", lang)))
    python = setup.ensure_class_env(state, say)
    setup.lock_down(state)
    say(text("step", lang, n=3, of=steps, what=text("step_course", lang)))
    course = setup.publish_course(state, lang, source=args.course)
    say(text("step", lang, n=4, of=steps, what=text("step_accounts", lang)))
    sheet = state / accounts.PASSWORDS
    new = accounts.ensure_all(people, record, sheet)
    setup.lock_down(state)
    say(text("accounts_done", lang, people=len(people), new=len(new), sheet=sheet))
    say(text("step", lang, n=5, of=steps, what=text("step_config", lang)))
    if mem_limit and not limits.available("memory"):
        say(text("no_memory_limit", lang))
    if args.pids_limit and not limits.available("pids"):
        say(text("no_pids_limit", lang))
    isolate = isolation.available()
    if not isolate:
        say(text("no_isolation", lang))
    say(text("no_disk_quota", lang, folder=Path(pwd.getpwnam(people[0].username).pw_dir).parent))
    (state / "logs").mkdir(mode=0o700, exist_ok=True)
    settings = {
        "state": str(state), "ip": args.ip, "port": args.port, "hub_port": args.hub_port,
        "proxy_api_port": args.proxy_api_port, "proxy": str(proxy), "lang": lang,
        "class_python": str(python), "course_source": str(course),
        "users": [p.username for p in people],
        "instructors": [p.username for p in people if p.is_instructor],
        "mem_limit": mem_limit, "pids_limit": args.pids_limit, "tmp_size": tmp_size,
        "isolate": isolate, "cull_idle": args.cull_idle,
    }
    settings_file = state / "class.json"
    settings_file.write_text(json.dumps(settings, indent=1), encoding="utf-8")
    config = state / "jupyterhub_config.py"
    config.write_text(CONFIG.format(settings=str(settings_file)), encoding="utf-8")
    setup.lock_down(state)
    return config


def remove_accounts(args: argparse.Namespace) -> int:
    """End a class: list (or, with --yes, remove) the accounts this hub recorded, and no other."""
    lang = args.lang
    record = accounts.Record.load(args.state)
    names = sorted(record.uids)
    print(text("removing_accounts", lang, count=len(names), users=", ".join(names) or "-"))
    if not args.yes:
        print(text("remove_confirm", lang))
        return 1 if names else 0
    removed = accounts.remove_recorded(args.state)
    for name in removed:
        limits.remove(name)
    print(text("removed_accounts", lang, count=len(removed)))
    return 0


def run(args: argparse.Namespace) -> int:
    if os.geteuid() != 0:
        print(text("need_root", args.lang), file=sys.stderr)
        return 2
    os.umask(0o077)  # whatever the hub writes (database, secrets, logs) is root's alone
    if args.remove_accounts:
        return remove_accounts(args)
    try:
        config = prepare(args)
    except (roster.RosterError, setup.SetupError, accounts.AccountError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.prepare_only:
        return 0
    print(text("starting", args.lang, url=f"http://{args.ip}:{args.port}"), flush=True)
    os.chdir(args.state)
    os.execv(sys.executable, [sys.executable, "-m", "jupyterhub", "-f", str(config)])
    return 0  # not reached
