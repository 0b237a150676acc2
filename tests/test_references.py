"""Every `salestrain.…` name the docstrings, comments and docs mention still exists (modules
moved into their case packages had left docstrings naming them at the top level)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = re.compile(r"\bsalestrain(?:\.[A-Za-z_]\w*)+")
FILE_SUFFIXES = {"css", "js", "py", "yaml", "yml", "md", "json", "toml"}  # salestrain.css …


def sources() -> list[Path]:
    found = [*ROOT.glob("salestrain/**/*.py"), *ROOT.glob("salestrain/**/*.yaml"),
             *ROOT.glob("tests/**/*.py"), *ROOT.glob("benchmarks/**/*.py"),
             *ROOT.glob("book/_ext/*.py"), ROOT / "Makefile", ROOT / "README.md"]
    return sorted(p for p in found if p.is_file())


def resolves(name: str) -> bool:
    """Whether `name` is a module, or an attribute of the longest module it starts with."""
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        try:
            for attr in parts[i:]:
                obj = getattr(obj, attr)
        except AttributeError:
            return False
        return True
    return False


def test_every_salestrain_name_mentioned_exists():
    missing = []
    for path in sources():
        text = path.read_text(encoding="utf-8")
        for match in NAME.finditer(text):
            name = match.group(0)
            if name.rsplit(".", 1)[1] in FILE_SUFFIXES or resolves(name):
                continue
            line = text.count("\n", 0, match.start()) + 1
            missing.append(f"{path.relative_to(ROOT)}:{line}: {name}")
    assert missing == []
