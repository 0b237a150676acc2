"""Where trainee work lives: atomic JSON files in the work folder, with the previous version kept.

Every file is an envelope ``{"salestrain": kind, "schema": N, "data": {...}}``. A write goes to a
temporary file that is flushed, fsynced and moved over the old one with `os.replace`; the old
one is first copied the same way to ``*.json.bak``. So a process killed at any moment leaves the
work file and its previous version each whole (old or new, never half), and the temporaries it
may leave are removed by the next write. A file that is not valid JSON, or is JSON of another
kind or program, is reported and kept: it is never overwritten.

A piece of work gets its file when it is first saved (`new_path`: the title as it was then,
made unique) and keeps it for life: renaming the work changes the title inside, not the file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

SCHEMA_VERSION = 1
ENV_VAR = "SALESTRAIN_WORK"
DEFAULT_FOLDER = "work"
EXPORT_FOLDER = "exports"
TRASH_FOLDER = "trash"


class StorageError(Exception):
    """A saved file cannot be read or written; the message says which file and what to do."""


class CorruptFileError(StorageError):
    """The file is not valid JSON (it is kept, untouched)."""


class ForeignFileError(StorageError):
    """The file is valid JSON but not salestrain work of the expected kind (it is kept)."""


def work_dir(create: bool = True) -> Path:
    """The work folder: $SALESTRAIN_WORK, else `work/` beside the running notebook."""
    folder = Path(os.environ.get(ENV_VAR) or DEFAULT_FOLDER).expanduser()
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def export_dir(folder: Path | None = None) -> Path:
    """Where exports go: `exports/` inside the work folder, so they are not listed as work."""
    out = Path(folder or work_dir()) / EXPORT_FOLDER
    out.mkdir(parents=True, exist_ok=True)
    return out


def slug(name: str) -> str:
    """A file-name-safe form of a trainee's title (keeps Chinese characters)."""
    text = unicodedata.normalize("NFKC", name).strip().lower()
    text = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
    return text[:60] or "untitled"


def path_for(kind: str, name: str, folder: Path | None = None) -> Path:
    """The file name a piece of work of `kind` called `name` would start from."""
    return (folder or work_dir()) / f"{kind}-{slug(name)}.json"


def new_path(kind: str, name: str, folder: Path | None = None) -> Path:
    """A file no other piece of work uses: ``kind-title.json``, else ``kind-title-2.json`` …"""
    first = path_for(kind, name, folder)
    candidate, n = first, 2
    while candidate.exists() or backup_path(candidate).exists():
        candidate, n = first.with_name(f"{first.stem}-{n}.json"), n + 1
    return candidate


def _envelope(path: Path) -> dict:
    """The parsed envelope of an existing file, or raise if it is not ours."""
    return parse_envelope(path.read_bytes(), path.name)


def parse_envelope(raw: bytes, name: str) -> dict:
    """The envelope in `raw` (the bytes of the file called `name`), or raise if it is not ours.

    Separate from reading so that a caller that must read carefully (the instructor's
    roll-up over untrusted folders) can open the file its own way.
    """
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = (
            f"{name} is not valid JSON ({exc}); it was kept untouched. "
            "Open it in a text editor to rescue its text, or save under another name."
        )
        raise CorruptFileError(msg) from None
    if not isinstance(doc, dict) or "salestrain" not in doc or "data" not in doc:
        msg = (
            f"{name} is JSON but not a salestrain file; it was kept untouched. "
            "Save your work under another name."
        )
        raise ForeignFileError(msg)
    return doc


def envelope_data(doc: dict, name: str, kind: str) -> dict:
    """The data of a parsed envelope, checked to be salestrain work of `kind`."""
    found = doc["salestrain"]
    if found != kind:
        msg = (
            f"{name} holds a {found!r}, not a {kind!r}; it was kept untouched. "
            f"Load it with the tool for a {found!r}."
        )
        raise ForeignFileError(msg)
    if not isinstance(doc["data"], dict):
        raise ForeignFileError(f"{name}: its data is not an object; it was kept untouched")
    return doc["data"]


def _envelope_kind(path: Path) -> str | None:
    """The kind stored in an existing file, or raise if it is not ours."""
    return _envelope(path)["salestrain"]


def read(path: Path | str, kind: str) -> dict:
    """The data saved in `path`, checked to be salestrain work of `kind`."""
    path = Path(path)
    if not path.exists():
        msg = f"{path.name} does not exist in {path.parent}; check the name or save first"
        raise StorageError(msg)
    return envelope_data(_envelope(path), path.name, kind)


def write(path: Path | str, kind: str, data: dict) -> Path:
    """Atomically save `data` as `kind` in `path`, keeping the previous version as .bak.

    Refuses (StorageError) to replace a file that is corrupt, foreign, or of another kind.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        found = _envelope_kind(path)
        if found != kind:
            msg = (
                f"{path.name} already holds a {found!r}, not a {kind!r}; it was kept. "
                "Save under another name."
            )
            raise ForeignFileError(msg)
    text = json.dumps(
        {"salestrain": kind, "schema": SCHEMA_VERSION, "data": data},
        ensure_ascii=False,
        indent=2,
        sort_keys=False,
    )
    remove_temporaries(path.parent, f".{path.name}.")
    if path.exists():
        replace_atomically(backup_path(path), path.read_bytes())
    replace_atomically(path, text.encode("utf-8"))
    return path


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode a plainly created file would get. A temporary file is created private (0600);
    giving the saved file the usual mode lets an instructor's group read a class's work."""
    return 0o666 & ~current_umask()


def replace_atomically(path: Path, content: bytes) -> None:
    """Write `content` to a temporary beside `path`, fsync it, then move it over `path`."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, new_file_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_temporaries(folder: Path, prefix: str = ".", older_than: float = 0.0) -> int:
    """Delete the temporaries an interrupted save left (``.<file>.<random>.tmp``)."""
    removed = 0
    if not folder.is_dir():
        return 0
    now = time.time()
    for tmp in folder.glob(f"{glob_escape(prefix)}*.tmp"):
        try:
            if now - tmp.stat().st_mtime >= older_than:
                tmp.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def backup_path(path: Path) -> Path:
    """Where the previous version of `path` is kept."""
    return path.with_name(path.name + ".bak")


@dataclass(frozen=True)
class SavedFile:
    """One file in the work folder, readable or not."""

    path: Path
    kind: str | None
    problem: str | None = None

    @property
    def saved_at(self) -> dt.datetime:
        return saved_at(self.path)


def saved_at(path: Path) -> dt.datetime:
    """When `path` was last saved (SOURCE_DATE_EPOCH, when set, stands for every time so that
    notebooks executed for publishing are byte-for-byte reproducible)."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = float(fixed) if fixed else path.stat().st_mtime
    return dt.datetime.fromtimestamp(stamp)


def newest(folder: Path | None, kind: str) -> SavedFile | None:
    """The most recently saved readable file of `kind`, if any."""
    files = list_saved(folder, kind)
    return max(files, key=lambda f: (f.path.stat().st_mtime, f.path.name), default=None)


def trash(path: Path) -> Path:
    """Move a piece of work (and its previous version) into `trash/` of its folder."""
    bin_ = path.parent / TRASH_FOLDER
    bin_.mkdir(exist_ok=True)
    target = bin_ / path.name
    n = 2
    while target.exists():
        target, n = bin_ / f"{path.stem}-{n}{path.suffix}", n + 1
    os.replace(path, target)
    if backup_path(path).exists():
        os.replace(backup_path(path), target.with_name(target.name + ".bak"))
    return target


# What each kind of work is, for lists across the course ("My work"): a label in the course
# language and a summary of saved data (title, progress). Each case registers its kinds.
@dataclass(frozen=True)
class Kind:
    label: Callable[[str], str]
    describe: Callable[[dict, str], tuple[str, str]]
    # The model class (with from_dict, to_report and export), for a preview and a Word copy.
    model: type | None = None


KINDS: dict[str, Kind] = {}


def register_kind(kind: str, label: Callable[[str], str],
                  describe: Callable[[dict, str], tuple[str, str]],
                  model: type | None = None) -> None:
    KINDS[kind] = Kind(label, describe, model)


def describe(saved: SavedFile, lang: str) -> tuple[str, str]:
    """(title, progress) of a saved file, from its kind's summary (the file name otherwise)."""
    kind = KINDS.get(saved.kind or "")
    if kind is None:
        return saved.path.stem, ""
    try:
        return kind.describe(read(saved.path, saved.kind), lang)
    except (StorageError, ValueError, KeyError, TypeError):
        return saved.path.stem, ""


def list_saved(folder: Path | None = None, kind: str | None = None) -> list[SavedFile]:
    """The JSON files in the work folder (sorted by name), each with its kind or its problem."""
    folder = folder or work_dir(create=False)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            file_kind = _envelope_kind(path)
        except StorageError as exc:
            if kind is None:
                found.append(SavedFile(path, None, str(exc)))
            continue
        if kind is None or file_kind == kind:
            found.append(SavedFile(path, file_kind))
    return found


class SavedWork:
    """Save and load for a pydantic draft kept in the work folder.

    A subclass sets `KIND` and says what names its file (`file_name`); it may word its own
    validation messages (`invalid`). Loading ignores unknown keys the model is told to ignore.
    """

    KIND: ClassVar[str]

    def file_name(self) -> str:
        raise NotImplementedError

    def to_dict(self) -> dict:
        """JSON-ready data; `from_dict(to_dict())` gives the same work back."""
        return self.model_dump(mode="json")  # type: ignore[attr-defined]

    @classmethod
    def invalid(cls, exc) -> str:
        """One line per refused value: where it is and why."""
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())

    @classmethod
    def from_dict(cls, data: dict):
        """The work from saved data; a value that breaks a rule is named and refused."""
        from pydantic import ValidationError

        if not isinstance(data, dict):
            raise ValueError(f"{cls.KIND} data must be a JSON object")
        try:
            return cls.model_validate(data)  # type: ignore[attr-defined]
        except ValidationError as exc:
            raise ValueError(cls.invalid(exc)) from None

    def save(self, folder: Path | None = None, path: Path | None = None) -> Path:
        """Save atomically (the previous version is kept as .bak) to `path`, the file this work
        already has; without one, to the file named after its title."""
        target = path or path_for(self.KIND, self.file_name(), folder)
        return write(target, self.KIND, self.to_dict())

    @classmethod
    def load(cls, path: Path | str):
        """Load saved work of this kind (a bad or foreign file is reported and kept)."""
        return cls.from_dict(read(path, cls.KIND))

    def export(self, fmt: str, folder: Path | None = None, lang: str | None = None) -> Path:
        """Write the work as 'docx', 'xlsx', 'md' or 'json' under <work folder>/exports."""
        from salestrain.core import report

        path = export_dir(folder) / f"{self.KIND}-{slug(self.file_name())}.{fmt}"
        if fmt == "json":
            text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
            path.write_text(text, encoding="utf-8")
            return path
        return report.write(self.to_report(lang), fmt, path)  # type: ignore[attr-defined]
