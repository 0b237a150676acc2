"""Course content as data: one way to declare, load and validate a content file.

Every case keeps its YAML beside the schema that validates it (``salestrain/<case>/content.yaml``
and ``content.py``) and declares it once::

    FILE = ContentFile(__package__, "content.yaml", HPContent)

``FILE.load()`` validates the file once per kernel and raises `ContentError` listing every
problem with its file and key path; ``validate_all()`` checks every declared file of every
package, so a new case is checked as soon as its folder exists.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cached_property
from importlib import resources
from typing import Generic, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from salestrain.core.i18n import Text, get_language


class ContentError(ValueError):
    """A content file is missing, unreadable or does not match its schema."""


class ContentModel(BaseModel):
    """Base of every content schema: immutable, and unknown keys are typos to report."""

    model_config = ConfigDict(frozen=True, extra="forbid")


M = TypeVar("M", bound=BaseModel)
_DECLARED: list[ContentFile] = []


class ContentFile(Generic[M]):
    """One YAML file of a package, with the schema it must match."""

    def __init__(self, package: str, filename: str, schema: type[M]) -> None:
        self.package = package
        self.filename = filename
        self.schema = schema
        _DECLARED.append(self)

    @property
    def name(self) -> str:
        """The file as a maintainer finds it: ``hp/content.yaml``."""
        return f"{self.package.rpartition('.')[2]}/{self.filename}"

    def read(self) -> object:
        """The parsed YAML (safe loader: content is data, never code)."""
        path = resources.files(self.package).joinpath(self.filename)
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ContentError(f"{self.name}: file not found") from exc
        except yaml.YAMLError as exc:
            raise ContentError(f"{self.name}: not valid YAML: {exc}") from exc

    def parse(self, data: object) -> M:
        """Validate `data`; the error lists file, key path and what to do for each problem."""
        try:
            return self.schema.model_validate(data)
        except ValidationError as exc:
            lines = []
            for err in exc.errors():
                where = "/".join(str(p) for p in err["loc"]) or "(top level)"
                msg = err["msg"].removeprefix("Value error, ")
                if err["type"] == "missing":
                    msg = "missing: add it"
                lines.append(f"{self.name}: {where}: {msg}")
            raise ContentError("\n".join(lines)) from None

    @cached_property
    def _loaded(self) -> M:
        return self.parse(self.read())

    def load(self) -> M:
        """The validated content (read once for the life of the kernel)."""
        return self._loaded

    def text(self, key: str, lang: str | None = None, table: str = "strings",
             **fields: object) -> str:
        """One of the file's labels or messages (from its `table` of texts) in the course
        language, with its `{name}` fields filled in."""
        texts = getattr(self.load(), table)
        if key not in texts:
            raise KeyError(f"no {table} entry {key!r} in {self.name}")
        return texts[key](lang or get_language()).format(**fields)

    def problems(self) -> list[str]:
        try:
            self.parse(self.read())
        except ContentError as exc:
            return str(exc).splitlines()
        return []


def declared_files() -> list[ContentFile]:
    """Every content file of every package (importing each package's `content` module)."""
    import salestrain

    for info in pkgutil.iter_modules(salestrain.__path__):
        if info.ispkg and resources.files(f"salestrain.{info.name}").joinpath(
            "content.py"
        ).is_file():
            importlib.import_module(f"salestrain.{info.name}.content")
    return list(_DECLARED)


def validate_all() -> list[str]:
    """Validate every content file; return the problems found (empty when all is well)."""
    return [line for file in declared_files() for line in file.problems()]


# --- UI strings shared by every tool ------------------------------------------------------


class Strings(ContentModel):
    strings: dict[str, Text]


UI = ContentFile(__package__, "ui.yaml", Strings)


def ui(key: str, lang: str | None = None, **fields: object) -> str:
    """A UI string in the course language, with `{name}` fields filled in."""
    return UI.text(key, lang, **fields)
