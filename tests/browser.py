"""Headless Chromium for the browser tests: the binary, a JupyterLab server, notebook driving.

The browser is Debian's Chromium (`apt-get install chromium`); Playwright only drives it, so no
browser download is needed. A missing Chromium is an error, never a skip. Nothing here waits a
fixed time: every wait is for a condition (a page state, a file, a kernel status).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from tests import site
from tests.ports import free_port

LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
TOKEN = "salestrain-test-token"
ROOT = Path(__file__).resolve().parent.parent


def chromium_executable() -> str:
    """Path of Debian's Chromium; raise with the install command when it is missing."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    msg = "Chromium not found: install it with `apt-get install -y chromium` (or set CHROMIUM)"
    raise RuntimeError(msg)


def wait_until(condition: Callable[[], object], what: str, seconds: float = 30) -> object:
    """Poll `condition` until it returns something true (and return that), or fail saying
    `what` did not happen: for states outside the page, such as the files a kernel saves."""
    deadline = time.monotonic() + seconds
    pause = 0.02
    while True:
        with contextlib.suppress(FileNotFoundError, ValueError):
            if value := condition():
                return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {seconds:.0f} s")
        time.sleep(pause)
        pause = min(pause * 1.5, 0.25)


def _wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    """Until the server at `url` answers (failing at once if it exits)."""
    def answers() -> bool:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            return False

    try:
        wait_until(answers, f"an answer from {url}", seconds)
    except AssertionError as exc:
        raise RuntimeError(str(exc)) from None


def _stop(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        """No line per request on the test output."""


@contextlib.contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 from a thread of this process; yield the base URL.

    It binds port 0, so the OS picks a free port and it stays this server's: no race with other
    test workers, and it answers as soon as it exists."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def lab_server(root_dir: Path, env: dict | None = None, locale: str | None = None
               ) -> Iterator[str]:
    """Run JupyterLab on 127.0.0.1 over `root_dir` with private settings; yield its base URL.

    `locale` ("zh_CN") sets JupyterLab's own menus' language, as `make lab-zh` does. A value of
    None in `env` removes that variable from the server's environment.

    Use ``f"{base}/lab/tree/{name}?token={TOKEN}"`` to open a notebook (see `open_notebook`).
    """
    port = free_port()
    private = Path(tempfile.mkdtemp(prefix="salestrain-lab-"))
    settings = private / "settings"
    notification = settings / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    # Render every cell (no virtual scrolling), so tests and screenshots see the whole notebook.
    tracker = settings / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    if locale:
        language = settings / "@jupyterlab" / "translation-extension"
        language.mkdir(parents=True)
        (language / "plugin.jupyterlab-settings").write_text(json.dumps({"locale": locale}))
    run_env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(private / "config"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(private / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(private / "runtime"),
    }
    for name, value in (env or {}).items():
        if value is None:
            run_env.pop(name, None)
        else:
            run_env[name] = value
    jupyter = Path(sys.executable).parent / "jupyter"
    cmd = [
        str(jupyter), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root_dir}",
        "--ServerApp.port_retries=0", "--LabApp.news_url=", "--ServerApp.open_browser=False",
        "--LabApp.expose_app_in_browser=True",
    ]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(private / "lab.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=run_env,
                            start_new_session=True)
    try:
        _wait_for(f"http://127.0.0.1:{port}/api/status?token={TOKEN}", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(proc)
        log.close()
        shutil.rmtree(private, ignore_errors=True)


# The panel shows "idle" before its kernel has connected; commands sent before that are lost
# or open the "Select Kernel" dialog. Wait for the kernel itself.
KERNEL_READY = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}"""


def open_notebook(page, base: str, name: str, timeout_ms: int = 60_000,
                  workspace: str | None = None) -> None:
    """Open notebook `name` (relative to the server root) and wait for a connected, idle kernel.

    A new `workspace` name opens JupyterLab with nothing else open (the default workspace
    reopens what the server's last page had open)."""
    where = f"workspaces/{workspace}/tree" if workspace else "tree"
    page.goto(f"{base}/lab/{where}/{name}?token={TOKEN}")
    page.wait_for_selector(".jp-NotebookPanel", timeout=timeout_ms)
    page.wait_for_function(KERNEL_READY, timeout=timeout_ms)


ALL_CODE_CELLS_RAN = """() => {
  const prompts = Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'));
  return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


def run_all_cells(page, timeout_ms: int = 120_000) -> None:
    """Run every cell through JupyterLab's own command, then wait until each has run.

    A click on the Run menu is sometimes swallowed right after the kernel turns idle; the
    command registry is not, so the tests call it directly (the server exposes the app).
    """
    page.wait_for_function(KERNEL_READY, timeout=60_000)
    # Stored outputs carry execution counts; clear them so "every cell ran" means this run.
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))"
        ".every(p => !/\\d/.test(p.textContent))", timeout=30_000)
    for _attempt in range(3):
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        try:
            page.wait_for_function(ALL_CODE_CELLS_RAN, timeout=timeout_ms)
            return
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: ask once more
            continue
    raise RuntimeError("Run All Cells did not run every cell")


@dataclasses.dataclass
class LabSession:
    """A notebook open in JupyterLab after Run All: the page, its work folder, page errors."""

    page: object
    work: Path
    errors: list[str]


@dataclasses.dataclass
class Lab:
    """One JupyterLab serving a test module (the `jupyterlab` fixture): each test opens its
    notebook from a folder of its own under `root`, and the notebook saves into `work/` beside
    it (no SALESTRAIN_WORK, as in `make lab`), so the tests share the server and nothing else."""

    root: Path
    base: str
    locale: str | None
    opened: int = 0

    def folder_for(self, name: str) -> Path:
        self.opened += 1
        folder = self.root / f"{self.opened:02}-{Path(name).stem}"
        folder.mkdir()
        return folder


@contextlib.contextmanager
def module_lab(root: Path, locale: str | None = None) -> Iterator[Lab]:
    """A JupyterLab over `root` for the tests of one module."""
    with lab_server(root, env={"SALESTRAIN_WORK": None}, locale=locale) as base:
        yield Lab(root, base, locale)


@contextlib.contextmanager
def notebook_in_lab(lab: Lab, name: str, lang: str = "en") -> Iterator[LabSession]:
    """Open a fresh copy of notebook `name` in the module's JupyterLab and run every cell.

    With ``lang="zh"`` the Chinese notebook is opened (the `jupyterlab` fixture gives Chinese
    menus to a module that sets ``LAB_LOCALE = "zh_CN"``). The notebook saves into the `work`
    folder beside its copy. On leaving the block the browser closes, the notebook's kernel is
    shut down, and the test fails if the page raised any error.
    """
    from playwright.sync_api import sync_playwright

    source = ROOT / "notebooks" / ("zh" if lang == "zh" else "")
    folder = lab.folder_for(name)
    shutil.copy(source / name, folder)
    path = folder.relative_to(lab.root) / name
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("pageerror", lambda err: errors.append(f"{err}\n{err.stack}"))
        open_notebook(page, lab.base, path.as_posix(), workspace=folder.name)
        run_all_cells(page)
        try:
            yield LabSession(page, folder / "work", errors)
        finally:
            browser.close()
            with contextlib.suppress(OSError):  # a server that died fails the test anyway
                _shut_down_kernels(lab.base)
    assert errors == [], errors[:5]


def _shut_down_kernels(base: str) -> None:
    """Stop every kernel of the server, so the next test's notebook has the machine to itself."""
    request = urllib.request.Request(f"{base}/api/kernels?token={TOKEN}")
    with urllib.request.urlopen(request, timeout=10) as answer:
        kernels = json.load(answer)
    for kernel in kernels:
        urllib.request.urlopen(urllib.request.Request(
            f"{base}/api/kernels/{kernel['id']}?token={TOKEN}", method="DELETE"), timeout=30)


def type_into(field, text: str, clear: bool = False) -> None:
    """Type into a field with the real keyboard, key by key, then leave it (Tab) as a trainee
    does: the browser syncs some fields on every key and others only on leaving them."""
    field.click()
    if clear:
        field.press("Control+A")
        field.press("Backspace")
    field.press_sequentially(text, delay=20)
    field.press("Tab")


# Notes when the notebook's kernel starts restarting (the restart itself is asynchronous).
WATCH_RESTART = """() => {
  window.__stRestarting = false;
  const ctx = window.jupyterapp.shell.currentWidget.sessionContext;
  ctx.statusChanged.connect((_, status) => {
    if (status === 'restarting' || status === 'autorestarting' || status === 'starting') {
      window.__stRestarting = true;
    }
  });
}"""


def restart_kernel(page) -> None:
    """Kernel > Restart Kernel, accepting JupyterLab's confirmation, then wait until the kernel
    has restarted and is idle again."""
    page.evaluate(WATCH_RESTART)
    # Not awaited: the command's promise settles only once its dialog has been answered.
    page.evaluate("() => { window.jupyterapp.commands.execute('kernelmenu:restart', {}); }")
    accept = page.locator(".jp-Dialog-button.jp-mod-accept")
    try:
        accept.wait_for(timeout=10_000)
        accept.click()
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: no dialog was shown
        pass
    page.wait_for_function("() => window.__stRestarting === true", timeout=30_000)
    page.wait_for_function(KERNEL_READY, timeout=60_000)


def wait_for_kernel_idle(page) -> None:
    """Until the kernel is idle: after a change the page already shows, the kernel has then
    finished handling it (ipykernel reports busy before and idle after every message)."""
    page.wait_for_function(KERNEL_READY, timeout=60_000)


def restart_kernel_and_run_all(page) -> None:
    """What a trainee does the next day: restart the kernel and run every cell again."""
    restart_kernel(page)
    run_all_cells(page)


def screenshots_folder() -> Path:
    """Where this test run keeps its screenshots (in the run's folder, outside the working
    tree; the end of the run says where)."""
    return site.run_folder() / "screenshots"


def screenshot(page, name: str, photo: bool = False) -> Path:
    """Save a full-page screenshot for a person to look at (a JPEG with `photo`: the site's
    long pages encode in half the time, which counts over a hundred of them)."""
    folder = screenshots_folder()
    folder.mkdir(parents=True, exist_ok=True)
    if photo:
        path = folder / f"{name}.jpg"
        page.screenshot(path=str(path), full_page=True, type="jpeg", quality=80)
    else:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
    return path
