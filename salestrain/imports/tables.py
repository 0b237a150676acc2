"""One call per table: `load_customers(path)`, `load_opportunities(path)`, `load_holdings(path)`.

Each reads the file, maps its columns (the given mapping, else the one remembered for this
layout, else the headers recognised), validates every row and returns an `ImportResult`: the
good rows as the table the tool uses, and every rejected row with its number, column and reason
in the course language. It unpacks as ``frame, rejected = load_customers(path)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from salestrain.core.i18n import get_language, language
from salestrain.core.numbers import format_number
from salestrain.imports import mapping as mp
from salestrain.imports import readers, schemas
from salestrain.imports.content import data, label, message, table
from salestrain.imports.readers import ImportFileError


@dataclass
class Rejection:
    """A row that was not imported: its number in the file, the column as headed there, and
    why (in the language it was imported in)."""

    row: int
    column: str
    code: str
    reason: str

    def __str__(self) -> str:
        return message("row", row=self.row, column=self.column, reason=self.reason)


@dataclass
class ImportResult:
    table: str
    file: str
    frame: pd.DataFrame
    rejected: list[Rejection]
    mapping: dict[str, int | None]
    layout: mp.Layout
    remembered: bool = False
    rows_read: int = 0
    lang: str = field(default_factory=get_language)

    @property
    def accepted(self) -> int:
        return len(self.frame)

    @property
    def rejected_rows(self) -> int:
        return len({r.row for r in self.rejected})

    def __iter__(self):
        return iter((self.frame, self.rejected))

    def messages(self) -> list[str]:
        with language(self.lang):
            return [str(r) for r in self.rejected]

    def __repr__(self) -> str:
        text = label("result", self.lang, file=self.file, accepted=format_number(self.accepted),
                     rejected=format_number(self.rejected_rows))
        lines = self.messages()
        return "\n".join([text, *lines[:20]] + ([label("rejected_more", self.lang,
                                                       count=len(lines) - 20)]
                                                if len(lines) > 20 else []))


def resolve(layout: mp.Layout, table_name: str,
            chosen: dict[str, int | str | None] | None) -> dict[str, int | None]:
    """A mapping given by header text or column number, as column numbers."""
    columns = [c.id for c in table(table_name).columns]
    out: dict[str, int | None] = dict.fromkeys(columns)
    for cid, where in (chosen or {}).items():
        if cid not in out:
            raise KeyError(f"no column {cid!r} in {table_name}: choose from {', '.join(columns)}")
        if isinstance(where, str):
            matches = [j for j, h in enumerate(layout.headers) if h == where]
            if not matches:
                raise KeyError(f"no header {where!r} in this file: it has "
                               f"{', '.join(h for h in layout.headers if h)}")
            where = matches[0]
        out[cid] = where
    return out


def check_mapping(layout: mp.Layout, table_name: str, choice: dict[str, int | None],
                  file: str = "") -> None:
    """Raise `ImportFileError` when a required column has no file column or one file column
    is chosen twice (the message names them)."""
    spec = table(table_name)
    seen: dict[int, str] = {}
    for column in spec.columns:
        j = choice.get(column.id)
        if j is None:
            continue
        if j in seen:
            first = spec.column(seen[j]).label()
            raise ImportFileError("column_twice", message(
                "column_twice", header=layout.headers[j], first=first, second=column.label()))
        seen[j] = column.id
    missing = [c.label() for c in spec.columns if c.required and choice.get(c.id) is None]
    if missing:
        sep = "、" if get_language() == "zh" else ", "
        raise ImportFileError("columns_missing", message("columns_missing",
                                                         columns=sep.join(missing)))


def import_grid(grid: readers.Grid, table_name: str,
                chosen: dict[str, int | str | None] | None = None,
                folder: Path | None = None, remember: bool = False) -> ImportResult:
    """Map, validate and shape the cells of an already-read file."""
    layout = mp.find_layout(grid, table_name)
    was_remembered = False
    if chosen is not None:
        choice = resolve(layout, table_name, chosen)
    else:
        saved = mp.remembered(layout, table_name, folder)
        was_remembered = saved is not None
        choice = saved if saved is not None else mp.guess(layout, table_name)
    check_mapping(layout, table_name, choice, grid.name)
    body = mp.body(grid, layout)
    rows_read = len(body)  # counted before too-wide rows are set apart: they were read too
    body, too_wide = _split_too_wide(body, layout)
    raw = pd.DataFrame({cid: body[j] for cid, j in choice.items()
                        if j is not None and j in body.columns}, index=body.index)
    checked = schemas.validate(table_name, raw)
    headers = {cid: layout.headers[j] or table(table_name).column(cid).label()
               for cid, j in choice.items() if j is not None}
    rejected = [Rejection(p.row, headers.get(p.column, table(table_name).column(p.column)
                                             .label() if p.column else ""), p.code, p.reason)
                for p in checked.problems]
    rejected = sorted(rejected + too_wide, key=lambda r: r.row)
    frame = SHAPERS[table_name](checked.frame)
    if remember:
        mp.remember(layout, table_name, choice, folder)
    return ImportResult(table_name, grid.name, frame, rejected, choice, layout,
                        was_remembered, rows_read)


def _split_too_wide(body: pd.DataFrame, layout: mp.Layout) -> tuple[pd.DataFrame,
                                                                    list[Rejection]]:
    """Rows with filled cells right of the last headed column, set apart and reported: their
    cells do not line up with the headers (in a CSV file, usually a number such as 1,200
    written without quotes), so no value of theirs can be trusted."""
    headed = [j for j, h in enumerate(layout.headers) if str(h).strip()]
    width = (max(headed) + 1) if headed else 0
    extra = [c for c in body.columns if isinstance(c, int) and c >= width]
    if not extra:
        return body, []
    filled = body[extra].astype(object).map(
        lambda v: v is not None and v == v and str(v).strip() != "")
    wide = filled.any(axis=1)
    rejected = [Rejection(int(row), message("whole_row"), "extra_cells",
                          message("extra_cells", count=int(filled.loc[row].sum())))
                for row in body.index[wide]]
    return body[~wide], rejected


def load(table_name: str, source: str | Path | bytes, mapping: dict | None = None,
         name: str | None = None, folder: Path | None = None) -> ImportResult:
    """Import `source` (a path or an upload's bytes) as `table_name`."""
    table(table_name)
    return import_grid(readers.read_grid(source, name), table_name, mapping, folder)


def load_customers(path: str | Path | bytes, mapping: dict | None = None,
                   **kwargs) -> ImportResult:
    """Customers for grading, ownership and bonus (`postal.rules.customers_from_frame`)."""
    return load("customers", path, mapping, **kwargs)


def load_opportunities(path: str | Path | bytes, mapping: dict | None = None,
                       **kwargs) -> ImportResult:
    """Opportunities as the pipeline table `ibm.pipeline` and the board read."""
    return load("opportunities", path, mapping, **kwargs)


def load_holdings(path: str | Path | bytes, mapping: dict | None = None,
                  **kwargs) -> ImportResult:
    """Holdings as the table `pingan.crosssell` and the explorer read."""
    return load("holdings", path, mapping, **kwargs)


# --- the table each tool reads --------------------------------------------------------------


def _text(series: pd.Series, default: str = "") -> pd.Series:
    return series.astype(object).where(series.notna(), default).astype(str)


def _money(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype(float)


def customers_frame(good: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({
        "name": _text(good["name"]), "segment": _text(good["segment"]),
        "city": _text(good["city"]), "county": _text(good["county"]),
        "monthly_revenue": _money(good["monthly_revenue"]),
        "manager": _text(good["manager"]),
        "new_revenue": _money(good["new_revenue"]).fillna(0.0),
        "new_margin": _money(good["new_margin"]).fillna(0.0),
        "retained_revenue": _money(good["retained_revenue"]).fillna(0.0),
    }, index=good.index)
    out.index.name = "row"
    return out


def opportunities_frame(good: pd.DataFrame) -> pd.DataFrame:
    from salestrain.ibm import pipeline

    stage = good["stage"].astype(object)
    status = good["status"].astype(object)
    done = stage.isin(["won", "completed"])
    status = status.where(status.notna(), np.where(done, "won", "open"))
    created = pd.to_datetime(good["created"]).astype("datetime64[ns]")
    entered = pd.to_datetime(good["stage_entered"]).astype("datetime64[ns]")
    out = pd.DataFrame({
        "id": np.arange(1, len(good) + 1),
        "name": _text(good["name"]), "customer": _text(good["customer"]),
        "owner": _text(good["owner"]), "product": _text(good["product"]),
        "value": _money(good["value"]),
        "status": pd.Categorical(status, categories=list(pipeline.STATUSES)),
        "stage": pd.Categorical(stage, dtype=pipeline.STAGES),
        "claimed": _money(good["claimed"]),
        "created": created,
        "stage_entered": entered.fillna(created),
        "last_evidence": pd.to_datetime(good["last_evidence"]).astype("datetime64[ns]"),
        "expected_close": pd.to_datetime(good["expected_close"]).astype("datetime64[ns]"),
    }, index=good.index)
    out["product"] = out["product"].replace("", np.nan)
    out["claimed"] = out["claimed"].where(out["status"] == "open")
    out.index.name = "row"
    return out.reset_index(drop=True)


def holdings_frame(good: pd.DataFrame) -> pd.DataFrame:
    from salestrain.pingan import content as pingan
    from salestrain.pingan import crosssell

    cat = pingan.data()
    by_product = {p.id: p.subsidiary for p in cat.products}
    product = _text(good["product"])
    subsidiary = good["subsidiary"].astype(object)
    derived = product.map(by_product)
    subsidiary = subsidiary.where(subsidiary.notna(), derived)
    unspecified = data().unspecified()
    end = pd.to_datetime(good["end_date"]).astype("datetime64[s]")
    out = pd.DataFrame({
        "customer": _text(good["customer"]),
        "segment": pd.Categorical(_text(good["segment"], unspecified)),
        "product": pd.Categorical(product),
        "subsidiary": pd.Categorical(_text(subsidiary, unspecified)),
        "channel": pd.Categorical(_text(good["channel"], unspecified)),
        "start_date": pd.to_datetime(good["start_date"]).astype("datetime64[s]"),
        "end_date": end,
        "still_held": end.isna(),
    })
    return out[crosssell.COLUMNS].reset_index(drop=True)


SHAPERS = {"customers": customers_frame, "opportunities": opportunities_frame,
           "holdings": holdings_frame}
