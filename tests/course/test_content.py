"""Content data: every file validates, every text has both languages, errors name the place."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

import salestrain
from salestrain.core import content as core_content
from salestrain.core.content import ContentError, ui
from salestrain.core.i18n import Text, language, set_language
from salestrain.course import content

DECLARED = {f.name: f for f in core_content.declared_files()}
CONTENT_FILES = sorted(
    f"{pkg.name}/{p.name}"
    for pkg in resources.files(salestrain).iterdir() if pkg.is_dir()
    for p in pkg.iterdir() if p.name.endswith(".yaml")
)


def walk_texts(node, path=""):
    """Yield (path, dict) for every mapping that holds an `en` or `zh` key."""
    if isinstance(node, dict):
        if "en" in node or "zh" in node:
            yield path, node
        for key, value in node.items():
            yield from walk_texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk_texts(value, f"{path}/{i}")


def test_every_content_file_has_a_schema():
    assert CONTENT_FILES, "no content files found"
    assert set(CONTENT_FILES) <= set(DECLARED), "declare each YAML file with ContentFile(...)"
    assert set(DECLARED) <= set(CONTENT_FILES)


def test_every_content_file_validates():
    assert core_content.validate_all() == []


@pytest.mark.parametrize("filename", CONTENT_FILES)
def test_every_text_has_both_languages_and_neither_is_empty(filename):
    data = DECLARED[filename].read()
    texts = list(walk_texts(data))
    assert texts, f"{filename} has no bilingual text"
    for path, text in texts:
        for lang in ("en", "zh"):
            value = text.get(lang)
            assert isinstance(value, str | int | float), f"{filename}{path}: missing {lang}"
            assert str(value).strip(), f"{filename}{path}: empty {lang}"


def test_glossary_has_the_course_key_terms():
    terms = content.glossary().terms
    assert len(terms) >= 30
    zh = {t.term.zh for t in terms}
    for required in ["市场链", "型号经理", "交叉销售", "综合开拓部", "大客户", "行业发展计划",
                     "可验证的结果", "权威赞助人"]:
        assert required in zh, required
    units = {u.id for u in content.course().units}
    assert all(t.case in units for t in terms)


def test_course_outline_is_complete():
    course = content.course()
    assert [m.number for m in course.modules] == [0, 1, 2]
    assert [u.notebook[:2] for u in course.units] == ["00", "01", "02", "03", "04", "05", "06"]
    assert course.total_minutes() == sum(u.minutes.total for u in course.units)
    assert {u.id for u in course.units_in("module1")} == {
        "module1_overview", "haier", "pingan", "hp", "ibm"}


def test_missing_language_is_reported_with_file_and_key_path():
    data = content.GLOSSARY.read()
    del data["terms"][3]["definition"]["zh"]
    expected = r"course/glossary.yaml: terms/3/definition/zh: missing"
    with pytest.raises(ContentError, match=expected):
        content.GLOSSARY.parse(data)


def test_blank_text_is_rejected():
    data = content.COURSE.read()
    data["units"][0]["objectives"][1]["en"] = "   "
    with pytest.raises(ContentError, match=r"units/0/objectives/1/en: is empty"):
        content.COURSE.parse(data)


def test_unknown_prerequisite_unit_is_rejected():
    data = content.COURSE.read()
    data["units"][1]["requires"] = ["nowhere"]
    with pytest.raises(ContentError, match="'nowhere' must be a unit listed before"):
        content.COURSE.parse(data)


def test_quiz_question_needs_a_right_answer():
    data = content.QUIZZES.read()
    for answer in data["quizzes"]["overview"][0]["answers"]:
        answer["correct"] = False
    with pytest.raises(ContentError, match="mark at least one answer correct"):
        content.QUIZZES.parse(data)


def test_yaml_is_loaded_safely():
    # A YAML tag that would construct a Python object must be refused, not run.
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load("!!python/object/apply:os.system ['true']")


def test_text_renders_in_the_course_language():
    text = Text(en="Key account", zh="大客户")
    assert text() == "Key account"
    with language("zh"):
        assert text() == "大客户"
    assert text("zh") == "大客户"
    with pytest.raises(ValueError, match="language must be one of en, zh"):
        set_language("fr")


def test_ui_strings_fill_their_fields():
    assert ui("minutes", "en", minutes=35) == "35 minutes"
    assert ui("minutes", "zh", minutes=35) == "35分钟"
    with pytest.raises(KeyError, match="no strings entry .no-such-key. in core/ui.yaml"):
        ui("no-such-key")
