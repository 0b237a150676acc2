"""JupyterHub's side of a class hub: the spawner and the configuration it is given.

`configure(c, settings)` is all the generated ``jupyterhub_config.py`` calls, so every choice
lives here, in tested code: PAM login with the accounts the hub created, instructors as admins,
one server per trainee as their own Unix user, the course delivered into their home before
each start, a memory cgroup per trainee, and the idle culler as a hub service.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import sys
from pathlib import Path
from subprocess import STDOUT, SubprocessError

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Bool, Int, Unicode

from salestrain.hub import isolation, limits
from salestrain.hub.content import text

COURSE_FOLDER = "course"


class SpawnFailed(RuntimeError):
    """A trainee's server stopped while starting; the message (shown on the trainee's spawn
    page) says why, in the class language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.jupyterhub_message = message


class ClassSpawner(LocalProcessSpawner):
    """A trainee's server: their uid, their cgroups and mount namespace, the course in
    `~/course`, its output in `<state>/logs/<user>.log` (root only)."""

    class_python = Unicode(help="Python of the class environment").tag(config=True)
    course_source = Unicode(help="Folder holding this class's notebooks").tag(config=True)
    course_lang = Unicode("en", help="The class's language edition").tag(config=True)
    memory_limit_bytes = Int(0, help="Memory limit per trainee (0: none)").tag(config=True)
    pids_limit = Int(0, help="Processes and threads per trainee (0: none)").tag(config=True)
    isolate = Bool(True, help="Private /tmp, /var/tmp, /dev/shm and a hidepid /proc"
                   ).tag(config=True)
    tmp_size_bytes = Int(256 * 1024**2, help="Size of each private tmpfs").tag(config=True)
    log_folder = Unicode(help="Where each server's output is kept (root only)").tag(config=True)

    def _home(self) -> Path:
        return Path(pwd.getpwnam(self.user.name).pw_dir)

    def make_preexec_fn(self, name):
        drop_root = super().make_preexec_fn(name)
        groups = [g for g in (limits.memory_group(name, self.memory_limit_bytes),
                              limits.pids_group(name, self.pids_limit)) if g]
        isolate = isolation.make_isolate(self.tmp_size_bytes) if self.isolate else None

        def preexec() -> None:
            for group in groups:
                limits.join(group)
            if isolate is not None:
                isolate()
            os.umask(0o022)  # trainees' files readable by instructors through the home's group
            drop_root()

        return preexec

    async def deliver_course(self) -> None:
        """Copy or update the course in the trainee's home, running as the trainee."""
        account = pwd.getpwnam(self.user.name)
        proc = await asyncio.create_subprocess_exec(
            self.class_python, "-m", "salestrain.commands.hubcourse", "deliver",
            "--source", self.course_source, "--target",
            str(Path(account.pw_dir) / COURSE_FOLDER), "--lang", self.course_lang,
            user=account.pw_uid, group=account.pw_gid, extra_groups=[],
            cwd=account.pw_dir, env={"HOME": account.pw_dir, "PATH": "/usr/bin:/bin"},
            umask=0o022,  # the hub's own is 077; the course must stay readable by instructors
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        out, _ = await proc.communicate()
        self.log.info("course delivery for %s: %s", self.user.name, out.decode(errors="replace"))
        if proc.returncode:
            raise SpawnFailed(text("spawn_delivery", self.course_lang,
                                   detail=_last_lines(out.decode(errors="replace"))))

    def _log_path(self) -> Path | None:
        return Path(self.log_folder) / f"{self.user.name}.log" if self.log_folder else None

    async def start(self):
        await self.deliver_course()
        log = self._log_path()
        events_before = _limit_events(self.user.name)
        if log is not None:
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
            self.popen_kwargs = {**self.popen_kwargs, "stdout": fd, "stderr": STDOUT}
        try:
            ip, port = await super().start()
        except SubprocessError as exc:  # the preexec step failed (cgroup, namespace, user)
            raise SpawnFailed(text("spawn_setup", self.course_lang, detail=str(exc))) from exc
        finally:
            if log is not None:
                os.close(fd)
        await self._wait_until_listening(ip, port, log, events_before)
        return ip, port

    async def _wait_until_listening(self, ip: str, port: int, log: Path | None,
                                    events_before: dict[str, int]) -> None:
        """Return once the server accepts connections; if it stops first, say why at once
        (JupyterHub alone would wait out its whole timeout and say only that it never came)."""
        deadline = asyncio.get_running_loop().time() + self.start_timeout
        while asyncio.get_running_loop().time() < deadline:
            code = self.proc.poll() if self.proc is not None else None
            if code is not None:
                raise SpawnFailed(self._why_stopped(code, log, events_before))
            try:
                _, writer = await asyncio.open_connection(ip, port)
            except OSError:
                await asyncio.sleep(0.2)
                continue
            writer.close()
            return

    def _why_stopped(self, code: int, log: Path | None, before: dict[str, int]) -> str:
        lang = self.course_lang
        after = _limit_events(self.user.name)
        tail = _last_lines(log.read_text(encoding="utf-8", errors="replace")) if log else ""
        if after.get("memory", 0) > before.get("memory", 0):
            return text("spawn_memory", lang, limit=_size(self.memory_limit_bytes))
        if after.get("pids", 0) > before.get("pids", 0):
            return text("spawn_pids", lang, limit=self.pids_limit)
        return text("spawn_stopped", lang, code=code, detail=tail or "-")

    def get_env(self):
        env = super().get_env()
        home = self._home()
        env["SALESTRAIN_WORK"] = str(home / COURSE_FOLDER / "work")
        # the class environment first, so `salestrain collect --hub` works in a terminal
        env["PATH"] = f"{Path(self.class_python).parent}:/usr/local/bin:/usr/bin:/bin"
        env["MEM_LIMIT"] = str(self.memory_limit_bytes or "")
        return env


def _limit_events(username: str) -> dict[str, int]:
    """How often each of the trainee's limits has been hit so far (OOM kills, refused forks)."""
    events = {}
    memory = limits.memory_group(username, None)
    pids = limits.pids_group(username, None)
    if memory is not None:
        events["memory"] = memory.limit_hits()
    if pids is not None:
        events["pids"] = pids.limit_hits()
    return events


def _last_lines(output: str, count: int = 5) -> str:
    """The end of a server's output, without control characters, for the spawn page."""
    lines = [line for line in output.splitlines() if line.strip()][-count:]
    clean = "".join(ch if ch.isprintable() or ch == "\n" else "?" for ch in "\n".join(lines))
    return clean[-1500:]


def _size(value: int) -> str:
    return f"{value / 1024**3:g}G" if value >= 1024**3 else f"{value // 1024**2}M"


def configure(c, settings: dict) -> None:
    """Fill JupyterHub's config object `c` from the class settings `salestrain hub` wrote."""
    state = Path(settings["state"])
    c.JupyterHub.bind_url = f"http://{settings['ip']}:{settings['port']}"
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings["hub_port"]
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = True
    c.ConfigurableHTTPProxy.command = [settings["proxy"]]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings['proxy_api_port']}"
    c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")

    c.JupyterHub.authenticator_class = "pam"
    c.PAMAuthenticator.open_sessions = False
    c.Authenticator.allowed_users = set(settings["users"])
    c.Authenticator.admin_users = set(settings["instructors"])

    c.JupyterHub.spawner_class = ClassSpawner
    c.ClassSpawner.class_python = settings["class_python"]
    c.ClassSpawner.course_source = settings["course_source"]
    c.ClassSpawner.course_lang = settings["lang"]
    c.ClassSpawner.memory_limit_bytes = settings["mem_limit"]
    c.ClassSpawner.pids_limit = settings.get("pids_limit", 0)
    c.ClassSpawner.isolate = settings.get("isolate", True)
    c.ClassSpawner.tmp_size_bytes = settings.get("tmp_size", 256 * 1024**2)
    c.ClassSpawner.log_folder = str(state / "logs")
    c.Spawner.cmd = [str(Path(settings["class_python"]).parent / "jupyterhub-singleuser")]
    # The home is the server's root and the course a folder in it, as on a Kubernetes hub: the
    # site's launch links (…/lab/tree/course/<notebook>) open the same path on both.
    c.Spawner.notebook_dir = "~"
    c.Spawner.default_url = f"/lab/tree/{COURSE_FOLDER}/00_course_overview.ipynb"
    c.Spawner.start_timeout = 180
    c.Spawner.http_timeout = 180
    c.Spawner.mem_limit = settings["mem_limit"] or None

    if settings.get("cull_idle"):
        c.JupyterHub.load_roles = [{
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        }]
        c.JupyterHub.services = [{
            "name": "idle-culler",
            # stops with the hub, even a hub killed with SIGKILL (no orphan culler)
            "command": [sys.executable, "-m", "salestrain.hub.culler",
                        f"--timeout={settings['cull_idle']}"],
        }]
