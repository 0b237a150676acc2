"""The notebook runner's determinism rules."""

from __future__ import annotations

import pytest

from salestrain.commands.execute import stable_model_ids


def test_model_ids_are_renumbered_consistently():
    a, b = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"
    text = f'{{"model_id": "{a}", "children": ["IPY_MODEL_{b}"], "state": {{"{a}": 1}}}}'
    once = stable_model_ids(text, "nb")
    assert a not in once and b not in once
    assert once == stable_model_ids(text.replace(a, "1" * 32).replace(b, "2" * 32), "nb")
    new_a = once.split('"model_id": "')[1][:32]
    assert once.count(new_a) == 2


@pytest.mark.kernel
def test_re_running_a_notebook_changes_no_byte(tmp_path):
    import shutil
    from pathlib import Path

    from salestrain.commands.execute import execute

    # 00's "My work" panel shows the work folder: its path must not vary between runs
    source = Path(__file__).resolve().parents[2] / "notebooks" / "00_course_overview.ipynb"
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    execute(copy)
    first = copy.read_bytes()
    execute(copy)
    assert copy.read_bytes() == first
    assert first == source.read_bytes(), "stored outputs are stale: run `make notebooks`"
