"""Kernel websockets without Nagle's delay, for the class hub's trainee servers.

Each widget edit makes the kernel send a few small messages in a row. Jupyter Server leaves
Nagle's algorithm on for its kernel websockets, so every message after the first waits for the
proxy's delayed acknowledgement (40 ms on Linux): measured on the class hub, an edit took 52 ms
to be fully answered with it and a fraction of that without. Tornado documents `set_nodelay`
for exactly this case.

Jupyter Server's own extension point does the work: `ServerApp.kernel_websocket_connection_class`
names `NoDelayConnection` in the class environment's Jupyter config (written by
`salestrain.hub.setup.configure_class_server`). The small server extension below only says, once
per server, whether that setting took effect, so the hub's logs show it.
"""

from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

LOG_LINE = "salestrain: kernel websockets send without delay (TCP_NODELAY)"


class NoDelayConnection(ZMQChannelsWebsocketConnection):
    """Jupyter Server's kernel websocket connection, with TCP_NODELAY on its socket."""

    def connect(self):
        # Called from the handler's `open`, when tornado's websocket connection exists.
        self.websocket_handler.set_nodelay(True)
        return super().connect()


def _jupyter_server_extension_points():
    return [{"module": "salestrain.hub.nodelay"}]


def _load_jupyter_server_extension(serverapp) -> None:
    """Log whether this server's kernel websockets use `NoDelayConnection` (changes nothing)."""
    configured = serverapp.kernel_websocket_connection_class
    if isinstance(configured, type) and issubclass(configured, NoDelayConnection):
        serverapp.log.info(LOG_LINE)
    else:
        serverapp.log.warning("salestrain: kernel websockets keep Nagle's delay: "
                              "ServerApp.kernel_websocket_connection_class is %s", configured)
