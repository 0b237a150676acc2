"""Read a trainee's file into a grid of cells: `.xlsx` (calamine) or `.csv` (UTF-8, GBK or
GB18030), refusing what is not a table, too big, an old `.xls`, or protected by a password.

Every refusal is an `ImportFileError` whose message (in the course language) names the file and
says what to do; nothing else changes. The size limits are checked before anything is unpacked,
so a workbook that would inflate to gigabytes (a zip bomb) is refused while still small.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from salestrain.core.display import file_size
from salestrain.core.errors import FieldError
from salestrain.core.numbers import format_number
from salestrain.imports.content import message

MAX_FILE_BYTES = 100 * 2**20  # the uploaded file itself
MAX_UNPACKED_BYTES = 400 * 2**20  # an .xlsx's parts once unzipped
MAX_RATIO = 200  # unzipped ÷ zipped for one part: spreadsheets are 5–20×, zip bombs 1000×
MAX_ROWS = 2_000_000

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


class ImportFileError(FieldError):
    """A file that cannot be imported at all; `code` says why (tests check the code)."""


def _refuse(code: str, file: str, **fields: object) -> ImportFileError:
    return ImportFileError(code, message(f"file_{code}", file=file, **fields))


@dataclass
class Grid:
    """The cells of a file's first sheet, as read (numbers, dates and text; None when empty)."""

    name: str
    cells: pd.DataFrame  # columns 0..n-1, rows 0..m-1 as in the file
    kind: str  # "xlsx" or "csv"


def read_grid(source: str | Path | bytes, name: str | None = None) -> Grid:
    """The cells of `source` (a path, or the bytes of an upload called `name`)."""
    if isinstance(source, bytes | bytearray | memoryview):
        raw = bytes(source)
        name = name or "upload"
    else:
        path = Path(source)
        name = name or path.name
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _refuse("too_big", name, size=file_size(size),
                          limit=file_size(MAX_FILE_BYTES))
        raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise _refuse("too_big", name, size=file_size(len(raw)),
                      limit=file_size(MAX_FILE_BYTES))
    if not raw.strip():
        raise _refuse("empty", name)
    if raw.startswith(_OLE2):
        # Excel 97–2003 workbooks and password-protected .xlsx files are both OLE2 containers;
        # an encrypted one holds an "EncryptionInfo" stream (its name is stored in UTF-16).
        if "EncryptionInfo".encode("utf-16-le") in raw:
            raise _refuse("encrypted", name)
        raise _refuse("old_xls", name)
    if raw.startswith(_ZIP):
        cells = _read_xlsx(raw, name)
        kind = "xlsx"
    else:
        cells = _read_csv(raw, name)
        kind = "csv"
    cells = _trim(cells)
    if cells.empty:
        raise _refuse("empty", name)
    if len(cells) > MAX_ROWS:
        raise _refuse("too_many_rows", name, rows=format_number(len(cells)),
                       limit=format_number(MAX_ROWS))
    return Grid(name, cells, kind)


def _check_zip(raw: bytes, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise _refuse("not_excel", name) from None
    with archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            if "EncryptedPackage" in names:
                raise _refuse("encrypted", name)
            raise _refuse("not_excel", name)
        unpacked = 0
        for info in archive.infolist():
            unpacked += info.file_size
            packed = max(info.compress_size, 1)
            if unpacked > MAX_UNPACKED_BYTES or (info.file_size > 2**20
                                                 and info.file_size / packed > MAX_RATIO):
                raise _refuse("too_big", name, size=file_size(unpacked),
                              limit=file_size(MAX_UNPACKED_BYTES))


def _read_xlsx(raw: bytes, name: str) -> pd.DataFrame:
    _check_zip(raw, name)
    try:
        # calamine reads each formula's stored result, never the formula itself
        return pd.read_excel(io.BytesIO(raw), engine="calamine", header=None, sheet_name=0)
    except (ValueError, OSError) as exc:
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise _refuse("unreadable", name, detail=detail) from None
    except Exception as exc:  # calamine's own errors are not ValueErrors
        raise _refuse("unreadable", name, detail=type(exc).__name__) from None


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:4096]:
        # text files have no NUL bytes; a PDF or an image does
        raise _refuse("not_excel", name)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse("encoding", name)


def _read_csv(raw: bytes, name: str) -> pd.DataFrame:
    text = _decode(raw, name)
    sample = text[:20_000]
    if sample.lstrip().startswith(("%PDF", "<?xml", "<html", "<!DOCTYPE", "{")):
        raise _refuse("not_excel", name)
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;|，").delimiter
    except csv.Error:
        delimiter = ","
    options = dict(sep=delimiter, header=None, dtype=str, keep_default_na=False,
                   na_filter=False, skip_blank_lines=False, engine="c",
                   quoting=csv.QUOTE_MINIMAL)
    try:
        try:
            return pd.read_csv(io.StringIO(text), **options)
        except pd.errors.ParserError:
            # Some line has more cells than the first (often a number written "1,200" without
            # quotes). Every line is kept, as wide as the widest, so that the import reports
            # that row instead of losing it.
            width = max(len(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter))
            return pd.read_csv(io.StringIO(text), names=list(range(width)), **options)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error):
        raise _refuse("not_table", name) from None


def _blank(cells: pd.DataFrame) -> pd.DataFrame:
    """True where a cell is empty (None, NaN or only spaces)."""
    empty = cells.isna()
    for col in cells.columns:
        if cells[col].dtype == object:
            text = cells[col].astype(str).str.strip()
            empty[col] |= text.eq("")
    return empty


def _trim(cells: pd.DataFrame) -> pd.DataFrame:
    """Drop fully empty rows and columns (keeping each row's number in the file)."""
    if cells.empty:
        return cells
    empty = _blank(cells)
    cells = cells.loc[~empty.all(axis=1), ~empty.all(axis=0)]
    cells.columns = range(cells.shape[1])
    return cells
