"""`ReviewPanel`: the reviewer's notes beside a tool, updated as the trainee works.

The owning tool calls `update(findings)` after every change (its `review(...)`, errors first)
and gives a `goto(path)` callable: each finding with a field gets a button named after that
field which takes the trainee there (the tab opened, the box focused). The panel holds no rule.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from salestrain.core.html import escape
from salestrain.core.i18n import get_language
from salestrain.review.content import text
from salestrain.review.findings import Finding, counts, item_html


class ReviewPanel:
    """The findings of one piece of work: counts, then one entry per finding (errors first)."""

    def __init__(self, lang: str | None = None,
                 goto: Callable[[str], None] | None = None) -> None:
        self.lang = lang or get_language()
        self.goto = goto
        self.findings: list[Finding] = []
        self.header = w.HTML()
        self.items = w.VBox(layout=w.Layout(margin="0 0 0 4px"))
        self.buttons: dict[str, w.Button] = {}
        self.root = w.VBox([self.header, self.items], layout=w.Layout(
            border="1px solid #c9d3e0", padding="4px 12px", margin="6px 0", width="auto"))
        self.root.add_class("st-review")
        self.update([])

    def update(self, findings: list[Finding]) -> None:
        """Show `findings` (already ordered); nothing is redrawn when they have not changed."""
        if findings == self.findings and self.header.value:
            return
        self.findings = list(findings)
        title = escape(text("panel_title", self.lang))
        if not findings:
            none = escape(text("panel_none", self.lang))
            self.header.value = (f"<h4 style='margin:.3em 0'>{title}</h4>"
                                 f"<span class='st-ok' role='status'>✓ {none}</span>")
            self.items.children = []
            self.buttons = {}
            return
        summary = escape(text("panel_counts", self.lang, **counts(findings)))
        self.header.value = (f"<h4 style='margin:.3em 0'>{title}</h4>"
                             f"<div class='st-muted' role='status'>{summary}</div>")
        children: list[w.Widget] = []
        self.buttons = {}
        for f in findings:
            children.append(w.HTML(f"<ul style='list-style:none;margin:0;padding:0'>"
                                   f"{item_html(f, self.lang)}</ul>"))
            if f.field and self.goto is not None and f.field not in self.buttons:
                label = text("go_to", self.lang, field=f.field_label or f.field)
                button = w.Button(description=label, tooltip=label, icon="arrow-right",
                                  layout=w.Layout(width="auto", max_width="100%"))
                button.on_click(lambda _b, path=f.field: self.goto(path))
                self.buttons[f.field] = button
                children.append(button)
        self.items.children = children

    def go(self, field: str) -> None:
        """Press the button of the finding on `field`, as a trainee would."""
        self.buttons[field].click()

    @property
    def rules(self) -> list[str]:
        return [f.rule for f in self.findings]

    def __repr__(self) -> str:
        lines = [text("panel_title", self.lang)]
        lines += [f.line(self.lang) for f in self.findings] or [text("panel_none", self.lang)]
        return "\n".join(lines)
