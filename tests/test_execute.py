"""The notebook runner's determinism rules."""

from __future__ import annotations

from salestrain.execute import stable_model_ids


def test_model_ids_are_renumbered_consistently():
    a, b = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"
    text = f'{{"model_id": "{a}", "children": ["IPY_MODEL_{b}"], "state": {{"{a}": 1}}}}'
    once = stable_model_ids(text, "nb")
    assert a not in once and b not in once
    assert once == stable_model_ids(text.replace(a, "1" * 32).replace(b, "2" * 32), "nb")
    new_a = once.split('"model_id": "')[1][:32]
    assert once.count(new_a) == 2
