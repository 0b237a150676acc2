"""Reading a folder whose contents someone else controls (a trainee's work folder).

The instructor's roll-up runs with more rights than any trainee, over folders every trainee can
fill with anything: a named pipe that blocks a reader for ever, a link to another trainee's
plan, a file of many gigabytes, a million empty files. This walk reads regular files only,
opened without following links and without blocking, up to a size cap; it never enters a linked
folder; it stops after a number of entries, of bytes and a depth (per trainee folder); and it
reports every entry it did not read with the reason, so the roll-up always finishes and says
what it left out. What it read is checked before parsing (`too_nested`), and every name the
roll-up shows goes through `shown`.

The roll-up is also written where others may have been first: `own_folder` and `replace_file`
write only into a folder nobody else can change, never through a link planted in it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 2 * 1024 * 1024     # a saved plan is about 10 kB; a capstone under 100 kB
MAX_FOLDER_BYTES = 32 * 1024 * 1024  # read per trainee folder, so a class's roll-up stays quick
MAX_ENTRIES = 2000                   # per trainee folder
MAX_DEPTH = 6
MAX_JSON_DEPTH = 64                  # saved work nests about 5 deep; parsers recurse per level
WORK_SUFFIX = ".json"
OUT_FOLDER_MODE = 0o750
OUT_FILE_MODE = 0o640


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


def read_regular(path: Path | str, max_bytes: int = MAX_FILE_BYTES,
                 owner_uid: int | None = None,
                 dir_fd: int | None = None) -> tuple[bytes | None, str | None, str]:
    """The bytes of `path` (a name in the folder `dir_fd`, when given) if it is a regular file
    of at most `max_bytes`, else why not.

    Opened with O_NOFOLLOW | O_NONBLOCK and checked with fstat on the open descriptor, so a
    file swapped for a link or a pipe after it was listed is still refused, never waited on.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, dir_fd=dir_fd)
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


@dataclass(frozen=True)
class _Caps:
    """What a walk may read (see `walk`)."""

    owner_uid: int | None
    max_bytes: int
    max_entries: int
    max_depth: int
    max_total_bytes: int
    per_subfolder: bool
    wanted: Callable[[Path], bool]


@dataclass
class _Budget:
    """What one trainee's folder may still cost the walk."""

    entries: int
    bytes: int
    spent: bool = False


_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def _list_below(root_fd: int, parts: tuple[str, ...]) -> tuple[int, list[os.DirEntry]]:
    """A descriptor on the folder `parts` below `root_fd` and its entries, sorted by name.

    Each step is opened from the one above without following a link, so a folder a trainee
    swapped for a link after it was listed is refused (ENOTDIR), never entered.
    """
    fd = os.dup(root_fd)
    for part in parts:
        try:
            below = os.open(part, _FOLDER_FLAGS, dir_fd=fd)
        finally:
            os.close(fd)
        fd = below
    try:
        with os.scandir(fd) as listing:
            return fd, sorted(listing, key=lambda e: e.name)
    except BaseException:
        os.close(fd)
        raise


def _not_listed(exc: OSError, folder: Path) -> tuple[str, str]:
    """Why a folder could not be opened or listed: a reason key and its detail."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "denied", ""
    if exc.errno in (errno.ENOTDIR, errno.ELOOP) and folder.is_symlink():
        return "link", ""
    return "oserror", exc.strerror or str(exc)


def walk(root: Path, *, owner_uid: int | None = None, max_bytes: int = MAX_FILE_BYTES,
         max_entries: int = MAX_ENTRIES, max_depth: int = MAX_DEPTH,
         max_total_bytes: int = MAX_FOLDER_BYTES, per_subfolder: bool = False,
         wanted: Callable[[Path], bool] = is_work_file) -> Iterator[Entry]:
    """Every entry under `root` (sorted, depth first): the files `wanted` picks with their
    bytes, the rest with the reason they were not read. `owner_uid`, when given, must own each
    file read, and `root` (that user's folder) must not be a link. Every folder and file below
    it is opened from the folder above it, never through a link.

    The caps on entries and bytes read hold for the whole walk or, with `per_subfolder` (a class
    folder of one sub-folder per trainee), for each sub-folder of `root` and for the files
    directly in it, so one trainee's flood stops only their own folder."""
    flags = _FOLDER_FLAGS if owner_uid is not None else _FOLDER_FLAGS & ~os.O_NOFOLLOW
    try:
        root_fd = os.open(root, flags)
    except OSError as exc:
        reason, detail = _not_listed(exc, root)
        yield Entry(root, ".", reason=reason, detail=detail)
        return
    caps = _Caps(owner_uid, max_bytes, max_entries, max_depth, max_total_bytes, per_subfolder,
                 wanted)
    try:
        yield from _walk(root, root_fd, caps)
    finally:
        os.close(root_fd)


def _walk(root: Path, root_fd: int, caps: _Caps) -> Iterator[Entry]:
    budgets: dict[str, _Budget] = {}
    stack: list[tuple[Path, int, str]] = [(root, 0, "")]
    while stack:
        folder, depth, key = stack.pop()
        budget = budgets.setdefault(key, _Budget(caps.max_entries, caps.max_total_bytes))
        if budget.spent:
            continue
        try:
            fd, entries = _list_below(root_fd, folder.relative_to(root).parts)
        except OSError as exc:
            reason, detail = _not_listed(exc, folder)
            yield (Entry(root, ".", reason=reason, detail=detail) if folder == root
                   else _skip(folder, root, reason, detail))
            continue
        try:
            subfolders = []
            for entry in entries:
                path = folder / entry.name
                budget.entries -= 1
                if budget.entries < 0:
                    yield _skip(folder if folder != root else path, root, "too_many",
                                str(caps.max_entries))
                    budget.spent = True
                    break
                try:
                    if entry.is_symlink():
                        yield _skip(path, root, "link")
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name.startswith("."):
                            yield _skip(path, root, "hidden")
                        elif depth + 1 > caps.max_depth:
                            yield _skip(path, root, "too_deep", str(caps.max_depth))
                        else:
                            own = entry.name if caps.per_subfolder and depth == 0 else key
                            subfolders.append((path, depth + 1, own))
                        continue
                    mode = entry.stat(follow_symlinks=False).st_mode
                except OSError as exc:
                    yield _skip(path, root, "oserror", exc.strerror or str(exc))
                    continue
                if not stat.S_ISREG(mode):
                    yield _skip(path, root, "special", _kind_of(mode))
                    continue
                if not caps.wanted(path):
                    yield _skip(path, root, "backup" if entry.name.endswith(".json.bak")
                                else "not_work")
                    continue
                raw, reason, detail = read_regular(entry.name, caps.max_bytes, caps.owner_uid,
                                                   dir_fd=fd)
                if raw is None:
                    yield _skip(path, root, reason or "oserror", detail)
                    continue
                budget.bytes -= len(raw)
                if budget.bytes < 0:
                    yield _skip(path, root, "too_much",
                                str(caps.max_total_bytes // (1024 * 1024)))
                    budget.spent = True
                    break
                yield Entry(path, path.relative_to(root).as_posix(), raw=raw)
            stack.extend(reversed(subfolders))
        finally:
            os.close(fd)


def plain_folder(path: Path) -> str | None:
    """Why `path` may not be walked as someone's folder: missing, not a folder, a link, or
    reached through a link someone other than root or the running user could have made (a
    trainee's ~/course turned into a link to another trainee's)."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            return "link"
        if not stat.S_ISDIR(info.st_mode):
            return "special"
        return "link" if _linked_above(Path(os.path.abspath(path))) else None
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "denied"


def _others_can_change(info: os.stat_result) -> bool:
    """Whether a user other than root or the running one can rename or add entries in a
    folder (a sticky bit, as on /tmp, keeps others from renaming what they do not own)."""
    if info.st_uid not in (0, os.geteuid()):
        return True
    return bool(info.st_mode & 0o022) and not info.st_mode & stat.S_ISVTX


def _linked_above(path: Path) -> bool:
    """Whether a folder on the way to `path` is a link that someone else could have put there:
    one owned by another user, or in a folder another user can change."""
    here = Path(path.anchor)
    for name in path.parts[1:-1]:
        step = here / name
        info = os.lstat(step)
        if stat.S_ISLNK(info.st_mode):
            if info.st_uid not in (0, os.geteuid()) or _others_can_change(os.stat(here)):
                return True
            step = Path(os.path.realpath(step))
        here = step
    return False


# --- what the roll-up shows and parses ------------------------------------------------------

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNSHOWN = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))  # controls, format marks, lone halves


def shown(name: str) -> str:
    """`name` (a file or folder name, or any text from a trainee's file) as the roll-up shows
    it on the terminal, in HTML and in the spreadsheet.

    Control and format characters (ESC, BEL, newline, right-to-left override …) are written as
    escapes, a byte that is not UTF-8 (what unzip makes of a Chinese Windows name) as ``\\xd6``
    and a backslash as two: so a name can neither act on the terminal, add a line to the
    summary, break the spreadsheet, nor pass for another trainee's name.
    """
    if name.isprintable() and "\\" not in name:
        return name
    return "".join(_shown_char(ch) for ch in name)


def _shown_char(ch: str) -> str:
    code = ord(ch)
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if unicodedata.category(ch) not in _UNSHOWN:
        return ch
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_JSON_MARK = re.compile(rb'[\[\]{}"]')
_JSON_STRING_REST = re.compile(rb'[^"\\]*(?:\\.[^"\\]*)*"', re.S)


def too_nested(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text `raw` nests arrays and objects more than `limit` deep.

    Checked on the bytes before parsing: the parser recurses once per level, and a 2 kB file
    nested a thousand deep raised RecursionError and stopped the whole class's roll-up.
    Brackets inside strings do not count; each string is skipped in one step.
    """
    depth, at = 0, 0
    while (mark := _JSON_MARK.search(raw, at)) is not None:
        char, at = raw[mark.start()], mark.end()
        if char == 0x22:  # '"': skip the string (an unterminated one is the parser's to report)
            rest = _JSON_STRING_REST.match(raw, at)
            if rest is None:
                return False
            at = rest.end()
        elif char in b"[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


# --- writing where others may have been first -----------------------------------------------

# O_PATH: a folder passed through needs only search permission, not read (a home of 0711)
_DIR_FLAGS = (os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
              | getattr(os, "O_PATH", os.O_RDONLY))


class UnsafeFolder(Exception):
    """A folder the roll-up will not write into; `reason` is a key (``out_<reason>``) of the
    roll-up's content strings, `folder` the folder it is about."""

    def __init__(self, folder: Path, reason: str, detail: str = "") -> None:
        super().__init__(f"{folder}: {reason} {detail}".rstrip())
        self.folder, self.reason, self.detail = folder, reason, detail


def own_folder(path: Path | str) -> int:
    """An open descriptor on the folder `path`, made (mode 0750) where missing, or UnsafeFolder.

    The folder must be the running user's, writable by no one else, and not a link; each
    folder above it must be one no other user can change (or they could swap it for theirs).
    Every step is opened from the one above it without following links, so what is checked is
    what is used. Links above the folder that already lead elsewhere (/tmp → /private/tmp)
    are resolved first: each folder they lead through is checked the same way.
    """
    path = Path(os.path.abspath(path))
    above = Path(os.path.realpath(path.parent))
    here = Path(above.anchor)
    fd = os.open(here, _DIR_FLAGS)
    try:
        for name in (*above.parts[1:], path.name) if path.name else above.parts[1:]:
            if _others_can_change(os.fstat(fd)):
                raise UnsafeFolder(here, "parent")
            parent, fd = fd, -1
            here, fd = here / name, _open_or_make(parent, name, here / name)
        info = os.fstat(fd)
        if info.st_uid != os.geteuid():
            raise UnsafeFolder(here, "owner")
        if info.st_mode & 0o022:
            raise UnsafeFolder(here, "shared")
        return fd
    except BaseException:
        if fd >= 0:
            os.close(fd)
        raise


def _open_or_make(parent_fd: int, name: str, path: Path) -> int:
    """The folder `name` in `parent_fd`, opened without following a link (the parent's
    descriptor is closed either way)."""
    try:
        try:
            return os.open(name, _DIR_FLAGS, dir_fd=parent_fd)
        except FileNotFoundError:
            with contextlib.suppress(FileExistsError):  # made meanwhile: checked like any
                os.mkdir(name, OUT_FOLDER_MODE, dir_fd=parent_fd)
            return os.open(name, _DIR_FLAGS, dir_fd=parent_fd)
    except OSError as exc:
        if exc.errno in (errno.ENOTDIR, errno.ELOOP):
            with contextlib.suppress(OSError):
                if stat.S_ISLNK(os.lstat(name, dir_fd=parent_fd).st_mode):
                    raise UnsafeFolder(path, "link") from None
            raise UnsafeFolder(path, "not_folder") from None
        raise UnsafeFolder(path, "oserror", exc.strerror or str(exc)) from None
    finally:
        os.close(parent_fd)


def replace_file(folder_fd: int, name: str, content: bytes) -> None:
    """Make `name` in the folder hold `content`, whole or not at all.

    Written to a new temporary (O_EXCL | O_NOFOLLOW: never an existing file or link), then
    renamed over `name`: a link planted as `name` is replaced, never written through.
    """
    tmp = f".{name}.{secrets.token_hex(8)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(tmp, flags, OUT_FILE_MODE, dir_fd=folder_fd)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder_fd)
        raise
