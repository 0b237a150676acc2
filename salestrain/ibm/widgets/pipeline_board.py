"""`PipelineBoard`: open deals by stage with value, weighted value and warnings.

Reads a pipeline DataFrame (e.g. `pipeline.shipped()`) or the opportunities saved in the work
folder. The trainee types the stage weights into the board's labelled fields; the board then
shows the weighted pipeline (and the pipeline weighted with the sellers' own claims), the
largest flagged deals, and the weights beside the win rates the closed deals actually show.
All numbers come from `salestrain.ibm.pipeline`, all tables from `salestrain.ibm.views`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import ipywidgets as w
import numpy as np
import pandas as pd
from pydantic import ValidationError

from salestrain.core.display import date as date_text
from salestrain.core.display import money, percent
from salestrain.core.html import STYLE, error_line, escape
from salestrain.core.i18n import get_language
from salestrain.core.widgets import Tool
from salestrain.ibm import pipeline, ssm, views

CSS = """<style>
.st-board{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:10px;
  margin:6px 0}
.st-col{border:1px solid #c9d3e0;border-radius:6px;background:#f7f9fc;padding:6px 8px;
  color:#1d2733}
.st-col h5{margin:2px 0 4px 0;color:#2f5d8a;font-size:1em}
.st-col .st-sum{font-size:.85em;color:#5b6573;margin-bottom:6px;line-height:1.4}
.st-deal{background:#fff;border:1px solid #dde3ea;border-radius:5px;padding:4px 6px;
  margin:4px 0;font-size:.85em;line-height:1.35}
.st-deal.st-flagged{border-left:4px solid #d48806}
.st-flag{display:inline-block;padding:0 6px;margin:2px 4px 0 0;border-radius:9px;
  background:#fff4e0;color:#8a5a00;font-size:.85em}
.st-total{font-size:.95em;margin:4px 0}
.st-weight>.widget-label{width:auto;max-width:none}
.st-weight>input[type=number]{flex:0 0 6.5em;width:6.5em}
</style>"""


class PipelineBoard(Tool):
    """Open deals in stage columns, largest first, with stale / over-claimed flags.

    Parameters
    ----------
    df:
        A pipeline table (see `salestrain.ibm.pipeline`); None reads the saved opportunities.
    on:
        The date the board is drawn for (stale deals are judged against it).
    per_stage:
        How many deals each column lists before "+ n more".
    flagged:
        How many of the largest flagged deals the table under the board lists.
    """

    def __init__(self, df: pd.DataFrame | None = None, on: date | None = None,
                 weights: ssm.StageWeights | None = None, per_stage: int = 5,
                 folder: Path | None = None, lang: str | None = None,
                 flagged: int = 10, own_data: bool = False) -> None:
        self.lang = lang or get_language()
        self.per_stage = per_stage
        self.flagged_rows = flagged
        self.folder = folder
        self._given = df
        self.on = on
        self._start = (df, on)
        self.weights = weights or ssm.StageWeights.defaults()
        self.frame = self._load()
        t = self._t
        self.weight_fields = {
            s: w.BoundedFloatText(value=round(self.weights.of(s) * 100, 1), min=0, max=100,
                                  step=5, description=t("weight_field",
                                                        stage=ssm.stage_name(s, self.lang)),
                                  description_allow_html=False,
                                  tooltip=t("weight_field", stage=ssm.stage_name(s, self.lang)),
                                  style={"description_width": "initial"},
                                  layout=w.Layout(width="auto", margin="2px 16px 2px 0"))
            for s in pipeline.OPEN_STAGES
        }
        for field in self.weight_fields.values():
            field.add_class("st-weight")  # its whole label, then a box wide enough for "100.0"
        for field in self.weight_fields.values():
            field.observe(self._on_weights, names="value")
        self.weight_error = w.HTML()
        self.refresh_button = w.Button(description=t("refresh"), icon="refresh")
        self.refresh_button.on_click(lambda _b: self.reload())
        self.summary_view = w.HTML()
        self.board_view = w.HTML()
        self.calibration_view = w.HTML()
        self.flagged_view = w.HTML()
        controls = [w.HTML(f"<b>{escape(t('weights_label'))}</b><br>"
                           f'<span class="st-muted">{escape(t("weight_help"))}</span>'),
                    w.HBox(list(self.weight_fields.values()),
                           layout=w.Layout(flex_flow="row wrap")), self.weight_error]
        if df is None:
            controls.append(self.refresh_button)
        self.import_panel = None
        if own_data:
            from salestrain.imports.widgets import ImportPanel

            self.import_panel = ImportPanel("opportunities", on_import=lambda r: self.use(r.frame),
                                            on_reset=self.use_sample, folder=folder,
                                            lang=self.lang)
            controls.insert(0, self.import_panel.root)
        self.root = w.VBox([w.HTML(STYLE + CSS), *controls, self.summary_view,
                            self.board_view, self.flagged_view, self.calibration_view],
                           layout=w.Layout(max_width="1100px"))
        self.root.add_class("st-board-widget")
        self._refresh()

    def _t(self, key: str, **fields: object) -> str:
        return ssm.ui(key, self.lang, **fields)

    def _load(self) -> pd.DataFrame:
        if self._given is not None:
            return self._given
        if self.on is None:
            raise ValueError("on: give the date the board is drawn for (e.g. date(2013, 7, 1))")
        return pipeline.frame(pipeline.saved_opportunities(self.folder), self.on)

    def use(self, df: pd.DataFrame, on: date | None = None) -> None:
        """Show this pipeline instead (an imported table), judged on `on` — by default the
        latest date in the table, so the same file always gives the same board."""
        if on is None and len(df):
            dates = pd.concat([df[c] for c in ("created", "stage_entered", "last_evidence")
                               if c in df]).dropna()
            on = dates.max().date() if len(dates) else None
        self._given, self.on = df, on
        self.frame = df
        self._refresh()

    def use_sample(self) -> None:
        """Back to the pipeline the board started with."""
        self._given, self.on = self._start
        self.frame = self._load()
        self._refresh()

    def reload(self) -> None:
        """Read the saved opportunities again (folder mode)."""
        self.frame = self._load()
        self._refresh()

    def set_weights(self, **weights: float) -> None:
        """Change stage weights (fractions), as typing them in the board would."""
        for stage, value in weights.items():
            self.weight_fields[stage].value = value * 100

    def _on_weights(self, _change=None) -> None:
        values = {**self.weights.as_dict(),
                  **{s: f.value / 100 for s, f in self.weight_fields.items()}}
        try:
            self.weights = ssm.StageWeights(**values)
        except ValidationError:
            msg = self._fall_message(values)
            self.weight_error.value = error_line(msg)
            return
        self.weight_error.value = ""
        self._refresh()

    def _fall_message(self, values: dict[str, float]) -> str:
        """Why the typed weights are refused, in the course language."""
        order = list(ssm.STAGE_IDS)
        for earlier, later in zip(order, order[1:], strict=False):
            if values[later] < values[earlier]:
                return self._t("weights_fall", later=ssm.stage_name(later, self.lang),
                               later_value=percent(values[later], self.lang),
                               earlier=ssm.stage_name(earlier, self.lang),
                               earlier_value=percent(values[earlier], self.lang))
        return ""

    # -- what the board shows (plain data, for tests) --

    def table(self) -> pd.DataFrame:
        return pipeline.weighted_pipeline(self.frame, self.weights)

    def claimed_total(self) -> float:
        """The open pipeline weighted with the sellers' claimed probabilities."""
        return pipeline.claimed_pipeline(self.frame, self.weights) if len(self.frame) else 0.0

    def flagged(self) -> pd.DataFrame:
        on = self.on or date(2013, 7, 1)
        return pipeline.flags(self.frame, on, self.weights)

    def _refresh(self) -> None:
        t, lang, df = self._t, self.lang, self.frame
        tab = self.table()
        on = self.on
        stale = pipeline.stale(df, on) if on is not None and len(df) else \
            pd.Series(False, index=df.index)
        over = pipeline.under_evidenced(df, self.weights) if len(df) else stale
        supported = pipeline.stage_weight(df["stage"], self.weights) if len(df) else stale
        as_of = f" · {escape(t('as_of', date=date_text(on, lang)))}" if on else ""
        src = ""
        if self._given is None:
            src = f'<div class="st-muted">{escape(t("source_folder", count=len(df)))}</div>'
        self.summary_view.value = (
            f'<div class="st-card"><h4>{escape(t("board_title"))}{as_of}</h4>{src}'
            f'<div class="st-meta"><span><b>{escape(t("open_value"))}:</b> '
            f'{escape(money(tab.loc["total", "value"], lang))} ({int(tab.loc["total", "deals"])} '
            f'{escape(t("deals"))})</span><span><b>{escape(t("weighted_total"))}:</b> '
            f'{escape(money(tab.loc["total", "weighted"], lang))}</span>'
            f'<span><b>{escape(t("claimed_total"))}:</b> '
            f'{escape(money(self.claimed_total(), lang))}</span>'
            f'<span><b>{escape(t("stale_flag"))}:</b> {int(stale.sum())}</span>'
            f'<span><b>{escape(t("overclaim_flag"))}:</b> {int(over.sum())}</span>'
            f'<span><b>{escape(t("flags"))}:</b> {int((stale | over).sum())}</span>'
            '</div></div>')
        cols = []
        is_open = (df["status"] == "open").to_numpy() if len(df) else np.array([], bool)
        stages = df["stage"].astype(str).to_numpy() if len(df) else np.array([])
        for s in pipeline.OPEN_STAGES:
            mask = is_open & (stages == s)
            deals = df[mask].sort_values("value", ascending=False)
            row = tab.loc[s]
            head = (f"<h5>{escape(ssm.stage_name(s, lang))} · "
                    f"{escape(percent(row['weight'], lang))}</h5>"
                    f'<div class="st-sum">{int(row["deals"])} {escape(t("deals"))} · '
                    f'{escape(t("value_total"))} {escape(money(row["value"], lang))}<br>'
                    f'{escape(t("weighted"))} {escape(money(row["weighted"], lang))}</div>')
            items = []
            for idx, deal in deals.head(self.per_stage).iterrows():
                flags = []
                if bool(stale.loc[idx]):
                    flags.append(t("stale_flag"))
                if bool(over.loc[idx]):
                    flags.append(t("overclaim_flag"))
                claim = deal.get("claimed")
                claim_txt = "" if claim is None or pd.isna(claim) else \
                    f" · {escape(t('claimed_probability'))} {percent(float(claim), lang)}" \
                    f" / {percent(float(supported.loc[idx]), lang)}"
                label = deal.get("name") if "name" in deal and isinstance(deal.get("name"), str) \
                    else deal.get("customer")
                product = deal.get("product")
                product = "" if product is None or pd.isna(product) else \
                    f" · {escape(pipeline.label('products', str(product), lang))}"
                badge = "".join(f'<span class="st-flag">{escape(f)}</span>' for f in flags)
                css = "st-deal st-flagged" if flags else "st-deal"
                value = escape(money(float(deal["value"]), lang))
                items.append(f'<div class="{css}"><b>{escape(label)}</b>{product}<br>'
                             f"{value}{claim_txt}<br>{badge}</div>")
            more = len(deals) - self.per_stage
            if more > 0:
                items.append(f'<div class="st-muted">{escape(t("more", count=more))}</div>')
            cols.append(f'<div class="st-col">{head}{"".join(items)}</div>')
        self.board_view.value = f'<div class="st-board">{"".join(cols)}</div>'
        self.flagged_view.value = views.flags_table(
            df, on or date(2013, 7, 1), self.weights, self.flagged_rows, lang).html \
            if len(df) else ""
        cal = pipeline.calibration(df, self.weights) if len(df) else None
        if cal is not None and cal["closed_deals"].sum() > 0:
            self.calibration_view.value = views.calibration_table(df, self.weights, lang).html
        else:
            self.calibration_view.value = ""


    def __repr__(self) -> str:
        """A one-line summary in the course language (what a console shows instead)."""
        tab, t = self.table(), self._t
        return (f"{t('board_title')} · {int(tab.loc['total', 'deals'])} {t('deals')} · "
                f"{t('open_value')} {money(tab.loc['total', 'value'], self.lang)} · "
                f"{t('weighted_total')} {money(tab.loc['total', 'weighted'], self.lang)}")
