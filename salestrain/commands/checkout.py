"""The course's checkout, for the tools that work on its folders (book/, notebooks/): building
the site, the Chinese edition, the generated pages, a class hub's environment.

An installed package has no such folders beside it, so these tools do not look next to their own
file: they use the checkout they are run in (found by walking up from the current directory to
the pyproject.toml that names this project) or the one given with ``--root``.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = None

NAME = "salestrain"


class NotACheckout(RuntimeError):
    """No checkout of the course where one was needed; says how to give one."""


def is_checkout(folder: Path) -> bool:
    """Whether `folder` holds the pyproject.toml of this project."""
    try:
        text = (folder / "pyproject.toml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if tomllib is not None:
        try:
            return tomllib.loads(text).get("project", {}).get("name") == NAME
        except tomllib.TOMLDecodeError:
            return False
    table = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    return bool(table and re.search(rf'^name\s*=\s*"{NAME}"\s*$', table.group(1), re.M))


def find(start: Path | None = None) -> Path | None:
    """The checkout holding `start` (default: the current directory), or None."""
    start = (start or Path.cwd()).resolve()
    return next((folder for folder in (start, *start.parents) if is_checkout(folder)), None)


def require(root: Path | None = None) -> Path:
    """`root` if it is a checkout, else the current directory's; raise NotACheckout if none."""
    if root is not None:
        if not is_checkout(root):
            raise NotACheckout(f"{root} is not a checkout of {NAME} (no pyproject.toml naming "
                               f"it): give the course's source folder with --root")
        return root.resolve()
    found = find()
    if found is None:
        raise NotACheckout(f"{Path.cwd()} is not inside a checkout of {NAME}: run this from "
                           f"the course's source folder, or give it with --root FOLDER")
    return found


def apply(root: Path | None, use_root: Callable[[Path], None]) -> None:
    """A tool's `--root`: switch the tool to that checkout; without it, keep the one found when
    the tool was imported, but only if the current directory is in a checkout at all."""
    if root is None:
        require()
    else:
        use_root(require(root))


def default() -> Path:
    """What a tool uses until told otherwise: the current directory's checkout, else the current
    directory itself (so importing a tool never fails; its command line calls `require`)."""
    return find() or Path.cwd().resolve()


def pop_root(args: list[str]) -> Path | None:
    """Take `--root FOLDER` (or `--root=FOLDER`) out of a hand-parsed argument list."""
    for i, arg in enumerate(args):
        if arg.startswith("--root="):
            del args[i]
            return Path(arg.removeprefix("--root="))
        if arg == "--root":
            if i + 1 == len(args):
                raise NotACheckout("--root needs a folder: the course's checkout")
            folder = args[i + 1]
            del args[i:i + 2]
            return Path(folder)
    return None


def add_root_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=None, metavar="FOLDER",
                        help="the course's checkout (default: the one holding the current "
                             "directory)")
