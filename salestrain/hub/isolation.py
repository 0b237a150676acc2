"""A trainee's server in a mount namespace of its own: private temporary folders, hidden
processes.

On one shared machine, /tmp, /var/tmp and /dev/shm are shared by every account, and /proc shows
every process's command line (with any token in it). A file a trainee leaves in /dev/shm is also
memory charged to them after their server is gone, so a server stopped by the memory limit could
not start again until root deleted it. Each server therefore starts in a new mount namespace
(the way a container would) with:

- /tmp, /var/tmp and /dev/shm as size-limited tmpfs of its own, gone when the server stops;
- /proc mounted with ``hidepid=invisible``: only the trainee's own processes are visible.

This needs no systemd (TLJH gets the same from systemd's PrivateTmp); `unshare(2)` and
`mount(2)` are called through libc, as Python 3.11 has no `os.unshare`. `available()` probes it
once at hub start, in a throw-away child, so a machine that cannot do it is told at start.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

CLONE_NEWNS = 0x00020000
MS_NOSUID, MS_NODEV, MS_NOEXEC = 2, 4, 8
MS_REC, MS_PRIVATE = 16384, 1 << 18
TMP_FOLDERS = ("/tmp", "/var/tmp", "/dev/shm")
PROC_OPTIONS = (b"hidepid=invisible", b"hidepid=2")  # Linux >= 5.8, then older kernels


class IsolationError(OSError):
    """A mount namespace or one of its mounts could not be made."""


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def make_isolate(tmp_size_bytes: int):
    """A function to call in the server's child process, as root, before it drops root.

    Everything it needs is prepared here, in the parent: after `fork` only system calls run.
    """
    libc = _libc()
    tmp_options = f"size={tmp_size_bytes},mode=1777".encode()

    def call(result: int, what: str) -> None:
        if result != 0:
            err = ctypes.get_errno()
            raise IsolationError(err, f"{what}: {os.strerror(err)}")

    def isolate() -> None:
        call(libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
        # nothing mounted here may leak back to the machine's namespace
        call(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make / private")
        for folder in TMP_FOLDERS:
            if os.path.isdir(folder):
                call(libc.mount(b"tmpfs", folder.encode(), b"tmpfs", MS_NOSUID | MS_NODEV,
                                tmp_options), f"tmpfs on {folder}")
        for options in PROC_OPTIONS:
            if libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                          options) == 0:
                break
        else:
            call(-1, "/proc with hidepid")

    return isolate


def available() -> bool:
    """Whether a server can be isolated here: tried in a child that exits straight after."""
    isolate = make_isolate(1024 * 1024)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            isolate()
        except BaseException:
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0
