"""System accounts for a class: one Unix user per person, homes only instructors may read.

Each trainee is their own Unix user, so the operating system (not the course software) keeps
one trainee out of another's files: homes are mode 0750 with the group
`salestrain-instructors`, which only instructors are in. Instructors can therefore read every
trainee's work (to collect it); trainees can read nobody's but their own.

The hub touches only accounts it made itself: each one is written to a record in the state
folder (`accounts.json`, root only) the moment it is created, and a roster naming any other
existing account — a system account, a colleague's, one made by hand or by an older hub — is
refused before anything changes, with the command an administrator would run. Passwords are
generated for new accounts and added to a sheet only root can read, one line as each account is
made, so an error half-way never loses one. Needs root.
"""

from __future__ import annotations

import csv
import grp
import json
import os
import pwd
import secrets
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from salestrain.core.report import neutralise
from salestrain.hub.content import text
from salestrain.hub.roster import Person

RECORD = "accounts.json"
PASSWORDS = "passwords.csv"
TRAINEES = "salestrain-trainees"
INSTRUCTORS = "salestrain-instructors"
HOME_MODE = 0o750
FIRST_PERSON_UID = 1000  # Debian's UID_MIN: below it, the system's own accounts
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def new_password() -> str:
    """A password a trainee can type from a printed slip: three groups of four characters."""
    return "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4))
                    for _ in range(3))


class AccountError(RuntimeError):
    """An account cannot be made or used; the message says which and what to do."""


def _run(*args: str, stdin: str | None = None) -> None:
    done = subprocess.run(args, input=stdin, text=True, capture_output=True)
    if done.returncode:
        raise AccountError(text("account_command_failed", command=args[0],
                                detail=(done.stderr or done.stdout).strip()[-500:]))


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


@dataclass
class Record:
    """The accounts this hub created: username → uid (root-only JSON in the state folder)."""

    path: Path
    uids: dict[str, int]

    @classmethod
    def load(cls, state: Path) -> Record:
        path = state / RECORD
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = {}
        return cls(path, {str(k): int(v["uid"]) for k, v in data.items()})

    def save(self) -> None:
        """Written whole through a temporary file, so a crash never leaves half a record."""
        data = {name: {"uid": uid} for name, uid in sorted(self.uids.items())}
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".accounts-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.path)

    def owns(self, username: str) -> bool:
        """Whether `username` is an account this hub made (and not one re-made since)."""
        try:
            return pwd.getpwnam(username).pw_uid == self.uids.get(username)
        except KeyError:
            return False


def refusals(people: list[Person], record: Record, lang: str | None = None) -> list[str]:
    """Why each person on the roster cannot be given an account, before any is made: an
    existing account the hub did not create is never taken over."""
    problems = []
    for person in people:
        if user_exists(person.username) and not record.owns(person.username):
            system = pwd.getpwnam(person.username).pw_uid < FIRST_PERSON_UID
            problems.append(text("account_system" if system else "account_not_ours", lang,
                                 user=person.username))
    return problems


def gecos(name: str) -> str:
    """The account's comment field: the person's name, safe for /etc/passwd and spreadsheets."""
    cleaned = "".join(ch if ch.isprintable() and ch not in ":," else " " for ch in name)
    return str(neutralise(cleaned.strip()))


def ensure_user(person: Person, record: Record, sheet: Path | None = None) -> str | None:
    """Create `person`'s account if missing (returning its new password, already on the
    sheet) and put it in its group; an account the hub made before keeps its password. An
    existing account the hub did not make is refused (AccountError)."""
    ensure_group(TRAINEES)
    ensure_group(INSTRUCTORS)
    group = INSTRUCTORS if person.is_instructor else TRAINEES
    created = None
    if not user_exists(person.username):
        _run("useradd", "--create-home", "--shell", "/bin/bash", "--comment",
             gecos(person.name), "--groups", group, person.username)
        record.uids[person.username] = pwd.getpwnam(person.username).pw_uid
        record.save()
        created = new_password()
        _run("chpasswd", stdin=f"{person.username}:{created}\n")
        if sheet is not None:
            record_passwords(sheet, {person: created})
    elif record.owns(person.username):
        _run("usermod", "--append", "--groups", group, person.username)
    else:
        raise AccountError(text("account_not_ours", user=person.username))
    account = pwd.getpwnam(person.username)
    home = Path(account.pw_dir)
    os.chown(home, account.pw_uid, grp.getgrnam(INSTRUCTORS).gr_gid)
    os.chmod(home, HOME_MODE)
    return created


def ensure_all(people: list[Person], record: Record, sheet: Path) -> list[Person]:
    """Every person's account (see `ensure_user`), in roster order; returns who is new. Each
    new password is on the sheet before the next account is made."""
    return [person for person in people if ensure_user(person, record, sheet)]


def remove_user(username: str) -> None:
    """Delete an account and its home, after stopping its processes."""
    if user_exists(username):
        for _ in range(100):  # SIGKILL is delivered at once, but dying takes a moment
            subprocess.run(["pkill", "-KILL", "-u", username], capture_output=True)
            if subprocess.run(["pgrep", "-u", username], capture_output=True).returncode:
                break
            time.sleep(0.1)
        _run("userdel", "--remove", username)


def remove_recorded(state: Path, usernames: list[str] | None = None) -> list[str]:
    """Remove the accounts this hub made (all, or those of `usernames` it made), homes
    included; an account re-made by someone else since keeps its life. Returns who went."""
    record = Record.load(state)
    removed = []
    for name in sorted(usernames if usernames is not None else record.uids):
        if name not in record.uids:
            continue
        if record.owns(name):
            remove_user(name)
            removed.append(name)
        del record.uids[name]
        record.save()
    return removed


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
    fd = os.open(sheet, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        if new:
            writer.writerow(["username", "name", "role", "password"])
        for person, password in people.items():
            writer.writerow([person.username, neutralise(person.name), person.role, password])
        out.flush()
        os.fsync(out.fileno())
