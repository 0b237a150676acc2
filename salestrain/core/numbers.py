"""Read numbers the way people type them: `1,200`, `1 200`, `12.5%`, `120万`, `¥3.5亿`, `１２`.

Every failure raises `NumberError` whose message quotes the input and says what would work,
in the course language (the texts live in core/ui.yaml).
"""

from __future__ import annotations

import re
import unicodedata

from salestrain.core.errors import FieldError

UNITS = {"千": 1e3, "万": 1e4, "亿": 1e8, "k": 1e3, "m": 1e6, "bn": 1e9}
CURRENCY = "¥￥$€£元"
_NUMBER = re.compile(r"^([+-]?)(\d+(?:\.\d*)?|\.\d+)(%|千|万|亿|k|m|bn)?$", re.IGNORECASE)


class NumberError(FieldError):
    """Text that cannot be read as a number (code "empty", "invalid" or "negative"); the
    message says why and what to type. The caller knows the field and may name it."""


def _refuse(code: str, raw: object = "") -> NumberError:
    from salestrain.core.content import ui

    return NumberError(code, ui(f"number_{code}", value=repr(raw)))


def parse_number(text: object, *, allow_negative: bool = True, percent: bool = False) -> float:
    """The number in `text`.

    With `percent=True` the result is a fraction: `12.5%`, `12.5` and `0.125` all give 0.125
    (a bare number above 1 is read as a percentage).
    """
    if isinstance(text, bool):
        raise _refuse("invalid", text)
    if isinstance(text, int | float):
        value = float(text)
    else:
        raw = "" if text is None else str(text)
        cleaned = unicodedata.normalize("NFKC", raw).strip().replace("，", ",")
        cleaned = cleaned.strip(CURRENCY).strip()
        cleaned = re.sub(r"(?<=\d)[,\s'_](?=\d{3}(\D|$))", "", cleaned)
        cleaned = re.sub(r"\s+", "", cleaned)
        if not cleaned:
            raise _refuse("empty")
        match = _NUMBER.match(cleaned)
        if not match:
            raise _refuse("invalid", raw)
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
        raise _refuse("negative", raw)
    return value


def format_number(value: float | None, digits: int | None = 0) -> str:
    """A number with thousands separators ('' for None): `digits` decimals, or with
    `digits=None` every decimal it has and none when it is whole ('1,200', '1,234.5'), so that
    a number put back in a text box parses to the same value."""
    if value is None:
        return ""
    if digits is None:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return f"{value:,.{digits}f}"
