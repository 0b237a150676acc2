"""A memory limit per trainee, held by the kernel's memory cgroup.

JupyterHub's local spawner only passes a limit on as an environment variable; on one shared
machine one trainee's runaway kernel must not starve the class. Each trainee gets a memory
cgroup (v2 where the memory controller is available, else v1) with the limit; their server
joins it before it drops root, and every kernel it starts inherits it. Where no cgroup can be
made (a locked-down container), `memory_group` returns None and the hub says so at start.
"""

from __future__ import annotations

import os
from pathlib import Path

V2_ROOTS = (Path("/sys/fs/cgroup/unified"), Path("/sys/fs/cgroup"))
V1_ROOT = Path("/sys/fs/cgroup/memory")
PARENT = "salestrain"
UNITS = {"k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


def parse_size(value: str | int) -> int:
    """Bytes from a size as people write it: ``1G``, ``512M``, ``1.5g``, ``2000000``."""
    if isinstance(value, int):
        return value
    text = str(value).strip().lower().removesuffix("b").removesuffix("i")
    if not text:
        raise ValueError("empty size: write it as e.g. 1G or 512M")
    unit = UNITS.get(text[-1], 1)
    number = text[:-1] if text[-1] in UNITS else text
    try:
        size = int(float(number) * unit)
    except ValueError:
        raise ValueError(f"'{value}' is not a size: write it as e.g. 1G or 512M") from None
    if size <= 0:
        raise ValueError(f"'{value}' must be more than zero")
    return size


class MemoryGroup:
    """One trainee's memory cgroup: where their processes go and what they use."""

    def __init__(self, path: Path, version: int) -> None:
        self.path = path
        self.version = version

    @property
    def procs(self) -> Path:
        return self.path / "cgroup.procs"

    def usage(self) -> int:
        """Bytes in use by every process of the trainee (server and kernels)."""
        name = "memory.current" if self.version == 2 else "memory.usage_in_bytes"
        return int((self.path / name).read_text().strip())

    def limit(self) -> int | None:
        name = "memory.max" if self.version == 2 else "memory.limit_in_bytes"
        value = (self.path / name).read_text().strip()
        return None if value == "max" else int(value)


def _v2_root() -> Path | None:
    for root in V2_ROOTS:
        controllers = root / "cgroup.controllers"
        if controllers.is_file() and "memory" in controllers.read_text().split():
            return root
    return None


def memory_group(username: str, limit_bytes: int | None) -> MemoryGroup | None:
    """Create (or reuse) `username`'s memory cgroup with `limit_bytes`; None if impossible."""
    try:
        root = _v2_root()
        if root is not None:
            parent = root / PARENT
            parent.mkdir(exist_ok=True)
            subtree = parent / "cgroup.subtree_control"
            if "memory" not in subtree.read_text().split():
                subtree.write_text("+memory")
            group = MemoryGroup(parent / username, 2)
            group.path.mkdir(exist_ok=True)
            if limit_bytes:
                (group.path / "memory.max").write_text(str(limit_bytes))
            return group
        if V1_ROOT.is_dir():
            group = MemoryGroup(V1_ROOT / PARENT / username, 1)
            group.path.mkdir(parents=True, exist_ok=True)
            if limit_bytes:
                (group.path / "memory.limit_in_bytes").write_text(str(limit_bytes))
            return group
    except OSError:
        return None
    return None


def available() -> bool:
    """Whether memory limits can be applied here (a group can be made, then is removed)."""
    group = memory_group(f"probe-{os.getpid()}", None)
    if group is None:
        return False
    try:
        group.path.rmdir()
    except OSError:
        pass
    return True


def join(group: MemoryGroup) -> None:
    """Move the calling process into `group` (called in the child before it drops root)."""
    group.procs.write_text(str(os.getpid()))
