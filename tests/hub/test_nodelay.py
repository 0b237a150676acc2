"""Kernel websockets without Nagle's delay through Jupyter Server's connection-class setting
(no hub needed: the class, the config `salestrain hub` writes, and the log line)."""

from __future__ import annotations

import json
import logging
from types import SimpleNamespace

import pytest
from jupyter_server.serverapp import ServerApp
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
from traitlets.config import Config

from salestrain.hub import nodelay, setup


def written_config(tmp_path) -> Config:
    """The Jupyter Server settings the class environment gets, as a server would read them."""
    config = Config()
    for path in setup.configure_class_server(tmp_path / "env"):
        config.merge(Config(json.loads(path.read_text(encoding="utf-8"))))
    return config


def test_the_class_environment_uses_the_no_delay_connection(tmp_path):
    config = written_config(tmp_path)
    assert config.ServerApp.jpserver_extensions == {"salestrain.hub.nodelay": True}
    app = ServerApp(config=config)
    assert app.kernel_websocket_connection_class is nodelay.NoDelayConnection


def test_it_extends_the_connection_jupyter_server_would_use():
    """A subclass of the installed server's default, so everything else behaves as before."""
    app = ServerApp()
    app.gateway_config = SimpleNamespace(gateway_enabled=False)  # as a server without a gateway
    default = app.kernel_websocket_connection_class
    assert default is ZMQChannelsWebsocketConnection
    assert issubclass(nodelay.NoDelayConnection, default)


class FakeHandler(KernelWebsocketHandler):
    """Just enough of a kernel websocket handler to see what `connect` asks of it."""

    def __init__(self, said: list[str]) -> None:  # no tornado application or request behind it
        self.said = said

    def set_nodelay(self, value: bool) -> None:
        self.said.append(f"nodelay={value}")


def test_connect_turns_nagle_off_before_the_kernel_is_connected(monkeypatch):
    order: list[str] = []
    handler = FakeHandler(order)
    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "connect",
                        lambda self: order.append("connect") or "connected")
    connection = nodelay.NoDelayConnection(websocket_handler=handler)
    assert connection.connect() == "connected"
    assert order == ["nodelay=True", "connect"]


@pytest.mark.parametrize("configured, level", [
    (nodelay.NoDelayConnection, logging.INFO), (ZMQChannelsWebsocketConnection, logging.WARNING)])
def test_each_server_logs_once_whether_the_setting_took(caplog, configured, level):
    """The hub's logs carry the line tests/hub/test_hub.py looks for, only when it is true."""
    log = logging.getLogger("test-nodelay")
    server = SimpleNamespace(kernel_websocket_connection_class=configured, log=log)
    with caplog.at_level(logging.INFO, logger="test-nodelay"):
        nodelay._load_jupyter_server_extension(server)
    assert [r.levelno for r in caplog.records] == [level]
    said = caplog.records[0].getMessage()
    assert (said == nodelay.LOG_LINE) == (level == logging.INFO), said
