"""The annual industry plan (行业发展计划) an HP industry account manager hands in.

`IndustryPlan` is a *draft*: every field may be empty, so half-written work always saves.
Whether it is ready is a separate report, `completeness()`, with a score and what is missing.
Numbers accept what people type (`1,200`, `1 200`, `12.5%`, `120万`) and a bad one is refused
with a message naming the field. `set(path, value)` changes one field by its path
(``"swot.threats"``, ``"sales_history.2.our_sales"``) so a form can drive the model.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from salestrain.core import report, storage
from salestrain.core.display import money, percent
from salestrain.core.errors import FieldError, error_code, look_up
from salestrain.core.html import HTMLView, Shown, bullet_list, escape
from salestrain.core.i18n import get_language
from salestrain.core.numbers import format_number, parse_number
from salestrain.hp.content import figures, hp, label, text

KIND = "plan"
HISTORY_YEARS = 3
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


def _amount(value: object) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_number(value, allow_negative=False)


def _year(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = parse_number(value, allow_negative=False)
    except ValueError:
        number = -1.0
    if number != int(number) or not 1990 <= number <= 2100:
        raise PydanticCustomError("year", text("err_year", value=value))
    return int(number)


Str = Annotated[str, BeforeValidator(_text)]
Amount = Annotated[float | None, BeforeValidator(_amount)]
Year = Annotated[int | None, BeforeValidator(_year)]


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=True)


class YearSales(_Draft):
    """One year of history: what the industry bought from us and in total in our categories."""

    year: Year = None
    our_sales: Amount = None
    customer_purchases: Amount = None

    @property
    def share_of_wallet(self) -> float | None:
        if self.our_sales is None or not self.customer_purchases:
            return None
        return self.our_sales / self.customer_purchases


class ProductLine(_Draft):
    product: Str = ""
    sales: Amount = None
    gap: Str = ""
    action: Str = ""


class ExecutiveVisit(_Draft):
    who: Str = ""
    with_whom: Str = ""
    when: Str = ""
    purpose: Str = ""


class MarketingEvent(_Draft):
    name: Str = ""
    date: Str = ""
    budget: Amount = None
    goal: Str = ""


class Swot(_Draft):
    """Competitor analysis, threats first (the seed: 主要分析威胁)."""

    competitors: Str = ""
    threats: Str = ""
    opportunities: Str = ""
    weaknesses: Str = ""
    strengths: Str = ""


class Target(_Draft):
    value: Amount = None
    reason: Str = ""


class Targets(_Draft):
    """Proposed by the manager, negotiated in the review meeting, revised at mid-year."""

    proposed: Target = Field(default_factory=Target)
    negotiated: Target = Field(default_factory=Target)
    mid_year: Target = Field(default_factory=Target)


def _three_years() -> list[YearSales]:
    return [YearSales() for _ in range(HISTORY_YEARS)]


class IndustryPlan(storage.SavedWork, _Draft):
    """One account manager's annual plan for one industry; every section of the seed's plan."""

    title: Str = ""
    industry: Str = ""
    account_manager: Str = ""
    plan_year: Year = None
    customer_situation: Str = ""
    main_business: Str = ""
    sales_history: list[YearSales] = Field(default_factory=_three_years)
    share_reasons: Str = ""
    customer_focus: Str = ""
    likely_investment: Amount = None
    swot: Swot = Field(default_factory=Swot)
    product_lines: list[ProductLine] = Field(default_factory=list)
    own_weak_points: Str = ""
    executive_visits: list[ExecutiveVisit] = Field(default_factory=list)
    marketing_events: list[MarketingEvent] = Field(default_factory=list)
    targets: Targets = Field(default_factory=Targets)

    @field_validator("industry", mode="after")
    @classmethod
    def _known_industry(cls, value: str) -> str:
        if not value:
            return value
        for industry in hp().industries:
            if value.strip().casefold() in {industry.id, industry.name.en.casefold(),
                                            industry.name.zh}:
                return industry.id
        choices = ", ".join(i.name(get_language()) for i in hp().industries)
        raise PydanticCustomError("industry", text("err_industry", value=value, choices=choices))

    @field_validator("sales_history", mode="after")
    @classmethod
    def _pad_history(cls, value: list[YearSales]) -> list[YearSales]:
        return value + [YearSales() for _ in range(HISTORY_YEARS - len(value))]

    # --- editing ------------------------------------------------------------------------

    def set(self, path: str, value: object) -> None:
        """Set one field by path; a bad value raises FieldError and leaves the plan unchanged."""
        parent, attr = self._locate(path)
        try:
            setattr(parent, attr, value)
        except ValidationError as exc:
            raise FieldError(error_code(exc.errors()[0]), _message(exc), field=path) from None

    def get(self, path: str) -> object:
        parent, attr = self._locate(path)
        return getattr(parent, attr)

    def _locate(self, path: str) -> tuple[BaseModel, str]:
        parts = path.split(".")
        node: object = self
        try:
            for part in parts[:-1]:
                node = node[int(part)] if isinstance(node, list) else getattr(node, part)
        except (AttributeError, IndexError, ValueError):
            raise FieldError("unknown_field", text("err_path", path=path), field=path) from None
        if not isinstance(node, BaseModel) or parts[-1] not in type(node).model_fields:
            raise FieldError("unknown_field", text("err_path", path=path), field=path)
        return node, parts[-1]

    def without(self, paths: Iterable[str]) -> IndustryPlan:
        """A copy with the fields at `paths` emptied: what the plan says once the values a form
        refused are left out (paths that no longer exist are skipped)."""
        copy = self.model_copy(deep=True)
        for path in paths:
            try:
                parent, attr = copy._locate(path)
            except FieldError:
                continue
            empty = type(parent).model_fields[attr].get_default(call_default_factory=True)
            setattr(parent, attr, empty)
        return copy

    def add_row(self, section: str) -> None:
        """Append an empty row to a list section (product_lines, executive_visits, …)."""
        rows = getattr(self, section)
        rows.append(type(self).model_fields[section].annotation.__args__[0]())

    def remove_row(self, section: str) -> None:
        rows = getattr(self, section)
        if rows:
            rows.pop()

    # --- derived figures ----------------------------------------------------------------

    def derived(self) -> Derived:
        """Growth, share of wallet, target growth and totals, computed from what is filled."""
        hist = self.sales_history
        growth = []
        for before, after in zip(hist, hist[1:], strict=False):
            ok = before.our_sales and after.our_sales is not None
            growth.append(after.our_sales / before.our_sales - 1 if ok else None)
        first, last = hist[0].our_sales, hist[-1].our_sales
        cagr = None
        if first and last is not None and len(hist) > 1:
            cagr = (last / first) ** (1 / (len(hist) - 1)) - 1
        latest = next((h.our_sales for h in reversed(hist) if h.our_sales is not None), None)
        proposed = self.targets.proposed.value
        negotiated = self.targets.negotiated.value
        budgets = [e.budget for e in self.marketing_events if e.budget is not None]
        return Derived(
            years=[h.year for h in hist],
            growth=growth,
            cagr=cagr,
            share_of_wallet=[h.share_of_wallet for h in hist],
            target_growth=proposed / latest - 1 if proposed is not None and latest else None,
            target_gap=negotiated - proposed if None not in (proposed, negotiated) else None,
            events_budget=sum(budgets) if budgets else None,
        )

    # --- completeness -------------------------------------------------------------------

    def completeness(self, lang: str | None = None,
                     left_out: Iterable[str] = ()) -> Completeness:
        """How much of the plan is filled in (0–100) and, in order, what is still missing.

        `left_out` names fields whose typed value was refused (the form shows an error there):
        they count as not filled in, whatever value the plan still holds from before, and one
        that no item covers (a mid-year figure, a second row) is an item of its own — so a plan
        with an error on screen is never complete.
        """
        lang = lang or get_language()
        left_out = list(left_out)
        plan = self.without(left_out) if left_out else self
        # (filled in?, what is missing, the paths it covers: exact, or a prefix ending in ".")
        checks: list[tuple[bool, str, tuple[str, ...]]] = []

        def need(ok: bool, section: str, field: str, path: str) -> None:
            checks.append((ok, label(section, field, lang), (path,)))

        def need_rows(ok: bool, section: str) -> None:
            name = hp().section(section).label(lang)
            checks.append((ok, text("missing_rows", lang, section=name), (section + ".",)))

        for field in ("title", "industry", "account_manager"):
            need(bool(getattr(plan, field).strip()), "basics", field, field)
        need(plan.plan_year is not None, "basics", "plan_year", "plan_year")
        for field in ("customer_situation", "main_business"):
            need(bool(getattr(plan, field).strip()), "customer", field, field)
        history = hp().section("history").label(lang)
        years_ok = all(h.year is not None and h.our_sales is not None
                       for h in plan.sales_history[:HISTORY_YEARS])
        checks.append((years_ok, text("missing_years", lang, section=history),
                       tuple(f"sales_history.{i}.{f}" for i in range(HISTORY_YEARS)
                             for f in ("year", "our_sales"))))
        wallet_ok = plan.sales_history[-1].customer_purchases is not None
        last = len(plan.sales_history) - 1
        checks.append((wallet_ok, text("missing_wallet", lang, section=history),
                       (f"sales_history.{last}.customer_purchases",)))
        need(bool(plan.share_reasons.strip()), "history", "share_reasons", "share_reasons")
        need(bool(plan.customer_focus.strip()), "outlook", "customer_focus", "customer_focus")
        need(plan.likely_investment is not None, "outlook", "likely_investment",
             "likely_investment")
        for field in ("competitors", "threats", "opportunities", "weaknesses", "strengths"):
            need(bool(getattr(plan.swot, field).strip()), "swot", field, f"swot.{field}")
        need_rows(any(p.product.strip() and p.gap.strip() and p.action.strip()
                      for p in plan.product_lines), "product_lines")
        need(bool(plan.own_weak_points.strip()), "weak_points", "own_weak_points",
             "own_weak_points")
        need_rows(any(all(getattr(v, f).strip() for f in ("who", "with_whom", "when", "purpose"))
                      for v in plan.executive_visits), "executive_visits")
        need_rows(any(e.name.strip() and e.date.strip() and e.budget is not None
                      and e.goal.strip() for e in plan.marketing_events), "marketing_events")
        for stage in ("proposed", "negotiated"):
            target = getattr(plan.targets, stage)
            field = label("targets", stage, lang)
            checks.append((target.value is not None and bool(target.reason.strip()),
                           text("missing_target", lang, field=field), (f"targets.{stage}.",)))
        for path in left_out:
            counted = any(not ok and any(path == c or (c.endswith(".") and path.startswith(c))
                                         for c in covers) for ok, _, covers in checks)
            if not counted:
                checks.append((False, text("missing_refused", lang,
                                           field=field_label(path, lang)), (path,)))
        done = sum(ok for ok, _, _ in checks)
        return Completeness(
            score=round(100 * done / len(checks)),
            done=done,
            total=len(checks),
            missing=[name for ok, name, _ in checks if not ok],
        )

    # --- persistence --------------------------------------------------------------------

    KIND: ClassVar[str] = KIND

    @classmethod
    def invalid(cls, exc: ValidationError) -> str:
        return _message(exc, located=True)

    def file_name(self) -> str:
        return self.title.strip() or text("untitled", "en")


    @classmethod
    def example(cls, lang: str | None = None) -> IndustryPlan:
        """The worked example: a provincial postal enterprise's plan for the tax bureaus."""
        raw = (Path(__file__).parent / "data" / "example_plan.json").read_text(encoding="utf-8")
        return cls.from_dict(json.loads(raw)[lang or get_language()])

    # --- exports ------------------------------------------------------------------------

    def to_report(self, lang: str | None = None,
                  left_out: Mapping[str, str] | None = None) -> report.Report:
        """The plan as a document: a heading per section, tables for the numbers; the fields in
        `left_out` ({path: why}) are emptied and listed at the top."""
        return build_report(self, lang or get_language(), left_out)

    def export(self, fmt: str, folder: Path | None = None, lang: str | None = None,
               left_out: Mapping[str, str] | None = None) -> Path:
        """Write the plan as 'docx', 'xlsx', 'md' or 'json' under <work folder>/exports.

        `left_out` ({path: why}) names fields that showed an error: their old values are not
        exported, and the export lists them (a section at the top; ``left_out`` in JSON).
        """
        lang = lang or get_language()
        left_out = dict(left_out or {})
        path = storage.export_dir(folder) / f"{KIND}-{storage.slug(self.file_name())}.{fmt}"
        if fmt == "json":
            data = self.without(left_out).to_dict()
            if left_out:
                data["left_out"] = [{"field": p, "label": field_label(p, lang), "problem": why}
                                    for p, why in left_out.items()]
            path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            return path
        return report.write(build_report(self, lang, left_out), fmt, path)


def field_label(path: str, lang: str | None = None) -> str:
    """A field of the plan as a trainee reads it, e.g. 'Product lines, row 2: Gap'."""
    lang = lang or get_language()
    parts = path.split(".")
    data = hp()
    if len(parts) == 1:
        fields = {f.id: f for s in data.plan_sections for f in s.fields}
        return look_up(fields, path, "plan field").label(lang)
    if parts[0] == "swot":
        return label("swot", parts[1], lang)
    if parts[0] == "targets":
        stage = label("targets", parts[1], lang)
        if parts[2] == "value":
            return stage
        return text("field_part", lang, field=stage, part=label("targets", "reason", lang))
    sid = "history" if parts[0] == "sales_history" else parts[0]
    section = data.section(sid)
    return text("field_in_row", lang, section=section.label(lang), n=int(parts[1]) + 1,
                field=section.field(parts[2]).label(lang))


def left_out_lines(left_out: Mapping[str, str], lang: str | None = None) -> list[str]:
    """One line per left-out field: its label and why its value was refused."""
    lang = lang or get_language()
    return [text("field_error", lang, field=field_label(p, lang), message=why)
            for p, why in left_out.items()]


def _message(exc: ValidationError, located: bool = False) -> str:
    parts = []
    for err in exc.errors():
        msg = err["msg"].removeprefix("Value error, ")
        where = ".".join(str(p) for p in err["loc"])
        parts.append(f"{where}: {msg}" if where and (located or len(exc.errors()) > 1) else msg)
    return "; ".join(parts)


def field_errors(exc: ValidationError) -> dict[str, str]:
    """{field name: message} from a pydantic error, for showing next to each field."""
    out: dict[str, str] = {}
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"]) or ""
        out.setdefault(key, err["msg"].removeprefix("Value error, "))
    return out


@dataclass(frozen=True, repr=False)
class Derived(Shown):
    """Figures computed from the plan's numbers (None where an input is still missing)."""

    years: list[int | None]
    growth: list[float | None]
    cagr: float | None
    share_of_wallet: list[float | None]
    target_growth: float | None
    target_gap: float | None
    events_budget: float | None

    def _of_year(self, key: str, i: int, lang: str) -> str:
        measure = text(key, lang)
        year = self.years[i] if i < len(self.years) else None
        if year is None:
            return text("of_position", lang, measure=measure, n=i + 1)
        return text("of_year", lang, measure=measure, year=year)

    def rows(self, lang: str | None = None) -> list[tuple[str, str]]:
        """(label, formatted value) for every figure, in the course language."""
        lang = lang or get_language()
        rows = [(self._of_year("growth", i + 1, lang), percent(g, lang))
                for i, g in enumerate(self.growth)]
        rows.append((text("cagr", lang), percent(self.cagr, lang)))
        rows += [(self._of_year("share_of_wallet", i, lang), percent(s, lang))
                 for i, s in enumerate(self.share_of_wallet)]
        rows += [(text("target_growth", lang), percent(self.target_growth, lang)),
                 (text("target_gap", lang), money(self.target_gap, lang)),
                 (text("events_budget", lang), money(self.events_budget, lang))]
        return rows

    def view(self, lang: str | None = None) -> HTMLView:
        lang = lang or get_language()
        return figures(text("derived", lang), self.rows(lang), lang)


@dataclass(frozen=True, repr=False)
class Completeness(Shown):
    """How much of the plan is filled in, and what is still missing (in order)."""

    score: int
    done: int
    total: int
    missing: list[str]

    def view(self, lang: str | None = None) -> HTMLView:
        lang = lang or get_language()
        head = text("completeness", lang, score=percent(self.score / 100, lang))
        items = text("items_done", lang, done=self.done, total=self.total)
        if self.missing:
            rest = text("missing", lang)
            html = (f"<div class='st-card'><h4>{escape(head)}</h4>"
                    f"<div class='st-muted'>{escape(items)}</div>{escape(rest)}"
                    f"{bullet_list(self.missing)}</div>")
            plain = "\n".join([f"{head} ({items})", rest, *(f"- {m}" for m in self.missing)])
        else:
            done = text("nothing_missing", lang)
            html = (f"<div class='st-card'><h4>{escape(head)}</h4>"
                    f"<div class='st-muted'>{escape(items)}</div>"
                    f"<span class='st-ok'>✓ {escape(done)}</span></div>")
            plain = f"{head} ({items})\n{done}"
        return HTMLView(html, plain)


# --- the report ---------------------------------------------------------------------------


def clean(value: object) -> object:
    """Text with the control characters Word and Excel files cannot hold removed."""
    return _XML_ILLEGAL.sub("", value) if isinstance(value, str) else value


def build_report(plan: IndustryPlan, lang: str,
                 left_out: Mapping[str, str] | None = None) -> report.Report:
    data = hp()
    left_out = dict(left_out or {})
    if left_out:
        plan = plan.without(left_out)

    def lab(section: str, field: str) -> str:
        return label(section, field, lang)

    def head(section: str) -> str:
        return data.section(section).label(lang)

    def para(section: str, field: str, value: str) -> str:
        return f"{lab(section, field)}: {clean(value)}"

    industry = data.industry(plan.industry).name(lang) if plan.industry else ""
    subtitle = [
        text("owner", lang, name=clean(plan.account_manager)),
        text("plan_for", lang, industry=industry, year=plan.plan_year or ""),
    ]
    derived = plan.derived()
    history_rows = []
    for i, h in enumerate(plan.sales_history):
        growth = derived.growth[i - 1] if i else None
        history_rows.append([h.year or "", format_number(h.our_sales),
                             format_number(h.customer_purchases),
                             percent(h.share_of_wallet, lang),
                             percent(growth, lang) if i else ""])
    history_cols = [lab("history", f) for f in ("year", "our_sales", "customer_purchases")]
    history_cols += [text("share_of_wallet", lang), text("growth", lang)]
    derived_rows = [
        [text("cagr", lang), percent(derived.cagr, lang)],
        [text("target_growth", lang), percent(derived.target_growth, lang)],
        [text("target_gap", lang),
         format_number(derived.target_gap) or text("not_available", lang)],
        [text("events_budget", lang),
         format_number(derived.events_budget) or text("not_available", lang)],
    ]

    def table_of(section: str, rows: list[BaseModel]) -> report.Table:
        fields = data.section(section).fields
        body = []
        for row in rows:
            values = []
            for f in fields:
                value = getattr(row, f.id)
                values.append(format_number(value) if isinstance(value, float) or value is None
                              else clean(value))
            body.append(values)
        return report.Table(head(section), [f.label(lang) for f in fields], body)

    target_rows = []
    for stage in ("proposed", "negotiated", "mid_year"):
        t = getattr(plan.targets, stage)
        target_rows.append([lab("targets", stage), format_number(t.value), clean(t.reason)])
    sections = [
        report.Section(head("customer"), [
            para("customer", "customer_situation", plan.customer_situation),
            para("customer", "main_business", plan.main_business)]),
        report.Section(head("history"),
                       [para("history", "share_reasons", plan.share_reasons)],
                       [report.Table(head("history"), history_cols, history_rows),
                        report.Table(text("derived", lang),
                                     [text("measure", lang), text("value", lang)],
                                     derived_rows)]),
        report.Section(head("outlook"), [
            para("outlook", "customer_focus", plan.customer_focus),
            f"{lab('outlook', 'likely_investment')}: {format_number(plan.likely_investment)}"]),
        report.Section(head("swot"), [
            para("swot", f, getattr(plan.swot, f))
            for f in ("competitors", "threats", "opportunities", "weaknesses", "strengths")]),
        report.Section(head("product_lines"), [],
                       [table_of("product_lines", plan.product_lines)]),
        report.Section(head("weak_points"),
                       [para("weak_points", "own_weak_points", plan.own_weak_points)]),
        report.Section(head("executive_visits"), [],
                       [table_of("executive_visits", plan.executive_visits)]),
        report.Section(head("marketing_events"), [],
                       [table_of("marketing_events", plan.marketing_events)]),
        report.Section(head("targets"), [], [report.Table(
            head("targets"),
            [text("target_stage", lang), text("amount", lang), lab("targets", "reason")],
            target_rows)]),
    ]
    if left_out:
        lines = [clean(line) for line in left_out_lines(left_out, lang)]
        sections.insert(0, report.Section(text("left_out_heading", lang),
                                          [text("left_out_intro", lang), *lines]))
    title = clean(plan.title) if plan.title.strip() else data.strings["untitled"](lang)
    return report.Report(title=title, subtitle=subtitle, sections=sections)


# --- the kind, for lists of saved work across the course -----------------------------------


def describe(data: dict, lang: str | None = None) -> tuple[str, str]:
    """(title, progress) of saved plan data, e.g. ('Banks 2014', '80 % complete')."""
    lang = lang or get_language()
    plan = IndustryPlan.from_dict(data)
    title = plan.title.strip() or text("untitled_plan", lang)
    return title, text("progress", lang,
                       score=percent(plan.completeness(lang).score / 100, lang))


storage.register_kind(KIND, lambda lang: text("kind_plan", lang), describe, model=IndustryPlan)
