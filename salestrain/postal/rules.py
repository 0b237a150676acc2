"""Module 2's rules: key-account grading by monthly revenue bands over a seeded synthetic
customer base; who owns each account — by revenue grade, unless a customer-segment rule says
otherwise (`owner_level`); the customer-manager bonus (50/40/10 by default) where new savings and
agency business counts as marketing gross margin, with dual-track credit and what the double
count costs; and the cross-sell matrix of postal businesses × customer segments. No widgets here:
the tools in `postal.widgets` only call these functions.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from salestrain.core.display import money, percent
from salestrain.core.errors import FieldError
from salestrain.core.i18n import get_language
from salestrain.core.numbers import NumberError, format_number, parse_number
from salestrain.postal.content import postal, text


class PostalError(FieldError):
    """Input the postal tools cannot use; the message says which value and the fix, the code
    is the name of its text without "err_" ("bands_order", "weights" …).

    `field` names the input it belongs to (a grade id for a grade limit) when there is one, so a
    form can show the message under that input.
    """


def _refuse(code: str, at: str = "", **fields: object) -> PostalError:
    """The refusal whose text is `err_<code>` in the content file, for the input `at`."""
    return PostalError(code, text(f"err_{code}", **fields), field=at)


# --- grading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Customer:
    """One enterprise customer and where it sits in the organisation.

    A synthetic customer's city and county are indexes into the synthetic base; an imported
    one's are the names from the trainee's list (see `customers_from_frame`).
    """

    id: str
    segment: str
    city: int | str
    county: int | str
    monthly_revenue: float


def synthetic_customers(n: int | None = None, seed: int | None = None) -> list[Customer]:
    """A seeded synthetic customer base: a few very large accounts, a long tail of small ones.

    Monthly revenues are log-normal (median about RMB 12,000) so that, with the default bands,
    roughly 1 % are special grade and about half are small and micro — invented figures.
    """
    base = postal().synthetic_base
    n = base.customers if n is None else n
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 100_000:
        raise _refuse("customers", value=n)
    rng = random.Random(base.seed if seed is None else seed)
    segments = [s.id for s in postal().customer_segments]
    out = []
    for i in range(n):
        city = rng.randrange(len(base.cities))
        county = rng.randrange(len(base.cities[city].counties))
        revenue = round(math.exp(rng.gauss(math.log(12_000), 1.75)), -2)
        out.append(Customer(f"C{i + 1:04d}", rng.choice(segments), city, county, revenue))
    return out


def customers_from_frame(frame) -> list[Customer]:
    """Customers from an imported table (`salestrain.imports.load_customers`): the row number
    in the trainee's file is the id, city and county are kept as written."""
    return [Customer(f"#{row}", str(seg), str(city), str(county), float(revenue))
            for row, seg, city, county, revenue in zip(
                frame.index, frame["segment"], frame["city"], frame["county"],
                frame["monthly_revenue"], strict=True)]


def bonus_inputs(frame, manager: str | None = None) -> dict[str, float]:
    """The bonus calculator's results fields summed over an imported customer table (one
    manager's customers when `manager` is given): new business revenue, new marketing gross
    margin and retained revenue."""
    rows = frame if manager is None else frame[frame["manager"] == manager]
    return {"new_revenue": float(rows["new_revenue"].sum()),
            "new_margin": float(rows["new_margin"].sum()),
            "retention": float(rows["retained_revenue"].sum())}


def default_bands() -> list[float]:
    """The lower monthly-revenue limit of each grade, highest grade first."""
    return [g.min_monthly for g in postal().grades]


def check_bands(bands: list[object]) -> list[float]:
    """Typed limits (`1,000,000`, `100万`) as numbers; refuses a wrong count or order."""
    grades = postal().grades
    if len(bands) != len(grades):
        raise _refuse("bands_count", count=len(grades))
    errors = band_errors(bands)
    if errors:
        raise next(iter(errors.values()))
    return [parse_number(raw, allow_negative=False) for raw in bands]


def band_errors(bands: list[object]) -> dict[str, PostalError]:
    """Every problem with typed grade limits, keyed by the grade whose limit must change (each
    error's `field`).

    Empty when the limits can be used. A limit that cannot be read is named with its grade; a
    limit not below the one above it, and a lowest limit other than 0, are reported on that grade.
    """
    grades = postal().grades
    if len(bands) != len(grades):
        return {grades[0].id: _refuse("bands_count", grades[0].id, count=len(grades))}
    lang = get_language()
    errors: dict[str, PostalError] = {}
    values: list[float | None] = []
    for grade, raw in zip(grades, bands, strict=True):
        try:
            values.append(parse_number(raw, allow_negative=False))
        except NumberError as exc:
            errors[grade.id] = PostalError(exc.code, f"{grade.name(lang)}: {exc}", field=grade.id)
            values.append(None)
    for i in range(1, len(values)):
        below, above = values[i], values[i - 1]
        if below is not None and above is not None and below >= above:
            errors.setdefault(grades[i].id, _refuse(
                "bands_order", grades[i].id, grade=grades[i].name(lang),
                value=format_number(below), above=grades[i - 1].name(lang),
                above_value=format_number(above)))
    if values[-1] is not None and values[-1] != 0:
        errors.setdefault(grades[-1].id, _refuse("bands_last", grades[-1].id))
    return errors


def grade_of(monthly_revenue: float, bands: list[float] | None = None) -> str:
    """The id of the highest grade whose lower limit the revenue reaches."""
    bands = default_bands() if bands is None else bands
    for grade, limit in zip(postal().grades, bands, strict=True):
        if monthly_revenue >= limit:
            return grade.id
    return postal().grades[-1].id


@dataclass(frozen=True)
class GradeRow:
    grade: str
    min_monthly: float
    owner: str
    customers: int
    revenue: float
    share: float


def grade_customers(customers: list[Customer], bands: list[object] | None = None) -> list[GradeRow]:
    """Customers and revenue per grade, with the level that owns the grade."""
    limits = default_bands() if bands is None else check_bands(list(bands))
    counts = {g.id: 0 for g in postal().grades}
    revenue = {g.id: 0.0 for g in postal().grades}
    for c in customers:
        g = grade_of(c.monthly_revenue, limits)
        counts[g] += 1
        revenue[g] += c.monthly_revenue
    total = sum(revenue.values()) or 1.0
    return [GradeRow(g.id, lim, g.owner, counts[g.id], revenue[g.id], revenue[g.id] / total)
            for g, lim in zip(postal().grades, limits, strict=True)]


# --- ownership ----------------------------------------------------------------------------


def default_segment_owners() -> dict[str, str]:
    """The content's segment rules: customer segment -> the level that owns all its accounts."""
    return dict(postal().segment_owners)


def check_segment_owners(rules: dict[str, object] | None) -> dict[str, str]:
    """Segment rules as {segment: level}; an empty choice means "by grade" and is dropped."""
    if rules is None:
        return default_segment_owners()
    data = postal()
    segments = {s.id for s in data.customer_segments}
    levels = {lv.id for lv in data.levels}
    out = {}
    for segment, level in rules.items():
        if segment not in segments:
            raise _refuse("unknown_segment", segment, value=segment)
        if level in (None, ""):
            continue
        if level not in levels:
            raise _refuse("unknown_level", segment, value=level)
        out[segment] = str(level)
    return out


def owner_level(customer: Customer, bands: list[float] | None = None,
                segment_owners: dict[str, str] | None = None) -> tuple[str, bool]:
    """The level that owns this customer, and whether a segment rule decided it.

    The rule: if the customer's segment has an owner in `segment_owners` (default: the content's
    rules, e.g. government → province), that level owns the account whatever its revenue — a
    small government office stays with the province. Otherwise the revenue grade decides.
    """
    rules = default_segment_owners() if segment_owners is None else segment_owners
    if customer.segment in rules:
        return rules[customer.segment], True
    grade_id = grade_of(customer.monthly_revenue, bands)
    return postal().grade(grade_id).owner, False


def owner_unit(customer: Customer, bands: list[float] | None = None,
               lang: str | None = None, segment_owners: dict[str, str] | None = None) -> str:
    """Who owns this customer: the group, the province, its city's centre or its county's."""
    lang = lang or get_language()
    data = postal()
    level_id, _ = owner_level(customer, bands, segment_owners)
    level = data.level(level_id)
    if level_id in ("national", "province"):
        return level.body(lang)
    if isinstance(customer.city, str):  # an imported customer: the names as written
        city_name, county_name = customer.city or "—", str(customer.county) or "—"
    else:
        city = data.synthetic_base.cities[customer.city]
        city_name, county_name = city.name(lang), city.counties[customer.county](lang)
    if level_id == "city":
        return f"{city_name} · {level.body(lang)}"
    return f"{city_name} · {county_name} · {level.body(lang)}"


def ownership(customers: list[Customer], bands: list[object] | None = None,
              lang: str | None = None,
              segment_owners: dict[str, object] | None = None) -> dict[str, int]:
    """How many customers each unit (province / city centre / county centre) owns."""
    limits = default_bands() if bands is None else check_bands(list(bands))
    rules = check_segment_owners(segment_owners)
    out: dict[str, int] = {}
    for c in customers:
        unit = owner_unit(c, limits, lang, rules)
        out[unit] = out.get(unit, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass(frozen=True)
class LevelRow:
    level: str
    customers: int
    by_rule: int
    revenue: float
    share: float


def level_ownership(customers: list[Customer], bands: list[object] | None = None,
                    segment_owners: dict[str, object] | None = None) -> list[LevelRow]:
    """Customers and revenue each level owns, and how many of them a segment rule put there."""
    limits = default_bands() if bands is None else check_bands(list(bands))
    rules = check_segment_owners(segment_owners)
    levels = [lv.id for lv in postal().levels]
    counts = dict.fromkeys(levels, 0)
    by_rule = dict.fromkeys(levels, 0)
    revenue = dict.fromkeys(levels, 0.0)
    for c in customers:
        level, ruled = owner_level(c, limits, rules)
        counts[level] += 1
        by_rule[level] += ruled
        revenue[level] += c.monthly_revenue
    total = sum(revenue.values()) or 1.0
    return [LevelRow(lv, counts[lv], by_rule[lv], revenue[lv], revenue[lv] / total)
            for lv in levels]


def grade_table(rows: list[GradeRow], lang: str | None = None) -> tuple[list[str], list[list]]:
    """Columns and rows for showing a grading (names in the course language)."""
    lang = lang or get_language()
    data = postal()
    cols = [text(k, lang) for k in
            ("grade_col", "min_col", "owner_col", "count_col", "revenue_col", "share_col")]
    body = [[data.grade(r.grade).name(lang),
             format_number(r.min_monthly), data.level(r.owner).name(lang), r.customers,
             format_number(round(r.revenue)), percent(r.share, lang)] for r in rows]
    return cols, body


def level_table(rows: list[LevelRow], lang: str | None = None) -> tuple[list[str], list[list]]:
    """Columns and rows for showing who owns the customers, level by level."""
    lang = lang or get_language()
    data = postal()
    cols = [text(k, lang) for k in ("col_level", "count_col", "col_by_rule", "revenue_col",
                                    "share_col")]
    body = [[data.level(r.level).name(lang), r.customers, r.by_rule,
             format_number(round(r.revenue)), percent(r.share, lang)] for r in rows]
    return cols, body


# --- bonus --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BonusResult:
    """The customer manager's bonus, its parts, and the cost of counting revenue twice."""

    parts: dict[str, tuple[float, float, float]]  # part -> (weight, completion, amount)
    bonus: float
    dual_track: bool
    credited_revenue: float  # new business as credited: counted twice with dual-track credit
    unit_pay: float
    cost_single: float
    cost_dual: float
    new_revenue: float = 0.0  # new business measured by revenue (mail, parcels, logistics)
    new_margin: float = 0.0  # new savings and agency business, by marketing gross margin

    @property
    def new_business(self) -> float:
        """The new business credited to the customer manager: revenue + marketing gross margin."""
        return self.new_revenue + self.new_margin

    def message(self, lang: str | None = None) -> str:
        lang = lang or get_language()
        amount = text("bonus_total", lang, amount=money(self.bonus, lang))
        made_of = text("bonus_new_business", lang, revenue=money(self.new_revenue, lang),
                       margin=money(self.new_margin, lang),
                       total=money(self.new_business, lang))
        if self.dual_track:
            extra = text("bonus_dual", lang, revenue=money(self.new_business, lang),
                         unit_pay=money(self.unit_pay, lang),
                         single=percent(self.cost_single, lang), dual=percent(self.cost_dual, lang))
        else:
            extra = text("bonus_single", lang, single=percent(self.cost_single, lang))
        if lang == "zh":
            return f"{amount}。{made_of}{extra}"
        return f"{amount}. {made_of} {extra}"

    def rows(self, lang: str | None = None) -> tuple[list[str], list[list]]:
        lang = lang or get_language()
        cols = [text(k, lang) for k in ("col_part", "col_weight", "col_completion", "col_amount")]
        body = [[text(f"part_{k}", lang), percent(w, lang), percent(c, lang),
                 format_number(round(a))] for k, (w, c, a) in self.parts.items()]
        return cols, body


def _num(name: str, value: object, *, positive: bool = False, percent: bool = False) -> float:
    label = text(f"f_{name}")
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _refuse("target" if positive else "negative", name, field=label, value="—")
    try:
        number = parse_number(value, allow_negative=True, percent=percent)
    except NumberError as exc:
        raise PostalError(exc.code, f"{label}: {exc}", field=name) from None
    if number < 0:
        raise _refuse("negative", name, field=label, value=value)
    if positive and number == 0:
        raise _refuse("target", name, field=label)
    return number


def bonus(*, new_revenue: object, retention: object, retention_target: object,
          service: object, new_margin: object = 0, base_amount: object | None = None,
          new_revenue_target: object | None = None, weights: dict | None = None,
          cap: object | None = None, dual_track: bool = True,
          unit_rate: object | None = None) -> BonusResult:
    """Year-end bonus = base × Σ weight × min(completion, cap), as one city bureau's rule.

    New business is measured in two ways, as that bureau converts sales into marketing gross
    margin (营销毛利收入): `new_revenue` is the revenue of new mail, parcel and logistics
    business; `new_margin` is the marketing gross margin of new savings and agency business
    (`bonus_defaults.margin_businesses`) — a RMB 10 m deposit is not RMB 10 m of revenue. Their
    sum is compared with the new-business target.
    Weights and the line's rate may be fractions (0.5) or percentages (50, "50%"); the weights
    must add up to 100 %.
    With dual-track credit the same new business is also credited to the specialist line, which
    is paid `unit_rate` on it: that payout is the cost of the double count.
    """
    d = postal().bonus_defaults
    base = _num("base_amount", d.base_amount if base_amount is None else base_amount,
                positive=True)
    target = _num("new_revenue_target",
                  d.new_revenue_target if new_revenue_target is None else new_revenue_target,
                  positive=True)
    revenue = _num("new_revenue", new_revenue)
    margin = _num("new_margin", new_margin)
    new = revenue + margin
    kept = _num("retention", retention)
    kept_target = _num("retention_target", retention_target, positive=True)
    score = _num("service", service)
    if score > 100:
        raise _refuse("service", "service", value=service)
    cap_ = _num("cap", d.cap if cap is None else cap)
    if cap_ < 1:
        raise _refuse("cap", "cap", value=cap)
    rate = _num("unit_rate", d.unit_rate if unit_rate is None else unit_rate, percent=True)
    if rate > 1:
        raise _refuse("rate", "unit_rate", value=unit_rate)
    raw = dict(d.weights.model_dump() if weights is None else weights)
    w = {k: _num(f"w_{k}", raw.get(k, 0), percent=True) for k in ("new_revenue", "retention",
                                                                    "service")}
    if not math.isclose(sum(w.values()), 1.0, abs_tol=1e-6):
        raise _refuse("weights", "w_service", total=percent(sum(w.values())))
    completion = {"new_revenue": new / target, "retention": kept / kept_target,
                  "service": score / 100}
    parts = {k: (w[k], completion[k], base * w[k] * min(completion[k], cap_)) for k in w}
    total = sum(a for _, _, a in parts.values())
    unit_pay = new * rate if dual_track else 0.0
    cost_single = total / new if new else 0.0
    cost_dual = (total + unit_pay) / new if new else 0.0
    return BonusResult(parts, total, dual_track, new * (2 if dual_track else 1), unit_pay,
                       cost_single, cost_dual, revenue, margin)


# --- cross-sell matrix ---------------------------------------------------------------------

Role = Literal["lead", "follow", ""]
# The exercise's rule, per customer segment (a column of the matrix): one lead business — the
# one that opens the relationship — and at most two follow businesses.
MAX_PER_SEGMENT = {"lead": 1, "follow": 2}


class CrossSellMatrix(BaseModel):
    """Which business to lead with, and which to follow with, for each customer segment."""

    model_config = ConfigDict(extra="ignore")

    cells: dict[str, dict[str, str]] = {}

    @model_validator(mode="after")
    def _known_only(self) -> CrossSellMatrix:
        """Unknown businesses, segments and roles are dropped; a segment with more than one lead
        or more than two follows is refused, naming the segment and the businesses."""
        data = postal()
        businesses = {b.id for b in data.businesses()}
        segments = {s.id for s in data.customer_segments}
        self.cells = {b: {s: r for s, r in row.items() if s in segments and r in ("lead",
                                                                                  "follow")}
                      for b, row in self.cells.items() if b in businesses and isinstance(row,
                                                                                         dict)}
        for segment in segments:
            for role in ("lead", "follow"):
                chosen = self.businesses(segment, role)
                if len(chosen) > MAX_PER_SEGMENT[role]:
                    raise PostalError(f"matrix_{role}s",
                                      self._too_many(segment, role, chosen[-1], chosen[:-1]),
                                      field=f"{chosen[-1]}.{segment}")
        return self

    def set(self, business: str, segment: str, role: str | None) -> None:
        """Set one cell to "lead", "follow" or "" (empty); anything else is refused, and so is a
        second lead or a third follow in one segment (`PostalError` naming both; nothing changes).
        """
        data = postal()
        if business not in {b.id for b in data.businesses()}:
            raise _refuse("unknown_business", value=business)
        if segment not in {s.id for s in data.customer_segments}:
            raise _refuse("unknown_segment", value=segment)
        role = role or ""
        if role not in ("lead", "follow", ""):
            raise _refuse("matrix_role", value=role)
        if role:
            others = [b for b in self.businesses(segment, role) if b != business]
            if len(others) >= MAX_PER_SEGMENT[role]:
                raise PostalError(f"matrix_{role}s",
                                  self._too_many(segment, role, business, others),
                                  field=f"{business}.{segment}")
        row = self.cells.setdefault(business, {})
        if role:
            row[segment] = role
        else:
            row.pop(segment, None)
            if not row:
                self.cells.pop(business)

    def get(self, business: str, segment: str) -> str:
        return self.cells.get(business, {}).get(segment, "")

    def businesses(self, segment: str, role: str) -> list[str]:
        """The businesses chosen as `role` for one segment, in the content's order."""
        return [b.id for b in postal().businesses() if self.get(b.id, segment) == role]

    @staticmethod
    def _too_many(segment: str, role: str, business: str, others: list[str]) -> str:
        lang = get_language()
        data = postal()
        def name(b: str) -> str:
            return text("matrix_name", lang, name=data.business(b).name(lang))

        return text(f"err_matrix_{role}s", lang,
                    segment=data.customer_segment(segment).name(lang), business=name(business),
                    others=("、" if lang == "zh" else " and ").join(map(name, others)))

    def count(self, role: str) -> int:
        return sum(r == role for row in self.cells.values() for r in row.values())

    def unled_segments(self) -> list[str]:
        led = {s for row in self.cells.values() for s, r in row.items() if r == "lead"}
        return [s.id for s in postal().customer_segments if s.id not in led]

    def summary(self, lang: str | None = None) -> str:
        lang = lang or get_language()
        empty = [postal().customer_segment(s).name(lang) for s in self.unled_segments()]
        names = ("、" if lang == "zh" else ", ").join(empty) if empty else text("matrix_all_led",
                                                                              lang)
        return text("matrix_summary", lang, lead=self.count("lead"),
                    follow=self.count("follow"), empty=names)

    def table(self, lang: str | None = None) -> tuple[list[str], list[list[str]]]:
        lang = lang or get_language()
        data = postal()
        cols = [text("matrix_business", lang)] + [s.name(lang) for s in data.customer_segments]
        rows = [[b.name(lang)] + [text(self.get(b.id, s.id) or "none", lang)
                                  for s in data.customer_segments] for b in data.businesses()]
        return cols, rows
