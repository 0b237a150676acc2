"""Loopback ports for the servers the tests start (JupyterLab, the class hub and its proxy).

A port found by binding port 0 and closing the socket can be handed to another process before
the server binds it (a race under `pytest -n`). Here the socket stays bound, without listening,
for the rest of the test process: the kernel then hands that port to no other bind or connect,
while the server, which binds with SO_REUSEADDR as tornado and Node do, can still listen on it.
(Servers run in this process bind port 0 themselves and read back the port: tests/browser.py.)
"""

from __future__ import annotations

import socket

_held: list[socket.socket] = []


def free_port() -> int:
    """A loopback port the OS chose, kept bound by this process so nobody else is given it."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    _held.append(sock)
    return sock.getsockname()[1]
