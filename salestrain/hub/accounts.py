"""System accounts for a class: one Unix user per person, homes only instructors may read.

Each trainee is their own Unix user, so the operating system (not the course software) keeps
one trainee out of another's files: homes are mode 0750 with the group
`salestrain-instructors`, which only instructors are in. Instructors can therefore read every
trainee's work (to collect it); trainees can read nobody's but their own. Passwords are
generated for new accounts and written to a sheet only root can read, for the instructor to hand
out. Needs root; every call says what it changed.
"""

from __future__ import annotations

import csv
import grp
import os
import pwd
import secrets
import subprocess
from pathlib import Path

from salestrain.hub.roster import Person

TRAINEES = "salestrain-trainees"
INSTRUCTORS = "salestrain-instructors"
HOME_MODE = 0o750
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def new_password() -> str:
    """A password a trainee can type from a printed slip: three groups of four characters."""
    return "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4))
                    for _ in range(3))


def _run(*args: str, stdin: str | None = None) -> None:
    subprocess.run(args, input=stdin, text=True, check=True, capture_output=True)


def ensure_group(name: str) -> int:
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        _run("groupadd", "--system", name)
        return grp.getgrnam(name).gr_gid


def user_exists(username: str) -> bool:
    try:
        pwd.getpwnam(username)
    except KeyError:
        return False
    return True


def ensure_user(person: Person, password: str | None = None) -> str | None:
    """Create `person`'s account if missing (returning its new password) and put it in its
    group; an existing account keeps its password. Its home is made readable by instructors
    only."""
    ensure_group(TRAINEES)
    ensure_group(INSTRUCTORS)
    group = INSTRUCTORS if person.is_instructor else TRAINEES
    created = None
    if not user_exists(person.username):
        _run("useradd", "--create-home", "--shell", "/bin/bash", "--comment",
             person.name, "--groups", group, person.username)
        created = password or new_password()
        _run("chpasswd", stdin=f"{person.username}:{created}\n")
    else:
        _run("usermod", "--append", "--groups", group, person.username)
    home = Path(pwd.getpwnam(person.username).pw_dir)
    os.chown(home, pwd.getpwnam(person.username).pw_uid, grp.getgrnam(INSTRUCTORS).gr_gid)
    os.chmod(home, HOME_MODE)
    return created


def remove_user(username: str) -> None:
    """Delete an account and its home (used to tidy up after tests and trial classes)."""
    if user_exists(username):
        subprocess.run(["pkill", "-KILL", "-u", username], capture_output=True)
        _run("userdel", "--remove", username)


def members(group: str) -> list[pwd.struct_passwd]:
    """The accounts in `group` (as a supplementary or primary group), sorted by name."""
    try:
        info = grp.getgrnam(group)
    except KeyError:
        return []
    names = set(info.gr_mem)
    return sorted((p for p in pwd.getpwall() if p.pw_name in names or p.pw_gid == info.gr_gid),
                  key=lambda p: p.pw_name)


def is_instructor(uid: int | None = None) -> bool:
    """Whether the running user (or `uid`) may collect a class's work: root or an instructor."""
    uid = os.getuid() if uid is None else uid
    if uid == 0:
        return True
    name = pwd.getpwuid(uid).pw_name
    return any(p.pw_name == name for p in members(INSTRUCTORS))


def record_passwords(sheet: Path, people: dict[Person, str]) -> None:
    """Add new accounts' passwords to the sheet (CSV, readable by root only)."""
    if not people:
        return
    new = not sheet.exists()
    sheet.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(sheet, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        if new:
            writer.writerow(["username", "name", "role", "password"])
        for person, password in people.items():
            writer.writerow([person.username, person.name, person.role, password])
