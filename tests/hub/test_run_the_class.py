"""The "Run the class" chapter: in both tables of contents, every section translated, the
Chinese page the one `translate build` writes, and the figures table left for `make bench-hub`."""

from __future__ import annotations

from pathlib import Path

import yaml

from salestrain.commands import translate
from salestrain.course import content

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "book" / "run-the-class.md"
SOURCE = translate.Source(PAGE, translate.PAGE_CATALOGUES / "run-the-class.yaml")
FIGURES = "<!-- bench-hub figures -->"  # the placeholder the measured figures replaced


def toc_files(path: Path) -> list[str]:
    toc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [c["file"] for part in toc["parts"] for c in part["chapters"]]


def test_chapter_follows_the_instructor_guide_in_both_languages():
    for toc in (ROOT / "book" / "_toc.yml", ROOT / "book" / "zh" / "_toc.yml"):
        files = toc_files(toc)
        assert files[files.index("instructor") + 1] == "run-the-class", toc


def test_every_section_has_a_current_chinese_translation():
    entries = {e["id"]: e for e in translate.read_catalogue(SOURCE.catalogue)}
    for unit_id, text in SOURCE.units():
        assert unit_id in entries, f"{unit_id}: no translation entry"
        assert (entries[unit_id].get("zh") or "").strip(), f"{unit_id}: no Chinese text"
        assert entries[unit_id]["hash"] == translate.digest(text), f"{unit_id}: stale"
    assert set(entries) == {u for u, _ in SOURCE.units()}


def test_chinese_page_is_the_one_the_translations_build():
    built = (translate.PAGE_TARGET / "run-the-class.md").read_text(encoding="utf-8")
    assert built == translate.chinese_page(SOURCE)


def test_chinese_text_uses_the_glossary_terms():
    found = []
    for entry in translate.read_catalogue(SOURCE.catalogue):
        for term in content.glossary().terms:
            found += [f"{entry['id']}: {w!r} → {term.term.zh!r}" for w in term.misuses(entry["zh"])]
    assert found == []


def test_sections_keep_code_blocks_and_the_measured_table():
    entries = {e["id"]: e for e in translate.read_catalogue(SOURCE.catalogue)}
    for unit_id, entry in entries.items():
        assert entry["en"].count("```") == entry["zh"].count("```"), unit_id
        # every table has the same rows in both languages (the measured figures included)
        assert entry["en"].count("\n| ") == entry["zh"].count("\n| "), unit_id
    measured = entries["measured-on-a-2-core-machine"]
    assert FIGURES not in measured["en"] and FIGURES not in measured["zh"]
    for text in (measured["en"], measured["zh"]):
        rows = [line for line in text.splitlines() if line.startswith("| ")][2:]
        assert len(rows) >= 8 and all(line.count("|") == 3 for line in rows)
