"""The trainee's own organisation mapped onto Haier's order duties.

Each post of the trainee's organisation is assigned to *create*, *realise* or *obtain* orders
(Haier's model, product and customer managers) or to none of them, with what it is paid on.
A draft may be incomplete: `findings()` reports what needs attention — above all an order duty
that no post owns, which is where orders fall between departments — instead of refusing it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from salestrain.core import storage
from salestrain.core.i18n import get_language
from salestrain.core.report import Report, Section, Table, write
from salestrain.haier import content as haier

KIND = "rolemap"
ORDER_DUTIES = ("create", "realise", "obtain")
DUTIES = (*ORDER_DUTIES, "none")
EXPORTS = {"word": "docx", "excel": "xlsx", "markdown": "md", "json": "json"}


class Post(BaseModel):
    """One post: its name, its duty in the order chain, its pay basis and its boss."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    name: str = ""
    duty: Literal["create", "realise", "obtain", "none"] = "none"
    paid_on: str = ""
    reports_to: str = ""

    @field_validator("duty", mode="before")
    @classmethod
    def _known_duty(cls, value: object) -> object:
        if value in (None, ""):
            return "none"
        if value not in DUTIES:
            msg = haier.text("rm_err_duty", value=value)
            raise PydanticCustomError("unknown_duty", "{message}", {"message": msg})
        return value

    @field_validator("name", "paid_on", "reports_to", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return "" if value is None else value


class Finding(BaseModel):
    """One thing to look at: a stable code, the message, the post it concerns (if any)."""

    code: Literal["empty", "unowned", "unpaid", "unnamed", "duplicate"]
    message: str
    post: int | None = None
    duty: str | None = None


class RoleMap(BaseModel):
    """A trainee's mapping of their organisation's posts to create / realise / obtain."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    title: str = ""
    organisation: str = ""
    posts: list[Post] = []

    # --- analysis -------------------------------------------------------------------------

    def owners(self, duty: str) -> list[Post]:
        """The posts assigned to one duty."""
        return [p for p in self.posts if p.duty == duty]

    def unowned(self) -> list[str]:
        """The order duties no named post owns."""
        return [d for d in ORDER_DUTIES if not any(p.name.strip() for p in self.owners(d))]

    def counts(self) -> dict[str, int]:
        """How many posts carry each duty."""
        return {d: len(self.owners(d)) for d in DUTIES}

    def findings(self, lang: str | None = None) -> list[Finding]:
        """What needs attention, most important first; empty when every duty is owned."""
        lang = lang or get_language()
        if not self.posts:
            return [Finding(code="empty", message=haier.text("rm_empty", lang))]
        found = [
            Finding(code="unowned", duty=d,
                    message=haier.text("rm_unowned", lang, duty=duty_label(d, lang)))
            for d in self.unowned()
        ]
        names: dict[str, int] = {}
        for i, post in enumerate(self.posts):
            name = post.name.strip()
            if not name:
                found.append(Finding(code="unnamed", post=i,
                                     message=haier.text("rm_unnamed", lang, n=i + 1)))
                continue
            key = name.casefold()
            if key in names:
                found.append(Finding(code="duplicate", post=i,
                                     message=haier.text("rm_duplicate", lang, post=name)))
            names.setdefault(key, i)
            if post.duty != "none" and not post.paid_on.strip():
                msg = haier.text("rm_unpaid", lang, post=name,
                                 duty=duty_label(post.duty, lang).lower())
                found.append(Finding(code="unpaid", post=i, duty=post.duty, message=msg))
        return found

    def summary(self, lang: str | None = None) -> str:
        """One line counting the posts by duty."""
        return haier.text("rm_summary", lang, posts=len(self.posts), **self.counts())

    # --- persistence and export -----------------------------------------------------------

    def to_data(self) -> dict:
        """The map as JSON-ready data (what is saved)."""
        return self.model_dump(mode="json")

    @classmethod
    def from_data(cls, data: object) -> RoleMap:
        """A map from saved data; unknown fields are ignored, bad values raise ValueError."""
        if not isinstance(data, dict):
            raise ValueError(f"a role map must be a JSON object, not {type(data).__name__}")
        return cls.model_validate(data)

    @classmethod
    def example(cls, lang: str | None = None) -> RoleMap:
        """The worked example from the case content, in one language."""
        ex = haier.data().example_rolemap
        return cls(
            title=ex.title(lang), organisation=ex.organisation(lang),
            posts=[Post(name=p.name(lang), duty=p.duty, paid_on=p.paid_on(lang),
                        reports_to=p.reports_to(lang)) for p in ex.posts],
        )

    def name(self, lang: str | None = None) -> str:
        """The title, or a placeholder — it names the saved file."""
        return self.title.strip() or haier.text("rm_untitled", lang)

    def save(self, folder: Path | None = None, path: Path | None = None) -> Path:
        """Save atomically as a "rolemap" file: to `path`, the file this map already has, or
        else to a new file in the work folder named after its title (another map's file is
        never reused)."""
        target = path or storage.new_path(KIND, self.name(), folder)
        return storage.write(target, KIND, self.to_data())

    @classmethod
    def load(cls, path: Path | str) -> RoleMap:
        """Load a saved role map (refuses files of another kind, keeps bad files untouched)."""
        return cls.from_data(storage.read(path, KIND))

    def to_report(self, lang: str | None = None) -> Report:
        """The map as a document: posts by duty, then what to look at."""
        lang = lang or get_language()
        columns = [haier.text(k, lang) for k in ("rm_post", "rm_duty", "rm_paid_on",
                                                  "rm_reports_to")]
        rows: list[list[object]] = [
            [p.name, duty_label(p.duty, lang), p.paid_on, p.reports_to]
            for d in DUTIES for p in self.owners(d)
        ]
        findings = [f.message for f in self.findings(lang)] or [haier.text("rm_all_owned", lang)]
        subtitle = [s for s in (self.organisation, self.summary(lang)) if s]
        return Report(
            title=f"{haier.text('rm_report_title', lang)}: {self.name(lang)}",
            subtitle=subtitle,
            sections=[
                Section(haier.text("rm_posts", lang),
                        tables=[Table(haier.text("rm_posts", lang), columns, rows)]),
                Section(haier.text("rm_findings", lang), paragraphs=findings),
            ],
        )

    def export(self, fmt: str, folder: Path | None = None, lang: str | None = None) -> Path:
        """Write the map as Word, Excel, Markdown or JSON into `exports/` of the work folder
        `folder` (never beside the saved work, whose file a JSON export would otherwise
        replace); return the path."""
        if fmt not in EXPORTS:
            raise ValueError(f"export format must be one of {', '.join(EXPORTS)}, not {fmt!r}")
        path = storage.export_dir(folder) / f"{KIND}-{storage.slug(self.name(lang))}.{EXPORTS[fmt]}"
        if fmt == "json":
            path.write_text(json.dumps(self.to_data(), ensure_ascii=False, indent=2),
                            encoding="utf-8")
            return path
        return write(self.to_report(lang), EXPORTS[fmt], path)

    def progress(self, lang: str | None = None) -> str:
        """How far the map is, for lists of saved work: "4 posts · 2 of 3 order duties owned"."""
        owned = len(ORDER_DUTIES) - len(self.unowned())
        return haier.text("rm_progress", lang, posts=len(self.posts), owned=owned,
                          duties=len(ORDER_DUTIES))


def duty_label(duty: str, lang: str | None = None) -> str:
    """The label of a duty (create, realise, obtain, none) in the course language."""
    return haier.text(f"duty_{duty}", lang)


# --- the kind, for lists of saved work across the course -----------------------------------


def describe(data: dict, lang: str | None = None) -> tuple[str, str]:
    """(title, progress) of saved role-map data, e.g. ('My branch', '4 posts · 2 of 3 …')."""
    rolemap = RoleMap.from_data(data)
    return rolemap.name(lang), rolemap.progress(lang)


def blank() -> dict:
    """The data of an empty role map (what New starts from)."""
    return RoleMap().to_data()


storage.register_kind(KIND, lambda lang: haier.text("rm_kind", lang), describe)
