"""`SystemsExplorer`: choose one dimension and read how the four systems handle it."""

from __future__ import annotations

import ipywidgets as w

from salestrain.core.content import ui
from salestrain.core.html import STYLE, table
from salestrain.core.i18n import get_language
from salestrain.course import content


class SystemsExplorer:
    """A dropdown of the five dimensions above a table of the four systems' answers."""

    def __init__(self, dimension: str | None = None, lang: str | None = None) -> None:
        self.lang = lang or get_language()
        self._data = content.systems()
        dims = self._data.dimensions
        self._choice = w.Dropdown(
            options=[(d.label(self.lang), d.id) for d in dims],
            value=dimension or dims[0].id,
            description=ui("dimension", self.lang),
            layout=w.Layout(width="360px"),
        )
        self._view = w.HTML()
        self._choice.observe(lambda _change: self._refresh(), names="value")
        self.root = w.VBox([self._choice, self._view])
        self._refresh()

    @property
    def dimension(self) -> str:
        """The id of the dimension on show."""
        return self._choice.value

    @dimension.setter
    def dimension(self, value: str) -> None:
        self._choice.value = value

    def rows(self) -> list[list[str]]:
        """The table on show: one row per system."""
        return [[s.name(self.lang), s.cells[self.dimension](self.lang)] for s in self._data.systems]

    def _refresh(self) -> None:
        label = next(d.label(self.lang) for d in self._data.dimensions if d.id == self.dimension)
        self._view.value = STYLE + table(["", label], self.rows(), row_headers=True)

    def _repr_mimebundle_(self, **kwargs):
        # The plain-text fallback is the table on show, not the widget's Python repr.
        bundle = self.root._repr_mimebundle_(**kwargs)
        label = next(d.label(self.lang) for d in self._data.dimensions if d.id == self.dimension)
        text = "\n".join([label, *(f"{name}: {cell}" for name, cell in self.rows())])
        if isinstance(bundle, tuple):
            return {**bundle[0], "text/plain": text}, bundle[1]
        return {**bundle, "text/plain": text}
