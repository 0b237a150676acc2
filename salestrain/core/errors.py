"""The one shape of a refused value: `FieldError(code, message, field)`.

A form shows `message` under the input `field` names ('' when the value belongs to no one
input); tests and programs read the stable `code`, never the sentence, which is in the course
language and may be reworded. Each case's own errors are thin subclasses, so one `except
FieldError` catches them all. `find` and `look_up` are look-ups by id that say what was not found
and what there is, instead of a bare StopIteration or KeyError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

T = TypeVar("T")
V = TypeVar("V")


class FieldError(ValueError):
    """A value refused: `code` is stable, `message` is for the trainee, `field` says where.

    The constructor takes the code first (as the case errors always have), so a subclass needs
    no constructor of its own.
    """

    def __init__(self, code: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field or ""

    def __str__(self) -> str:
        return self.message


class NotFound(FieldError, KeyError):
    """A look-up by id found nothing (code "not_found"; `field` is the kind looked up).

    Also a KeyError, so callers that caught a missing dictionary key keep working.
    """

    def __init__(self, kind: str, wanted: object, known: Iterable[object]) -> None:
        from salestrain.core.content import ui

        names = [str(k) for k in known]
        message = ui("not_found", kind=kind, id=repr(wanted),
                     known=", ".join(names) if names else ui("not_found_none"))
        super().__init__("not_found", message, field=kind)
        self.wanted = wanted


def find(items: Iterable[T], wanted: object, kind: str,
         key: Callable[[T], object] = lambda item: item.id) -> T:  # type: ignore[attr-defined]
    """The first of `items` whose `key` is `wanted`; NotFound names it and lists the others."""
    items = list(items)
    for item in items:
        if key(item) == wanted:
            return item
    raise NotFound(kind, wanted, (key(item) for item in items))


def look_up(mapping: Mapping[object, V], wanted: object, kind: str) -> V:
    """`mapping[wanted]`; NotFound names it and lists the keys there are."""
    try:
        return mapping[wanted]
    except KeyError:
        raise NotFound(kind, wanted, mapping) from None


def error_code(error: Mapping) -> str:
    """The stable code of one of pydantic's errors (an item of `ValidationError.errors()`): a
    FieldError's own code when a validator raised one, else pydantic's error type."""
    cause = (error.get("ctx") or {}).get("error")
    return cause.code if isinstance(cause, FieldError) else str(error["type"])
