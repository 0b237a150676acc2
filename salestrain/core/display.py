"""Figures as people read them — money, percentages, dates, periods — in the course's house style.

One module formats every figure shown to people, so a number reads the same in every notebook,
table, chart and document (tests/core/test_vocabulary.py fails on a module outside `core` that
formats one by hand). The words and patterns (元, 万, RMB, 上半年, month names …) are in
core/ui.yaml; the rules are here:

========  ==============================  ==========================================
figure    English                         Chinese
========  ==============================  ==========================================
money     RMB 16,773 (whole yuan)         from 10,000 yuan in 万元, at most two decimals,
                                          trailing zeros dropped, no separators:
                                          1.68万元, 1000万元; below: 8500元
percent   12.5 % (a space before %)       12.5% (no space); both: at most one decimal
                                          unless `digits` says otherwise, trailing
                                          zeros dropped (25 %, 25%), half rounds up
date      15 March 2013                   2013年3月15日
period    H1 2018, Q1 2021, 2018          2018年上半年, 2021年一季度, 2018年
missing   —                               —
========  ==============================  ==========================================

Chinese text around these figures uses full-width punctuation (，：；（）), which the templates
in the content files carry.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from salestrain.core.i18n import get_language
from salestrain.core.numbers import format_number

WAN = 10_000


def _ui(key: str, lang: str, **fields: object) -> str:
    from salestrain.core.content import ui

    return ui(key, lang, **fields)


def _missing(value: object) -> bool:
    """None, NaN, an infinity (a share of nothing) and pandas' NaT: no figure to show."""
    if value is None:
        return True
    try:
        return value != value or (isinstance(value, float) and not math.isfinite(value))
    except (TypeError, ValueError):
        return False


def _decimal(value: float) -> Decimal:
    """The number as written (its shortest repr), so 0.145 × 100 is 14.5, not 14.499999999999998,
    and a half rounds up as a reader expects."""
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))


def _round(value: float | Decimal, digits: int) -> Decimal:
    """`value` rounded half up to `digits` decimals."""
    value = _decimal(value)
    with localcontext() as context:  # room for every digit of a huge figure
        context.prec = max(28, value.adjusted() + digits + 2)
        return value.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)


def _rounded(value: float | Decimal, digits: int) -> str:
    """`value` rounded half up to at most `digits` decimals, trailing zeros dropped ('-0' → '0')."""
    text = f"{_round(value, digits):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def money(value: float | None, lang: str | None = None) -> str:
    """An amount of RMB: 'RMB 16,773' / '1.68万元' (10,000 up) / '8500元' (below); '—' for none.

    Whole yuan; Chinese counts in 万 from 10,000 up because that is how Chinese readers size an
    amount, and groups no digits (the 万 does the grouping).
    """
    lang = lang or get_language()
    if _missing(value):
        return _ui("nothing", lang)
    whole = _round(value, 0) + 0  # + 0: no '-0' for a refund of under half a yuan
    if lang == "zh" and abs(whole) >= WAN:
        amount = _ui("wan", lang, amount=_rounded(whole / WAN, 2))
    elif lang == "zh":
        amount = _rounded(whole, 0)
    else:
        amount = format_number(whole)
    return _ui("money", lang, amount=amount)


def percent(fraction: float | None, lang: str | None = None, digits: int = 1,
            signed: bool = False) -> str:
    """A fraction as a percentage: 0.125 → '12.5 %' / '12.5%'; '—' for none.

    At most `digits` decimals, trailing zeros dropped, so 0.25 reads '25 %' wherever it is shown;
    `signed` writes '+' before a rise (a change, not a level).
    """
    lang = lang or get_language()
    if _missing(fraction):
        return _ui("nothing", lang)
    number = _rounded(_decimal(fraction) * 100, digits)
    if signed and not number.startswith("-") and number != "0":
        number = "+" + number
    return _ui("percent", lang, number=number)


def _month_name(month: int, lang: str) -> str:
    return _ui(f"month_{month}", lang)


def date(day: dt.date | None, lang: str | None = None) -> str:
    """A day: '15 March 2013' / '2013年3月15日'; '—' for none (a datetime shows its day)."""
    lang = lang or get_language()
    if _missing(day):
        return _ui("nothing", lang)
    return _ui("date", lang, day=day.day, month=day.month, month_name=_month_name(day.month, lang),
               year=day.year)


def date_time(moment: dt.datetime | None, lang: str | None = None, year: bool = True) -> str:
    """A moment: '15 March 2013, 14:05' / '2013年3月15日 14:05'; without the year for this
    year's saves in a short list ('15 March, 14:05' / '3月15日 14:05')."""
    lang = lang or get_language()
    if _missing(moment):
        return _ui("nothing", lang)
    day = date(moment, lang) if year else _ui(
        "day_month", lang, day=moment.day, month=moment.month,
        month_name=_month_name(moment.month, lang))
    return _ui("date_time", lang, date=day, time=clock(moment))


def clock(moment: dt.datetime | dt.time) -> str:
    """The time of day on a 24-hour clock, the same in both languages: '14:05'."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def period(year: int, half: int | None = None, quarter: int | None = None,
           lang: str | None = None) -> str:
    """A year, half-year or quarter: 'H1 2018' / '2018年上半年', 'Q1 2021' / '2021年一季度',
    '2018' / '2018年'."""
    lang = lang or get_language()
    if half is not None and quarter is not None:
        raise ValueError("a period is a half-year or a quarter, not both")
    if half is not None:
        if half not in (1, 2):
            raise ValueError(f"half must be 1 or 2, not {half!r}")
        return _ui(f"half_{half}", lang, year=year)
    if quarter is not None:
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1 to 4, not {quarter!r}")
        return _ui(f"quarter_{quarter}", lang, year=year)
    return _ui("year", lang, year=year)


_YEAR, _MONTH, _DAY = r"(\d{4})", r"(\d{1,2})", r"(\d{1,2})"
_WHEN = [
    (re.compile(rf"^{_YEAR}-{_MONTH}-{_DAY}$"), "date"),
    (re.compile(rf"^{_YEAR}-{_MONTH}$"), "month"),
    (re.compile(rf"^{_YEAR}$"), "year"),
    (re.compile(rf"^{_YEAR}\s*[–—-]\s*{_YEAR}$"), "years"),
    (re.compile(rf"^H([12])\s+{_YEAR}$|^{_YEAR}\s+H([12])$"), "half"),
    (re.compile(rf"^Q([1-4])\s+{_YEAR}$|^{_YEAR}\s+Q([1-4])$"), "quarter"),
]


def when(text: str, lang: str | None = None) -> str:
    """A date or period as the content files write it, as people read it.

    Content files write '2013-03-15', '2000-08', '1984', '1984–1991', 'H1 2018' (or '2018 H1'),
    'Q1 2021', with '~' in front for an approximate one; anything else is a ValueError, so a
    content check catches a date no reader could be shown.
    """
    lang = lang or get_language()
    raw = str(text).strip()
    if raw.startswith("~"):
        return _ui("approximately", lang, when=when(raw[1:], lang))
    for pattern, kind in _WHEN:
        match = pattern.match(raw)
        if not match:
            continue
        parts = [int(g) for g in match.groups() if g is not None]
        if kind == "date":
            return date(dt.date(*parts), lang)
        if kind == "month":
            year, month = parts
            dt.date(year, month, 1)  # a month that does not exist raises here
            return _ui("year_month", lang, year=year, month=month,
                       month_name=_month_name(month, lang))
        if kind == "year":
            return period(parts[0], lang=lang)
        if kind == "years":
            return _ui("year_range", lang, start=parts[0], end=parts[1])
        number, year = (parts if raw[0] in "HQ" else parts[::-1])
        return period(year, **{kind: number}, lang=lang)
    raise ValueError(f"{text!r} is not a date or period the course can show: write e.g. "
                     "2013-03-15, 2000-08, 1984, 1984–1991, H1 2018 or Q1 2021 (~ in front "
                     "for an approximate one)")


def checked_when(text: str) -> str:
    """`text` unchanged if `when` can show it, for a content schema's validator; otherwise the
    ValueError that says what to write."""
    when(text, "en")
    return text


def file_size(size: float, lang: str | None = None) -> str:
    """A file's size in whole KB below a MiB, else whole MB: '12 MB', '350 KB'."""
    lang = lang or get_language()
    if size >= 2**20:
        return _ui("file_size_mb", lang, size=format_number(size / 2**20))
    return _ui("file_size_kb", lang, size=format_number(size / 2**10))


# --- charts -------------------------------------------------------------------------------


def money_ticks(lang: str | None = None) -> Callable[[float, int | None], str]:
    """A matplotlib tick formatter (`axis.set_major_formatter(...)`) writing `money`."""
    lang = lang or get_language()
    return lambda value, _pos=None: money(value, lang)


def percent_ticks(lang: str | None = None, digits: int = 0) -> Callable[[float, int | None], str]:
    """A matplotlib tick formatter writing a fraction as `percent` (0.25 → '25 %' / '25%')."""
    lang = lang or get_language()
    return lambda value, _pos=None: percent(value, lang, digits)


# --- figures in messages ------------------------------------------------------------------


@dataclass(frozen=True)
class Later:
    """A figure kept unformatted in a message's fields until the message is written, so it
    reads in that message's language: `Later(percent, 0.5)`."""

    format: Callable[..., str]
    value: object

    def __call__(self, lang: str | None = None) -> str:
        return self.format(self.value, lang)


def shown(value: object, lang: str | None = None) -> object:
    """A message field as people read it: a `Later` figure formatted, a date or a moment in the
    house style; any other value as it is."""
    if isinstance(value, Later):
        return value(lang)
    if isinstance(value, dt.datetime):
        return date_time(value, lang)
    if isinstance(value, dt.date):
        return date(value, lang)
    return value
