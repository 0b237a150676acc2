"""What a class hub needs on the machine, installed when missing, with a clear message when
it cannot be: JupyterHub (package index), configurable-http-proxy (npm registry), and the class's
Python environment — a virtual environment every trainee's account can run, with this course
package installed (the Python running the command may live where trainees cannot read, e.g.
under /root)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from salestrain.hub.content import text

PROXY_PACKAGE = "configurable-http-proxy@5"
HUB_PACKAGES = ["jupyterhub>=5,<7", "jupyterhub-idle-culler>=1.4"]


def project_checkout() -> Path:
    """The course checkout the class environment is built from: the one `salestrain hub` is run
    in (`make hub`); an installed package has no checkout beside it to use instead."""
    from salestrain.commands import checkout

    found = checkout.find()
    if found is None:
        raise SetupError(text("need_checkout", folder=Path.cwd()))
    return found


class SetupError(RuntimeError):
    """Something the hub needs is missing and cannot be installed here; says what to do."""


Say = Callable[[str], None]


def ensure_jupyterhub(say: Say) -> None:
    """JupyterHub and the idle culler in the Python running the hub."""
    if all(importlib.util.find_spec(m) for m in ("jupyterhub", "jupyterhub_idle_culler")):
        return
    say(text("installing_hub"))
    subprocess.run([sys.executable, "-m", "pip", "install", "-qq", *HUB_PACKAGES],
                   check=True)


def ensure_proxy(state: Path, say: Say) -> Path:
    """The configurable-http-proxy command: on PATH, in the state folder, or installed there."""
    found = shutil.which("configurable-http-proxy")
    if found:
        return Path(found)
    local = state / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return local
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        raise SetupError(text("need_node"))
    say(text("installing_proxy"))
    subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                    str(state / "node"), PROXY_PACKAGE], check=True)
    return local


def runs_for_everyone(python: str) -> bool:
    """Whether an unprivileged account can run `python` (checked by running it as nobody)."""
    try:
        done = subprocess.run([python, "-c", "import venv"], user="nobody",
                              capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def base_python() -> str:
    """A Python 3.10+ that every account can run, to build the class environment from."""
    candidates = [getattr(sys, "_base_executable", sys.executable), sys.executable,
                  shutil.which("python3"), "/usr/bin/python3", "/usr/local/bin/python3"]
    for python in dict.fromkeys(c for c in candidates if c):
        if runs_for_everyone(python):
            version = subprocess.run(
                [python, "-c", "import sys; print(sys.version_info >= (3, 10))"],
                capture_output=True, text=True)
            if version.stdout.strip() == "True":
                return python
    raise SetupError(text("need_python"))


def source_stamp(project: Path | None = None) -> str:
    """A fingerprint of the course package's sources: the class environment is rebuilt when it
    changes (a course update)."""
    project = project or project_checkout()
    digest = hashlib.sha256()
    files = [project / "pyproject.toml", *sorted((project / "salestrain").rglob("*"))]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(project).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_class_env(state: Path, say: Say, project: Path | None = None) -> Path:
    """The class environment's Python (`<state>/env/bin/python`), built or updated."""
    project = project or project_checkout()
    env = state / "env"
    python = env / "bin" / "python"
    stamp = env / ".salestrain-stamp"
    want = source_stamp(project)
    if python.exists() and stamp.exists() and stamp.read_text() == want:
        return python
    if not (project / "pyproject.toml").exists():
        raise SetupError(text("need_checkout", folder=project))
    if not python.exists():
        say(text("building_env", folder=env))
        subprocess.run([base_python(), "-m", "venv", str(env)], check=True)
    else:
        say(text("updating_env", folder=env))
    subprocess.run([str(python), "-m", "pip", "install", "-qq",
                    "--disable-pip-version-check", f"{project}[hub]"], check=True)
    configure_class_server(env)
    stamp.write_text(want)
    _readable_by_all(env)
    return python


# The class environment's Jupyter Server settings:
# - kernel websockets without Nagle's delay: Jupyter Server's own setting for the connection
#   class (`salestrain.hub.nodelay.NoDelayConnection`); the `salestrain.hub.nodelay` server
#   extension only logs, once per server, that the setting took (server extensions are switched
#   on in a config.d file, as JupyterLab's are);
# - kernels talk to their server over Unix sockets in the trainee's own runtime folder instead of
#   loopback TCP ports: thirty kernels starting at once no longer race for the same free port
#   (seen in the load test: "Address already in use", the kernel died), and no other account can
#   even reach a trainee's kernel. (Other settings are read from jupyter_server_config.json only.)
EXTENSIONS = {"ServerApp": {"jpserver_extensions": {"salestrain.hub.nodelay": True}}}
# - a terminal's shell is not a login shell: /etc/profile would reset PATH, and the instructor's
#   `salestrain collect --hub` would be "command not found".
SERVER_CONFIG = {"KernelManager": {"transport": "ipc"},
                 "ServerApp": {
                     "kernel_websocket_connection_class":
                         "salestrain.hub.nodelay.NoDelayConnection",
                     "terminado_settings": {"shell_command": ["/bin/bash"]}}}


def configure_class_server(env: Path) -> list[Path]:
    """Write the class environment's Jupyter Server settings (the two above)."""
    etc = env / "etc" / "jupyter"
    (etc / "jupyter_server_config.d").mkdir(parents=True, exist_ok=True)
    written = [etc / "jupyter_server_config.d" / "salestrain-hub.json",
               etc / "jupyter_server_config.json"]
    for path, settings in zip(written, (EXTENSIONS, SERVER_CONFIG), strict=True):
        path.write_text(json.dumps(settings, indent=1), encoding="utf-8")
    return written


# What trainees' accounts may read in the state folder; everything else there (passwords,
# account record, JupyterHub's database and cookie secret, settings, logs) is root's alone.
PUBLIC = ("env", "course")
STATE_MODE = 0o711  # trainees pass through to env/ and course/ but cannot list the folder


def lock_down(state: Path) -> None:
    """Make the state folder root's, with only `PUBLIC` readable by others; called before and
    after every step of `salestrain hub`, whatever the step did, so no secret is ever open."""
    state.mkdir(parents=True, exist_ok=True)
    os.chown(state, 0, 0)
    state.chmod(STATE_MODE)
    for entry in state.iterdir():
        if entry.name in PUBLIC or entry.is_symlink():
            continue
        _private(entry)


def _private(path: Path) -> None:
    """Take group and other permissions off `path` and (for a folder) all it holds."""
    path.chmod(path.stat().st_mode & 0o700)
    if path.is_dir():
        for root, dirs, files in os.walk(path):
            for name in (*dirs, *files):
                inner = Path(root) / name
                if not inner.is_symlink():
                    inner.chmod(inner.stat().st_mode & 0o700)


def _readable_by_all(folder: Path) -> None:
    """Trainees' accounts run the class environment and read the course: make them readable."""
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            path = Path(root) / name
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | 0o755)
        for name in files:
            path = Path(root) / name
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | 0o444)
    folder.chmod(folder.stat().st_mode | 0o755)


def publish_course(state: Path, lang: str, project: Path | None = None,
                   source: Path | None = None) -> Path:
    """Put this class's notebooks (its language edition) where each trainee's delivery reads
    them; the copy is replaced whole, so a half-updated course is never delivered."""
    if source is None:
        source = (project or project_checkout()) / "notebooks" / ("zh" if lang == "zh" else "")
    notebooks = sorted(source.glob("*.ipynb"))
    if not notebooks:
        raise SetupError(text("need_notebooks", folder=source))
    course = state / "course"
    fresh = state / ".course-new"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    for nb in notebooks:
        shutil.copy2(nb, fresh / nb.name)
        (fresh / nb.name).chmod(0o644)
    fresh.chmod(0o755)
    old = state / ".course-old"
    shutil.rmtree(old, ignore_errors=True)
    if course.exists():
        course.rename(old)
    fresh.rename(course)
    shutil.rmtree(old, ignore_errors=True)
    return course
