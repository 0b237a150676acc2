"""The course site builds with warnings as errors, and its generated pages are current."""

from __future__ import annotations

import pytest

from salestrain.commands import bookgen
from tests.site import ROOT, build_log

BOOK = ROOT / "book"  # the site's sources


@pytest.mark.book
def test_generated_pages_are_current():
    assert bookgen.main(["--check"]) == 0, "run `python -m salestrain.commands.bookgen` and commit"


@pytest.mark.book
def test_book_builds_with_no_warning(built_book):
    assert (built_book / "index.html").exists()
    assert "build succeeded" in build_log().read_text()
    assert "WARNING" not in build_log().read_text()


@pytest.mark.book
def test_every_toc_page_is_built(built_book):
    import yaml

    toc = yaml.safe_load((BOOK / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part["chapters"]]
    for name in files:
        assert (built_book / f"{name}.html").exists(), name


@pytest.mark.book
def test_glossary_page_has_every_term_in_both_languages(built_book):
    import html as html_lib
    import re

    from salestrain.course import content

    page = (built_book / "glossary.html").read_text()
    anchors = {html_lib.unescape(a) for a in re.findall(r'<dt id="term-([^"]+)"', page)}
    text = html_lib.unescape(page)
    terms = content.glossary().terms
    for term in terms:
        assert term.term.zh in text and term.term.en in text, term.id
    # Each entry is linkable under both names (two anchors per term).
    assert len(anchors) >= 2 * len(terms)
    assert re.search(r'<dl class="[^"]*glossary', page)


@pytest.mark.book
def test_instructor_page_shows_the_agenda_from_content(built_book):
    from salestrain.course import content

    page = (built_book / "instructor.html").read_text()
    for unit in content.course().units:
        assert f"{unit.minutes} minutes" in page
    assert f"Total: {content.course().total_minutes()} minutes" in page


@pytest.mark.book
def test_widget_pages_load_widget_javascript_from_the_site(built_book):
    page = (built_book / "notebooks" / "01_module1_overview.html").read_text()
    assert "application/vnd.jupyter.widget-state+json" in page
    assert "_static/widgets/embed-amd.js" in page
    assert "cdn.jsdelivr.net/npm/@jupyter-widgets" not in page
    assert "cdnjs.cloudflare.com" not in page


@pytest.mark.book
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_instructor_edition_shows_the_solutions_the_trainee_edition_hides(
    built_book, instructor_book, lang
):
    import json
    import re

    prefix = "" if lang == "en" else "zh/"
    instructor = instructor_book / prefix
    trainee = built_book / prefix
    solution = re.compile(r'<div class="solution[ "]')
    notebooks = sorted((BOOK / "notebooks" / prefix).glob("[0-9]*.ipynb"))
    assert len(notebooks) == 7
    for notebook in notebooks:
        cells = json.loads(notebook.read_text())["cells"]
        expected = sum("".join(c["source"]).count("```{solution}") for c in cells)
        assert expected >= 1, f"{notebook.name} has no exercise solution"
        page = f"notebooks/{notebook.stem}.html"
        assert len(solution.findall((instructor / page).read_text())) == expected, page
        assert solution.findall((trainee / page).read_text()) == [], page
    banner = {"en": "Instructor edition", "zh": "讲师版"}[lang]
    assert 'class="st-edition-banner"' in (instructor / "intro.html").read_text()
    assert banner in (instructor / "intro.html").read_text()
    assert 'class="st-edition-banner"' not in (trainee / "intro.html").read_text()


@pytest.mark.book
def test_chinese_edition_is_built_in_chinese(built_book):
    import re

    import yaml

    zh = built_book / "zh"
    toc = yaml.safe_load((BOOK / "zh" / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for p in toc["parts"] for c in p["chapters"]]
    for name in files:
        page = (zh / f"{name}.html").read_text(encoding="utf-8")
        assert '<html lang="zh-CN"' in page, name
        assert "搜索" in page, f"{name}: the theme's labels are not in Chinese"
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert re.search(r"[\u4e00-\u9fff]", title), f"{name}: title {title!r}"


@pytest.mark.book
def test_every_page_links_to_itself_in_the_other_language(built_book):
    import re
    from urllib.parse import urljoin

    pages = [p for p in built_book.rglob("*.html") if "_static" not in p.parts
             and "_sources" not in p.parts]
    assert any("zh" in p.relative_to(built_book).parts for p in pages)
    for path in pages:
        rel = path.relative_to(built_book).as_posix()
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="Refresh"' in text or "http-equiv=\"refresh\"" in text.lower():
            continue  # index.html only redirects to the first page
        links = re.findall(r'<p class="st-lang-switch"><a href="([^"]+)"', text)
        assert len(links) == 1, f"{rel}: {len(links)} language switches"
        target = urljoin(f"http://site/{rel}", links[0]).removeprefix("http://site/")
        other = rel.removeprefix("zh/") if rel.startswith("zh/") else f"zh/{rel}"
        assert target == other, f"{rel} links to {target}, not {other}"
        assert (built_book / target).exists(), f"{rel}: {target} does not exist"


@pytest.mark.book
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_trainee_downloads_hold_no_solution(built_book, lang):
    """Every file a trainee can download from the trainee site (the notebooks behind the
    download button, the page sources) is free of solutions; the pages still show exercises."""
    root = built_book / ("" if lang == "en" else "zh")
    sources = [p for p in (root / "_sources").rglob("*") if p.is_file()]
    assert any(p.suffix == ".ipynb" for p in sources)
    for path in sources:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "{solution}" not in text, path.relative_to(built_book)
        if path.suffix == ".ipynb":
            assert "{exercise}" in text or "00_course" in path.name, path.name


@pytest.mark.book
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_own_data_templates_download_from_the_site(built_book, lang):
    """Each site's home page offers the three templates, and the files it serves are the
    templates of that language (header row in both languages, example row in this one)."""
    import re

    from salestrain.imports.content import TABLES

    site = built_book if lang == "en" else built_book / "zh"
    page = (site / "intro.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(_downloads/[^"]+\.xlsx)"', page)
    assert len(links) == len(TABLES)
    files = bookgen.template_files(lang)
    for link in links:
        served = (site / link).read_bytes()
        assert served == files[link.rsplit("/", 1)[1]]
