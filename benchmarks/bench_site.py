"""Page weight of the course site, both languages: our own HTML and saved widget state per page,
and what a browser transfers to show it (theme and widget scripts included).

Budget (the course's own): widget state ≤ 1 MB on any page, and our HTML with it ≤ 1.5 MB.
What a first visit transfers is reported beside it, uncompressed, against ≤ 8 MB: two thirds of
it are not ours to shrink — the widget manager (embed-amd.js, 4.4 MB, already minified) and the
theme (about 2.4 MB) — and both are cached after the first page (a web server that compresses
sends about a quarter). Builds the trainee edition first if it is missing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "book" / "_build" / "html"
STATE = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', re.S)
WIDGET_STATE_BUDGET = 1_000_000
OWN_BUDGET = 1_500_000
TOTAL_BUDGET = 8_000_000


def _pages() -> list[Path]:
    return sorted(p for p in HTML.rglob("*.html")
                  if "_static" not in p.parts and "_sources" not in p.parts
                  and "notebooks" in p.parts)


def _transferred(names: list[str]) -> dict[str, int]:
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from tests.browser import LAUNCH_ARGS, chromium_executable, static_server

    sizes = {}
    with static_server(HTML) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=LAUNCH_ARGS)
        for name in names:
            context = browser.new_context()  # an empty cache: a first visit
            page = context.new_page()
            requests = []
            page.on("requestfinished", lambda request, seen=requests: seen.append(request))
            page.goto(f"{base}/{name}", wait_until="networkidle")
            page.wait_for_timeout(500)
            sizes[name] = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]
                              for r in requests)
            context.close()
        browser.close()
    return sizes


def rows() -> list[tuple[str, str, str]]:
    if not (HTML / "zh" / "intro.html").exists():
        from salestrain.commands import editions

        editions.build("trainee")
    pages = _pages()
    names = [p.relative_to(HTML).as_posix() for p in pages]
    transferred = _transferred(names)
    out = []
    for path, name in zip(pages, names, strict=True):
        text = path.read_text(encoding="utf-8")
        state = sum(len(m.encode("utf-8")) for m in STATE.findall(text))
        own = len(text.encode("utf-8"))
        ok = (state <= WIDGET_STATE_BUDGET and own <= OWN_BUDGET
              and transferred[name] <= TOTAL_BUDGET)
        out.append((f"page {name}",
                    f"{own / 1e6:.2f} MB html · {state / 1e6:.2f} MB widgets · "
                    f"{transferred[name] / 1e6:.2f} MB sent",
                    "within budget" if ok else "OVER budget (see the file's note)"))
    return out


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
