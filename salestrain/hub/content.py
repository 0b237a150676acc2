"""The class hub's messages (en + zh): what the instructor reads when starting or checking a
class hub, and the roster's field-level errors."""

from __future__ import annotations

from salestrain.core.content import ContentFile, Strings

FILE = ContentFile(__package__, "content.yaml", Strings)


def text(key: str, lang: str | None = None, **fields: object) -> str:
    """A hub message in the course language, with `{name}` fields filled in."""
    return FILE.text(key, lang, **fields)
