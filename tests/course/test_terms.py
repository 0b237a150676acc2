"""One Chinese term per concept: no Chinese text of the course uses a rendering the glossary
forbids. Checks every content YAML under salestrain/ and every notebook translation."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from salestrain.course import content

ROOT = Path(__file__).resolve().parents[2]
CONTENT = sorted((ROOT / "salestrain").glob("*/*.yaml"))
TRANSLATIONS = sorted((ROOT / "notebooks" / "zh" / "translations").glob("*.yaml"))


def zh_texts(node, path=""):
    """Yield (key path, text) for every string stored under a `zh` key."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}/{key}" if path else str(key)
            if key == "zh" and isinstance(value, str):
                yield here, value
            else:
                yield from zh_texts(value, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from zh_texts(value, f"{path}/{i}" if path else str(i))


def translation_texts(data):
    """Yield (cell id path, zh) for each cell of a notebook translation."""
    for i, cell in enumerate(data.get("cells", [])):
        if isinstance(cell.get("zh"), str):
            yield f"cells/{i} (cell {cell.get('id')})/zh", cell["zh"]


def offences(texts) -> list[str]:
    found = []
    for path, text in texts:
        for term in content.glossary().terms:
            for word in term.misuses(text):
                found.append(f"{path}: {word!r} → use {term.term.zh!r} ({term.term.en})")
    return found


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", CONTENT, ids=rel)
def test_content_yaml_uses_the_glossary_terms(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = offences(zh_texts(data))
    assert not found, f"{rel(path)}:\n  " + "\n  ".join(found)


@pytest.mark.parametrize("path", TRANSLATIONS, ids=rel)
def test_notebook_translation_uses_the_glossary_terms(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = offences(translation_texts(data))
    assert not found, f"{rel(path)}:\n  " + "\n  ".join(found)


def test_the_files_are_found():
    assert len(CONTENT) >= 10 and len(TRANSLATIONS) >= 7
    assert ROOT / "salestrain" / "course" / "glossary.yaml" in CONTENT


def test_glossary_forbids_the_known_wrong_renderings():
    forbidden = {t.id: set(t.forbidden_zh) for t in content.glossary().terms}
    assert "机会计划" in forbidden["opportunity-plan"]
    assert "综合作业" in forbidden["capstone"]
    assert {"虚构数据", "虚构"} <= forbidden["synthetic-data"]
    assert "业务单位" in forbidden["postal-business-unit"]
    assert "起付" in forbidden["threshold"]
    assert "获胜机率" in forbidden["win-probability"]
    assert "参考客户" in forbidden["reference-customer"]
    assert "店内促销" in forbidden["on-site-promotion"]
    assert "年额" in forbidden["annual-contract-value"]


def test_misuse_matching_is_sensible():
    terms = {t.id: t for t in content.glossary().terms}
    acv = terms["annual-contract-value"]
    assert acv.misuses("年额50万元以上由副局长签批") == ["年额"]
    assert acv.misuses("年合同额50万元以上") == []
    assert acv.misuses("全年额度") == []  # an allowed longer word
    sponsor = terms["sponsor"]
    # 主管 as "supervisor" is fine; only its use for the customer's sponsor is flagged.
    assert sponsor.misuses("客户经理与主管商定年度目标") == []
    assert sponsor.misuses("找到客户方主管并开始接触") == ["客户方主管"]


def test_offences_name_file_key_path_and_the_right_term():
    found = offences(zh_texts({"units": [{"title": {"en": "x", "zh": "邮政营销体系与综合作业"}}]}))
    assert found == ["units/0/title/zh: '综合作业' → use '结业作业' (Capstone homework)"]


def test_a_forbidden_word_inside_its_own_term_is_rejected():
    data = content.GLOSSARY.read()
    data["terms"][0]["forbidden_zh"] = ["市场"]
    with pytest.raises(content.ContentError, match="part of the term itself"):
        content.GLOSSARY.parse(data)
