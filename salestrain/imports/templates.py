"""An empty workbook per table: its headers in both languages, one example row and a note.

Written by code, byte for byte the same on every run (fixed workbook dates and zip times), so
the copies the course site offers are regenerated and checked like its other generated pages.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from salestrain.imports.content import TABLES, label, table

_FIXED = datetime(2013, 7, 1)


def file_name(table_name: str) -> str:
    return f"salestrain-template-{table_name}.xlsx"


def template_bytes(table_name: str, lang: str = "zh") -> bytes:
    """The template of `table_name`: headers "中文\\nEnglish", the example row in `lang`."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    spec = table(table_name)
    book = Workbook()
    sheet = book.active
    sheet.title = label("template_sheet", lang)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F2")
    for j, column in enumerate(spec.columns, start=1):
        head = sheet.cell(row=1, column=j, value=f"{column.label.zh}\n{column.label.en}")
        head.font, head.fill = bold, fill
        head.alignment = Alignment(wrap_text=True, vertical="top")
        if column.required:
            head.comment = Comment(f"{label('required_mark', 'zh')} / "
                                   f"{label('required_mark', 'en')}", "salestrain")
        example = column.example(lang) if column.example is not None else None
        sheet.cell(row=2, column=j, value=example)
        letter = head.column_letter
        sheet.column_dimensions[letter].width = max(14, len(column.label.en) + 4)
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "A2"
    notes = book.create_sheet(label("notes_sheet", lang))
    notes["A1"] = label("template_note", "zh")
    notes["A2"] = label("template_note", "en")
    book.properties.created = book.properties.modified = _FIXED
    book.properties.creator = "salestrain"
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(raw: bytes) -> bytes:
    """The same archive with every entry dated `_FIXED`, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>"
                              + _FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),  # data, not display
                              data)
            dst.writestr(fixed, data)
    return out.getvalue()


def write_template(table_name: str, folder: Path | str | None = None, lang: str = "zh") -> Path:
    """Write the template of `table_name` into `folder` (default: the work folder's exports)."""
    from salestrain.core import storage

    target = Path(folder) if folder is not None else storage.export_dir()
    target.mkdir(parents=True, exist_ok=True)
    path = target / file_name(table_name)
    path.write_bytes(template_bytes(table_name, lang))
    return path


def write_all(folder: Path | str, lang: str = "zh") -> list[Path]:
    """Every table's template into `folder` (the course site's downloads)."""
    return [write_template(name, folder, lang) for name in TABLES]
