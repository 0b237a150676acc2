"""What a case package offers a notebook, loaded on first use.

``from salestrain.hp import PlanBuilder`` reads well in a notebook, but a package that imported
its widgets eagerly would load ipywidgets (and pandas, matplotlib …) whenever any of its model
modules is imported — by a test, a command or another case. `lazy_exports` gives a package a
module ``__getattr__`` (PEP 562) that imports the defining module only when a name is first used.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable


def lazy_exports(package: str, where: dict[str, list[str]]) -> tuple[Callable, Callable]:
    """`where` maps a submodule (relative to `package`) to the names it gives the package."""
    origin = {name: module for module, names in where.items() for name in names}

    def __getattr__(name: str) -> object:
        if name not in origin:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{origin[name]}"), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(origin) | set(vars(sys.modules[package])))

    return __getattr__, __dir__
