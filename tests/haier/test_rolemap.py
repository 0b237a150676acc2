"""The trainee's role map: findings, tolerant loading, saving and every export."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from pydantic import ValidationError

from salestrain.core import storage
from salestrain.haier.rolemap import KIND, Post, RoleMap


def test_example_flags_the_duty_nobody_owns():
    rm = RoleMap.example("en")
    assert rm.unowned() == ["realise"]
    codes = [f.code for f in rm.findings("en")]
    assert codes == ["unowned"]
    assert "Realise orders" in rm.findings("en")[0].message
    assert "实现订单" in rm.findings("zh")[0].message


def test_complete_map_has_no_findings():
    rm = RoleMap(title="t", posts=[
        Post(name="Model owner", duty="create", paid_on="model profit"),
        Post(name="Regional promoter", duty="realise", paid_on="regional sales"),
        Post(name="Account manager", duty="obtain", paid_on="orders"),
        Post(name="Sorter", duty="none"),
    ])
    assert rm.findings() == []
    assert rm.counts() == {"create": 1, "realise": 1, "obtain": 1, "none": 1}
    assert "4" in rm.summary("en")


@pytest.mark.parametrize(
    ("posts", "codes"),
    [
        ([], ["empty"]),  # nothing yet
        ([Post(name="A", duty="create", paid_on="x")], ["unowned", "unowned"]),
        ([Post(name="", duty="obtain", paid_on="x")], ["unowned"] * 3 + ["unnamed"]),
        ([Post(name="A", duty="create"), Post(name="B", duty="realise", paid_on="y"),
          Post(name="C", duty="obtain", paid_on="z")], ["unpaid"]),
        ([Post(name="A", duty="create", paid_on="x"), Post(name="a ", duty="realise", paid_on="y"),
          Post(name="C", duty="obtain", paid_on="z")], ["duplicate"]),
    ],
)
def test_findings(posts, codes):
    assert [f.code for f in RoleMap(posts=posts).findings("en")] == codes


def test_raises_unknown_duty_but_blank_duty_is_none():
    with pytest.raises(ValidationError, match="unknown_duty"):
        Post(name="x", duty="sell")
    assert Post(name="x", duty=None).duty == "none"
    assert Post(name="x", duty="").duty == "none"


def test_save_and_load_round_trip(work_dir):
    rm = RoleMap.example("zh")
    path = rm.save()
    assert path.parent == work_dir and path.name.startswith("rolemap-")
    assert RoleMap.load(path) == rm
    # a second save keeps the previous version
    rm.posts[0].paid_on = "利润"
    rm.save()
    assert storage.backup_path(path).exists()
    assert RoleMap.load(path).posts[0].paid_on == "利润"


def test_load_ignores_unknown_fields_and_refuses_other_kinds(work_dir):
    path = work_dir / "rolemap-x.json"
    storage.write(path, KIND, {"title": "x", "future": 1,
                               "posts": [{"name": "A", "duty": "obtain", "colour": "red"}]})
    rm = RoleMap.load(path)
    assert rm.posts[0].name == "A" and rm.posts[0].paid_on == ""
    other = work_dir / "plan-x.json"
    storage.write(other, "plan", {"title": "x"})
    with pytest.raises(storage.ForeignFileError):
        RoleMap.load(other)
    with pytest.raises(ValueError):
        RoleMap.from_data(["not", "a", "map"])


def test_exports_escape_and_neutralise_trainee_text(work_dir):
    rm = RoleMap(title="<script>alert(1)</script>", organisation="=HYPERLINK(\"x\")", posts=[
        Post(name="=cmd|' /C calc'!A0", duty="obtain", paid_on="<b>bold</b>"),
    ])
    paths = {fmt: rm.export(fmt) for fmt in ("word", "excel", "markdown", "json")}
    assert {p.suffix for p in paths.values()} == {".docx", ".xlsx", ".md", ".json"}
    md = paths["markdown"].read_text(encoding="utf-8")
    assert "<script>" not in md  # the title is escaped (table cells are report.py's business)
    wb = load_workbook(paths["excel"])
    cells = [c.value for ws in wb for row in ws.iter_rows() for c in row if c.value]
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["posts"][0]["duty"] == "obtain"
    with pytest.raises(ValueError, match="export format"):
        rm.export("pdf")


def test_report_lists_posts_by_duty_and_the_findings():
    report = RoleMap.example("en").to_report("en")
    table = report.sections[0].tables[0]
    duties = [row[1] for row in table.rows]
    assert duties == sorted(duties, key=["Create orders", "Realise orders", "Obtain orders",
                                         "None of these"].index)
    assert any("Nobody owns" in p for p in report.sections[1].paragraphs)
    zh = RoleMap.example("zh").to_report("zh")
    assert zh.title.startswith("订单职责图")


def test_untitled_map_still_saves(work_dir):
    path = RoleMap().save()
    assert path.exists()
