"""Deliver the course into a trainee's home, the way nbgitpuller merges a course repository.

Rules (nbgitpuller's, applied to files instead of git commits):
- a course file the trainee does not have is copied (first login, or one they deleted);
- a file the trainee has not changed since it was delivered is replaced by the new version;
- a file the trainee changed is kept exactly as they left it, and the new version is put beside
  it in `updates/` so they can compare;
- the trainee's own files and their work folder are never touched.

What was delivered is remembered in a manifest (file → hash as delivered) in the course folder.
Runs as the trainee (the hub starts it with their uid), so it can only write what they can.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from salestrain.core.storage import new_file_mode

MANIFEST = ".salestrain-course.json"
UPDATES = "updates"
COURSE_SUFFIXES = (".ipynb",)


@dataclass
class Delivery:
    """What one delivery did, file by file (names relative to the course folder)."""

    copied: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_manifest(target: Path) -> dict[str, str]:
    try:
        data = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _copy_atomically(source: Path, dest: Path) -> None:
    """Copy through a temporary file and rename, so a trainee never sees half a notebook; a
    link or pipe planted at `dest` is replaced, never written through."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".delivering-", suffix=dest.suffix)
    try:
        os.fchmod(fd, new_file_mode())
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def course_files(source: Path) -> list[Path]:
    """The course's files in `source` (notebooks at its top level), sorted."""
    return sorted(p for p in source.iterdir() if p.is_file() and p.suffix in COURSE_SUFFIXES)


def deliver(source: Path, target: Path) -> Delivery:
    """Bring `target` (a trainee's course folder) up to date with `source` by the rules above."""
    target.mkdir(parents=True, exist_ok=True)
    delivered = _read_manifest(target)
    done = Delivery()
    for src in course_files(source):
        name = src.name
        new = _digest(src)
        dest = target / name
        if dest.is_symlink() or not dest.exists():
            _copy_atomically(src, dest)
            done.copied.append(name)
        else:
            current = _digest(dest) if dest.is_file() else None
            if current == new:
                done.unchanged.append(name)
            elif current is not None and current == delivered.get(name):
                _copy_atomically(src, dest)
                done.updated.append(name)
            else:
                _copy_atomically(src, target / UPDATES / name)
                done.kept.append(name)
                continue  # the manifest keeps the hash of what the trainee last received
        delivered[name] = new
    manifest = target / MANIFEST
    fd, tmp = tempfile.mkstemp(dir=target, prefix=".manifest-")
    os.fchmod(fd, new_file_mode())
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(delivered, out, indent=1, sort_keys=True)
    os.replace(tmp, manifest)
    return done
