"""The idle culler, tied to the hub's life: `python -m salestrain.hub.culler --timeout=N`.

JupyterHub starts its services as child processes and stops them when it stops; a hub killed
with SIGKILL cannot, and the culler it started went on running as an orphan beside the next
hub's. Here the kernel sends the culler SIGTERM when its parent dies (PR_SET_PDEATHSIG), then
jupyterhub-idle-culler runs as usual with the same arguments.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import runpy
import signal
import sys

PR_SET_PDEATHSIG = 1


def tie_to_parent() -> None:
    """Ask the kernel for SIGTERM when the parent (the hub) dies; exit if it is gone already."""
    parent = os.getppid()
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the hub died before the request took effect
        sys.exit(0)


def main() -> None:
    tie_to_parent()
    sys.argv[0] = "jupyterhub_idle_culler"
    runpy.run_module("jupyterhub_idle_culler", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
