"""Small crafted files for the import tests, written by code (no binary fixtures)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

CUSTOMERS_ZH = ["客户名称", "客户类型", "地市", "区县", "月收入（元）", "客户经理"]
CUSTOMERS_EN = ["Customer name", "Segment", "City", "County", "Monthly revenue", "Manager"]
GOOD_ROWS = [
    ["岭南贸易有限公司", "生产贸易企业", "佛山", "顺德", "120,000", "陈"],
    ["市财政局", "政府及事业单位", "广州", "番禺", "1,500,000", "李"],
    ["小店", "电商卖家", "汕头", "澄海", "3,000", "陈"],
]


def xlsx(rows: list[list[object]], merges: list[str] = ()) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def csv_text(rows: list[list[object]]) -> str:
    return "\n".join(",".join(f'"{c}"' if "," in str(c) else str(c) for c in row)
                     for row in rows) + "\n"


def _with_sheet(raw: bytes, change) -> bytes:
    """The workbook with its first sheet's XML passed through `change` (bytes → bytes)."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            dst.writestr(info, data)
    return out.getvalue()


def with_cached_formula_values(raw: bytes, values: dict[str, str]) -> bytes:
    """The workbook with each formula cell's stored result filled in, as Excel and WPS save
    it (openpyxl writes formulas without results)."""

    def fill(data: bytes) -> bytes:
        text = data.decode()
        for cell, value in values.items():
            text = re.sub(rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?',
                          rf"\1\2<v>{value}</v>", text)
        return text.encode()

    return _with_sheet(raw, fill)


def inflated(raw: bytes, extra_bytes: int) -> bytes:
    """The workbook with `extra_bytes` of blank space inside its sheet: tiny zipped, huge
    unzipped — the shape of a zip bomb."""
    return _with_sheet(raw, lambda data: data.replace(
        b"<sheetData>", b"<sheetData>" + b" " * extra_bytes, 1))


OLD_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Workbook".encode("utf-16-le")
ENCRYPTED = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
             + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le"))
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
