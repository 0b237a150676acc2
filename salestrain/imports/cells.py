"""Read one cell as its column's kind: numbers as people type them (the course's parser),
dates in ISO and Chinese forms, stage and status names in either language, catalogue names.

Each reader returns the value or raises `CellError` with a stable `code` and the reason in the
course language. The same readers back the row schemas (`schemas`) and their vectorised path.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

import pandas as pd

from salestrain.core.numbers import parse_number
from salestrain.imports.content import data, message
from salestrain.imports.mapping import normalise

MAX_TEXT = 200
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_YMD = re.compile(r"^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*[日号]?"
                  r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_YM = re.compile(r"^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*月?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class CellError(ValueError):
    """A cell that cannot be read as its column's kind."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.code = code


def shown(value: object) -> str:
    """A cell as quoted in a message: its text, cut to 40 characters."""
    text = "" if value is None else str(value).strip()
    return text if len(text) <= 40 else text[:39] + "…"


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    if value is pd.NaT:
        return True
    return isinstance(value, str) and not value.strip()


def read_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).strip()
    if len(text) > MAX_TEXT:
        raise CellError("too_long", message("too_long", limit=MAX_TEXT))
    return text


def read_number(value: object) -> float:
    """A number ≥ 0 as typed: 1,200 · 12.5% · 120万 · ¥3.5亿."""
    if isinstance(value, dt.date | dt.datetime | pd.Timestamp):
        raise CellError("not_number", message("not_number", value=shown(value)))
    try:
        number = parse_number(value, allow_negative=True)
    except ValueError:
        raise CellError("not_number", message("not_number", value=shown(value))) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise CellError("not_number", message("not_number", value=shown(value)))
    if number < 0:
        raise CellError("negative", message("negative", value=shown(value)))
    return number


def read_percent(value: object) -> float:
    """A probability: 50%, 50 or 0.5 are all one half."""
    try:
        number = parse_number(value, allow_negative=True, percent=True)
    except (ValueError, TypeError):
        raise CellError("not_percent", message("not_percent", value=shown(value))) from None
    if not 0 <= number <= 1:
        raise CellError("not_percent", message("not_percent", value=shown(value)))
    return number


def read_date(value: object) -> pd.Timestamp:
    """A date: a spreadsheet date, 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 2025年3月
    (the 1st), 20250301, or an Excel day number."""
    def bad() -> CellError:
        return CellError("not_date", message("not_date", value=shown(value)))

    if isinstance(value, pd.Timestamp | dt.datetime | dt.date):
        try:
            stamp = pd.Timestamp(value)
        except (ValueError, OverflowError):
            raise bad() from None
        if stamp is pd.NaT or not 1900 <= stamp.year <= 2200:
            raise bad()
        return stamp.normalize()
    if isinstance(value, bool):
        raise bad()
    if isinstance(value, int | float):
        if value != value or not float(value).is_integer():
            raise bad()
        value = int(value)
        if 20_000 <= value <= 80_000:  # an Excel serial day (1954–2119)
            return pd.Timestamp(_EXCEL_EPOCH + dt.timedelta(days=value))
        value = str(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    for pattern in (_YMD, _COMPACT, _YM):
        match = pattern.match(text)
        if match:
            parts = [int(p) for p in match.groups()] + [1]
            try:
                day = dt.date(parts[0], parts[1], parts[2])
            except ValueError:
                raise bad() from None
            if not 1900 <= day.year <= 2200:
                raise bad()
            return pd.Timestamp(day)
    raise bad()


# --- names in either language -------------------------------------------------------------


@cache
def _lookup(kind: str) -> dict[str, str]:
    """Normalised name → id for a kind of catalogue value, from the cases' content."""
    out: dict[str, str] = {}

    def add(item_id: str, *names: object) -> None:
        for name in (item_id, *names):
            key = normalise(name)
            if key:
                out.setdefault(key, item_id)

    if kind == "stage":
        from salestrain.ibm import ssm

        for stage in ssm.data().stages:
            add(stage.id, stage.name.en, stage.name.zh, *data().stage_aliases.get(stage.id, []))
    elif kind == "status":
        for sid, name in data().statuses.items():
            add(sid, name.en, name.zh, *data().status_aliases.get(sid, []))
    elif kind == "segment":
        from salestrain.postal.content import postal

        for seg in postal().customer_segments:
            add(seg.id, seg.name.en, seg.name.zh)
    else:
        from salestrain.pingan.content import data as pingan

        group = {"holding_segment": "segments", "product": "products",
                 "subsidiary": "subsidiaries", "channel": "channels"}[kind]
        for item in getattr(pingan(), group):
            add(item.id, item.name.en, item.name.zh)
    return out


def choices(kind: str, lang: str | None = None) -> str:
    """The names one may type for a stage or a status, in the course language."""
    from salestrain.core.i18n import get_language

    lang = lang or get_language()
    sep = "、" if lang == "zh" else ", "
    if kind == "stage":
        from salestrain.ibm import ssm

        return sep.join(s.name(lang) for s in ssm.data().stages)
    return sep.join(t(lang) for t in data().statuses.values())


def read_choice(kind: str, value: object) -> str:
    """The id a stage or status name stands for (refused when unknown); for catalogue kinds
    (segments, products, channels…) the id when the name is known, else the text as typed."""
    text = read_text(value)
    found = _lookup(kind).get(normalise(text))
    if found is not None:
        return found
    if kind in ("stage", "status"):
        raise CellError(f"not_{kind}", message(f"not_{kind}", value=shown(value),
                                               choices=choices(kind)))
    return text


def reader(kind: str):
    """The reader for a column kind."""
    simple = {"text": read_text, "number": read_number, "percent": read_percent,
              "date": read_date}
    if kind in simple:
        return simple[kind]
    return lambda value: read_choice(kind, value)
