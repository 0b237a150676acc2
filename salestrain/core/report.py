"""One document shape for every export: a `Report` renders to Word, Excel, Markdown and HTML.

Models (an industry plan, an opportunity, a canvas) build a `Report`; the renderers here know
nothing about sales. Trainee text is data: HTML is escaped, Markdown table cells are made safe,
and spreadsheet cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from salestrain.core.html import escape

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# What an .xlsx (XML 1.0) cannot hold: one such character makes openpyxl refuse the workbook.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # a JSON "\ud800", a name that is not UTF-8


@dataclass
class Table:
    """A titled table of plain values."""

    title: str
    columns: list[str]
    rows: list[list[object]]


@dataclass
class Section:
    """A heading with paragraphs and tables under it."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Report:
    """A whole document: title, optional subtitle lines and sections."""

    title: str
    sections: list[Section]
    subtitle: list[str] = field(default_factory=list)


def neutralise(value: object) -> object:
    """A spreadsheet-safe cell: characters XML cannot hold are dropped (a lone surrogate becomes
    U+FFFD), then text that starts like a formula gets a leading apostrophe."""
    if not isinstance(value, str):
        return value
    value = LONE_SURROGATE.sub("\ufffd", NOT_IN_XML.sub("", value))
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _md_cell(value: object) -> str:
    """A table cell: markup and pipes escaped, line breaks folded to ' / '."""
    text = "" if value is None else str(value)
    return re.sub(r"\s*\n\s*", " / ", _md_text(text).strip())


def _md_text(text: str) -> str:
    """Paragraph text for Markdown: escape characters that would start markup or HTML."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([<>*_`#\[\]|])", r"\\\1", text)
    return text


def to_markdown(report: Report) -> str:
    """The report as Markdown (all trainee text escaped)."""
    lines = [f"# {_md_text(report.title)}", ""]
    lines += [_md_text(s) + "  " for s in report.subtitle]
    for section in report.sections:
        lines += ["", f"## {_md_text(section.heading)}", ""]
        for para in section.paragraphs:
            lines += [_md_text(para), ""]
        for tbl in section.tables:
            if tbl.title:
                lines += [f"**{_md_text(tbl.title)}**", ""]
            lines.append("| " + " | ".join(_md_cell(c) for c in tbl.columns) + " |")
            lines.append("|" + "---|" * len(tbl.columns))
            for row in tbl.rows:
                lines.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_html(report: Report) -> str:
    """The report as an HTML fragment (every text escaped)."""
    from salestrain.core.html import table

    parts = [f"<h3>{escape(report.title)}</h3>"]
    parts += [f'<p class="st-muted">{escape(s)}</p>' for s in report.subtitle]
    for section in report.sections:
        parts.append(f"<h4>{escape(section.heading)}</h4>")
        parts += [f"<p>{escape(p)}</p>" for p in section.paragraphs]
        for tbl in section.tables:
            parts.append(table(tbl.columns, tbl.rows, caption=tbl.title or None))
    return "\n".join(parts)


def to_docx(report: Report, path: Path | str) -> Path:
    """Write the report as a Word document; Chinese text uses a CJK font name."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document()
    for style_name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title"):
        style = doc.styles[style_name]
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), "Microsoft YaHei")
    doc.add_heading(report.title, level=0)
    for line in report.subtitle:
        doc.add_paragraph(line)
    for section in report.sections:
        doc.add_heading(section.heading, level=1)
        for para in section.paragraphs:
            doc.add_paragraph(para)
        for tbl in section.tables:
            if tbl.title:
                doc.add_heading(tbl.title, level=2)
            table = doc.add_table(rows=1, cols=len(tbl.columns))
            table.style = "Table Grid"
            for cell, name in zip(table.rows[0].cells, tbl.columns, strict=True):
                cell.text = str(name)
            for row in tbl.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = "" if value is None else str(value)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:28] or "Sheet"
    name, i = base, 2
    while name.lower() in used:
        name = f"{base[:25]} {i}"
        i += 1
    used.add(name.lower())
    return name


def to_xlsx(report: Report, path: Path | str) -> Path:
    """Write every table to its own sheet (plus a summary sheet of the paragraphs)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(xlsx_bytes(report))
    return path


def xlsx_bytes(report: Report) -> bytes:
    """The workbook `to_xlsx` writes, made whole in memory first (a caller that must write
    carefully, such as the class roll-up, writes it its own way)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    summary = wb.active
    used: set[str] = set()
    summary.title = _sheet_title(report.title, used)
    summary.append([neutralise(report.title)])
    summary["A1"].font = Font(bold=True, size=14)
    for line in report.subtitle:
        summary.append([neutralise(line)])
    for section in report.sections:
        if section.paragraphs:
            summary.append([])
            summary.append([neutralise(section.heading)])
            summary.cell(row=summary.max_row, column=1).font = Font(bold=True)
            for para in section.paragraphs:
                summary.append([neutralise(para)])
        for tbl in section.tables:
            ws = wb.create_sheet(_sheet_title(tbl.title or section.heading, used))
            ws.append([neutralise(c) for c in tbl.columns])
            for cell in ws[1]:
                cell.font = Font(bold=True)
            for row in tbl.rows:
                ws.append([neutralise(v) for v in row])
            for col in ws.columns:
                width = max(len(str(c.value or "")) for c in col)
                ws.column_dimensions[col[0].column_letter].width = min(max(10, width + 2), 60)
    summary.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


FORMATS = ("docx", "xlsx", "md")


def write(report: Report, fmt: str, path: Path | str) -> Path:
    """Write `report` as 'docx', 'xlsx' or 'md' to `path`."""
    path = Path(path)
    if fmt == "docx":
        return to_docx(report, path)
    if fmt == "xlsx":
        return to_xlsx(report, path)
    if fmt == "md":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_markdown(report), encoding="utf-8")
        return path
    raise ValueError(f"unknown export format {fmt!r}: use docx, xlsx, md or json")


def rows_of(items: Sequence[object], *attrs: str) -> list[list[object]]:
    """Table rows from objects' attributes, in the order given."""
    return [[getattr(item, a) for a in attrs] for item in items]
