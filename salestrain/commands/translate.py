"""The Chinese edition, generated from the English sources and one translation file per source.

Usage::

    python -m salestrain.commands.translate check [NB …]   # missing or stale translations → exit 1
    python -m salestrain.commands.translate update [NB …]  # add new cells' entries, drop removed
    python -m salestrain.commands.translate accept SOURCE ID [ID …]
                                                           # a stale entry's zh was revised
    python -m salestrain.commands.translate build          # write notebooks/zh/, book/zh/ pages

Each works on the checkout it is run in, or the one given with ``--root FOLDER``.

The code lives once, in the English notebook. Each markdown cell's translation sits in
``notebooks/zh/translations/<notebook>.yaml`` beside a copy of the English text it was made
from and that text's hash; when the English cell changes, the hash no longer matches and the
check fails until a translator updates the Chinese and runs ``accept``. A Chinese notebook is
the English one with each markdown cell replaced by its translation and one extra code cell at
the top that sets the course language (so every label, table, chart and export is Chinese).

The site's hand-written pages (``book/intro.md`` …) work the same way, one entry per section
(a heading and what follows it), in ``book/zh/translations/<page>.yaml``; ``build`` writes the
Chinese pages into ``book/zh/``.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from salestrain.commands import checkout

LANG = "zh"
PAGES = ("intro.md", "glossary.md", "instructor.md", "run-the-class.md")
LANGUAGE_CELL_ID = "set-course-language"
LANGUAGE_CELL_SOURCE = 'from salestrain import set_language\n\nset_language("zh")'


def use_root(root: Path) -> None:
    """Work on the checkout at `root` (the folders below are all inside it)."""
    global ROOT, NOTEBOOKS, BOOK, TARGET, CATALOGUES, PAGE_TARGET, PAGE_CATALOGUES
    ROOT = root
    NOTEBOOKS = ROOT / "notebooks"
    BOOK = ROOT / "book"
    TARGET = NOTEBOOKS / LANG
    CATALOGUES = TARGET / "translations"
    PAGE_TARGET = BOOK / LANG
    PAGE_CATALOGUES = PAGE_TARGET / "translations"


use_root(checkout.default())


def source_of(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def digest(text: str) -> str:
    """A short, stable fingerprint of an English text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def read_notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# --- what gets translated: notebook cells and page sections --------------------------------


def page_sections(text: str) -> list[tuple[str, str]]:
    """(id, text) for each section of a Markdown page: a heading and what follows it.

    Headings inside code fences do not count; ids come from the heading's words, so adding a
    section leaves the others' ids (and translations) alone.
    """
    sections: list[list[str]] = [[]]
    fence = ""
    for line in text.splitlines(keepends=True):
        marker = re.match(r"^(`{3,}|~{3,})", line)
        if marker:
            if not fence:
                fence = marker.group(1)
            elif line.strip() == fence:
                fence = ""
        if not fence and re.match(r"^#{1,6} ", line) and any(s.strip() for s in sections[-1]):
            sections.append([])
        sections[-1].append(line)
    out, seen = [], set()
    for lines in sections:
        body = "".join(lines)
        heading = next((ln for ln in lines if ln.startswith("#")), "top")
        slug = "-".join(re.findall(r"[a-z0-9]+", heading.lower()))[:40] or "section"
        unique, n = slug, 2
        while unique in seen:
            unique, n = f"{slug}-{n}", n + 1
        seen.add(unique)
        out.append((unique, body))
    return out


@dataclass(frozen=True)
class Source:
    """One English source and where its translation lives."""

    path: Path
    catalogue: Path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def is_notebook(self) -> bool:
        return self.path.suffix == ".ipynb"

    def units(self) -> list[tuple[str, str]]:
        """(id, English text) of everything to translate, in order."""
        if self.is_notebook:
            return [(c["id"], source_of(c)) for c in read_notebook(self.path)["cells"]
                    if c["cell_type"] == "markdown"]
        return page_sections(self.path.read_text(encoding="utf-8"))


def sources(names: list[str] | None = None) -> list[Source]:
    found = [Source(p, CATALOGUES / f"{p.stem}.yaml")
             for p in sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))]
    found += [Source(BOOK / page, PAGE_CATALOGUES / f"{Path(page).stem}.yaml") for page in PAGES]
    if names:
        wanted = {Path(n).name for n in names}
        unknown = wanted - {s.name for s in found}
        if unknown:
            raise SystemExit(f"no English source named {', '.join(sorted(unknown))}")
        found = [s for s in found if s.name in wanted]
    return found


def english_notebooks() -> list[Path]:
    return [s.path for s in sources() if s.is_notebook]


# --- catalogues ---------------------------------------------------------------------------


class _Block(str):
    """A string that YAML writes as a literal block, so a translator edits plain text."""


def _block(dumper: yaml.SafeDumper, value: _Block) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


yaml.SafeDumper.add_representer(_Block, _block)


def read_catalogue(path: Path) -> list[dict]:
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cells = data.get("cells", [])
    if not isinstance(cells, list):
        raise ValueError(f"{path}: 'cells' must be a list of {{id, hash, en, zh}} entries")
    return cells


def write_catalogue(source: Source, cells: list[dict]) -> None:
    path = source.catalogue
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = []
    for cell in cells:
        entry = {"id": cell["id"], "hash": cell["hash"]}
        entry["en"] = _Block(cell.get("en", "").rstrip("\n") + "\n")
        zh = (cell.get("zh") or "").rstrip("\n")
        entry["zh"] = _Block(zh + "\n") if zh else ""
        entries.append(entry)
    where = source.path.relative_to(ROOT)
    unit = "markdown cell" if source.is_notebook else "section"
    header = (
        f"# Chinese translation of {where}, one entry per {unit}.\n"
        "# `en` is the English text the translation was made from and `hash` its fingerprint;\n"
        "# edit only `zh`. After revising a stale entry, run\n"
        f"#   python -m salestrain.commands.translate accept {source.name} ID\n"
    )
    body = yaml.safe_dump({"source": str(where), "cells": entries},
                          allow_unicode=True, sort_keys=False, width=100)
    path.write_text(header + body, encoding="utf-8")


# --- checks --------------------------------------------------------------------------------


@dataclass
class Problem:
    source: str
    cell: str
    kind: str  # "missing", "stale", "orphan", "structure"
    detail: str = ""

    def __str__(self) -> str:
        text = f"{self.source} · {self.cell}: {self.kind}"
        return f"{text} — {self.detail}" if self.detail else text


def problems(names: list[str] | None = None) -> list[Problem]:
    """Every unit without a current translation, and every entry without a unit."""
    found: list[Problem] = []
    for source in sources(names):
        entries = {e.get("id"): e for e in read_catalogue(source.catalogue)}
        units = source.units()
        for unit_id, text in units:
            entry = entries.get(unit_id)
            if entry is None or not (entry.get("zh") or "").strip():
                found.append(Problem(source.name, unit_id, "missing",
                                     "no Chinese text yet: write it under `zh`"))
            elif entry.get("hash") != digest(text):
                diff = "\n".join(difflib.unified_diff(
                    (entry.get("en") or "").splitlines(), text.splitlines(),
                    "translated from", "English now", lineterm="", n=0))
                found.append(Problem(source.name, unit_id, "stale",
                                     "the English changed since it was translated; revise "
                                     "`zh`, then run `translate accept`\n" + diff))
        for orphan in sorted(set(entries) - {u for u, _ in units}):
            found.append(Problem(source.name, str(orphan), "orphan",
                                 "no such cell or section any more: run `translate update`"))
    return found


def update(names: list[str] | None = None) -> None:
    """Bring each catalogue's entries in line with its source; keep every translation."""
    for source in sources(names):
        old = {e.get("id"): e for e in read_catalogue(source.catalogue)}
        cells = []
        for unit_id, text in source.units():
            entry = old.get(unit_id)
            if entry is None:
                entry = {"id": unit_id, "hash": digest(text), "en": text, "zh": ""}
            elif not (entry.get("zh") or "").strip():
                entry = {**entry, "hash": digest(text), "en": text}
            cells.append(entry)
        write_catalogue(source, cells)


def accept(name: str, unit_ids: list[str]) -> None:
    """Record that the Chinese of these entries now translates the current English."""
    (source,) = sources([name])
    texts = dict(source.units())
    entries = read_catalogue(source.catalogue)
    by_id = {e["id"]: e for e in entries}
    for unit_id in unit_ids:
        if unit_id not in texts or unit_id not in by_id:
            raise SystemExit(f"{name}: no cell or section {unit_id!r} with a translation entry")
        by_id[unit_id]["en"] = texts[unit_id]
        by_id[unit_id]["hash"] = digest(texts[unit_id])
    write_catalogue(source, entries)


# --- building the Chinese edition -----------------------------------------------------------


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _translations(source: Source) -> dict[str, str]:
    return {e["id"]: e["zh"].rstrip("\n") for e in read_catalogue(source.catalogue)
            if (e.get("zh") or "").strip()}


def chinese_notebook(nb_path: Path) -> dict:
    """The Chinese notebook for one English notebook (outputs cleared: execution fills them)."""
    (source,) = sources([nb_path.name])
    zh = _translations(source)
    out = copy.deepcopy(read_notebook(nb_path))
    out["metadata"].pop("widgets", None)
    out["metadata"]["language"] = "zh-CN"
    cells = []
    for cell in out["cells"]:
        if cell["cell_type"] == "code" and not any(c["cell_type"] == "code" for c in cells):
            cells.append({
                "cell_type": "code", "id": LANGUAGE_CELL_ID, "execution_count": None,
                "metadata": {"tags": ["remove-cell"]}, "outputs": [],
                "source": _lines(LANGUAGE_CELL_SOURCE),
            })
        if cell["cell_type"] == "markdown" and cell["id"] in zh:
            cell["source"] = _lines(zh[cell["id"]])
        elif cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cells.append(cell)
    out["cells"] = cells
    return out


def chinese_page(source: Source) -> str:
    zh = _translations(source)
    parts = [zh.get(unit_id, text).rstrip("\n") + "\n" for unit_id, text in source.units()]
    return "\n".join(parts)


def code_cells(nb: dict) -> list[tuple[str, str]]:
    """(id, source) of the code a notebook runs, leaving out the language cell."""
    return [(c["id"], source_of(c)) for c in nb["cells"]
            if c["cell_type"] == "code" and c["id"] != LANGUAGE_CELL_ID]


def _shape(nb: dict) -> list[tuple[str, str, str]]:
    return [(c["cell_type"], c["id"], source_of(c)) for c in nb["cells"]]


def structure_problems() -> list[Problem]:
    """A Chinese notebook or page that differs from what `build` would write."""
    found = []
    for source in sources():
        target = (TARGET if source.is_notebook else PAGE_TARGET) / source.name
        where = target.relative_to(ROOT)
        if not target.exists():
            found.append(Problem(source.name, "-", "structure",
                                 f"{where} is missing: run `make notebooks`"))
            continue
        if source.is_notebook:
            same = _shape(chinese_notebook(source.path)) == _shape(read_notebook(target))
        else:
            same = chinese_page(source) == target.read_text(encoding="utf-8")
        if not same:
            found.append(Problem(source.name, "-", "structure",
                                 f"{where} is out of date with its English source or its "
                                 "translations: run `make notebooks`"))
    return found


def build() -> list[Path]:
    """Write the Chinese notebooks and pages that changed (unchanged notebooks keep outputs)."""
    written = []
    for source in sources():
        if source.is_notebook:
            target = TARGET / source.name
            want = chinese_notebook(source.path)
            if target.exists() and _shape(read_notebook(target)) == _shape(want):
                continue
            text = json.dumps(want, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        else:
            target = PAGE_TARGET / source.name
            text = chinese_page(source)
            if target.exists() and target.read_text(encoding="utf-8") == text:
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        checkout.apply(checkout.pop_root(args), use_root)
    except checkout.NotACheckout as exc:
        print(exc, file=sys.stderr)
        return 2
    command = args.pop(0) if args else "check"
    named = [a for a in args if not a.startswith("--")] or None
    if command == "update":
        update(named)
        command = "check"
    if command == "accept":
        if len(args) < 2:
            print("usage: translate accept SOURCE ID [ID …]", file=sys.stderr)
            return 2
        accept(args[0], args[1:])
        return 0
    if command == "build":
        for path in build():
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    if command == "check":
        found = problems(named)
        if "--structure" in args:
            found += structure_problems()
        for problem in found:
            print(problem)
        total = sum(len(s.units()) for s in sources(named))
        bad = {(p.source, p.cell) for p in found if p.kind in ("missing", "stale")}
        print(f"translations: {total - len(bad)} of {total} cells and sections current"
              + ("" if not found else f"; {len(found)} problem(s)"))
        return 1 if found else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
