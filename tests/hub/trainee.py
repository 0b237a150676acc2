"""A simulated trainee for the class-hub tests and `make bench-hub`: logs in through the login
form, starts their server through the hub's API, opens a kernel and runs code over its
websocket, and sends widget edits as JupyterLab does (comm messages), timing each step."""

from __future__ import annotations

import json
import socket
import time
import uuid
from dataclasses import dataclass, field

import requests
import websocket
from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)


class HubError(RuntimeError):
    pass


@dataclass
class Trainee:
    hub: str                      # e.g. http://127.0.0.1:8000
    username: str
    password: str
    session: requests.Session = field(default_factory=requests.Session)
    token: str | None = None
    timings: dict[str, float] = field(default_factory=dict)

    # --- the hub -------------------------------------------------------------------------
    def login(self) -> requests.Response:
        """Log in through the form, as a browser does; returns the form's final response."""
        start = time.perf_counter()
        self.session.get(f"{self.hub}/hub/login", timeout=60)
        xsrf = self.session.cookies.get("_xsrf", "")
        reply = self.session.post(f"{self.hub}/hub/login?next=",
                                  data={"username": self.username, "password": self.password,
                                        "_xsrf": xsrf}, allow_redirects=False, timeout=120)
        self.timings["login"] = time.perf_counter() - start
        return reply

    @property
    def logged_in(self) -> bool:
        return any(c.name.startswith("jupyterhub-hub-login") for c in self.session.cookies)

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if self.token:
            headers["Authorization"] = f"token {self.token}"
        else:
            headers["X-XSRFToken"] = self.session.cookies.get("_xsrf", "")
        return self.session.request(method, f"{self.hub}{path}", headers=headers, timeout=120,
                                    **kwargs)

    def get_token(self) -> str:
        reply = self.api("POST", f"/hub/api/users/{self.username}/tokens",
                         json={"note": "load test", "expires_in": 3600})
        if reply.status_code not in (200, 201):
            raise HubError(f"token for {self.username}: {reply.status_code} {reply.text[:200]}")
        self.token = reply.json()["token"]
        return self.token

    def start_server(self, timeout: float = 300) -> None:
        """Ask the hub for this trainee's server and wait until it answers."""
        start = time.perf_counter()
        reply = self.api("POST", f"/hub/api/users/{self.username}/server")
        if reply.status_code not in (201, 202, 400):  # 400: already running
            raise HubError(f"spawn {self.username}: {reply.status_code} {reply.text[:200]}")
        while time.perf_counter() - start < timeout:
            info = self.api("GET", f"/hub/api/users/{self.username}").json()
            server = (info.get("servers") or {}).get("")
            if server and server.get("ready"):
                self.timings["spawn"] = time.perf_counter() - start
                return
            time.sleep(0.5)
        raise HubError(f"server of {self.username} not ready after {timeout:.0f} s")

    def stop_server(self) -> None:
        self.api("DELETE", f"/hub/api/users/{self.username}/server")
        for _ in range(120):  # the hub answers 202 while the server is still stopping
            info = self.api("GET", f"/hub/api/users/{self.username}").json()
            if not (info.get("servers") or {}) and not info.get("pending"):
                return
            time.sleep(0.5)

    def spawn_progress(self, timeout: float = 300) -> list[dict]:
        """Ask for the server and follow the spawn page's event stream to its last event."""
        reply = self.api("POST", f"/hub/api/users/{self.username}/server")
        if reply.status_code >= 500:  # it failed before the hub's first answer: its message
            return [{"failed": True, "message": reply.json().get("message", "")}]
        if reply.status_code not in (201, 202):
            raise HubError(f"spawn {self.username}: {reply.status_code} {reply.text[:200]}")
        events: list[dict] = []
        with self.session.get(f"{self.hub}/hub/api/users/{self.username}/server/progress",
                              headers={"Authorization": f"token {self.token}"}, stream=True,
                              timeout=timeout) as stream:
            for line in stream.iter_lines(decode_unicode=True):
                if line and line.startswith("data:"):
                    events.append(json.loads(line.removeprefix("data:")))
                    if events[-1].get("failed") or events[-1].get("ready"):
                        break
        return events

    def terminal_run(self, command: str, timeout: float = 60) -> str:
        """Type `command` in a new JupyterLab terminal and return what the terminal shows."""
        reply = self.api("POST", self.user_url("/api/terminals").removeprefix(self.hub))
        if reply.status_code != 200:
            raise HubError(f"terminal for {self.username}: {reply.status_code}")
        name = reply.json()["name"]
        ws_url = self.user_url(f"/terminals/websocket/{name}").replace("http", "ws", 1)
        sock = websocket.create_connection(ws_url, header=[f"Authorization: token {self.token}"],
                                           timeout=timeout)
        marker = "end-of-" + uuid.uuid4().hex[:8]
        shown = ""
        try:
            sock.send(json.dumps(["stdin", f"{command}; echo {marker[:4]}''{marker[4:]}\r"]))
            deadline = time.perf_counter() + timeout
            while marker not in shown and time.perf_counter() < deadline:
                kind, *rest = json.loads(sock.recv())
                if kind == "stdout":
                    shown += rest[0]
        finally:
            sock.close()
            self.api("DELETE", self.user_url(f"/api/terminals/{name}").removeprefix(self.hub))
        return shown

    # --- the trainee's server ------------------------------------------------------------
    def user_url(self, path: str, user: str | None = None) -> str:
        return f"{self.hub}/user/{user or self.username}{path}"

    def server_get(self, path: str, user: str | None = None) -> requests.Response:
        return self.api("GET", self.user_url(path, user).removeprefix(self.hub))

    def start_kernel(self, notebook: str = "course/00_course_overview.ipynb") -> Kernel:
        """A kernel for `notebook`, as JupyterLab opens one (a session: cwd is the course)."""
        reply = self.api("POST", self.user_url("/api/sessions").removeprefix(self.hub),
                         json={"path": notebook, "type": "notebook",
                               "kernel": {"name": "python3"}})
        if reply.status_code != 201:
            raise HubError(f"kernel for {self.username}: {reply.status_code} {reply.text[:200]}")
        kernel_id = reply.json()["kernel"]["id"]
        ws_url = self.user_url(f"/api/kernels/{kernel_id}/channels").replace("http", "ws", 1)
        # TCP_NODELAY as browsers set it: without it each small frame waits for the peer's
        # delayed acknowledgement (40 ms on Linux), which no trainee's browser pays
        # JupyterLab's own protocol (binary frames the server passes through without re-encoding
        # each message as JSON), so the server does the work it does for a real trainee
        sock = websocket.create_connection(
            ws_url, header=[f"Authorization: token {self.token}"], timeout=300,
            sockopt=((socket.IPPROTO_TCP, socket.TCP_NODELAY, 1),),
            subprotocols=[V1_PROTOCOL])
        if sock.getsubprotocol() != V1_PROTOCOL:
            raise HubError(f"the server did not speak {V1_PROTOCOL}")
        return Kernel(sock, kernel_id)

    def output_of(self, code: str) -> str:
        """What `code` prints in a kernel of its own, opened and closed around it."""
        kernel = self.start_kernel()
        try:
            return kernel.output_text(code)
        finally:
            kernel.close()


V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"


def _decode(frame: bytes) -> dict:
    """A kernel message from a v1 websocket frame: offsets, channel, the four JSON parts."""
    channel, parts = deserialize_msg_from_ws_v1(frame)
    header, parent, metadata, content = (json.loads(p) for p in parts[:4])
    return {"channel": channel, "header": header, "msg_type": header.get("msg_type"),
            "parent_header": parent, "metadata": metadata, "content": content}


class Kernel:
    """A kernel over its websocket: execute code, send widget edits, collect what it shows."""

    def __init__(self, sock: websocket.WebSocket, kernel_id: str) -> None:
        self.sock = sock
        self.kernel_id = kernel_id
        self.session = uuid.uuid4().hex
        self.widgets: dict[str, dict] = {}   # comm id → last known state

    def _send(self, channel: str, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "session": self.session,
                  "username": "", "version": "5.3", "date": ""}
        parts = [json.dumps(part).encode() for part in (header, {}, {}, content)]
        self.sock.send_binary(serialize_msg_to_ws_v1(parts, channel))
        return msg_id

    def _until_idle(self, msg_id: str, timeout: float) -> list[dict]:
        """Messages caused by `msg_id` until the kernel is idle again (errors collected)."""
        got: list[dict] = []
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            self.sock.settimeout(max(0.1, deadline - time.perf_counter()))
            msg = _decode(self.sock.recv())
            if msg.get("msg_type") == "comm_open":
                content = msg["content"]
                self.widgets[content["comm_id"]] = content.get("data", {}).get("state", {})
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            got.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return got
        raise HubError(f"kernel {self.kernel_id} busy for more than {timeout:.0f} s")

    def execute(self, code: str, timeout: float = 300) -> list[dict]:
        """Run `code`; raises with the traceback if it fails."""
        msgs = self._until_idle(self._send("shell", "execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}), timeout)
        for msg in msgs:
            if msg["msg_type"] == "error":
                raise HubError("\n".join(msg["content"]["traceback"])[-2000:])
        return msgs

    def output_text(self, code: str) -> str:
        return "".join(m["content"].get("text", "") for m in self.execute(code)
                       if m["msg_type"] == "stream")

    def edit_widget(self, comm_id: str, state: dict, timeout: float = 60) -> float:
        """Send one edit as JupyterLab does when a field changes; seconds until handled."""
        start = time.perf_counter()
        self._until_idle(self._send("shell", "comm_msg", {
            "comm_id": comm_id, "data": {"method": "update", "state": state,
                                         "buffer_paths": []}}), timeout)
        return time.perf_counter() - start

    def close(self) -> None:
        self.sock.close()
