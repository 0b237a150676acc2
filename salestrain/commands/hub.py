"""`salestrain hub`: a class hub on this machine (JupyterHub, one account per trainee).

    salestrain hub --roster roster.csv [--lang zh] [--ip 127.0.0.1] [--port 8000]
                   [--state /srv/salestrain-hub] [--mem-limit 1G] [--cull-idle 3600]

Run as root. Each run brings the machine in line with the roster and the course, then starts
JupyterHub in the foreground (Ctrl-C stops it and every trainee's server): it installs what is
missing, builds or updates the class environment, publishes the course, creates the accounts
of new people (their passwords go to <state>/passwords.csv, readable by root only), and writes
JupyterHub's configuration. Running it again after adding lines to the roster adds those
trainees; after updating the course it delivers the update at each trainee's next start.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from salestrain.hub import accounts, limits, roster, setup
from salestrain.hub.content import text

DEFAULT_STATE = Path("/srv/salestrain-hub")
CONFIG = """\
# Written by `salestrain hub`; edit the roster or the command's options instead.
import json
from salestrain.hub.spawner import configure

configure(c, json.load(open({settings!r}, encoding="utf-8")))  # noqa: F821
"""


def add_arguments(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--roster", type=Path, required=True,
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
    cmd.add_argument("--cull-idle", type=int, default=3600,
                     help="stop a trainee's server after this many idle seconds (0: never)")
    cmd.add_argument("--course", type=Path, default=None,
                     help="folder of notebooks to deliver (default: this checkout's edition)")
    cmd.add_argument("--hub-port", type=int, default=8081, help=argparse.SUPPRESS)
    cmd.add_argument("--proxy-api-port", type=int, default=8001, help=argparse.SUPPRESS)
    cmd.add_argument("--prepare-only", action="store_true",
                     help="set everything up but do not start JupyterHub")


def prepare(args: argparse.Namespace, say=print) -> Path:
    """Everything before JupyterHub starts; returns the configuration file to start it with."""
    lang = args.lang
    people = roster.read(args.roster, lang)
    mem_limit = 0 if str(args.mem_limit).strip() == "0" else limits.parse_size(args.mem_limit)
    state = args.state
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o755)
    steps = 5
    say(text("step", lang, n=1, of=steps, what=text("step_hub", lang)))
    setup.ensure_jupyterhub(say)
    proxy = setup.ensure_proxy(state, say)
    say(text("step", lang, n=2, of=steps, what=text("step_env", lang)))
    python = setup.ensure_class_env(state, say)
    say(text("step", lang, n=3, of=steps, what=text("step_course", lang)))
    course = setup.publish_course(state, lang, source=args.course)
    say(text("step", lang, n=4, of=steps, what=text("step_accounts", lang)))
    new: dict[roster.Person, str] = {}
    for person in people:
        password = accounts.ensure_user(person)
        if password:
            new[person] = password
    sheet = state / "passwords.csv"
    accounts.record_passwords(sheet, new)
    say(text("accounts_done", lang, people=len(people), new=len(new), sheet=sheet))
    say(text("step", lang, n=5, of=steps, what=text("step_config", lang)))
    if mem_limit and not limits.available():
        say(text("no_memory_limit", lang))
    settings = {
        "state": str(state), "ip": args.ip, "port": args.port, "hub_port": args.hub_port,
        "proxy_api_port": args.proxy_api_port, "proxy": str(proxy), "lang": lang,
        "class_python": str(python), "course_source": str(course),
        "users": [p.username for p in people],
        "instructors": [p.username for p in people if p.is_instructor],
        "mem_limit": mem_limit, "cull_idle": args.cull_idle,
    }
    settings_file = state / "class.json"
    settings_file.write_text(json.dumps(settings, indent=1), encoding="utf-8")
    config = state / "jupyterhub_config.py"
    config.write_text(CONFIG.format(settings=str(settings_file)), encoding="utf-8")
    return config


def run(args: argparse.Namespace) -> int:
    if os.geteuid() != 0:
        print(text("need_root", args.lang), file=sys.stderr)
        return 2
    try:
        config = prepare(args)
    except (roster.RosterError, setup.SetupError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.prepare_only:
        return 0
    print(text("starting", args.lang, url=f"http://{args.ip}:{args.port}"), flush=True)
    os.chdir(args.state)
    os.execv(sys.executable, [sys.executable, "-m", "jupyterhub", "-f", str(config)])
    return 0  # not reached
