"""Which column of the trainee's file holds what: find the header row, recognise the headers
(English or Chinese, from content data), and remember the trainee's choices per header layout.

The remembered choices live in the work folder (`imports/mappings.yaml`), keyed by the table
and the file's normalised headers, so the next file with the same layout is mapped the same way.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from salestrain.core import storage
from salestrain.imports.content import IMPORT_FOLDER, Table, table
from salestrain.imports.readers import Grid, ImportFileError, message

MAPPINGS_FILE = "mappings.yaml"
_BRACKETS = re.compile(r"[（(\[【][^）)\]】]*[）)\]】]")
HEADER_ROWS = 10  # the header row is looked for among the first rows
_DROP = re.compile(r"[\s_\-·.:：*＊/\\|,，、'\"“”‘’?？!！#]+")


def normalise(header: object) -> str:
    """A header as compared: full-width folded, lower case, no unit in brackets, no spaces or
    punctuation ("月收入（元）" → "月收入", "Monthly Revenue" → "monthlyrevenue")."""
    text = unicodedata.normalize("NFKC", "" if header is None else str(header)).lower()
    text = _BRACKETS.sub("", text)
    return _DROP.sub("", text)


def _parts(header: object) -> list[str]:
    """The header and each line or slash-separated part of it (templates write both languages,
    "客户名称\\nCustomer name")."""
    raw = "" if header is None else str(header)
    pieces = [raw, *re.split(r"[\n/|]", raw)]
    return [p for p in (normalise(x) for x in pieces) if p]


def _names(spec: Table) -> dict[str, set[str]]:
    return {c.id: {normalise(c.id), normalise(c.label.en), normalise(c.label.zh),
                   *(normalise(a) for a in c.aliases)} for c in spec.columns}


@dataclass
class Layout:
    """A file's header row: where it is and the header text of every column."""

    row: int  # index in the grid of the (lowest) header row
    headers: list[str]

    def key(self, table_name: str) -> str:
        """A stable id for this layout of `table_name` (the normalised headers, hashed)."""
        joined = "\x1f".join(normalise(h) for h in self.headers)
        return f"{table_name}:{hashlib.sha256(joined.encode()).hexdigest()[:16]}"


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def find_layout(grid: Grid, table_name: str) -> Layout:
    """The header row: among the first rows, the one whose cells name most of the table's
    columns. A row of group headings above it (merged cells) fills the blanks of the row below;
    a file with no recognisable header takes its first row as headers."""
    spec = table(table_name)
    names = _names(spec)
    known = set().union(*names.values())
    top = grid.cells.head(HEADER_ROWS)
    best, best_score = 0, -1
    for i in range(len(top)):
        row = [_text(v) for v in top.iloc[i]]
        score = sum(1 for h in row if h and any(p in known for p in _parts(h)))
        if score > best_score:
            best, best_score = i, score
    headers = [_text(v) for v in top.iloc[best]] if len(top) else []
    if best > 0:
        above = [_text(v) for v in top.iloc[best - 1]]
        group = ""
        for j, h in enumerate(above):  # a merged group heading spans to the right
            group = h or group
            if not headers[j]:
                headers[j] = group
    if not any(headers):
        raise ImportFileError("not_table", message("file_not_table", file=grid.name))
    return Layout(best, headers)


def guess(layout: Layout, table_name: str) -> dict[str, int | None]:
    """Column id → index of the file column that holds it (None when none does).

    Exact matches first (a header equal to a column's label or alias, in either language),
    then a header that contains an alias ("2024年月收入" holds 月收入), longest alias first;
    each file column is used once.
    """
    spec = table(table_name)
    names = _names(spec)
    parts = [_parts(h) for h in layout.headers]
    found: dict[str, int | None] = dict.fromkeys(names)
    used: set[int] = set()
    for cid, aliases in names.items():
        for j, p in enumerate(parts):
            if j not in used and any(x in aliases for x in p):
                found[cid] = j
                used.add(j)
                break
    candidates = []
    for cid, aliases in names.items():
        if found[cid] is not None:
            continue
        for j, p in enumerate(parts):
            if j in used:
                continue
            for alias in aliases:
                if len(alias) >= 2 and any(alias in x for x in p):
                    candidates.append((-len(alias), j, cid))
    for _, j, cid in sorted(candidates):
        if found[cid] is None and j not in used:
            found[cid] = j
            used.add(j)
    return found


# --- remembered choices -----------------------------------------------------------------


def _mappings_path(folder: Path | None) -> Path:
    return Path(folder or storage.work_dir()) / IMPORT_FOLDER / MAPPINGS_FILE


def _read_all(folder: Path | None) -> dict:
    path = _mappings_path(folder)
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def remembered(layout: Layout, table_name: str, folder: Path | None = None,
               ) -> dict[str, int | None] | None:
    """The choices saved for this layout, or None (a saved choice outside the file is dropped)."""
    saved = _read_all(folder).get(layout.key(table_name))
    if not isinstance(saved, dict):
        return None
    columns = {c.id for c in table(table_name).columns}
    out: dict[str, int | None] = dict.fromkeys(columns)
    for cid, j in saved.items():
        if cid in columns and isinstance(j, int) and 0 <= j < len(layout.headers):
            out[cid] = j
    return out


def remember(layout: Layout, table_name: str, choice: dict[str, int | None],
             folder: Path | None = None) -> Path:
    """Save the choices for this layout (atomic write; other layouts' choices kept)."""
    path = _mappings_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    everything = _read_all(folder)
    everything[layout.key(table_name)] = {k: v for k, v in choice.items() if v is not None}
    text = yaml.safe_dump(everything, allow_unicode=True, sort_keys=True)
    storage.replace_atomically(path, text.encode("utf-8"))
    return path


def body(grid: Grid, layout: Layout) -> pd.DataFrame:
    """The data rows under the header, each keeping its row number as people count in the
    file (1 = the first row)."""
    rows = grid.cells.iloc[layout.row + 1:]
    return rows.set_axis(rows.index + 1, axis=0)
