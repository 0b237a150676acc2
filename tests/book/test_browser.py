"""The built site in headless Chromium: every page opened as a reader would (the check is here,
run for English in test_pages.py and for Chinese in tests/zh/test_site.py), the quiz, widgets,
search and the language switch.

Fails on any request to another host, any failed request and any console error other than the
two known harmless ones; saves a screenshot of each page in the test run's folder (the run's
last lines say where).
"""

from __future__ import annotations

import contextlib
from urllib.parse import urlparse

import pytest

from tests.book.checks import axe_problems, layout_problems
from tests.browser import LAUNCH_ARGS, chromium_executable, screenshot, static_server

# Logged by the theme on a first visit (no colour mode stored yet): harmless. (The doubled
# THEBE_JS_URL declaration the theme's extensions caused is removed by the site build.)
KNOWN_CONSOLE_NOISE = ("Got invalid theme mode",)


def site_pages(html_root):
    return sorted(
        p.relative_to(html_root).as_posix()
        for p in html_root.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts
    )


# True once every saved widget view has rendered and the site's snapshot script
# (book/_widgets_static/snapshot-widgets.js) has done its pass over all of them: every control
# switched off, every slider marked, every control behind a hidden label named. The script runs
# its pass a little after the page last changed; this waits for its results rather than for a
# guess at its delay.
SNAPSHOT_SETTLED = r"""() => {
  const views = Array.from(document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]'));
  if (!views.every(s => s.previousElementSibling &&
                        s.previousElementSibling.classList.contains("widget-subarea"))) {
    return false;
  }
  const out = ".st-snapshot-output ";
  if (document.querySelector(["input", "select", "textarea", "button"]
        .map(t => `${out}${t}:not([disabled])`).join())) {
    return false;
  }
  if (document.querySelector(`${out}.slider-container:not(.st-snapshot-off), ` +
                             `${out}.noUi-target:not(.st-snapshot-off)`)) {
    return false;
  }
  for (const label of document.querySelectorAll(out + "label[for]")) {
    const control = document.getElementById(label.getAttribute("for"));
    if (getComputedStyle(label).display === "none" && control &&
        (control.getAttribute("title") || label.getAttribute("title"))) {
      return false;
    }
  }
  return true;
}"""

# The snapshot script's last part: every widget box that scrolls is reachable from the keyboard.
# A box can turn scrollable without any change the script would notice (a late font), so this
# is waited for briefly and then left to axe, which judges whether the box really needs it.
BOXES_REACHABLE = r"""() => {
  const out = ".st-snapshot-output ";
  for (const box of document.querySelectorAll(`${out}.widget-box, ${out}.widget-html-content`)) {
    const style = getComputedStyle(box);
    if ((box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) &&
        /(auto|scroll)/.test(style.overflow + style.overflowX + style.overflowY) &&
        !box.hasAttribute("tabindex")) {
      return false;
    }
  }
  return true;
}"""

# The page's width once layout has settled after a resize: the same over two animation frames
# (scripts such as the widgets' layout react to the resize in a frame of their own).
SETTLED_WIDTH = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
  let width = -1;
  for (let i = 0; i < 50; i++) {
    await frame();
    await frame();
    const now = document.documentElement.scrollWidth;
    if (now === width) { return now; }
    width = now;
  }
  return width;
}"""


def open_like_a_reader(page, base: str, name: str) -> None:
    """Load a page and wait until its saved widgets have rendered (and been marked)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(f"{base}/{name}", wait_until="networkidle")
    if "widget-state+json" in page.content():
        page.wait_for_selector(".st-snapshot-output .jupyter-widgets", timeout=60_000)
        page.wait_for_function(SNAPSHOT_SETTLED, timeout=60_000)
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(BOXES_REACHABLE, timeout=3_000)


def check_every_page(built_book, lang: str) -> None:
    """Every page of one language: no request elsewhere, no error, no critical or serious axe
    violation, no squeezed table cell or cut-off control at 1280 px; screenshots at 1280 and
    390 px are saved for a person to look at."""
    from playwright.sync_api import sync_playwright

    pages = site_pages(built_book)
    assert "intro.html" in pages and "zh/intro.html" in pages
    pages = [p for p in pages if p.startswith("zh/") == (lang == "zh")]
    problems: list[str] = []
    with static_server(built_book) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for name in pages:
            page = context.new_page()
            seen: list[str] = []

            def on_request(request, seen=seen):
                host = urlparse(request.url).hostname
                if request.url.startswith("http") and host != "127.0.0.1":
                    seen.append(f"request to another host: {request.url}")

            def on_console(msg, seen=seen):
                if msg.type == "error" and not any(k in msg.text for k in KNOWN_CONSOLE_NOISE):
                    seen.append(f"console error: {msg.text}")

            def on_page_error(err, seen=seen):
                if not any(k in str(err) for k in KNOWN_CONSOLE_NOISE):
                    seen.append(f"page error: {err}")

            page.on("request", on_request)
            page.on("requestfailed", lambda r, seen=seen: seen.append(
                f"failed request: {r.url} ({r.failure})"))
            page.on("response", lambda r, seen=seen: r.status >= 400 and seen.append(
                f"HTTP {r.status}: {r.url}"))
            page.on("console", on_console)
            page.on("pageerror", on_page_error)
            # Block every other host so a stray CDN request fails fast (and is reported).
            page.route(lambda url: urlparse(url).hostname not in ("127.0.0.1", None),
                       lambda route: route.abort())
            open_like_a_reader(page, base, name)
            seen += axe_problems(page) + layout_problems(page)
            shot = name.removesuffix(".html").replace("/", "__")
            screenshot(page, shot, photo=True)
            page.set_viewport_size({"width": 390, "height": 844})
            width = page.evaluate(SETTLED_WIDTH)
            if width > 391:
                seen.append(f"wider than a 390 px phone: {width} px (scrolls sideways)")
            screenshot(page, f"phone__{shot}", photo=True)
            problems += [f"{name}: {p}" for p in seen]
            page.close()
        browser.close()
    assert problems == [], "\n".join(problems)


@contextlib.contextmanager
def site_page(html_root, name: str):
    """One page of the built site, open in headless Chromium."""
    from playwright.sync_api import sync_playwright

    with static_server(html_root) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable(), args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/{name}", wait_until="networkidle")
        try:
            yield page
        finally:
            browser.close()


@pytest.mark.browser
def test_quiz_works_on_the_site(built_book):
    with site_page(built_book, "notebooks/01_module1_overview.html") as page:
        quiz = page.locator("[id^=stquiz]").first
        answer = quiz.get_by_text("The model manager (型号经理)", exact=True)
        answer.wait_for(timeout=15_000)
        answer.click()
        quiz.get_by_text("by developing products worth buying").first.wait_for(timeout=5_000)


@pytest.mark.browser
def test_widget_renders_from_saved_state(built_book):
    with site_page(built_book, "notebooks/01_module1_overview.html") as page:
        dropdown = page.locator(".widget-dropdown select").first
        dropdown.wait_for(timeout=15_000)
        assert dropdown.input_value() == "Incentives"
        assert page.get_by_text("60 % base and 40 %").count() >= 1


@pytest.mark.browser
def test_instructor_edition_opens_the_solutions(instructor_book):
    with site_page(instructor_book, "notebooks/01_module1_overview.html") as page:
        solution = page.locator(".solution.dropdown").first
        solution.wait_for(timeout=15_000)
        page.get_by_text("one account manager as the").first.wait_for(
            state="visible", timeout=10_000)


def _article_text(path) -> str:
    """The text a reader sees in a built page's article (what the search index holds)."""
    import html as html_lib
    import re

    page = path.read_text(encoding="utf-8")
    start, end = page.find("<article"), page.rfind("</article>")
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page[start:end], flags=re.S | re.I)
    return html_lib.unescape(re.sub(r"<[^>]+>", "", body))


@pytest.mark.browser
@pytest.mark.parametrize("phrase", ["邮政企业", "交叉销售", "行业发展计划"])
def test_chinese_search_finds_every_page_with_the_phrase(built_book, phrase):
    zh = built_book / "zh"
    expected = {name for name in site_pages(zh)
                if name not in ("search.html", "genindex.html")
                and phrase in _article_text(zh / name)}
    assert expected, f"no Chinese page contains {phrase}"
    with site_page(built_book, "zh/search.html") as page:
        box = page.locator("input[name=q] >> visible=true").first
        box.click()
        box.press_sequentially(phrase, delay=30)
        page.keyboard.press("Enter")
        page.wait_for_selector("#search-results ul.search li", timeout=30_000)
        page.wait_for_function(
            "() => /搜索完成|Search finished/.test("
            "document.querySelector('#search-results')?.textContent || '')", timeout=30_000)
        hrefs = page.eval_on_selector_all(
            "#search-results ul.search li a", "links => links.map(a => a.getAttribute('href'))")
        screenshot(page, f"zh__search__{phrase}")
    found = {h.split("?")[0].split("#")[0] for h in hrefs}
    assert expected <= found, f"{phrase}: not found on {sorted(expected - found)}"


@pytest.mark.browser
def test_language_switch_leads_to_the_same_page_in_the_other_language(built_book):
    with site_page(built_book, "notebooks/04_hp_key_accounts.html") as page:
        page.get_by_role("link", name="中文").first.click()
        page.wait_for_url("**/zh/notebooks/04_hp_key_accounts.html")
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        assert page.get_by_text("大客户").count() >= 1
        screenshot(page, "zh__switched_from_english")
        page.get_by_role("link", name="English").first.click()
        page.wait_for_url("**/notebooks/04_hp_key_accounts.html")
        assert "/zh/" not in page.url
        assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_widgets_on_the_site_are_marked_as_snapshots_and_switched_off(built_book, prefix):
    with site_page(built_book, f"{prefix}notebooks/04_hp_key_accounts.html") as page:
        widgets = page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
        assert widgets >= 1
        page.wait_for_selector(".st-snapshot-output .jupyter-widgets", timeout=60_000)
        notes = page.locator(".st-snapshot")
        assert notes.count() == widgets
        assert ("snapshot" if not prefix else "快照") in notes.first.inner_text()
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.st-snapshot-output input, "
            ".st-snapshot-output select, .st-snapshot-output button, "
            ".st-snapshot-output textarea')).every(c => c.disabled)", timeout=30_000)
