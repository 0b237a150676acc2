"""Bring your own data: importing 100 k customers, 100 k opportunities and 1 M holdings rows from
.xlsx (calamine) and .csv, every row checked; openpyxl's cell-by-cell read alongside for the
ratio. The files are generated once into a cache folder under /tmp (written with mixed typing:
`1,200`, `12万`, Chinese and ISO dates, stage names in both languages, 1 % bad rows)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np

CACHE = Path(os.environ.get("SALESTRAIN_BENCH_CACHE",
                            Path(tempfile.gettempdir()) / "salestrain-bench-imports"))
SIZES = {"customers": 100_000, "opportunities": 100_000, "holdings": 1_000_000}
TARGET = {"xlsx": 3.0, "csv": 1.0}  # seconds per 100 k rows


def _columns(table: str, n: int) -> tuple[list[str], list[np.ndarray]]:
    rng = np.random.default_rng(17)
    idx = np.arange(n)
    bad = rng.random(n) < 0.01
    if table == "customers":
        revenue = np.round(np.exp(rng.normal(np.log(12_000), 1.75, n)), -2)
        typed = np.where(idx % 3 == 0, [f"{v / 1e4:g}万" for v in revenue],
                         [f"{v:,.0f}" for v in revenue])
        typed = np.where(bad, "abc", typed)
        segs = np.array(["政府及事业单位", "电商卖家", "Manufacturers and traders",
                         "银行与保险机构"])
        return (["客户名称", "客户类型", "地市", "区县", "月收入（元）", "客户经理"],
                [np.char.add("客户", idx.astype(str)), segs[idx % 4],
                 np.array(["广州", "佛山", "东莞"])[idx % 3],
                 np.array(["番禺", "顺德", "虎门"])[idx % 3], typed,
                 np.array(["陈", "李", "王", "张"])[idx % 4]])
    if table == "opportunities":
        stages = np.array(["发现", "Validated", "确认资格", "建议，口头协议", "获胜", "谈判"])
        stage = stages[np.where(bad, 5, idx % 5)]
        days = (np.datetime64("2024-01-01") + rng.integers(0, 500, n)).astype(str)
        chinese = np.array([f"{d[:4]}年{int(d[5:7])}月{int(d[8:])}日" for d in days[:1000]])
        days = np.where(idx % 2 == 0, days, chinese[idx % 1000])
        return (["商机名称", "客户名称", "客户经理", "金额", "阶段", "赢率", "创建日期"],
                [np.char.add("商机", idx.astype(str)), np.char.add("客户", (idx // 3).astype(str)),
                 np.array(["陈", "李"])[idx % 2],
                 np.array([f"{v:,.0f}" for v in rng.integers(1_000, 900_000, n)]), stage,
                 np.array(["10%", "25%", "50%", "75%", ""])[idx % 5], days])
    start = (np.datetime64("2010-01-01") + rng.integers(0, 5400, n)).astype("datetime64[D]")
    end = np.where(rng.random(n) < 0.2, (start + rng.integers(-30, 900, n)).astype(str), "")
    products = np.array(["车险", "保障型寿险", "Credit card", "储蓄账户", "养老年金"])
    return (["客户编号", "客群", "产品", "渠道", "起始日期", "终止日期"],
            [np.char.add("C", (idx // 3).astype(str)),
             np.array(["家庭客户", "车主", "青年白领"])[idx % 3], products[idx % 5],
             np.array(["寿险代理人", "银行客户经理"])[idx % 2], start.astype(str), end])


def _files(table: str) -> dict[str, Path]:
    """The cached .csv and .xlsx of `table` (written on the first run)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    n = SIZES[table]
    out = {"csv": CACHE / f"{table}-{n}.csv", "xlsx": CACHE / f"{table}-{n}.xlsx"}
    if out["csv"].exists() and out["xlsx"].exists():
        return out
    import pandas as pd
    from openpyxl import Workbook

    headers, columns = _columns(table, n)
    frame = pd.DataFrame(dict(zip(headers, columns, strict=True)))
    frame.to_csv(out["csv"], index=False, encoding="utf-8-sig")
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(headers)
    for row in frame.itertuples(index=False):
        sheet.append(list(row))
    book.save(out["xlsx"])
    return out


def _openpyxl_read(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for _ in book.active.iter_rows(values_only=True))
    book.close()
    return rows


def rows() -> list[tuple[str, str, str]]:
    from salestrain.imports import load

    out = []
    with tempfile.TemporaryDirectory() as work:
        for table, n in SIZES.items():
            files = _files(table)
            per = n / 100_000
            for fmt in ("csv", "xlsx"):
                start = time.perf_counter()
                result = load(table, files[fmt], folder=Path(work))
                took = time.perf_counter() - start
                target = TARGET[fmt] * per
                out.append((f"imports: {n // 1000:,} k {table} from .{fmt}",
                            f"{took:.2f} s",
                            f"target ≤ {target:g} s; {result.accepted:,} imported, "
                            f"{result.rejected_rows:,} reported"))
            if n > 100_000:  # openpyxl takes minutes on a million rows: the ratio is at 100 k
                continue
            start = time.perf_counter()
            _openpyxl_read(files["xlsx"])
            plain = time.perf_counter() - start
            out.append((f"imports: {n // 1000:,} k {table}, openpyxl read only (no checks)",
                        f"{plain:.2f} s", f"{plain / took:.1f}× the calamine import"))
    return out


if __name__ == "__main__":
    for row in rows():
        print(" | ".join(row))
