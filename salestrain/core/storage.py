"""Where trainee work lives: atomic JSON files in the work folder, with the previous version kept.

Every file is an envelope ``{"salestrain": kind, "schema": N, "data": {...}}``. A write goes to a
temporary file that is flushed, fsynced and moved over the old one with `os.replace`, so a crash
leaves either the old or the new file, never half of one; the old one is kept as ``*.json.bak``.
A file that is not valid JSON, or is JSON of another kind or program, is reported and kept:
it is never overwritten.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

SCHEMA_VERSION = 1
ENV_VAR = "SALESTRAIN_WORK"
DEFAULT_FOLDER = "work"
EXPORT_FOLDER = "exports"


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
    """The file a piece of work of `kind` called `name` is saved in."""
    return (folder or work_dir()) / f"{kind}-{slug(name)}.json"


def _envelope(path: Path) -> dict:
    """The parsed envelope of an existing file, or raise if it is not ours."""
    raw = path.read_bytes()
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = (
            f"{path.name} is not valid JSON ({exc}); it was kept untouched. "
            "Open it in a text editor to rescue its text, or save under another name."
        )
        raise CorruptFileError(msg) from None
    if not isinstance(doc, dict) or "salestrain" not in doc or "data" not in doc:
        msg = (
            f"{path.name} is JSON but not a salestrain file; it was kept untouched. "
            "Save your work under another name."
        )
        raise ForeignFileError(msg)
    return doc


def _envelope_kind(path: Path) -> str | None:
    """The kind stored in an existing file, or raise if it is not ours."""
    return _envelope(path)["salestrain"]


def read(path: Path | str, kind: str) -> dict:
    """The data saved in `path`, checked to be salestrain work of `kind`."""
    path = Path(path)
    if not path.exists():
        msg = f"{path.name} does not exist in {path.parent}; check the name or save first"
        raise StorageError(msg)
    doc = _envelope(path)
    found = doc["salestrain"]
    if found != kind:
        msg = (
            f"{path.name} holds a {found!r}, not a {kind!r}; it was kept untouched. "
            f"Load it with the tool for a {found!r}."
        )
        raise ForeignFileError(msg)
    if not isinstance(doc["data"], dict):
        raise ForeignFileError(f"{path.name}: its data is not an object; it was kept untouched")
    return doc["data"]


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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copy2(path, backup_path(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def backup_path(path: Path) -> Path:
    """Where the previous version of `path` is kept."""
    return path.with_name(path.name + ".bak")


@dataclass(frozen=True)
class SavedFile:
    """One file in the work folder, readable or not."""

    path: Path
    kind: str | None
    problem: str | None = None


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

    def save(self, folder: Path | None = None) -> Path:
        """Save atomically to the work folder (the previous version is kept as .bak)."""
        return write(path_for(self.KIND, self.file_name(), folder), self.KIND, self.to_dict())

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
