"""What trainees see of a pipeline: its tables as HTML, with headings from content data in the
course language, money and percentages in the house style (`core.display`), "—" where there is
no value.

Every view returns an `HTMLView` (HTML for the notebook, readable text for consoles); the numbers
come from `salestrain.ibm.pipeline`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from salestrain.core.display import money, percent
from salestrain.core.html import HTMLView, table
from salestrain.core.i18n import get_language
from salestrain.ibm import pipeline, ssm


def _view(columns: Sequence[str], rows: list[list[str]], caption: str | None = None) -> HTMLView:
    text = "\n".join(" | ".join(r) for r in [list(columns), *rows])
    return HTMLView(table(columns, rows, row_headers=True, caption=caption), text)


def stage_label(stage: object, lang: str | None = None) -> str:
    """A stage id's name; 'none' (no evidence yet) reads 'Not yet in the pipeline'."""
    return ssm.stage_name(None if str(stage) == "none" else str(stage), lang)


def _days(value: float | None, lang: str | None = None) -> str:
    return ssm.ui("not_applicable", lang) if value is None or pd.isna(value) else f"{value:.0f}"


def outcome_mix(df: pd.DataFrame, lang: str | None = None) -> HTMLView:
    """How closed forecast deals ended here, beside the published mix (CSO Insights 2018–19)."""
    lang = lang or get_language()
    t = lambda key: ssm.ui(key, lang)  # noqa: E731
    mix = pipeline.forecast_mix(df)
    rows = [[t(f"mix_{s}"), percent(mix[s], lang), percent(pipeline.FORECAST_MIX[s], lang)]
            for s in pipeline.FORECAST_MIX]
    return _view([t("mix_outcome"), t("mix_here"), t("mix_published")], rows)


def stage_table(df: pd.DataFrame, weights: ssm.StageWeights | dict | None = None,
                lang: str | None = None) -> HTMLView:
    """Open deals by stage: how many, their value, the stage weight and the weighted value."""
    lang = lang or get_language()
    t = lambda key: ssm.ui(key, lang)  # noqa: E731
    tab = pipeline.weighted_pipeline(df, weights)
    rows = []
    for stage, r in tab.iterrows():
        name = t("total") if stage == "total" else ssm.stage_name(str(stage), lang)
        weight = percent(r["weight"], lang)
        rows.append([name, f"{int(r['deals'])}", money(r["value"], lang), weight,
                     money(r["weighted"], lang)])
    return _view([t("stage"), t("open_deals"), t("value_total"), t("weight"), t("weighted")],
                 rows)


def funnel_table(df: pd.DataFrame, lang: str | None = None) -> HTMLView:
    """For each stage: deals that reached it, the share that went on, median days spent in it."""
    lang = lang or get_language()
    t = lambda key: ssm.ui(key, lang)  # noqa: E731
    fun = pipeline.funnel(df)
    med = pipeline.median_days(df)
    rows = [[ssm.stage_name(str(stage), lang), f"{int(r['reached'])}",
             percent(r["conversion"], lang), _days(med.get(stage), lang)]
            for stage, r in fun.iterrows()]
    return _view([t("stage"), t("funnel_reached"), t("funnel_conversion"), t("funnel_days")],
                 rows)


def calibration_table(df: pd.DataFrame, weights: ssm.StageWeights | dict | None = None,
                      lang: str | None = None) -> HTMLView:
    """Each stage's weight beside the win rate the closed deals that reached it achieved."""
    lang = lang or get_language()
    t = lambda key: ssm.ui(key, lang)  # noqa: E731
    cal = pipeline.calibration(df, weights)
    rows = [[ssm.stage_name(str(stage), lang), percent(r["weight"], lang),
             percent(r["observed_win_rate"], lang), f"{int(r['closed_deals'])}"]
            for stage, r in cal.iterrows()]
    return _view([t("stage"), t("weight"), t("observed_win_rate"), t("closed_deals")], rows)


def flags_table(df: pd.DataFrame, on: date, weights: ssm.StageWeights | dict | None = None,
                limit: int = 10, lang: str | None = None) -> HTMLView:
    """The largest flagged open deals: who owns them, their stage, claim and flags."""
    lang = lang or get_language()
    t = lambda key, **kw: ssm.ui(key, lang, **kw)  # noqa: E731
    flagged = pipeline.flags(df, on, weights)
    if flagged.empty:
        return HTMLView(f'<p class="st-muted">{t("no_flagged")}</p>', t("no_flagged"))
    rows = []
    for idx, r in flagged.head(limit).iterrows():
        deal = df.loc[idx]
        names = [t("stale_flag")] if r["stale"] else []
        if r["over_claimed"]:
            names.append(t("overclaim_flag"))
        owner = pipeline.label("owners", str(deal["owner"]), lang) if "owner" in deal else ""
        product = pipeline.label("products", str(deal["product"]), lang) \
            if "product" in deal and not pd.isna(deal["product"]) else t("not_applicable")
        claimed = percent(r["claimed"], lang)
        rows.append([str(deal["customer"]), owner, product, money(r["value"], lang),
                     stage_label(r["stage"], lang), percent(r["supported"], lang),
                     claimed, _days(r["days_in_stage"], lang), ", ".join(names)])
    cols = [t("customer"), t("owner"), t("product"), t("value_total"), t("stage"),
            t("supported"), t("claimed_probability"), t("days_in_stage"), t("flags")]
    return _view(cols, rows, caption=t("flagged_title", count=min(limit, len(flagged))))
