"""Bilingual text: the `Text` type every content entry uses, and the course language switch."""

from __future__ import annotations

import os
from contextlib import contextmanager

from pydantic import BaseModel, ConfigDict, field_validator

LANGUAGES = ("en", "zh")
_language = os.environ.get("SALESTRAIN_LANG", "en")
if _language not in LANGUAGES:
    _language = "en"


class Text(BaseModel):
    """One user-facing text in English and Chinese; both are required and non-empty."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    en: str
    zh: str

    @field_validator("en", "zh", mode="before")
    @classmethod
    def _not_blank(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValueError("is empty: write the text in this language")
        if isinstance(value, (int, float)):
            return str(value)
        return value

    def __call__(self, lang: str | None = None) -> str:
        """The text in `lang`, or in the current course language."""
        return getattr(self, check_language(lang or _language))

    def __str__(self) -> str:
        return self()


def check_language(lang: str) -> str:
    """Return `lang` if the course has it, else raise a ValueError naming the choices."""
    if lang not in LANGUAGES:
        msg = f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}"
        raise ValueError(msg)
    return lang


def get_language() -> str:
    """The language texts render in when none is given."""
    return _language


def set_language(lang: str) -> None:
    """Switch the course language for this kernel ('en' or 'zh')."""
    global _language
    _language = check_language(lang)


@contextmanager
def language(lang: str):
    """Render in `lang` inside a `with` block, then switch back."""
    previous = get_language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(previous)
