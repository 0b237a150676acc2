"""Small HTML builders that escape every piece of text they are given.

Trainee text and content text both pass through `escape`; only the fixed markup here is raw.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape as _escape

STYLE = """<style>
.st-card{border:1px solid #c9d3e0;border-left:6px solid #2f5d8a;border-radius:6px;
  padding:.6em 1em;margin:.4em 0;background:#f7f9fc;color:#1d2733;line-height:1.45}
.st-card h4{margin:.2em 0 .4em 0;font-size:1.05em;color:#2f5d8a}
.st-card ul{margin:.2em 0 .4em 1.2em;padding:0}
.st-card .st-meta{display:flex;flex-wrap:wrap;gap:.4em 2em;margin:.3em 0}
.st-keypoints{border-left-color:#3a7d44;background:#f5faf5}
.st-keypoints h4{color:#3a7d44}
.st-table-wrap{overflow-x:auto;max-width:100%;margin:.5em 0}
table.st-table{border-collapse:collapse;margin:0;font-size:.92em;width:100%}
div.st-table-wrap>table.st-table th,div.st-table-wrap>table.st-table td{
  border:1px solid #c9d3e0;padding:.35em .55em;vertical-align:top;text-align:left;
  overflow-wrap:normal;word-break:normal;hyphens:manual}
table.st-table thead th{background:#2f5d8a;color:#fff}
table.st-table tbody th{background:#eef2f7;white-space:nowrap}
table.st-table .st-nw{white-space:nowrap}
.st-error{color:#a8071a;font-size:.9em}
.st-ok{color:#3a7d44}
.st-muted{color:#5b6573;font-size:.9em}
</style>"""


def escape(value: object) -> str:
    """HTML-escape any value's text (None becomes an empty string)."""
    return "" if value is None else _escape(str(value), quote=True)


def error_line(message: object, *, block: bool = False, alert: bool = True) -> str:
    """The one way a refusal shows: "⚠ message" in the error colour, escaped, read out at once
    (role="alert"; `alert=False` inside a line that is read out already); '' for no message."""
    if not message:
        return ""
    tag = "div" if block else "span"
    role = ' role="alert"' if alert else ""
    return f'<{tag} class="st-error"{role}>⚠ {escape(message)}</{tag}>'


def bullet_list(items: Iterable[object]) -> str:
    """An escaped <ul>."""
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def table(
    columns: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    row_headers: bool = False,
    caption: str | None = None,
) -> str:
    """An escaped HTML table; with `row_headers` the first cell of each row is a <th>.

    The table sits in a box that scrolls sideways when it is wider than the page, so cells
    keep whole words (never a letter per line) on a narrow screen; the box takes keyboard
    focus so that it can be scrolled without a mouse.
    """
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            tag = "th" if row_headers and i == 0 else "td"
            # A short value with no space (a date, an amount, 4+-contract) never breaks.
            text = "" if cell is None else str(cell)
            nowrap = ' class="st-nw"' if 0 < len(text) <= 16 and " " not in text else ""
            cells.append(f"<{tag}{nowrap}>{escape(cell)}</{tag}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<div class="st-table-wrap" tabindex="0"><table class="st-table">{cap}'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


class HTMLView:
    """A displayable piece of HTML with a plain-text fallback for consoles and nbval."""

    def __init__(self, html: str, text: str) -> None:
        self.html = html
        self.text = text

    def _repr_html_(self) -> str:
        return STYLE + self.html

    def __repr__(self) -> str:
        return self.text


class Shown:
    """Displays as its `view()`: an HTML table in notebooks, readable lines in a console."""

    def view(self, lang: str | None = None) -> HTMLView:  # pragma: no cover - overridden
        raise NotImplementedError

    def _repr_html_(self) -> str:
        return self.view()._repr_html_()

    def __repr__(self) -> str:
        return repr(self.view())
