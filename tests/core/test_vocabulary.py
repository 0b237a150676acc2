"""One vocabulary for numbers shown to people: only `salestrain.core` formats money, percentages
and dates for display, so a figure reads the same in every notebook, table, chart and document.

`formatting_faults(source)` reads a module's syntax tree and lists what formats such a figure by
itself: a format spec with `%` or a thousands separator, a unit written beside a formatted value
(`f"{x} %"`, `f"{x}万元"`, `"RMB " + ...`), `str.format`/`format()`/`%` with those specs,
`strftime`/`isoformat` (a date for data, not display, says so on its line: `# data, not display`)
and a figure typed as a literal ("50 %", "20万元"). Content templates that put a unit beside a
`{field}` are found in the YAML files the same way.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "salestrain"
CORE = PACKAGE / "core"
DATA_PRAGMA = "# data, not display"
# Faults in files this change could not edit (another piece of work owns them), each with what
# it should do; a fault listed here is still found everywhere else, and a fixed one must go.
WAITING: dict[str, set[str]] = {}

_SPEC = re.compile(r"[%,]")  # a percent type, or thousands grouping
_FIELD_SPEC = re.compile(r"\{[^{}]*:[^{}]*[%,][^{}]*\}")  # "{:,.0f}", "{0:.1%}"
_UNIT_AFTER = re.compile(r"^\s?(%|万|亿|元)")
_UNIT_BEFORE = re.compile(r"(RMB|CNY|¥|￥)\s?$")
_UNIT_ALONE = re.compile(r"^\s?(%|万元|万|亿元|亿|元|RMB\s?|¥|￥)$")
_FIGURE = re.compile(r"^[+-]?\d[\d,.]*(\s%|\s?万元|\s?亿元|元)$|^RMB\s?\d")
_TEMPLATE_UNIT = re.compile(r"\{\w+\}\s?(%|万元|万|亿元|元)|(RMB|¥|￥)\s?\{\w+\}")


def _text_parts(node: ast.AST) -> str:
    """The literal text of a format spec (the constant parts of its f-string)."""
    return "".join(v.value for v in getattr(node, "values", [])
                   if isinstance(v, ast.Constant) and isinstance(v.value, str))


def _units(node: ast.AST) -> list[str]:
    """The unit strings an operand of `+` can be: a constant, or a branch of `a if c else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if _UNIT_ALONE.match(node.value) else []
    if isinstance(node, ast.IfExp):
        return _units(node.body) + _units(node.orelse)
    return []


def formatting_faults(source: str) -> list[str]:
    """Where `source` formats money, a percentage or a date for display: 'line: what'."""
    tree = ast.parse(source)
    lines = source.splitlines()
    found: list[tuple[int, str]] = []
    in_spec: set[int] = set()  # constants that are format specs, not text
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            in_spec.add(id(node.format_spec))
            in_spec.update(id(v) for v in ast.walk(node.format_spec))
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = _text_parts(node.format_spec)
            if _SPEC.search(spec):
                found.append((node.lineno, f"format spec ':{spec}'"))
        elif isinstance(node, ast.JoinedStr):
            parts = node.values
            for before, after in zip(parts, parts[1:], strict=False):
                if (isinstance(before, ast.FormattedValue) and isinstance(after, ast.Constant)
                        and _UNIT_AFTER.match(after.value)):
                    found.append((node.lineno, f"unit after a value: {after.value[:6]!r}"))
                if (isinstance(after, ast.FormattedValue) and isinstance(before, ast.Constant)
                        and _UNIT_BEFORE.search(before.value)):
                    found.append((node.lineno, f"unit before a value: {before.value[-6:]!r}"))
        elif isinstance(node, ast.Attribute) and node.attr in ("strftime", "isoformat"):
            if DATA_PRAGMA not in lines[node.lineno - 1]:
                found.append((node.lineno, f"date written with .{node.attr}()"))
        elif isinstance(node, ast.Call):
            func = node.func
            if (isinstance(func, ast.Attribute) and func.attr == "format"
                  and isinstance(func.value, ast.Constant) and isinstance(func.value.value, str)
                  and _FIELD_SPEC.search(func.value.value)):
                found.append((node.lineno, "str.format with a % or ',' spec"))
            elif (isinstance(func, ast.Name) and func.id == "format" and len(node.args) == 2
                  and isinstance(node.args[1], ast.Constant)
                  and _SPEC.search(str(node.args[1].value))):
                found.append((node.lineno, "format() with a % or ',' spec"))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            if (isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)
                    and "%%" in node.left.value):
                found.append((node.lineno, "'%' formatting of a percentage"))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            for unit in _units(node.left) + _units(node.right):
                found.append((node.lineno, f"unit added to a value: {unit!r}"))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in in_spec and _FIGURE.match(node.value.strip())):
            found.append((node.lineno, f"a figure typed as text: {node.value!r}"))
    return [f"{line}: {what}" for line, what in sorted(set(found))]


def _modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if CORE not in p.parents]


def _faults() -> dict[str, list[str]]:
    return {str(p.relative_to(PACKAGE.parent)): f for p in _modules()
            if (f := formatting_faults(p.read_text(encoding="utf-8")))}


def test_no_module_but_core_formats_money_percentages_or_dates():
    faults = {name: left for name, found in _faults().items()
              if (left := [f for f in found
                           if f.partition(": ")[2] not in WAITING.get(name, set())])}
    assert faults == {}, ("format figures with salestrain.core.display (money, percent, date, "
                          f"period, …), not by hand: {faults}")


def test_every_waiting_fault_is_still_there():
    found = {name: {f.partition(": ")[2] for f in faults} for name, faults in _faults().items()}
    fixed = {name: waiting - found.get(name, set()) for name, waiting in WAITING.items()}
    assert {k: v for k, v in fixed.items() if v} == {}, "fixed: take it out of WAITING"


def test_no_content_template_puts_a_unit_beside_a_field():
    """'{amount}万元' or '{score} %' in a template formats a figure outside core: pass the field
    through core.display instead (core/ui.yaml holds the house style's words)."""
    faults = []
    for path in sorted(PACKAGE.rglob("*.yaml")):
        if path == CORE / "ui.yaml":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.lstrip().startswith("#") and _TEMPLATE_UNIT.search(line):
                faults.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}")
    assert faults == []


@pytest.mark.parametrize(("code", "finds"), [
    ('f"{share:.1%}"', "format spec ':.1%'"),
    ('f"{value:,.0f}"', "format spec ':,.0f'"),
    ('f"{value * 100:.{digits}f} %"', "unit after a value"),
    ('f"{wan}万元"', "unit after a value"),
    ('f"RMB {amount}"', "unit before a value"),
    ('"{:.1%}".format(x)', "str.format"),
    ('format(x, ",.2f")', "format()"),
    ('"%.1f%%" % x', "'%' formatting"),
    ('format_number(v, 1) + ("%" if lang == "zh" else " %")', "unit added to a value"),
    ('str(v) + "万元"', "unit added to a value"),
    ('day.isoformat()', ".isoformat()"),
    ('iso = date.isoformat', ".isoformat()"),                # a reference, called later
    ('saved.strftime("%Y-%m-%d")', ".strftime()"),
    ('start = {"attainment": "130 %"}', "a figure typed as text"),
    ('note = "20万元"', "a figure typed as text"),
])
def test_the_checker_finds_a_seeded_fault(code, finds):
    faults = formatting_faults(code)
    assert len(faults) >= 1 and any(finds in f for f in faults), faults


@pytest.mark.parametrize("code", [
    'f"{ratio:.2f}"',                                   # a plain number
    'f"{name} {score:.1f}"',
    'w.Layout(width="100%")',                           # CSS, not a figure
    'f"<div style=\'width:{width}px\'>"',
    'text("progress", lang, score=percent(0.25, lang))',
    'money(16_773, "zh")',
    'stamp = day.isoformat()  # data, not display',
    '"%s: %s" % (a, b)',
])
def test_the_checker_passes_what_is_not_a_figure(code):
    assert formatting_faults(code) == []
