"""`FragmentPlacer`: put the 2013 course deck's scrambled IBM fragments back into the grid.

One dropdown per fragment (its accessible name is the fragment itself) offers the 21 places of
the seven-step grid: step 1–7 × the customer's step, the seller's step or the stage reached.
**Check** scores the placement with `ssm.check_placement` and writes the verdict beside every
fragment. Everything can be driven from Python (`place`, `check_button.click()`), so tests need
no browser.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as w

from salestrain.core.html import STYLE, escape
from salestrain.core.i18n import get_language
from salestrain.core.widgets import Tool
from salestrain.ibm import ssm

Place = tuple[int, str]


class FragmentPlacer(Tool):
    """The fragments in the order the flattened slide gives them, each with a place to choose.

    Parameters
    ----------
    preset:
        Fragment id → (step, row) placed before the trainee starts; the content file's
        `fragment_preset` (three fragments, one of them wrong) when None. `{}` starts empty.
    """

    def __init__(self, preset: Mapping[str, Place] | None = None,
                 lang: str | None = None) -> None:
        self.lang = lang or get_language()
        t = self._t
        preset = ssm.data().fragment_preset if preset is None else preset
        options: list[tuple[str, Place | None]] = [(t("placer_choose"), None)]
        options += [(ssm.place_label(n, row, self.lang), (n, row))
                    for n in range(1, ssm.LAST_STEP + 1) for row in ssm.ROWS]
        self.fragments = ssm.fragments()
        self.choices: dict[str, w.Dropdown] = {}
        self.verdicts: dict[str, w.HTML] = {}
        rows = []
        for f in self.fragments:
            start = preset.get(f.id)
            choice = w.Dropdown(options=options, value=tuple(start) if start else None,
                                description=f.text, tooltip=f.text,
                                style={"description_width": "300px"},
                                layout=w.Layout(width="560px", margin="1px 10px 1px 0"))
            choice.observe(lambda _c, fid=f.id: self._clear_verdict(fid), names="value")
            verdict = w.HTML(layout=w.Layout(flex="1 1 240px"))
            self.choices[f.id], self.verdicts[f.id] = choice, verdict
            rows.append(w.HBox([choice, verdict], layout=w.Layout(flex_flow="row wrap",
                                                                  align_items="center")))
        self.check_button = w.Button(description=t("placer_check"), icon="check",
                                     button_style="primary", tooltip=t("placer_check"))
        self.clear_button = w.Button(description=t("placer_clear"), icon="eraser",
                                     tooltip=t("placer_clear"))
        self.check_button.on_click(lambda _b: self.check())
        self.clear_button.on_click(lambda _b: self.clear())
        self.score = w.HTML(f'<span class="st-muted" role="status">'
                            f'{escape(t("placer_unchecked"))}</span>')
        self.result: ssm.Placement | None = None
        self.root = w.VBox([
            w.HTML(STYLE + f'<p class="st-muted">{escape(t("placer_intro"))}</p>'), *rows,
            w.HBox([self.check_button, self.clear_button]), self.score,
        ], layout=w.Layout(max_width="1100px"))
        self.root.add_class("st-placer")

    def _t(self, key: str, **fields: object) -> str:
        return ssm.ui(key, self.lang, **fields)

    def _clear_verdict(self, fragment_id: str) -> None:
        self.verdicts[fragment_id].value = ""

    # -- driving it --

    def _id(self, fragment: str) -> str:
        for f in self.fragments:
            if fragment in (f.id, f.text):
                return f.id
        raise KeyError(fragment)

    def place(self, fragment: str, step: int | None, row: str | None = None) -> None:
        """Choose a fragment's place (by id or text), as the trainee does in its dropdown."""
        self.choices[self._id(fragment)].value = None if step is None else (step, row)

    def answer(self) -> dict[str, Place]:
        """The places chosen so far, by fragment id."""
        return {fid: c.value for fid, c in self.choices.items() if c.value is not None}

    def clear(self) -> None:
        for choice in self.choices.values():
            choice.value = None
        self.result = None
        self.score.value = (f'<span class="st-muted" role="status">'
                            f'{escape(self._t("placer_unchecked"))}</span>')

    def check(self) -> ssm.Placement:
        """Score the placement and show the verdict beside every fragment."""
        result = ssm.check_placement(self.answer(), self.lang)
        for fid, verdict in result.verdicts.items():
            if verdict is None:
                html = f'<span class="st-ok">✓ {escape(self._t("placer_right"))}</span>'
            elif self.choices[fid].value is None:
                html = f'<span class="st-muted">{escape(verdict)}</span>'
            else:
                html = f'<span class="st-error">✗ {escape(verdict)}</span>'
            self.verdicts[fid].value = html
        css = "st-ok" if result.right == result.total else "st-error"
        score = self._t("placement_score", right=result.right, total=result.total)
        self.score.value = f'<b class="{css}" role="status">{escape(score)}</b>'
        self.result = result
        return result

    # -- display --


    def __repr__(self) -> str:
        return self._t("placer_intro")
