"""Files to cells: formats, encodings, header rows, and every file refused with one message."""

from __future__ import annotations

import io
import zipfile

import pytest

from salestrain.core.i18n import language
from salestrain.imports import load_customers, readers
from salestrain.imports.readers import ImportFileError
from tests.imports.files import (
    CUSTOMERS_EN,
    CUSTOMERS_ZH,
    ENCRYPTED,
    GOOD_ROWS,
    OLD_XLS,
    PNG,
    csv_text,
    inflated,
    with_cached_formula_values,
    write,
    xlsx,
)


def test_a_good_xlsx_with_chinese_headers_imports_every_row(tmp_path):
    path = write(tmp_path, "客户.xlsx", xlsx([CUSTOMERS_ZH, *GOOD_ROWS]))
    frame, rejected = load_customers(path, folder=tmp_path)
    assert rejected == []
    assert frame["name"].tolist() == [r[0] for r in GOOD_ROWS]
    assert frame["monthly_revenue"].tolist() == [120_000, 1_500_000, 3_000]
    assert frame["segment"].tolist() == ["enterprise", "government", "ecommerce"]
    assert frame.index.tolist() == [2, 3, 4]  # rows as numbered in the file


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_the_encodings_chinese_office_software_writes(tmp_path, encoding):
    text = csv_text([CUSTOMERS_ZH, *GOOD_ROWS])
    path = write(tmp_path, "c.csv", text.encode(encoding))
    frame, rejected = load_customers(path, folder=tmp_path)
    assert rejected == [] and frame["name"].tolist()[0] == "岭南贸易有限公司"
    assert frame["city"].tolist() == ["佛山", "广州", "汕头"]


def test_semicolon_and_tab_separated_text_is_read(tmp_path):
    for sep in (";", "\t"):
        text = "\n".join(sep.join(r) for r in [CUSTOMERS_EN, *GOOD_ROWS]).replace(",", "")
        frame, rejected = load_customers(text.encode(), name="c.csv", folder=tmp_path)
        assert len(frame) == 3 and rejected == []


def test_english_headers_and_a_title_row_above_them(tmp_path):
    rows = [["Branch customer list 2025"], [], CUSTOMERS_EN, *GOOD_ROWS]
    frame, rejected = load_customers(xlsx(rows), name="c.xlsx", folder=tmp_path)
    assert len(frame) == 3 and rejected == []
    assert frame.index.tolist() == [4, 5, 6]


def test_merged_header_cells(tmp_path):
    """Group headings merged across columns above the real headers; a heading merged down two
    rows (客户名称) fills the blank below it."""
    top = ["客户名称", "客户信息", None, None, "收入", None]
    second = [None, "客户类型", "地市", "区县", "月收入", "客户经理"]
    raw = xlsx([top, second, *GOOD_ROWS], merges=["A1:A2", "B1:D1", "E1:F1"])
    frame, rejected = load_customers(raw, name="merged.xlsx", folder=tmp_path)
    assert rejected == []
    assert frame["name"].tolist()[1] == "市财政局"
    assert frame["monthly_revenue"].sum() == 1_623_000
    assert frame.index.tolist() == [3, 4, 5]


def test_formulas_are_read_as_their_values(tmp_path):
    rows = [CUSTOMERS_EN, ["A Co", "E-commerce sellers", "Foshan", "Nanhai", "=1000*12", "Li"]]
    raw = with_cached_formula_values(xlsx(rows), {"E2": "12000"})
    frame, rejected = load_customers(raw, name="f.xlsx", folder=tmp_path)
    assert rejected == []
    assert frame["monthly_revenue"].tolist() == [12_000.0]


@pytest.mark.parametrize(("content", "code"), [
    (OLD_XLS, "old_xls"),  # an Excel 97–2003 file renamed .xlsx
    (ENCRYPTED, "encrypted"),  # a password-protected workbook
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (PNG, "not_excel"),  # an image
    (b"%PDF-1.7\n1 0 obj\n", "not_excel"),
])
def test_a_file_that_cannot_be_imported_gets_one_message(tmp_path, content, code):
    with pytest.raises(ImportFileError) as caught:
        load_customers(content, name="list.xlsx", folder=tmp_path)
    assert caught.value.code == code
    assert "list.xlsx" in str(caught.value)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ImportFileError) as caught:
        load_customers(out.getvalue(), name="letter.xlsx", folder=tmp_path)
    assert caught.value.code == "not_excel"


def test_messages_are_in_the_course_language(tmp_path):
    with language("zh"), pytest.raises(ImportFileError) as caught:
        load_customers(OLD_XLS, name="名单.xlsx", folder=tmp_path)
    assert "旧版Excel" in str(caught.value) and "另存为" in str(caught.value)


def test_a_sheet_that_would_unzip_to_a_huge_size_is_refused_before_reading(tmp_path):
    raw = inflated(xlsx([CUSTOMERS_EN, *GOOD_ROWS]), 50 * 2**20)
    assert len(raw) < 2**20  # small on disk …
    with pytest.raises(ImportFileError) as caught:
        load_customers(raw, name="bomb.xlsx", folder=tmp_path)
    assert caught.value.code == "too_big"  # … refused for what it would become


def test_a_file_above_the_upload_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    path = write(tmp_path, "big.csv", csv_text([CUSTOMERS_EN, *GOOD_ROWS * 20]).encode())
    with pytest.raises(ImportFileError) as caught:
        load_customers(path, folder=tmp_path)
    assert caught.value.code == "too_big"


def test_too_many_rows_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 10)
    text = csv_text([CUSTOMERS_EN, *GOOD_ROWS * 5])
    with pytest.raises(ImportFileError) as caught:
        load_customers(text.encode(), name="c.csv", folder=tmp_path)
    assert caught.value.code == "too_many_rows"


def test_a_text_file_in_another_encoding_is_refused_with_the_fix(tmp_path):
    content = "名称,收入\n".encode("utf-16-le")
    with pytest.raises(ImportFileError) as caught:
        load_customers(content, name="u16.csv", folder=tmp_path)
    assert caught.value.code in ("not_excel", "encoding")
