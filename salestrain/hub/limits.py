"""Per-trainee limits held by the kernel's cgroups: memory and the number of processes.

JupyterHub's local spawner only passes a limit on as an environment variable; on one shared
machine one trainee's runaway kernel (or fork bomb) must not starve the class. Each trainee gets
a memory cgroup and a pids cgroup (one cgroup v2 group where the controllers are there, else the
v1 hierarchies, as on machines without systemd); their server joins both before it drops root,
and every kernel and terminal it starts inherits them. Where no cgroup can be made (a
locked-down container), the factory returns None and the hub says so at start.
"""

from __future__ import annotations

import os
from pathlib import Path

V2_ROOTS = (Path("/sys/fs/cgroup/unified"), Path("/sys/fs/cgroup"))
V1_ROOTS = {"memory": Path("/sys/fs/cgroup/memory"), "pids": Path("/sys/fs/cgroup/pids")}
PARENT = "salestrain"
UNITS = {"k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
# cgroup file names: (v2, v1) per controller and measure
FILES = {
    ("memory", "limit"): ("memory.max", "memory.limit_in_bytes"),
    ("memory", "usage"): ("memory.current", "memory.usage_in_bytes"),
    ("pids", "limit"): ("pids.max", "pids.max"),
    ("pids", "usage"): ("pids.current", "pids.current"),
}


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


class Group:
    """One trainee's cgroup for one controller: where their processes go and what they use."""

    def __init__(self, path: Path, version: int, controller: str = "memory") -> None:
        self.path = path
        self.version = version
        self.controller = controller

    def _file(self, measure: str) -> Path:
        v2, v1 = FILES[(self.controller, measure)]
        return self.path / (v2 if self.version == 2 else v1)

    @property
    def procs(self) -> Path:
        return self.path / "cgroup.procs"

    def usage(self) -> int:
        """Bytes (memory) or tasks (pids) in use by every process of the trainee."""
        return int(self._file("usage").read_text().strip())

    def limit(self) -> int | None:
        value = self._file("limit").read_text().strip()
        return None if value == "max" else int(value)

    def limit_hits(self) -> int:
        """How often the limit has stopped something: OOM kills (memory), refused forks (pids)."""
        if self.controller == "memory":
            name, key = ("memory.events", "oom_kill") if self.version == 2 else (
                "memory.oom_control", "oom_kill")
        else:
            name, key = "pids.events", "max"
        try:
            lines = (self.path / name).read_text().splitlines()
        except OSError:
            return 0
        counts = dict(line.split()[:2] for line in lines if len(line.split()) >= 2)
        return int(counts.get(key, 0))

    def set_limit(self, value: int) -> None:
        """Set the limit (0: none)."""
        if not value:
            value = "max" if self.version == 2 or self.controller == "pids" else -1
        self._file("limit").write_text(str(value))


def _v2_root(controller: str) -> Path | None:
    for root in V2_ROOTS:
        controllers = root / "cgroup.controllers"
        if controllers.is_file() and controller in controllers.read_text().split():
            return root
    return None


def group_for(controller: str, username: str, limit: int | None) -> Group | None:
    """Create (or reuse) `username`'s cgroup for `controller` with `limit` (None: leave the
    limit as it is, 0: none); None if no group can be made here."""
    try:
        root = _v2_root(controller)
        if root is not None:
            parent = root / PARENT
            parent.mkdir(exist_ok=True)
            subtree = parent / "cgroup.subtree_control"
            if controller not in subtree.read_text().split():
                subtree.write_text(f"+{controller}")
            group = Group(parent / username, 2, controller)
        elif V1_ROOTS[controller].is_dir():
            group = Group(V1_ROOTS[controller] / PARENT / username, 1, controller)
        else:
            return None
        group.path.mkdir(parents=True, exist_ok=True)
        if limit is not None:
            group.set_limit(limit)
        return group
    except OSError:
        return None


def memory_group(username: str, limit_bytes: int | None) -> Group | None:
    """`username`'s memory cgroup with `limit_bytes` (None: leave as it is)."""
    return group_for("memory", username, limit_bytes)


def pids_group(username: str, max_tasks: int | None) -> Group | None:
    """`username`'s pids cgroup: at most `max_tasks` processes and threads at once."""
    return group_for("pids", username, max_tasks)


def available(controller: str = "memory") -> bool:
    """Whether limits of `controller` can be applied here (a group is made, then removed)."""
    group = group_for(controller, f"probe-{os.getpid()}", None)
    if group is None:
        return False
    try:
        group.path.rmdir()
    except OSError:
        pass
    return True


def join(group: Group) -> None:
    """Move the calling process into `group` (called in the child before it drops root)."""
    group.procs.write_text(str(os.getpid()))


def remove(username: str) -> None:
    """Remove `username`'s cgroups (once their processes are gone); what is busy stays."""
    roots = [*(r / PARENT for r in V2_ROOTS), *(r / PARENT for r in V1_ROOTS.values())]
    for root in roots:
        group = root / username
        if group.is_dir():
            try:
                group.rmdir()
            except OSError:
                pass
