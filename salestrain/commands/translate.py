"""The Chinese notebooks, generated from the English ones and a translation file per notebook.

Usage::

    python -m salestrain.commands.translate check [NB …]   # missing or stale translations → exit 1
    python -m salestrain.commands.translate update [NB …]  # add new cells' entries, drop removed
    python -m salestrain.commands.translate accept NOTEBOOK CELL [CELL …]
                                                       # a stale cell's zh was revised: record it
    python -m salestrain.commands.translate build      # write notebooks/zh/*.ipynb (no outputs)

The code lives once, in the English notebook. Each markdown cell's translation sits in
``notebooks/zh/translations/<notebook>.yaml`` beside a copy of the English text it was made
from and that text's hash; when the English cell changes, the hash no longer matches and the
check fails until a translator updates the Chinese and runs ``accept``. A Chinese notebook is
the English one with each markdown cell replaced by its translation and one extra code cell at
the top that sets the course language (so every label, table, chart and export is Chinese).
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
LANG = "zh"
TARGET = NOTEBOOKS / LANG
CATALOGUES = TARGET / "translations"
LANGUAGE_CELL_ID = "set-course-language"
LANGUAGE_CELL_SOURCE = 'from salestrain import set_language\n\nset_language("zh")'


def source_of(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def digest(text: str) -> str:
    """A short, stable fingerprint of an English cell's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def english_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))


def catalogue_path(notebook: Path) -> Path:
    return CATALOGUES / f"{notebook.stem}.yaml"


def read_notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


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


def write_catalogue(path: Path, notebook: Path, cells: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = []
    for cell in cells:
        entry = {"id": cell["id"], "hash": cell["hash"]}
        entry["en"] = _Block(cell.get("en", "").rstrip("\n") + "\n")
        zh = (cell.get("zh") or "").rstrip("\n")
        entry["zh"] = _Block(zh + "\n") if zh else ""
        entries.append(entry)
    header = (
        f"# Chinese translation of notebooks/{notebook.name}, one entry per markdown cell.\n"
        "# `en` is the English text the translation was made from and `hash` its fingerprint;\n"
        "# edit only `zh`. After revising a stale entry, run\n"
        f"#   python -m salestrain.commands.translate accept {notebook.name} CELL-ID\n"
    )
    body = yaml.safe_dump(
        {"notebook": notebook.name, "cells": entries},
        allow_unicode=True, sort_keys=False, width=100,
    )
    path.write_text(header + body, encoding="utf-8")


@dataclass
class Problem:
    notebook: str
    cell: str
    kind: str  # "missing", "stale", "orphan", "structure"
    detail: str = ""

    def __str__(self) -> str:
        text = f"{self.notebook} · cell {self.cell}: {self.kind}"
        return f"{text} — {self.detail}" if self.detail else text


def problems(notebooks: list[Path] | None = None) -> list[Problem]:
    """Every markdown cell without a current translation, and every entry without a cell."""
    found: list[Problem] = []
    for nb_path in notebooks or english_notebooks():
        nb = read_notebook(nb_path)
        entries = {e.get("id"): e for e in read_catalogue(catalogue_path(nb_path))}
        wanted = set()
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            wanted.add(cell["id"])
            text = source_of(cell)
            entry = entries.get(cell["id"])
            if entry is None or not (entry.get("zh") or "").strip():
                found.append(Problem(nb_path.name, cell["id"], "missing",
                                     "no Chinese text yet: write it under `zh`"))
            elif entry.get("hash") != digest(text):
                diff = "\n".join(difflib.unified_diff(
                    (entry.get("en") or "").splitlines(), text.splitlines(),
                    "translated from", "English now", lineterm="", n=0))
                found.append(Problem(nb_path.name, cell["id"], "stale",
                                     "the English changed since it was translated; revise "
                                     "`zh`, then run `translate accept`\n" + diff))
        for orphan in sorted(set(entries) - wanted):
            found.append(Problem(nb_path.name, str(orphan), "orphan",
                                 "no such markdown cell any more: run `translate update`"))
    return found


def update(notebooks: list[Path] | None = None) -> None:
    """Bring each catalogue's list of cells in line with its notebook; keep every translation."""
    for nb_path in notebooks or english_notebooks():
        nb = read_notebook(nb_path)
        old = {e.get("id"): e for e in read_catalogue(catalogue_path(nb_path))}
        cells = []
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            text = source_of(cell)
            entry = old.get(cell["id"])
            if entry is None:
                entry = {"id": cell["id"], "hash": digest(text), "en": text, "zh": ""}
            elif not (entry.get("zh") or "").strip():
                entry = {**entry, "hash": digest(text), "en": text}
            cells.append(entry)
        write_catalogue(catalogue_path(nb_path), nb_path, cells)


def accept(notebook: str, cell_ids: list[str]) -> None:
    """Record that the Chinese of these cells now translates the current English."""
    nb_path = NOTEBOOKS / notebook
    nb = read_notebook(nb_path)
    texts = {c["id"]: source_of(c) for c in nb["cells"] if c["cell_type"] == "markdown"}
    entries = read_catalogue(catalogue_path(nb_path))
    by_id = {e["id"]: e for e in entries}
    for cell_id in cell_ids:
        if cell_id not in texts or cell_id not in by_id:
            raise SystemExit(f"{notebook}: no markdown cell {cell_id!r} with a translation entry")
        by_id[cell_id]["en"] = texts[cell_id]
        by_id[cell_id]["hash"] = digest(texts[cell_id])
    write_catalogue(catalogue_path(nb_path), nb_path, entries)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def chinese_notebook(nb_path: Path) -> dict:
    """The Chinese notebook for one English notebook (outputs cleared: execution fills them)."""
    nb = read_notebook(nb_path)
    entries = {e["id"]: e for e in read_catalogue(catalogue_path(nb_path))}
    out = copy.deepcopy(nb)
    out["metadata"].pop("widgets", None)
    out["metadata"]["language"] = "zh-CN"
    cells = []
    inserted = False
    for cell in out["cells"]:
        if cell["cell_type"] == "code" and not inserted:
            cells.append({
                "cell_type": "code", "id": LANGUAGE_CELL_ID, "execution_count": None,
                "metadata": {"tags": ["remove-cell"]}, "outputs": [],
                "source": _lines(LANGUAGE_CELL_SOURCE),
            })
            inserted = True
        if cell["cell_type"] == "markdown":
            entry = entries.get(cell["id"])
            if entry and (entry.get("zh") or "").strip():
                cell["source"] = _lines(entry["zh"].rstrip("\n"))
        elif cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cells.append(cell)
    out["cells"] = cells
    return out


def code_cells(nb: dict) -> list[tuple[str, str]]:
    return [(c["id"], source_of(c)) for c in nb["cells"]
            if c["cell_type"] == "code" and c["id"] != LANGUAGE_CELL_ID]


def structure_problems() -> list[Problem]:
    """A Chinese notebook whose code or cell order differs from what `build` would write."""
    found = []
    for nb_path in english_notebooks():
        target = TARGET / nb_path.name
        if not target.exists():
            found.append(Problem(nb_path.name, "-", "structure",
                                 f"{target.relative_to(ROOT)} is missing: run `make notebooks`"))
            continue
        want, have = chinese_notebook(nb_path), read_notebook(target)
        shape = [(c["cell_type"], c["id"], source_of(c)) for c in want["cells"]]
        got = [(c["cell_type"], c["id"], source_of(c)) for c in have["cells"]]
        if shape != got:
            found.append(Problem(nb_path.name, "-", "structure",
                                 f"{target.relative_to(ROOT)} is out of date with its English "
                                 "notebook or translations: run `make notebooks`"))
    return found


def build(notebooks: list[Path] | None = None) -> list[Path]:
    """Write the Chinese notebooks whose cells changed; keep the outputs of unchanged ones."""
    written = []
    TARGET.mkdir(parents=True, exist_ok=True)
    for nb_path in notebooks or english_notebooks():
        target = TARGET / nb_path.name
        want = chinese_notebook(nb_path)
        if target.exists():
            have = read_notebook(target)
            if [(c["cell_type"], c["id"], source_of(c)) for c in have["cells"]] == [
                (c["cell_type"], c["id"], source_of(c)) for c in want["cells"]
            ]:
                continue
        target.write_text(json.dumps(want, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                          encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args.pop(0) if args else "check"
    named = [NOTEBOOKS / a for a in args if a.endswith(".ipynb")] or None
    if command == "update":
        update(named)
        command = "check"
    if command == "accept":
        if len(args) < 2:
            print("usage: translate accept NOTEBOOK.ipynb CELL-ID [CELL-ID …]", file=sys.stderr)
            return 2
        accept(Path(args[0]).name, args[1:])
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
        total = sum(
            1 for p in named or english_notebooks() for c in read_notebook(p)["cells"]
            if c["cell_type"] == "markdown"
        )
        bad = {(p.notebook, p.cell) for p in found if p.kind in ("missing", "stale")}
        print(f"translations: {total - len(bad)} of {total} markdown cells current"
              + ("" if not found else f"; {len(found)} problem(s)"))
        return 1 if found else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
