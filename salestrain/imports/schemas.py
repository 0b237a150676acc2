"""One schema per table: a pydantic row model whose field types are the cell readers, and a
vectorised validator that applies the same readers to whole columns.

`validate(table, cells)` returns the good rows as typed columns and every problem as a
`Problem` (row as numbered in the file, column id, code, reason). Whole columns are converted
with pandas where that is safe (numbers already numeric, ISO dates) and every other *distinct*
cell goes through the cell reader once, so 100 000 rows take well under a second. A row with
any problem is validated again through its pydantic model, whose errors are the ones reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import numpy as np
import pandas as pd
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from salestrain.core.display import date
from salestrain.imports import cells
from salestrain.imports.content import message, table


def _field(kind: str):
    read = cells.reader(kind)

    def check(value: object) -> object:
        if cells.is_blank(value):
            return None
        try:
            return read(value)
        except cells.CellError as exc:
            raise PydanticCustomError(exc.code, str(exc)) from None

    return BeforeValidator(check)


Text = Annotated[str | None, _field("text")]
Number = Annotated[float | None, _field("number")]
Percent = Annotated[float | None, _field("percent")]
Date = Annotated[pd.Timestamp | None, _field("date")]
Stage = Annotated[str | None, _field("stage")]
Status = Annotated[str | None, _field("status")]
Segment = Annotated[str | None, _field("segment")]
HoldingSegment = Annotated[str | None, _field("holding_segment")]
Product = Annotated[str | None, _field("product")]
Subsidiary = Annotated[str | None, _field("subsidiary")]
Channel = Annotated[str | None, _field("channel")]


class Row(BaseModel):
    """A row of a trainee's table; a required column left empty is reported as `missing`."""

    model_config = ConfigDict(arbitrary_types_allowed=True, extra="ignore")
    TABLE: str = ""

    @model_validator(mode="after")
    def _required(self) -> Row:
        for column in table(self.TABLE).columns:
            if column.required and getattr(self, column.id, None) in (None, ""):
                raise PydanticCustomError("missing", message("missing"), {"column": column.id})
        return self


class CustomerRow(Row):
    TABLE: str = "customers"
    name: Text = None
    segment: Segment = None
    city: Text = None
    county: Text = None
    monthly_revenue: Number = None
    manager: Text = None
    new_revenue: Number = None
    new_margin: Number = None
    retained_revenue: Number = None


class OpportunityRow(Row):
    TABLE: str = "opportunities"
    name: Text = None
    customer: Text = None
    owner: Text = None
    product: Text = None
    value: Number = None
    stage: Stage = None
    status: Status = None
    claimed: Percent = None
    created: Date = None
    stage_entered: Date = None
    last_evidence: Date = None
    expected_close: Date = None


class HoldingRow(Row):
    TABLE: str = "holdings"
    customer: Text = None
    segment: HoldingSegment = None
    product: Product = None
    subsidiary: Subsidiary = None
    channel: Channel = None
    start_date: Date = None
    end_date: Date = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> HoldingRow:
        if self.start_date is not None and self.end_date is not None \
                and self.end_date < self.start_date:
            raise PydanticCustomError("end_before_start", message(
                "end_before_start", value=date(self.end_date)),
                {"column": "end_date"})
        return self


SCHEMAS: dict[str, type[Row]] = {"customers": CustomerRow, "opportunities": OpportunityRow,
                                 "holdings": HoldingRow}


@dataclass(frozen=True)
class Problem:
    """Why one row was not imported: its row number in the file, the column and the reason."""

    row: int
    column: str  # column id ("" for the whole row)
    code: str
    reason: str


def row_problems(table_name: str, row: int, values: dict[str, object]) -> list[Problem]:
    """Validate one row through its pydantic model; [] when it is good."""
    try:
        SCHEMAS[table_name].model_validate(values)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            column = str(err["loc"][0]) if err["loc"] else str((err.get("ctx") or {})
                                                                   .get("column", ""))
            out.append(Problem(row, column, err["type"], err["msg"]))
        return out
    return []


# --- the vectorised path -------------------------------------------------------------------


def _convert(kind: str, column: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The column read as `kind`, and where a cell could not be read (blank cells are None)."""
    n = len(column)
    bad = np.zeros(n, bool)
    if kind in ("number", "percent") and pd.api.types.is_numeric_dtype(column) \
            and not pd.api.types.is_bool_dtype(column):
        values = column.astype(float)
        if kind == "percent":
            values = values.where(values.abs() <= 1, values / 100)
            bad = (values.notna() & ((values < 0) | (values > 1))).to_numpy()
        else:
            bad = (values < 0).to_numpy() | np.isinf(values.to_numpy())
        return values, bad
    if kind == "date" and pd.api.types.is_datetime64_any_dtype(column):
        return column.dt.normalize().astype("datetime64[ns]"), bad
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    if kind in ("number", "percent", "date"):
        fast = None
        # only the plainest forms take the fast road; every other cell is read by its reader
        text = pd.Series([v.strip() if isinstance(v, str) else None for v in uniques],
                         dtype=object)
        if kind == "number":
            plain = text.str.fullmatch(r"(?:\d{1,15}|\d{1,3}(?:,\d{3})+)(?:\.\d{1,6})?", na=False)
            fast = pd.to_numeric(text.where(plain).str.replace(",", "", regex=False),
                                 errors="coerce")
        elif kind == "date":
            plain = text.str.fullmatch(r"\d{4}-\d\d-\d\d", na=False)
            fast = pd.to_datetime(text.where(plain), format="%Y-%m-%d", errors="coerce")
    else:
        fast = None
    read = cells.reader(kind)
    out: list[object] = []
    failed = np.zeros(len(uniques), bool)
    known = fast.notna().to_numpy() if fast is not None else np.zeros(len(uniques), bool)
    fast_values = fast.tolist() if fast is not None else []
    for i, value in enumerate(uniques):
        if known[i]:
            out.append(fast_values[i])
            continue
        if cells.is_blank(value):
            out.append(None)
            continue
        try:
            out.append(read(value))
        except cells.CellError:
            out.append(None)
            failed[i] = True
    if kind in ("number", "percent"):
        table_values = np.array([np.nan if v is None else v for v in out], dtype=float)
        filler = np.nan
    elif kind == "date":
        table_values = pd.to_datetime(pd.Series(out, dtype=object)).to_numpy("datetime64[ns]")
        filler = np.datetime64("NaT")
    else:
        table_values = np.array(out, dtype=object)
        filler = None
    safe = np.where(codes >= 0, codes, 0)
    if len(table_values):
        values = np.where(codes >= 0, table_values[safe], filler)
        bad = np.where(codes >= 0, failed[safe], False)
    else:
        values = np.full(n, filler)
    if kind == "date":
        values = values.astype("datetime64[ns]")
    return pd.Series(values, index=column.index), bad


@dataclass
class Validated:
    frame: pd.DataFrame  # the good rows, one column per column id, index = row in the file
    problems: list[Problem]


def validate(table_name: str, raw: pd.DataFrame) -> Validated:
    """Check every row of `raw` (columns named by column id, index = row number in the file)."""
    spec = table(table_name)
    columns: dict[str, pd.Series] = {}
    bad = np.zeros(len(raw), bool)
    for column in spec.columns:
        if column.id in raw:
            values, failed = _convert(column.kind, raw[column.id])
        else:
            values = pd.Series([None] * len(raw), index=raw.index, dtype=object)
            failed = np.zeros(len(raw), bool)
        columns[column.id] = values
        bad |= failed
        if column.required:
            blank = values.isna().to_numpy().copy()
            if values.dtype == object:
                blank |= values.eq("").to_numpy()
            bad |= blank
    frame = pd.DataFrame(columns, index=raw.index)
    if table_name == "holdings":
        start, end = frame["start_date"], frame["end_date"]
        bad |= (end.notna() & start.notna() & (end < start)).to_numpy()
    problems: list[Problem] = []
    for row in raw.index[bad]:
        found = row_problems(table_name, int(row), raw.loc[row].to_dict())
        problems.extend(found or [Problem(int(row), "", "invalid", message("missing"))])
    return Validated(frame[~bad], problems)
