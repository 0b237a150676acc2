"""Headless Chromium for the browser tests: the binary, a JupyterLab server, notebook driving.

The browser is Debian's Chromium (`apt-get install chromium`); Playwright only drives it, so no
browser download is needed. A missing Chromium is an error, never a skip.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

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
SCREENSHOTS = ROOT / "book" / "_build" / "screenshots"


def chromium_executable() -> str:
    """Path of Debian's Chromium; raise with the install command when it is missing."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    msg = "Chromium not found: install it with `apt-get install -y chromium` (or set CHROMIUM)"
    raise RuntimeError(msg)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"server did not answer {url} within {seconds} s")


def _stop(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


@contextlib.contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1; yield the base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(proc)


@contextlib.contextmanager
def lab_server(root_dir: Path, env: dict | None = None, locale: str | None = None
               ) -> Iterator[str]:
    """Run JupyterLab on 127.0.0.1 over `root_dir` with private settings; yield its base URL.

    `locale` ("zh_CN") sets JupyterLab's own menus' language, as `make lab-zh` does.

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
        **(env or {}),
    }
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


def open_notebook(page, base: str, name: str, timeout_ms: int = 60_000) -> None:
    """Open notebook `name` (relative to the server root) and wait for a connected, idle kernel."""
    page.goto(f"{base}/lab/tree/{name}?token={TOKEN}")
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


@contextlib.contextmanager
def notebook_in_lab(tmp_path: Path, name: str, lang: str = "en") -> Iterator[LabSession]:
    """Copy notebook `name` into `tmp_path`, open it in JupyterLab and run every cell.

    With ``lang="zh"`` the Chinese notebook opens in a JupyterLab whose menus are Chinese. The
    notebook saves into `tmp_path/work`. On leaving the block the browser closes and the test
    fails if the page raised any error.
    """
    from playwright.sync_api import sync_playwright

    folder = ROOT / "notebooks" / ("zh" if lang == "zh" else "")
    shutil.copy(folder / name, tmp_path)
    work = tmp_path / "work"
    errors: list[str] = []
    locale = "zh_CN" if lang == "zh" else None
    with lab_server(tmp_path, env={"SALESTRAIN_WORK": str(work)}, locale=locale) as base, \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("pageerror", lambda err: errors.append(f"{err}\n{err.stack}"))
        open_notebook(page, base, name)
        run_all_cells(page)
        try:
            yield LabSession(page, work, errors)
        finally:
            browser.close()
    assert errors == [], errors[:5]


def type_into(field, text: str, clear: bool = False) -> None:
    """Type into a field with the real keyboard, key by key, then leave it (Tab) as a trainee
    does: the browser syncs some fields on every key and others only on leaving them."""
    field.click()
    if clear:
        field.press("Control+A")
        field.press("Backspace")
    field.press_sequentially(text, delay=20)
    field.press("Tab")


def restart_kernel(page) -> None:
    """Kernel > Restart Kernel, accepting JupyterLab's confirmation, then wait for the kernel."""
    # Not awaited: the command's promise settles only once its dialog has been answered.
    page.evaluate("() => { window.jupyterapp.commands.execute('kernelmenu:restart', {}); }")
    accept = page.locator(".jp-Dialog-button.jp-mod-accept")
    try:
        accept.wait_for(timeout=10_000)
        accept.click()
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: no dialog was shown
        pass
    page.wait_for_timeout(1_000)  # let the restart begin before waiting for an idle kernel
    page.wait_for_function(KERNEL_READY, timeout=60_000)


def restart_kernel_and_run_all(page) -> None:
    """What a trainee does the next day: restart the kernel and run every cell again."""
    restart_kernel(page)
    run_all_cells(page)


def screenshot(page, name: str, photo: bool = False) -> Path:
    """Save a full-page screenshot under book/_build/screenshots/ (a JPEG with `photo`: the
    site's long pages encode in half the time, which counts over a hundred of them)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if photo:
        path = SCREENSHOTS / f"{name}.jpg"
        page.screenshot(path=str(path), full_page=True, type="jpeg", quality=80)
    else:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
    return path
