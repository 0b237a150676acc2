"""The house style for figures, rule by rule, in both languages (core/display.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from salestrain import language
from salestrain.core import display
from salestrain.core.numbers import parse_number


# The review found 16,773 as 1.68万元, 1.7万元 and 16,773元, and 0.125 as 12.5%, 12.5 % and 12 %.
def test_one_form_for_the_figures_the_review_found():
    assert display.money(16_773, "zh") == "1.68万元"
    assert display.money(16_773, "en") == "RMB 16,773"
    assert display.percent(0.125, "zh") == "12.5%"
    assert display.percent(0.125, "en") == "12.5 %"


@pytest.mark.parametrize(("value", "en", "zh"), [
    (16_773, "RMB 16,773", "1.68万元"),          # 万 from 10,000, two decimals at most
    (10_000_000, "RMB 10,000,000", "1000万元"),  # no separator in a 万 figure
    (120_000, "RMB 120,000", "12万元"),          # trailing zeros dropped
    (176_000, "RMB 176,000", "17.6万元"),
    (20_742_500, "RMB 20,742,500", "2074.25万元"),
    (10_000, "RMB 10,000", "1万元"),
    (9_999.6, "RMB 10,000", "1万元"),            # rounded to whole yuan first
    (8_500, "RMB 8,500", "8500元"),              # below 10,000: yuan, no separator
    (0, "RMB 0", "0元"),
    (1_234.5, "RMB 1,235", "1235元"),            # whole yuan, a half rounds up
    (-400_000, "RMB -400,000", "-40万元"),
    (-0.4, "RMB 0", "0元"),                     # no '-0'
    (1e30, "RMB 1,000,000,000,000,000,000,000,000,000,000",
     "100000000000000000000000000万元"),         # every digit, no rounding error
    (None, "—", "—"),
    (float("nan"), "—", "—"),
])
def test_money(value, en, zh):
    assert display.money(value, "en") == en and display.money(value, "zh") == zh


@pytest.mark.parametrize(("fraction", "digits", "en", "zh"), [
    (0.25, 1, "25 %", "25%"),          # trailing zeros dropped
    (0.125, 1, "12.5 %", "12.5%"),
    (0.3951, 1, "39.5 %", "39.5%"),
    (0.98, 1, "98 %", "98%"),
    (0.145, 0, "15 %", "15%"),          # a half rounds up, not to even, not 14 (float error)
    (0.125, 0, "13 %", "13%"),
    (0.0025, 2, "0.25 %", "0.25%"),
    (1.3, 1, "130 %", "130%"),
    (0, 1, "0 %", "0%"),
    (-0.0001, 1, "0 %", "0%"),          # no '-0'
    (None, 1, "—", "—"),
    (float("inf"), 1, "—", "—"),         # a share of nothing is no figure
])
def test_percent(fraction, digits, en, zh):
    assert display.percent(fraction, "en", digits) == en
    assert display.percent(fraction, "zh", digits) == zh


def test_a_signed_percent_is_a_change():
    assert display.percent(0.1, "en", 0, signed=True) == "+10 %"
    assert display.percent(-0.1, "zh", 0, signed=True) == "-10%"
    assert display.percent(0, "zh", 0, signed=True) == "0%"


def test_the_course_language_is_the_default():
    with language("zh"):
        assert display.money(16_773) == "1.68万元" and display.percent(0.25) == "25%"
    with language("en"):
        assert display.date(dt.date(2013, 3, 15)) == "15 March 2013"


@pytest.mark.parametrize("value", [16_773, 10_000_000, 8_500, 120_000, 2_400_000])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_what_the_course_writes_reads_back(value, lang):
    """What the course writes, a trainee can type back (RMB is not a thing people type)."""
    if lang == "zh":
        assert parse_number(display.money(value, lang)) == pytest.approx(value, abs=50)
    assert parse_number(display.percent(0.125, lang), percent=True) == pytest.approx(0.125)


@pytest.mark.parametrize(("day", "en", "zh"), [
    (dt.date(2013, 3, 15), "15 March 2013", "2013年3月15日"),
    (dt.date(2013, 7, 2), "2 July 2013", "2013年7月2日"),       # no leading zeros
    (dt.datetime(2024, 12, 31, 23, 59), "31 December 2024", "2024年12月31日"),
    (None, "—", "—"),
])
def test_date(day, en, zh):
    assert display.date(day, "en") == en and display.date(day, "zh") == zh


def test_date_time_and_clock():
    moment = dt.datetime(2013, 3, 15, 9, 5)
    assert display.date_time(moment, "en") == "15 March 2013, 09:05"
    assert display.date_time(moment, "zh") == "2013年3月15日 09:05"
    assert display.date_time(moment, "en", year=False) == "15 March, 09:05"
    assert display.date_time(moment, "zh", year=False) == "3月15日 09:05"
    assert display.clock(moment) == "09:05"


@pytest.mark.parametrize(("args", "en", "zh"), [
    (dict(year=2018, half=1), "H1 2018", "2018年上半年"),
    (dict(year=2013, half=2), "H2 2013", "2013年下半年"),
    (dict(year=2021, quarter=1), "Q1 2021", "2021年一季度"),
    (dict(year=2014, quarter=4), "Q4 2014", "2014年四季度"),
    (dict(year=2016), "2016", "2016年"),
])
def test_period(args, en, zh):
    assert display.period(**args, lang="en") == en and display.period(**args, lang="zh") == zh


@pytest.mark.parametrize("args", [dict(year=2018, half=3), dict(year=2018, quarter=0),
                                  dict(year=2018, half=1, quarter=1)])
def test_a_period_that_does_not_exist_is_refused(args):
    with pytest.raises(ValueError):
        display.period(**args, lang="en")


@pytest.mark.parametrize(("text", "en", "zh"), [
    ("1998-09-08", "8 September 1998", "1998年9月8日"),
    ("2000-08", "August 2000", "2000年8月"),
    ("1984", "1984", "1984年"),
    ("1984–1991", "1984–1991", "1984—1991年"),
    ("~2007–2012", "c. 2007–2012", "约2007—2012年"),
    ("H1 2018", "H1 2018", "2018年上半年"),
    ("2013 H2", "H2 2013", "2013年下半年"),
    ("Q1 2021", "Q1 2021", "2021年一季度"),
])
def test_when_reads_the_dates_content_files_write(text, en, zh):
    assert display.when(text, "en") == en and display.when(text, "zh") == zh


@pytest.mark.parametrize("text", ["March 2013", "2013-13", "2013-02-30", "H3 2018", "", "~"])
def test_when_refuses_what_it_cannot_show(text):
    with pytest.raises(ValueError):
        display.when(text, "en")


def test_file_size():
    assert display.file_size(12 * 2**20, "en") == "12 MB"
    assert display.file_size(350 * 2**10, "zh") == "350 KB"
    assert display.file_size(3 * 2**30, "en") == "3,072 MB"


def test_tick_formatters_write_the_house_style():
    assert display.money_ticks("zh")(150_000, 0) == "15万元"
    assert display.money_ticks("en")(150_000, 0) == "RMB 150,000"
    assert display.percent_ticks("zh")(0.25, 0) == "25%"
    assert display.percent_ticks("en", 1)(0.125) == "12.5 %"


def test_a_figure_in_a_message_takes_the_message_language():
    later = display.Later(display.percent, 0.5)
    assert display.shown(later, "zh") == "50%" and display.shown(later, "en") == "50 %"
    assert display.shown(dt.date(2013, 3, 15), "zh") == "2013年3月15日"
    assert display.shown(dt.datetime(2013, 3, 15, 14, 5), "en") == "15 March 2013, 14:05"
    assert display.shown(7, "en") == 7 and display.shown("x", "zh") == "x"
