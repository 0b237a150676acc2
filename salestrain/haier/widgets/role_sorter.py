"""`RoleSorter`: choose, for each task the deck lists, which Haier manager does it; then check.

A view over `salestrain.haier.roletasks.RoleSort`: one dropdown per task, a *Check* button that
marks each answer right or wrong with the deck's reason, and *Start again*.
"""

from __future__ import annotations

import ipywidgets as w

from salestrain.core.html import STYLE, escape
from salestrain.core.i18n import get_language
from salestrain.core.widgets import Tool
from salestrain.haier import content as haier
from salestrain.haier.roletasks import ROLES, RoleSort, questions, role_name


class RoleSorter(Tool):
    """The role sorter.

    Drive it from Python: `choose("pm_promotion", "realise")`, `check()`, `reset()`; read
    `.sort` (a `RoleSort`) and `.checked`.
    """

    def __init__(self, lang: str | None = None) -> None:
        self.lang = lang or get_language()
        self.sort = RoleSort()
        self.checked = False
        options = [(haier.text("rs_choose", self.lang), "")] + [
            (role_name(r, self.lang), r) for r in ROLES]
        self.choices: dict[str, w.Dropdown] = {}
        self.marks: dict[str, w.HTML] = {}
        rows = []
        for task in questions():
            drop = w.Dropdown(options=options, value="", layout=w.Layout(width="200px"),
                              tooltip=haier.text("rs_choice_tip", self.lang,
                                                 task=task.text(self.lang)))
            drop.observe(lambda change, t=task.id: self._changed(t, change["new"]), names="value")
            mark = w.HTML("")
            self.choices[task.id], self.marks[task.id] = drop, mark
            label = w.HTML(f"<b>{escape(task.text(self.lang))}</b>",
                           layout=w.Layout(width="100%"))
            rows.append(w.VBox([label, drop, mark],
                               layout=w.Layout(margin="0 0 .6em 0")))
        self.check_button = w.Button(description=haier.text("rs_check", self.lang),
                                     icon="check", button_style="primary",
                                     layout=w.Layout(width="auto"))
        self.reset_button = w.Button(description=haier.text("rs_reset", self.lang),
                                     icon="undo", layout=w.Layout(width="auto"))
        self.check_button.on_click(lambda _b: self.check())
        self.reset_button.on_click(lambda _b: self.reset())
        self.summary = w.HTML("")
        intro = w.HTML(f'<p class="st-muted">{escape(haier.text("rs_intro", self.lang))}</p>')
        self.root = w.VBox([w.HTML(STYLE), intro, *rows,
                            w.HBox([self.check_button, self.reset_button]), self.summary])

    # --- driving it from Python ------------------------------------------------------------

    def choose(self, task: str, role: str | None) -> None:
        """Pick a role for a task, as a trainee using the dropdown would."""
        if task not in self.choices:
            raise KeyError(haier.text("rs_err_task", self.lang, task=task))
        self.choices[task].value = role or ""

    def check(self) -> RoleSort:
        """Mark every answer and show the score."""
        self.checked = True
        self._show()
        return self.sort

    def reset(self) -> None:
        """Clear every answer and every mark."""
        for drop in self.choices.values():
            drop.value = ""
        self.checked = False
        self._show()

    # --- model <-> view -------------------------------------------------------------------

    def _changed(self, task: str, role: str) -> None:
        self.sort.choose(task, role or None)
        if self.checked:
            self._show()

    def _show(self) -> None:
        for result in self.sort.results():
            mark = self.marks[result.task.id]
            if not self.checked or result.correct is None:
                mark.value = ""
                continue
            css = "st-ok" if result.correct else "st-error"
            sign = "✓" if result.correct else "✗"
            mark.value = (f'<span class="{css}">{sign} {escape(result.feedback(self.lang))}'
                          "</span>")
        self.summary.value = (f"<p><b>{escape(self.sort.summary(self.lang))}</b></p>"
                              if self.checked else "")

    def __repr__(self) -> str:
        _right, answered, total = self.sort.score()
        return haier.text("rs_text", self.lang, total=total, answered=answered)

