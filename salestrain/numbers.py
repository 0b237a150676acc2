"""Read numbers the way people type them: `1,200`, `1 200`, `12.5%`, `120万`, `¥3.5亿`, `１２`.

Every failure raises `NumberError` whose message quotes the input and says what would work.
"""

from __future__ import annotations

import re
import unicodedata

UNITS = {"千": 1e3, "万": 1e4, "亿": 1e8, "k": 1e3, "m": 1e6, "bn": 1e9}
CURRENCY = "¥￥$€£元"
_NUMBER = re.compile(r"^([+-]?)(\d+(?:\.\d*)?|\.\d+)(%|千|万|亿|k|m|bn)?$", re.IGNORECASE)


class NumberError(ValueError):
    """Text that cannot be read as a number; the message says why and what to type."""


def parse_number(text: object, *, allow_negative: bool = True, percent: bool = False) -> float:
    """The number in `text`.

    With `percent=True` the result is a fraction: `12.5%`, `12.5` and `0.125` all give 0.125
    (a bare number above 1 is read as a percentage).
    """
    if isinstance(text, bool):
        raise NumberError(f"{text!r} is not a number")
    if isinstance(text, int | float):
        value = float(text)
    else:
        raw = "" if text is None else str(text)
        cleaned = unicodedata.normalize("NFKC", raw).strip().replace("，", ",")
        cleaned = cleaned.strip(CURRENCY).strip()
        cleaned = re.sub(r"(?<=\d)[,\s'_](?=\d{3}(\D|$))", "", cleaned)
        cleaned = re.sub(r"\s+", "", cleaned)
        if not cleaned:
            raise NumberError("is empty: type a number such as 1200, 1,200 or 120万")
        match = _NUMBER.match(cleaned)
        if not match:
            msg = f"{raw!r} is not a number: type digits, e.g. 1200, 1,200, 12.5% or 120万"
            raise NumberError(msg)
        sign, digits, unit = match.groups()
        value = float(digits) * (-1 if sign == "-" else 1)
        if unit == "%":
            value /= 100
            if percent:
                return _check_sign(value, raw, allow_negative)
        elif unit:
            value *= UNITS[unit.lower()]
    if percent and abs(value) > 1:
        value /= 100
    return _check_sign(value, text, allow_negative)


def _check_sign(value: float, raw: object, allow_negative: bool) -> float:
    if value < 0 and not allow_negative:
        raise NumberError(f"{raw!r} is negative: enter zero or more")
    return value


def format_number(value: float | None, digits: int = 0) -> str:
    """A number with thousands separators ('' for None)."""
    if value is None:
        return ""
    return f"{value:,.{digits}f}"
