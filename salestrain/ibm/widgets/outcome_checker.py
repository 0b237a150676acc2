"""`OutcomeChecker`: tick the verifiable outcomes a deal's log proves and see the true stage.

One checkbox per verifiable outcome (its accessible name is the outcome), grouped by step.
**Check** asks `ssm.classify` which stage the ticked outcomes support — steps count only in
order — and what the next stage still lacks. Driven from Python with `tick` and
`check_button.click()`.
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as w

from salestrain.core.html import STYLE, escape
from salestrain.core.i18n import get_language
from salestrain.core.widgets import Tool
from salestrain.ibm import ssm

# A long outcome wraps onto a second line instead of ending in "…" on a narrow screen.
CSS = """<style>
.st-checker .widget-checkbox{height:auto;min-height:var(--jp-widgets-inline-height)}
.st-checker .widget-checkbox .widget-label-basic{white-space:normal;overflow:visible;
  line-height:1.4;padding:4px 0}
</style>"""


class OutcomeChecker(Tool):
    """Checkboxes for the outcomes of `steps`, a Check button and the classification."""

    def __init__(self, steps: Iterable[int] = (1, 2, 3, 4), lang: str | None = None,
                 weights: ssm.StageWeights | None = None) -> None:
        self.lang = lang or get_language()
        self.weights = weights or ssm.StageWeights.defaults()
        t = self._t
        self.boxes: dict[str, w.Checkbox] = {}
        parts: list[w.Widget] = [w.HTML(STYLE + CSS + f'<p class="st-muted">'
                                        f'{escape(t("checker_intro"))}</p>')]
        for number in steps:
            s = ssm.step(number)
            flag = f" ({t('reconstructed')})" if s.reconstructed else ""
            parts.append(w.HTML(f"<b>{escape(t('step', number=number))} · "
                                f"{escape(s.seller_step(self.lang))}{escape(flag)}</b>"))
            for o in s.outcomes:
                box = w.Checkbox(value=False, description=o.text(self.lang), indent=False,
                                 layout=w.Layout(width="auto", margin="0 0 0 16px"))
                box.observe(lambda _c: self._changed(), names="value")
                self.boxes[o.id] = box
                parts.append(box)
        self.check_button = w.Button(description=t("checker_check"), icon="check",
                                     button_style="primary", tooltip=t("checker_check"))
        self.clear_button = w.Button(description=t("checker_clear"), icon="eraser",
                                     tooltip=t("checker_clear"))
        self.check_button.on_click(lambda _b: self.check())
        self.clear_button.on_click(lambda _b: self.clear())
        self.result = w.HTML()
        self.classification: ssm.Classification | None = None
        self.root = w.VBox([*parts, w.HBox([self.check_button, self.clear_button]),
                            self.result], layout=w.Layout(max_width="1100px"))
        self.root.add_class("st-checker")
        self._changed()

    def _t(self, key: str, **fields: object) -> str:
        return ssm.ui(key, self.lang, **fields)

    def _changed(self) -> None:
        n = len(self.ticked())
        self.classification = None
        text = self._t("checker_count", count=n) if n else self._t("checker_none")
        self.result.value = f'<span class="st-muted" role="status">{escape(text)}</span>'

    def tick(self, *outcome_ids: str) -> None:
        """Tick outcomes, as the trainee does."""
        for oid in outcome_ids:
            self.boxes[oid].value = True

    def ticked(self) -> list[str]:
        return [oid for oid, box in self.boxes.items() if box.value]

    def clear(self) -> None:
        for box in self.boxes.values():
            box.value = False

    def check(self) -> ssm.Classification:
        """The stage the ticked outcomes support, shown under the button."""
        found = ssm.classify(self.ticked(), self.weights)
        self.classification = found
        self.result.value = (f'<div class="st-card" role="status">'
                             f"{escape(found.message(self.lang))}</div>")
        return found


    def __repr__(self) -> str:
        return self._t("checker_intro")
