"""Cells as people type them: numbers, dates, stage and status names in either language."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from salestrain.imports import cells


@pytest.mark.parametrize(("typed", "value"), [
    ("1,200", 1200.0),  # thousands separator
    ("12.5%", 0.125),  # percent sign
    ("120万", 1_200_000.0),  # 万
    ("¥3.5亿", 350_000_000.0),
    ("１２", 12.0),  # full-width digits
    (3000, 3000.0),  # a number cell
])
def test_numbers(typed, value):
    assert cells.read_number(typed) == pytest.approx(value)


@pytest.mark.parametrize(("typed", "code"), [
    ("abc", "not_number"), ("-5", "negative"), (dt.date(2025, 1, 1), "not_number"),
    ("1.2.3", "not_number"),
])
def test_raises_for_what_is_not_a_number(typed, code):
    with pytest.raises(cells.CellError) as caught:
        cells.read_number(typed)
    assert caught.value.code == code


@pytest.mark.parametrize("typed", [
    "2025-03-01", "2025/3/1", "2025.3.1", "2025年3月1日", "2025年03月01日", "20250301",
    "2025-03-01 09:30", dt.datetime(2025, 3, 1, 9, 30), dt.date(2025, 3, 1),
    45717,  # Excel's day number for 2025-03-01
])
def test_dates_in_iso_and_chinese_forms(typed):
    assert cells.read_date(typed) == pd.Timestamp("2025-03-01")


def test_a_month_alone_is_its_first_day():
    assert cells.read_date("2025年3月") == pd.Timestamp("2025-03-01")


@pytest.mark.parametrize("typed", ["2025-02-30", "3/1/2025", "next week", "1.5", True])
def test_raises_for_what_is_not_a_date(typed):
    with pytest.raises(cells.CellError) as caught:
        cells.read_date(typed)
    assert caught.value.code == "not_date"


@pytest.mark.parametrize(("typed", "stage"), [
    ("Qualified", "qualified"), ("确认资格", "qualified"), ("qualified", "qualified"),
    ("Proposed / verbal agreement", "proposed"), ("口头协议", "proposed"),
    ("发现", "identified"), ("赢单", "won"), ("  WON ", "won"),
])
def test_stage_names_in_either_language(typed, stage):
    assert cells.read_choice("stage", typed) == stage


def test_raises_for_an_unknown_stage_naming_the_stages():
    with pytest.raises(cells.CellError) as caught:
        cells.read_choice("stage", "谈判")
    assert caught.value.code == "not_stage" and "Qualified" in str(caught.value)


@pytest.mark.parametrize(("typed", "status"), [
    ("Open", "open"), ("进行中", "open"), ("丢单", "lost"), ("No decision", "no_decision"),
])
def test_status_names_in_either_language(typed, status):
    assert cells.read_choice("status", typed) == status


def test_catalogue_names_become_ids_and_other_names_stay_as_typed():
    assert cells.read_choice("product", "车险") == "car"
    assert cells.read_choice("product", "Car insurance") == "car"
    assert cells.read_choice("product", "基金定投") == "基金定投"
    assert cells.read_choice("segment", "政府及事业单位") == "government"


@pytest.mark.parametrize(("typed", "value"), [("50%", 0.5), ("50", 0.5), (0.5, 0.5),
                                              ("0%", 0.0)])
def test_probabilities(typed, value):
    assert cells.read_percent(typed) == pytest.approx(value)


def test_raises_for_a_probability_above_one_hundred_percent():
    with pytest.raises(cells.CellError) as caught:
        cells.read_percent("150%")
    assert caught.value.code == "not_percent"
