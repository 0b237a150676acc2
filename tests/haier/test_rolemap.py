"""The trainee's role map: findings, tolerant loading, saving and every export."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from pydantic import ValidationError

from salestrain.core import storage
from salestrain.haier.rolemap import KIND, Post, RoleMap, blank, describe


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
    # a second save to its file keeps the previous version
    rm.posts[0].paid_on = "利润"
    assert rm.save(path=path) == path
    assert storage.backup_path(path).exists()
    assert RoleMap.load(path).posts[0].paid_on == "利润"
    # another map of the same title gets its own file, never this one
    other = RoleMap(title=rm.title).save()
    assert other != path and RoleMap.load(path).posts[0].paid_on == "利润"


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
    assert {p.parent for p in paths.values()} == {work_dir / "exports"}
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


def test_exports_never_share_a_path_with_saved_work(work_dir):
    rm = RoleMap.example("en")
    saved = rm.save()
    exported = rm.export("json")
    assert exported.parent == work_dir / "exports" and exported.name == saved.name
    assert storage.read(saved, KIND) == rm.to_data()  # the work file is still ours
    rm.posts[0].paid_on = "model profit"
    rm.save(path=saved)  # and saving again works
    assert [f.path for f in storage.list_saved(work_dir)] == [saved]
    folder = work_dir.parent / "elsewhere"
    assert rm.export("markdown", folder).parent == folder / "exports"


@pytest.mark.parametrize(
    ("lang", "label", "progress"),
    [("en", "Role map", "4 posts · 2 of 3 order duties owned"),
     ("zh", "职责图", "4个岗位 · 3项订单职责中2项有人负责")],
)
def test_the_rolemap_kind_is_registered_for_lists_of_saved_work(lang, label, progress):
    assert storage.KINDS[KIND].label(lang) == label
    example = RoleMap.example(lang)
    assert describe(example.to_data(), lang) == (example.title, progress)
    assert describe(RoleMap().to_data(), lang)[0] == RoleMap().name(lang)
    assert blank() == RoleMap().to_data()


def test_describe_of_a_saved_file_through_storage(work_dir):
    path = RoleMap.example("en").save()
    title, progress = storage.describe(storage.list_saved(work_dir, KIND)[0], "en")
    assert title == RoleMap.example("en").title and "2 of 3" in progress
    assert path.exists()
