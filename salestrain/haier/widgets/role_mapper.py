"""`RoleMapper`: list your organisation's posts and say who creates, realises, obtains orders.

A view over `salestrain.haier.rolemap.RoleMap`: every committed edit (a text field commits when the
trainee leaves it) rebuilds the model from the rows, shows the model's findings (an order duty
nobody owns first) and autosaves through `WorkToolbar` — one file per role map for its life.
Opened without a map, it continues the trainee's latest role map, or else shows the worked
example as a separate piece of work. Exports go to `exports/` of the work folder.
"""

from __future__ import annotations

import ipywidgets as w
from pydantic import ValidationError

from salestrain.core.html import STYLE, bullet_list, error_line, escape
from salestrain.core.i18n import get_language
from salestrain.core.widgets import Field, Tool, WorkToolbar
from salestrain.haier import content as haier
from salestrain.haier.rolemap import DUTIES, KIND, Post, RoleMap, blank, describe, duty_label


class _PostRow:
    """The controls of one post, as a small card: the post and its duty; what it is paid on
    (the longest text, across the card); whom it reports to. Every field carries its visible
    label, and a tooltip naming its post (`number` keeps that right as rows come and go)."""

    def __init__(self, post: Post, lang: str, on_change, on_remove) -> None:
        self.lang = lang
        wide = {"description_width": "initial"}

        def text(value: str, key: str, layout: dict) -> w.Text:
            return w.Text(value=value, description=haier.text(key, lang),
                          placeholder=haier.text(key, lang), continuous_update=False,
                          style=wide, layout=w.Layout(**layout))

        self.name = text(post.name, "rm_post", {"flex": "1 1 300px", "min_width": "0"})
        self.duty = w.Dropdown(options=[(duty_label(d, lang), d) for d in DUTIES],
                               value=post.duty, description=haier.text("rm_duty", lang),
                               style=wide, layout=w.Layout(width="290px"))
        self.paid_on = text(post.paid_on, "rm_paid_on", {"width": "100%"})
        self.reports_to = text(post.reports_to, "rm_reports_to",
                               {"flex": "1 1 300px", "min_width": "0"})
        self.remove = w.Button(description=haier.text("rm_remove", lang), icon="trash",
                               layout=w.Layout(width="100px"))
        self.error = w.HTML("")
        for control in (self.name, self.duty, self.paid_on, self.reports_to):
            control.observe(lambda _c: on_change(), names="value")
        self.remove.on_click(lambda _b: on_remove(self))
        wrap = w.Layout(flex_flow="row wrap", width="100%")
        self.box = w.VBox([
            w.HBox([self.name, self.duty], layout=wrap),
            self.paid_on,
            w.HBox([self.reports_to, self.remove], layout=wrap),
            self.error,
        ], layout=w.Layout(border="1px solid #d0d7de", padding="4px 6px", margin="0 0 6px 0"))

    def number(self, n: int) -> None:
        """Name every control after its post ('Post 2 · Paid on'), for assistive tech."""
        for control, key in ((self.name, "rm_post"), (self.duty, "rm_duty"),
                             (self.paid_on, "rm_paid_on"), (self.reports_to, "rm_reports_to"),
                             (self.remove, "rm_remove")):
            control.tooltip = haier.text("rm_cell_tip", self.lang, n=n,
                                         column=haier.text(key, self.lang))

    def post(self) -> Post:
        return Post(name=self.name.value, duty=self.duty.value, paid_on=self.paid_on.value,
                    reports_to=self.reports_to.value)


class RoleMapper(Tool):
    """The trainee's role map with Save / Load / Example / Export and live findings.

    Drive it from Python: `add_post(...)`, `set_post(i, duty="realise")`, `remove_post(i)`,
    `title.value = ...`; read `.rolemap`. Without `rolemap` it resumes the latest saved role
    map in the work folder, or opens the worked example as a separate piece of work.
    """

    def __init__(self, rolemap: RoleMap | None = None, lang: str | None = None,
                 folder=None) -> None:
        self.lang = lang or get_language()
        t = self._t
        self.rolemap = rolemap or RoleMap()
        self.title = Field(t("rm_title"), w.Text(continuous_update=False,
                                                 tooltip=t("rm_title"),
                                                 layout=w.Layout(width="auto")))
        self.organisation = Field(t("rm_organisation"),
                                  w.Text(continuous_update=False, tooltip=t("rm_organisation"),
                                         layout=w.Layout(width="auto")))
        self.rows: list[_PostRow] = []
        self.rows_box = w.VBox([])
        self.add_button = w.Button(description=t("rm_add"), icon="plus")
        self.add_button.on_click(lambda _b: self.add_post())
        self.summary = w.HTML("")
        self.findings = w.HTML("")
        self._quiet = False
        for field in (self.title, self.organisation):
            field.control.observe(lambda _c: self._changed(), names="value")
        exports = {
            t(f"export_{fmt}"): (lambda folder, fmt=fmt: self.rolemap.export(fmt, folder,
                                                                             self.lang))
            for fmt in ("word", "excel", "markdown", "json")
        }
        self.toolbar = WorkToolbar(
            KIND, get_data=lambda: self.rolemap.to_data(), set_data=self._set_data,
            name=lambda: self.rolemap.name(self.lang), exports=exports,
            labels={k: haier.data().strings[k](self.lang) for k in WorkToolbar.DEFAULT_KEYS},
            example=lambda: RoleMap.example(self.lang).to_data(), folder=folder,
            blank=blank, describe=describe, lang=self.lang,
        )
        header = w.HTML(f"<b>{escape(t('rm_posts'))}</b>")
        self.root = w.VBox([
            w.HTML(STYLE), self.toolbar.box, self.title.box, self.organisation.box, header,
            self.rows_box, self.add_button, self.summary, self.findings,
        ])
        if rolemap is not None:
            self._show(rolemap)
        elif not self.toolbar.resume():
            self.toolbar.load_example()

    def _t(self, key: str, **fields: object) -> str:
        return haier.text(key, self.lang, **fields)

    # --- editing from Python --------------------------------------------------------------

    def add_post(self, name: str = "", duty: str = "none", paid_on: str = "",
                 reports_to: str = "") -> None:
        """Append a post row (and save)."""
        post = Post(name=name, duty=duty, paid_on=paid_on, reports_to=reports_to)
        self.rows.append(_PostRow(post, self.lang, self._changed, self._remove))
        self._show_rows()
        self._changed()

    def set_post(self, index: int, **fields: str) -> None:
        """Change fields of one post row, as a trainee typing would."""
        row = self.rows[index]
        previous, self._quiet = self._quiet, True
        try:
            for key, value in fields.items():
                getattr(row, key).value = value
        finally:
            self._quiet = previous
        self._changed()

    def remove_post(self, index: int) -> None:
        """Delete one post row (and save)."""
        self._remove(self.rows[index])

    def _show_rows(self) -> None:
        for n, row in enumerate(self.rows, start=1):
            row.number(n)
        self.rows_box.children = [r.box for r in self.rows]

    def _remove(self, row: _PostRow) -> None:
        self.rows.remove(row)
        self._show_rows()
        self._changed()

    # --- model <-> view -------------------------------------------------------------------

    def _set_data(self, data: dict) -> None:
        self._show(RoleMap.from_data(data))

    def _show(self, rolemap: RoleMap) -> None:
        """Rebuild every control from a model."""
        self._quiet = True
        try:
            self.title.value = rolemap.title
            self.organisation.value = rolemap.organisation
            self.rows = [_PostRow(p, self.lang, self._changed, self._remove)
                         for p in rolemap.posts]
            self._show_rows()
        finally:
            self._quiet = False
        self.rolemap = rolemap
        self._refresh()

    def _changed(self) -> None:
        if self._quiet:
            return
        try:
            rolemap = RoleMap(title=self.title.value, organisation=self.organisation.value,
                              posts=[r.post() for r in self.rows])
        except ValidationError as exc:  # refused: say why, and save nothing of it
            messages = "; ".join(e["msg"] for e in exc.errors())
            self.toolbar.status.value = error_line(messages)
            return
        self.rolemap = rolemap
        self._refresh()
        self.toolbar.changed()

    def _refresh(self) -> None:
        findings = self.rolemap.findings(self.lang)
        for row in self.rows:
            row.error.value = ""
        for f in findings:
            if f.post is not None:
                self.rows[f.post].error.value = error_line(f.message)
        self.summary.value = f"<p>{escape(self.rolemap.summary(self.lang))}</p>"
        if findings:
            self.findings.value = (
                f'<div class="st-card"><h4>{escape(self._t("rm_findings"))}</h4>'
                f"{bullet_list(f.message for f in findings)}</div>")
        else:
            self.findings.value = f'<p class="st-ok">✓ {escape(self._t("rm_all_owned"))}</p>'

    def __repr__(self) -> str:
        return self._t("rm_text", title=self.rolemap.name(self.lang),
                       summary=self.rolemap.summary(self.lang))

