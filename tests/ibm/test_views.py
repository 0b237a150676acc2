"""The pipeline's tables as trainees read them: human headings in the course language, money in
RMB (万元 in Chinese), percentages, and no NaN, snake_case or Python repr."""

from __future__ import annotations

import re
from datetime import date

import pytest

from salestrain.ibm import pipeline, views

ON = date(2013, 7, 1)
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
REPR = re.compile(r"\b[A-Za-z]+\(|\[\d|\{'|dtype|Name:")


@pytest.fixture(scope="module")
def df():
    return pipeline.shipped("en")


def all_views(df, lang):
    return {
        "mix": views.outcome_mix(df, lang),
        "stages": views.stage_table(df, lang=lang),
        "funnel": views.funnel_table(df, lang),
        "calibration": views.calibration_table(df, lang=lang),
        "flags": views.flags_table(df, ON, lang=lang),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_views_have_no_nan_snake_case_or_repr(df, lang):
    for name, view in all_views(df, lang).items():
        for text in (view.html, repr(view)):
            assert "nan" not in text.lower().replace("finance", ""), name
            assert not SNAKE.search(re.sub(r"<[^>]+>", " ", text)), (name, SNAKE.search(text))
            assert not REPR.search(re.sub(r"<[^>]+>", " ", text)), name
        assert "<table" in view.html


def test_stage_table_formats_money_and_weights(df):
    text = repr(views.stage_table(df, lang="en"))
    assert "Identified | 38 | RMB 23,560,000 | 10 % | RMB 2,356,000" in text
    assert "Total | 111 | RMB 64,849,000 | — | RMB 20,742,500" in text
    zh = repr(views.stage_table(df, lang="zh"))
    assert "发现 | 38 | 2356万元 | 10% | 235.6万元" in zh and "合计" in zh


def test_outcome_mix_sets_the_pipeline_beside_the_published_mix(df):
    text = repr(views.outcome_mix(df, "en"))
    assert "Won | 48.7 % | 47.3 %" in text and "No decision" in text
    assert "客户未决策" in repr(views.outcome_mix(df, "zh"))


def test_funnel_shows_a_dash_where_there_is_no_next_stage(df):
    text = repr(views.funnel_table(df, "en"))
    assert "Identified | 300 | 55.7 % | 20" in text
    assert text.splitlines()[-1] == "Won | 19 | — | —"


def test_flags_table_names_customer_owner_and_service(df):
    text = repr(views.flags_table(df, ON, lang="en"))
    assert "Finance customer 70 | Liu | Bill delivery | RMB 1,858,000 | Identified" in text
    zh = repr(views.flags_table(df, ON, lang="zh"))
    assert "刘经理" in zh and "账单寄递" in zh and "185.8万元" in zh
    assert "No flagged deals" in repr(views.flags_table(df.iloc[0:0], ON, lang="en"))
