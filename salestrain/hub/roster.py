"""The class list an instructor gives the hub: one line per person, checked field by field.

A roster is a UTF-8 CSV file (a spreadsheet saved as CSV) with the header
``username,name,role``: `username` becomes the person's system account (lower-case letters,
digits, ``-`` and ``_``, starting with a letter, at most 32 characters), `name` is how the
course addresses them (Chinese names are fine), `role` is ``trainee`` or ``instructor``
(Chinese 学员 / 讲师 are accepted too). Errors name the line, the column and the fix.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from salestrain.hub.content import text

USERNAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
ROLES = {"trainee": "trainee", "学员": "trainee", "instructor": "instructor",
         "讲师": "instructor", "teacher": "instructor", "admin": "instructor"}
RESERVED = {"root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news",
            "uucp", "proxy", "www-data", "backup", "list", "irc", "nobody", "admin"}


NAME_MAX = 64
# what cannot go into an account's comment field or a printed sheet: the field separator of
# /etc/passwd, and characters that are invisible, reorder text or break lines
FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a person's name on the class's accounts and sheets, if it cannot."""
    if len(name) > NAME_MAX:
        return "long"
    if ":" in name or any(unicodedata.category(ch) in FORBIDDEN_CATEGORIES for ch in name):
        return "characters"
    return None


def visible(name: str) -> str:
    """`name` with each forbidden character written as its code, so a message can show it."""
    return "".join(f"\\u{ord(ch):04x}" if ch != ":" and unicodedata.category(ch)
                   in FORBIDDEN_CATEGORIES else ch for ch in name)


class RosterError(ValueError):
    """The roster cannot be used; the message lists every line to fix."""


@dataclass(frozen=True)
class Person:
    username: str
    name: str
    role: str  # "trainee" or "instructor"

    @property
    def is_instructor(self) -> bool:
        return self.role == "instructor"


def parse(raw: str, source: str = "roster.csv", lang: str | None = None) -> list[Person]:
    """The people in a roster's text; RosterError lists every bad line (nothing half-read)."""
    raw = raw.removeprefix("\ufeff")  # spreadsheet programs write a byte-order mark
    rows = list(csv.reader(io.StringIO(raw)))
    if not rows:
        raise RosterError(text("roster_empty", lang, file=source))
    header = [h.strip().lower() for h in rows[0]]
    if "username" not in header:
        raise RosterError(text("roster_header", lang, file=source))
    col = {name: header.index(name) for name in ("username", "name", "role") if name in header}
    people: list[Person] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            i = col.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        username, role_text = cell("username"), cell("role") or "trainee"
        if not USERNAME.match(username):
            errors.append(text("roster_bad_username", lang, file=source, line=number,
                               value=username))
            continue
        if username in RESERVED:
            errors.append(text("roster_reserved", lang, file=source, line=number,
                               value=username))
            continue
        if username in seen:
            errors.append(text("roster_duplicate", lang, file=source, line=number,
                               value=username, first=seen[username]))
            continue
        role = ROLES.get(role_text.lower())
        if role is None:
            errors.append(text("roster_bad_role", lang, file=source, line=number,
                               value=role_text))
            continue
        name = cell("name") or username
        problem = name_problem(name)
        if problem is not None:
            errors.append(text(f"roster_name_{problem}", lang, file=source, line=number,
                               value=visible(name) if problem == "characters"
                               else name[:NAME_MAX] + "…",
                               most=NAME_MAX))
            continue
        seen[username] = number
        people.append(Person(username, name, role))
    if errors:
        raise RosterError("\n".join(errors))
    if not any(p.is_instructor for p in people):
        raise RosterError(text("roster_no_instructor", lang, file=source))
    return people


def read(path: Path, lang: str | None = None) -> list[Person]:
    """The people in the roster file at `path`."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RosterError(text("roster_missing", lang, file=str(path))) from None
    except UnicodeDecodeError:
        raise RosterError(text("roster_encoding", lang, file=path.name)) from None
    return parse(raw, path.name, lang)
