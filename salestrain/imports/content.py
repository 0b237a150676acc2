"""The schema of `imports/content.yaml`: the tables each tool imports, their columns with the
headers people write in English and Chinese, and the import's messages and labels."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from salestrain.core.content import ContentFile, ContentModel
from salestrain.core.errors import find
from salestrain.core.i18n import Text, get_language

# The folder of a trainee's work folder that holds their imports (copies, mappings, summary).
IMPORT_FOLDER = "imports"

TABLES = ("customers", "opportunities", "holdings")
Kind = Literal["text", "number", "percent", "date", "stage", "status", "segment",
               "holding_segment", "product", "subsidiary", "channel"]


class Column(ContentModel):
    """One column a tool reads: its id in the tool's table, how to read it, and its headers."""

    id: str
    kind: Kind
    required: bool
    label: Text
    aliases: list[str] = []
    example: Text | None = None  # None: the template leaves the cell blank


class Table(ContentModel):
    name: Text
    tool: Text
    columns: list[Column]

    def column(self, column_id: str) -> Column:
        return find(self.columns, column_id, "column")


class ImportsContent(ContentModel):
    tables: dict[str, Table]
    stage_aliases: dict[str, list[str]]
    statuses: dict[str, Text]
    status_aliases: dict[str, list[str]]
    unspecified: Text
    messages: dict[str, Text]
    labels: dict[str, Text]

    @model_validator(mode="after")
    def _every_table(self) -> ImportsContent:
        if sorted(self.tables) != sorted(TABLES):
            raise ValueError(f"tables: list exactly {', '.join(TABLES)}")
        for name, table in self.tables.items():
            ids = [c.id for c in table.columns]
            if len(set(ids)) != len(ids):
                raise ValueError(f"tables/{name}: column ids must be unique")
        return self


FILE = ContentFile(__package__, "content.yaml", ImportsContent)


def data() -> ImportsContent:
    return FILE.load()


def table(name: str) -> Table:
    """The declared table `name`; the error lists the tables there are."""
    tables = data().tables
    if name not in tables:
        raise KeyError(f"no table {name!r}: choose one of {', '.join(TABLES)}")
    return tables[name]


def message(key: str, lang: str | None = None, **fields: object) -> str:
    return FILE.text(key, lang or get_language(), table="messages", **fields)


def label(key: str, lang: str | None = None, **fields: object) -> str:
    return FILE.text(key, lang or get_language(), table="labels", **fields)
