"""Reading a folder whose contents someone else controls (a trainee's work folder).

The instructor's roll-up runs with more rights than any trainee, over folders every trainee can
fill with anything: a named pipe that blocks a reader for ever, a link to another trainee's
plan, a file of many gigabytes, a million empty files. This walk reads regular files only,
opened without following links and without blocking, up to a size cap; it never enters a linked
folder; it stops after a number of entries and a depth; and it reports every entry it did not
read with the reason, so the roll-up always finishes and says what it left out.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 2 * 1024 * 1024  # a saved plan is about 10 kB; a capstone under 100 kB
MAX_ENTRIES = 2000                # per trainee folder
MAX_DEPTH = 6
WORK_SUFFIX = ".json"


@dataclass(frozen=True)
class Entry:
    """One entry met on the walk: the bytes of a work file, or why it was not read.

    `reason` is a key of the roll-up's content strings (``skip_<reason>``), `detail` fills it.
    """

    path: Path
    rel: str
    raw: bytes | None = None
    reason: str | None = None
    detail: str = ""


def _skip(path: Path, root: Path, reason: str, detail: str = "") -> Entry:
    return Entry(path, path.relative_to(root).as_posix(), reason=reason, detail=detail)


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "other"


def read_regular(path: Path, max_bytes: int = MAX_FILE_BYTES,
                 owner_uid: int | None = None) -> tuple[bytes | None, str | None, str]:
    """The bytes of `path` if it is a regular file of at most `max_bytes`, else why not.

    Opened with O_NOFOLLOW | O_NONBLOCK and checked with fstat on the open descriptor, so a
    file swapped for a link or a pipe after it was listed is still refused, never waited on.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "link", ""
        if exc.errno in (errno.EACCES, errno.EPERM):
            return None, "denied", ""
        return None, "oserror", exc.strerror or str(exc)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, "special", _kind_of(info.st_mode)
        if owner_uid is not None and info.st_uid != owner_uid:
            return None, "owner", ""
        if info.st_size > max_bytes:
            return None, "too_big", f"{max_bytes // 1024}"
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(65536, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:  # it grew while being read
            return None, "too_big", f"{max_bytes // 1024}"
        return b"".join(chunks), None, ""
    except OSError as exc:
        return None, "oserror", exc.strerror or str(exc)
    finally:
        os.close(fd)


def is_work_file(path: Path) -> bool:
    return path.name.endswith(WORK_SUFFIX)


def walk(root: Path, *, owner_uid: int | None = None, max_bytes: int = MAX_FILE_BYTES,
         max_entries: int = MAX_ENTRIES, max_depth: int = MAX_DEPTH,
         wanted: Callable[[Path], bool] = is_work_file) -> Iterator[Entry]:
    """Every entry under `root` (sorted, depth first): the files `wanted` picks with their
    bytes, the rest with the reason they were not read. `owner_uid`, when given, must own each
    file read."""
    seen = 0
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            if folder == root:
                yield Entry(folder, ".", reason="denied" if exc.errno in (
                    errno.EACCES, errno.EPERM) else "oserror", detail=exc.strerror or "")
            else:
                yield _skip(folder, root, "denied" if exc.errno in (
                    errno.EACCES, errno.EPERM) else "oserror", exc.strerror or "")
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            seen += 1
            if seen > max_entries:
                yield _skip(folder if folder != root else path, root, "too_many",
                            str(max_entries))
                return
            try:
                if entry.is_symlink():
                    yield _skip(path, root, "link")
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if entry.name.startswith("."):
                        yield _skip(path, root, "hidden")
                    elif depth + 1 > max_depth:
                        yield _skip(path, root, "too_deep", str(max_depth))
                    else:
                        subfolders.append((path, depth + 1))
                    continue
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                yield _skip(path, root, "oserror", exc.strerror or str(exc))
                continue
            if not stat.S_ISREG(mode):
                yield _skip(path, root, "special", _kind_of(mode))
                continue
            if not wanted(path):
                yield _skip(path, root, "backup" if entry.name.endswith(".json.bak")
                            else "not_work")
                continue
            raw, reason, detail = read_regular(path, max_bytes, owner_uid)
            if raw is None:
                yield _skip(path, root, reason or "oserror", detail)
            else:
                yield Entry(path, path.relative_to(root).as_posix(), raw=raw)
        stack.extend(reversed(subfolders))


def plain_folder(path: Path) -> str | None:
    """Why `path` may not be walked as someone's folder (a link, missing, not a folder)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "denied"
    if stat.S_ISLNK(info.st_mode):
        return "link"
    if not stat.S_ISDIR(info.st_mode):
        return "special"
    return None
