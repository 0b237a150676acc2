"""The package's shape: one folder per case with the same cut, widgets kept at the edge,
imports pointing one way, and `import salestrain` cheap."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "salestrain"
CASES = ["haier", "pingan", "hp", "ibm", "postal"]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def is_widget_module(name: str) -> bool:
    return name.endswith(".widgets") or ".widgets." in name


def imports_of(path: Path) -> set[str]:
    """Every module this file imports (at top level or inside a function)."""
    found: set[str] = set()
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def internal_graph() -> dict[str, set[str]]:
    return {name: {m for m in imports_of(path) if m in MODULES and m != name}
            for name, path in MODULES.items()}


def test_only_widget_modules_import_ipywidgets():
    offenders = [name for name, path in MODULES.items()
                 if not is_widget_module(name)
                 and any(m.split(".")[0] == "ipywidgets" for m in imports_of(path))]
    assert offenders == [], f"move widget code into a widgets module: {offenders}"


def test_no_model_module_imports_a_widget_module():
    graph = internal_graph()
    offenders = {name: sorted(m for m in deps if is_widget_module(m))
                 for name, deps in graph.items() if not is_widget_module(name)}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_every_model_module_loads_no_ipywidgets():
    """The runtime check: nothing outside the widget modules pulls ipywidgets in, even through
    a package's re-exports."""
    models = [n for n in MODULES if not is_widget_module(n)]
    code = ("import importlib, json, sys\n"
            f"for name in {models!r}:\n"
            "    importlib.import_module(name)\n"
            "print(json.dumps('ipywidgets' in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) is False


def test_there_is_no_import_cycle():
    graph = internal_graph()
    # A package's __init__ is imported by every module inside it, which is not a cycle.
    def edges(name):
        return {m for m in graph[name] if not name.startswith(m + ".")}

    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges(node):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in graph:
        if name not in index:
            visit(name)
    assert cycles == []


def test_import_salestrain_is_cheap():
    code = ("import sys, json, salestrain\n"
            "print(json.dumps(sorted(m for m in ('ipywidgets', 'pandas', 'numpy', 'matplotlib',"
            " 'docx', 'openpyxl') if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_the_command_line_loads_no_data_or_widget_libraries():
    """`salestrain collect` and `salestrain hub` start without pandas or ipywidgets (the roll-up
    reads trainees' import summaries, not their lists)."""
    code = ("import sys, json, salestrain.commands.cli\n"
            "print(json.dumps(sorted(m for m in ('ipywidgets', 'pandas', 'matplotlib')"
            " if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


@pytest.mark.parametrize("case", CASES)
def test_every_case_has_the_same_cut(case):
    folder = PACKAGE / case
    for needed in ("__init__.py", "content.py", "content.yaml", "widgets/__init__.py"):
        assert (folder / needed).is_file(), f"salestrain/{case}/{needed} is missing"
    assert list((folder / "widgets").glob("[a-z]*.py")), f"salestrain/{case}/widgets/ is empty"
    tests = Path(__file__).parent / case
    assert list(tests.glob("test_*.py")), f"tests/{case}/ has no tests"


@pytest.mark.parametrize("case", CASES + ["course"])
def test_a_case_package_exports_what_it_says(case):
    """Every name a package re-exports resolves (a typo in the export table fails here)."""
    code = (f"import salestrain.{case} as p\n"
            "missing = [n for n in dir(p)\n"
            "           if not n.startswith('_') and getattr(p, n, None) is None]\n"
            "print(missing)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
