"""The Chinese edition: every translation current, the Chinese notebooks and pages built from
their sources, and the tool that keeps them so."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from salestrain.commands import translate

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_cell_and_section_has_a_current_translation():
    problems = translate.problems()
    assert problems == [], "\n".join(str(p) for p in problems[:10])


def test_the_chinese_notebooks_and_pages_are_built_from_their_sources():
    problems = translate.structure_problems()
    assert problems == [], "\n".join(str(p) for p in problems)


@pytest.mark.parametrize("notebook", translate.english_notebooks(), ids=lambda p: p.stem)
def test_chinese_notebook_runs_the_same_code(notebook):
    english = translate.read_notebook(notebook)
    chinese = translate.read_notebook(translate.TARGET / notebook.name)
    assert translate.code_cells(chinese) == translate.code_cells(english)
    first_code = next(c for c in chinese["cells"] if c["cell_type"] == "code")
    assert first_code["id"] == translate.LANGUAGE_CELL_ID
    assert translate.source_of(first_code) == translate.LANGUAGE_CELL_SOURCE


@pytest.mark.parametrize("notebook", translate.english_notebooks(), ids=lambda p: p.stem)
def test_every_chinese_narrative_cell_is_written_in_chinese(notebook):
    chinese = translate.read_notebook(translate.TARGET / notebook.name)
    for cell in chinese["cells"]:
        if cell["cell_type"] == "markdown":
            text = translate.source_of(cell)
            prose = re.sub(r"```.*|`[^`\n]*`|\([^)\n]*\)|^:[a-z]+:.*|<[^>\n]*>", "", text,
                           flags=re.M)
            han = len(HAN.findall(prose))
            latin = len(re.findall(r"[A-Za-z]", prose))
            # A Han character carries about three letters' worth: references keep English titles.
            assert 3 * han > latin, f"{notebook.name} · {cell['id']} reads as English: {text[:80]}"


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A copy of one notebook and its catalogue, with the tool pointed at it."""
    notebooks = tmp_path / "notebooks"
    (notebooks / "zh" / "translations").mkdir(parents=True)
    name = "00_course_overview"
    shutil.copy(translate.NOTEBOOKS / f"{name}.ipynb", notebooks)
    shutil.copy(translate.CATALOGUES / f"{name}.yaml", notebooks / "zh" / "translations")
    monkeypatch.setattr(translate, "ROOT", tmp_path)
    monkeypatch.setattr(translate, "NOTEBOOKS", notebooks)
    monkeypatch.setattr(translate, "TARGET", notebooks / "zh")
    monkeypatch.setattr(translate, "CATALOGUES", notebooks / "zh" / "translations")
    monkeypatch.setattr(translate, "PAGES", ())
    return notebooks / f"{name}.ipynb"


def _edit_first_markdown(path: Path, new_text: str | None = None, add: bool = False) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c["cell_type"] == "markdown"]
    if add:
        nb["cells"].append({"cell_type": "markdown", "id": "new-cell", "metadata": {},
                            "source": "A new paragraph."})
    else:
        cells[0]["source"] = new_text
    path.write_text(json.dumps(nb), encoding="utf-8")
    return cells[0]["id"]


def test_a_changed_english_cell_makes_its_translation_stale(sandbox):
    assert translate.problems() == []
    cell = _edit_first_markdown(sandbox, "# 00 · A different title")
    (problem,) = translate.problems()
    assert (problem.cell, problem.kind) == (cell, "stale")
    assert "A different title" in problem.detail  # the diff shows what changed
    assert translate.main(["check"]) == 1
    translate.accept(sandbox.name, [cell])
    assert translate.problems() == []


def test_a_new_english_cell_has_a_missing_translation_until_written(sandbox):
    _edit_first_markdown(sandbox, add=True)
    assert [(p.cell, p.kind) for p in translate.problems()] == [("new-cell", "missing")]
    translate.update()
    assert [(p.cell, p.kind) for p in translate.problems()] == [("new-cell", "missing")]
    catalogue = translate.CATALOGUES / "00_course_overview.yaml"
    text = catalogue.read_text(encoding="utf-8")
    assert "A new paragraph." in text
    catalogue.write_text(text.replace("  en: |\n    A new paragraph.\n  zh: ''",
                                      "  en: |\n    A new paragraph.\n  zh: 新的一段。"),
                         encoding="utf-8")
    assert translate.problems() == []
    (written,) = translate.build()
    cells = translate.read_notebook(written)["cells"]
    assert translate.source_of(cells[-1]) == "新的一段。"


def test_a_page_splits_into_sections_but_not_inside_code():
    page = "# Title\n\nIntro.\n\n## One\n\n```bash\n# a comment\n```\n\n## One\n\nAgain.\n"
    sections = translate.page_sections(page)
    assert [s for s, _ in sections] == ["title", "one", "one-2"]
    assert "# a comment" in sections[1][1]
    assert "".join(text for _, text in sections) == page
