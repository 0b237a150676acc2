"""Checks run on every page of the built site: accessibility (axe-core) and layout.

`page_problems(page)` returns one line per problem; an empty list is a pass.
"""

from __future__ import annotations

# Violations that come from the theme itself, not from the course, with the reason. Nothing
# else is accepted. (Empty: every critical or serious violation found is the course's to fix.)
THEME_VIOLATIONS: dict[str, str] = {}

IMPACTS = ("critical", "serious")

# In the browser at 1280 px: table cells narrower than their longest word (a word broken
# across lines), and widget controls or labels whose text is cut off.
LAYOUT_JS = r"""() => {
  const found = [];
  const canvas = document.createElement("canvas").getContext("2d");
  const han = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
  // Words, as a browser may break lines: at spaces, after a hyphen or a slash, and between
  // Chinese characters.
  const words = (text) => text.split(/\s+|(?<=[-–—/])/).flatMap(
    (w) => han.test(w) ? (w.match(/[A-Za-z0-9.,%'’]+|./gu) || []) : [w]).filter(Boolean);
  for (const cell of document.querySelectorAll(".bd-article td, .bd-article th")) {
    if (!cell.offsetParent || getComputedStyle(cell).whiteSpace === "nowrap") continue;
    const style = getComputedStyle(cell);
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const word of words(cell.innerText)) {
      const width = canvas.measureText(word).width;
      if (width > inner + 1.5) {
        found.push(`table cell narrower than "${word}" ` +
                   `(${Math.round(inner)} < ${Math.round(width)} px)`);
        break;
      }
    }
  }
  const controls = document.querySelectorAll(
    ".jupyter-widgets input[type=text], .jupyter-widgets input[type=number], " +
    ".jupyter-widgets select, .jupyter-widgets .widget-label, .jupyter-widgets .widget-readout");
  for (const el of controls) {
    if (!el.offsetParent) continue;
    if (el.tagName === "SELECT") {
      const opt = el.options[el.selectedIndex];
      if (!opt) continue;
      const style = getComputedStyle(el);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = el.clientWidth - 28;  // the arrow's room
      if (canvas.measureText(opt.text).width > room + 1) {
        found.push(`dropdown too narrow for "${opt.text}" (${el.clientWidth} px)`);
      }
    } else if (el.scrollWidth > el.clientWidth + 2) {
      const text = el.value !== undefined && el.tagName === "INPUT" ? el.value : el.textContent;
      found.push(`${el.tagName.toLowerCase()} cut off: ` +
                 `"${text.slice(0, 40)}" (${el.clientWidth} px)`);
    }
  }
  return found;
}"""


def axe_problems(page, context: dict | None = None) -> list[str]:
    """Critical and serious axe-core violations on the page (or inside `context`)."""
    from axe_playwright_python.sync_playwright import Axe

    # No CSSOM preload: axe would fetch the theme's @import-ed stylesheet relative to the page
    # instead of the stylesheet and log a 404 of its own making (only css-orientation-lock,
    # a rule for locked screen orientation, which the site never does, needs it).
    results = Axe().run(page, context=context,
                        options={"resultTypes": ["violations"], "preload": False})
    lines = []
    for violation in results.response["violations"]:
        if violation["impact"] not in IMPACTS or violation["id"] in THEME_VIOLATIONS:
            continue
        targets = "; ".join(str(n["target"][0]) for n in violation["nodes"][:3])
        lines.append(f"axe {violation['impact']} {violation['id']} ×{len(violation['nodes'])}: "
                     f"{violation['help']} — {targets}")
    return lines


def layout_problems(page) -> list[str]:
    return page.evaluate(LAYOUT_JS)
