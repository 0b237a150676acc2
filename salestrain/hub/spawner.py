"""JupyterHub's side of a class hub: the spawner and the configuration it is given.

`configure(c, settings)` is all the generated ``jupyterhub_config.py`` calls, so every choice
lives here, in tested code: PAM login with the accounts the hub created, instructors as admins,
one server per trainee as their own Unix user, the course delivered into their home before
each start, a memory cgroup per trainee, and the idle culler as a hub service.
"""

from __future__ import annotations

import asyncio
import pwd
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Int, Unicode

from salestrain.hub import limits

COURSE_FOLDER = "course"


class ClassSpawner(LocalProcessSpawner):
    """A trainee's server: their uid, their memory cgroup, the course in `~/course`."""

    class_python = Unicode(help="Python of the class environment").tag(config=True)
    course_source = Unicode(help="Folder holding this class's notebooks").tag(config=True)
    course_lang = Unicode("en", help="The class's language edition").tag(config=True)
    memory_limit_bytes = Int(0, help="Memory limit per trainee (0: none)").tag(config=True)

    def _home(self) -> Path:
        return Path(pwd.getpwnam(self.user.name).pw_dir)

    def make_preexec_fn(self, name):
        drop_root = super().make_preexec_fn(name)
        group = limits.memory_group(name, self.memory_limit_bytes or None)

        def preexec() -> None:
            if group is not None:
                limits.join(group)
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
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        out, _ = await proc.communicate()
        self.log.info("course delivery for %s: %s", self.user.name, out.decode(errors="replace"))
        if proc.returncode:
            raise RuntimeError(f"course delivery failed for {self.user.name}")

    async def start(self):
        await self.deliver_course()
        return await super().start()

    def get_env(self):
        env = super().get_env()
        home = self._home()
        env["SALESTRAIN_WORK"] = str(home / COURSE_FOLDER / "work")
        # the class environment first, so `salestrain collect --hub` works in a terminal
        env["PATH"] = f"{Path(self.class_python).parent}:/usr/local/bin:/usr/bin:/bin"
        env["MEM_LIMIT"] = str(self.memory_limit_bytes or "")
        return env


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
            "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                        f"--timeout={settings['cull_idle']}"],
        }]
