"""One refusal shape (FieldError), look-ups that name what is missing, one error line."""

from __future__ import annotations

from types import SimpleNamespace

import ipywidgets as w
import pytest
from pydantic import BaseModel, ValidationError, field_validator

from salestrain.core.errors import FieldError, NotFound, error_code, find, look_up
from salestrain.core.html import error_line
from salestrain.core.i18n import language
from salestrain.core.numbers import NumberError, parse_number
from salestrain.core.widgets import Field

ITEMS = [SimpleNamespace(id="a", n=1), SimpleNamespace(id="b", n=2)]


def test_a_field_error_has_a_code_a_message_and_a_field():
    exc = FieldError("too_big", "Too big: at most 3", field="count")
    assert (exc.code, exc.message, exc.field, str(exc)) == (
        "too_big", "Too big: at most 3", "count", "Too big: at most 3")
    assert isinstance(exc, ValueError)
    assert FieldError("x", "y").field == ""


def test_find_and_look_up_return_what_is_there():
    assert find(ITEMS, "b", "item").n == 2
    assert find(ITEMS, 2, "item", key=lambda i: i.n).id == "b"
    assert look_up({"a": 1}, "a", "item") == 1


@pytest.mark.parametrize("lookup", [lambda: find(ITEMS, "zz", "item"),
                                    lambda: look_up({"a": 1, "b": 2}, "zz", "item")])
def test_a_missing_id_names_the_kind_the_id_and_what_exists(lookup):
    with pytest.raises(NotFound) as info:
        lookup()
    exc = info.value
    assert (exc.code, exc.field, exc.wanted) == ("not_found", "item", "zz")
    assert "item 'zz'" in exc.message and "a, b" in exc.message
    assert str(exc) == exc.message  # not KeyError's quoted repr
    assert isinstance(exc, KeyError) and isinstance(exc, FieldError)


def test_not_found_in_chinese_and_with_nothing_to_choose():
    with language("zh"), pytest.raises(NotFound) as info:
        find([], "x", "item")
    assert "没有" in info.value.message and "无" in info.value.message


def test_number_errors_carry_codes():
    for typed, code in [("abc", "invalid"), ("  ", "empty"), ("-1", "negative")]:
        with pytest.raises(NumberError) as info:
            parse_number(typed, allow_negative=False)
        assert info.value.code == code and info.value.message


class _Form(BaseModel):
    count: int = 0
    name: str = ""

    @field_validator("name")
    @classmethod
    def _short(cls, value: str) -> str:
        if len(value) > 3:
            raise FieldError("too_long", "at most 3 letters")
        return value


def test_error_code_reads_a_validators_code_or_pydantics_type():
    with pytest.raises(ValidationError) as info:
        _Form(count="many", name="abcdef")
    assert sorted(error_code(e) for e in info.value.errors()) == ["int_parsing", "too_long"]


def test_the_error_line_escapes_and_clears():
    assert error_line("") == "" and error_line(None) == ""
    html = error_line("<img src=x> & more")
    assert html.startswith('<span class="st-error" role="alert">⚠ ')
    assert "&lt;img src=x&gt; &amp; more" in html and "<img" not in html
    assert error_line("x", block=True, alert=False) == '<div class="st-error">⚠ x</div>'


def test_a_field_keeps_its_message_as_text_and_shows_the_error_line():
    field = Field("Count", w.Text())
    field.set_error("can't be <b>")
    assert field.error_text == "can't be <b>"
    assert field.error.value == error_line("can't be <b>")
    field.set_error(None)
    assert field.error_text == "" and field.error.value == ""


def test_a_flat_field_shares_one_widget_for_label_and_hint():
    field = Field("Title", w.Text(), "What to call it", boxed=False)
    assert not hasattr(field, "box") and len(field.widgets) == 3
    assert "Title" in field.label.value and "What to call it" in field.label.value
