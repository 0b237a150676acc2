"""Key-account scoring on HP's three indicators: purchase volume, growth potential, market share.

Normalisation (documented because the ranking depends on it): each indicator is min–max scaled
over the candidate pool to 0–100, so the best candidate on an indicator gets 100 and the worst
0. Purchase volume is scaled on log10, because yearly spends differ by orders of magnitude and a
linear scale would let one giant decide everything. The score is the weighted mean of the three
points with the weights normalised to sum to 1; tiers cut the 0–100 score at two adjustable
cut-offs. `sensitivity()` shows how much of the top of the ranking survives a change of weights.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from salestrain.core.display import percent
from salestrain.core.i18n import get_language
from salestrain.core.numbers import parse_number
from salestrain.hp.content import hp, text

INDICATORS = ("volume", "growth", "share")


def _number(value: object) -> object:
    return value if value is None else parse_number(value)


def _fraction(value: object) -> object:
    return value if value is None else parse_number(value, percent=True)


Number = Annotated[float, BeforeValidator(_number)]
Fraction = Annotated[float, BeforeValidator(_fraction)]


class Candidate(BaseModel):
    """A candidate key account: yearly spend (RMB), expected growth, its own market share."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    industry: str
    volume: Number = Field(ge=0)
    growth: Fraction
    share: Fraction = Field(ge=0, le=1)

    def value(self, indicator: str) -> float:
        return float(getattr(self, indicator))


class Weights(BaseModel):
    """Importance of each indicator; any non-negative numbers, used normalised to sum 1."""

    model_config = ConfigDict(frozen=True)

    volume: Number = Field(ge=0)
    growth: Number = Field(ge=0)
    share: Number = Field(ge=0)

    @model_validator(mode="after")
    def _not_all_zero(self) -> Weights:
        if self.volume + self.growth + self.share <= 0:
            raise PydanticCustomError("weights_zero", text("err_weights"))
        return self

    def normalised(self) -> dict[str, float]:
        total = self.volume + self.growth + self.share
        return {k: getattr(self, k) / total for k in INDICATORS}

    @classmethod
    def default(cls) -> Weights:
        return cls(**hp().scoring_defaults.weights)


class Cutoffs(BaseModel):
    """Score at or above `a` is tier A; at or above `b` tier B; below that tier C."""

    model_config = ConfigDict(frozen=True)

    a: Number
    b: Number

    @model_validator(mode="after")
    def _ordered(self) -> Cutoffs:
        for value in (self.a, self.b):
            if not 0 <= value <= 100:
                raise PydanticCustomError("cutoff_range", text("err_cutoff_range", value=value))
        if self.a <= self.b:
            raise PydanticCustomError("cutoffs_order", text("err_cutoffs", a=self.a, b=self.b))
        return self

    def tier(self, score: float) -> str:
        return "A" if score >= self.a else "B" if score >= self.b else "C"

    @classmethod
    def default(cls) -> Cutoffs:
        d = hp().scoring_defaults
        return cls(a=d.tier_a, b=d.tier_b)


@dataclass(frozen=True)
class ScoredAccount:
    """One candidate with its points per indicator (0–100), score, rank and tier."""

    rank: int
    candidate: Candidate
    points: dict[str, float]
    score: float
    tier: str


def normalise(values: list[float], log: bool = False) -> list[float]:
    """Min–max scale to 0–100 (log10 first when `log`); all-equal values all get 50."""
    xs = [math.log10(max(v, 1.0)) for v in values] if log else list(values)
    low, high = min(xs), max(xs)
    if math.isclose(low, high):
        return [50.0] * len(xs)
    return [100.0 * (x - low) / (high - low) for x in xs]


def score_accounts(
    candidates: list[Candidate],
    weights: Weights | None = None,
    cutoffs: Cutoffs | None = None,
) -> list[ScoredAccount]:
    """Candidates ranked by weighted score (ties broken by id, so the order is stable)."""
    if len(candidates) < 2:
        raise ValueError(text("err_candidates"))
    weights = weights or Weights.default()
    cutoffs = cutoffs or Cutoffs.default()
    w = weights.normalised()
    scaled = {
        k: normalise([c.value(k) for c in candidates], log=(k == "volume")) for k in INDICATORS
    }
    rows = []
    for i, cand in enumerate(candidates):
        points = {k: scaled[k][i] for k in INDICATORS}
        rows.append((sum(w[k] * points[k] for k in INDICATORS), cand, points))
    rows.sort(key=lambda r: (-round(r[0], 9), r[1].id))
    return [
        ScoredAccount(rank, cand, points, round(score, 1), cutoffs.tier(round(score, 1)))
        for rank, (score, cand, points) in enumerate(rows, start=1)
    ]


def tier_counts(scored: list[ScoredAccount]) -> dict[str, dict[str, int]]:
    """Accounts per tier, per industry: {tier: {industry id: count}}."""
    counts = Counter((s.tier, s.candidate.industry) for s in scored)
    industries = [i.id for i in hp().industries]
    return {t: {i: counts[(t, i)] for i in industries} for t in ("A", "B", "C")}


def spearman(order_a: list[str], order_b: list[str]) -> float:
    """Spearman rank correlation of two orderings of the same ids."""
    n = len(order_a)
    pos_b = {k: i for i, k in enumerate(order_b)}
    d2 = sum((i - pos_b[k]) ** 2 for i, k in enumerate(order_a))
    return 1 - 6 * d2 / (n * (n * n - 1))


@dataclass(frozen=True)
class SensitivityRow:
    """The ranking after moving one indicator's weight by `shift` (then renormalising)."""

    indicator: str
    shift: float
    weights: dict[str, float]
    kept: int
    entering: list[str]
    leaving: list[str]
    rank_correlation: float


def sensitivity(
    candidates: list[Candidate],
    weights: Weights | None = None,
    shift: float = 0.1,
    top: int = 6,
) -> list[SensitivityRow]:
    """For each indicator, move its weight by -shift and +shift: how much of the top-N stays?"""
    weights = weights or Weights.default()
    base = score_accounts(candidates, weights)
    base_order = [s.candidate.id for s in base]
    base_top = set(base_order[:top])
    names = {c.id: c.name for c in candidates}
    rows = []
    for indicator in INDICATORS:
        for delta in (-shift, shift):
            w = weights.normalised()
            w[indicator] = max(0.0, w[indicator] + delta)
            if sum(w.values()) <= 0:
                continue
            moved = Weights(**w)
            order = [s.candidate.id for s in score_accounts(candidates, moved)]
            new_top = set(order[:top])
            rows.append(SensitivityRow(
                indicator=indicator,
                shift=delta,
                weights=moved.normalised(),
                kept=len(base_top & new_top),
                entering=sorted(names[i] for i in new_top - base_top),
                leaving=sorted(names[i] for i in base_top - new_top),
                rank_correlation=round(spearman(base_order, order), 3),
            ))
    return rows


def synthetic_candidates(n: int = 40, seed: int = 2013, lang: str | None = None) -> list[Candidate]:
    """A seeded, synthetic pool of candidate key accounts for a provincial postal enterprise.

    Spread over HP's four industries. Yearly postal spend is log-normal with a median of about
    RMB 1.5 m (a few accounts above RMB 10 m), so the top fifth holds most of the spend, as in
    mature B2B portfolios; growth is centred on 8 % a year; market shares run 1–60 %.
    The figures are invented; only the names of cities are real.
    """
    lang = lang or get_language()
    data = hp()
    rng = random.Random(seed)
    industries = data.industries
    cities = data.cities
    used: Counter[str] = Counter()
    out = []
    for i in range(n):
        industry = industries[i % len(industries)]
        for _attempt in range(20):  # prefer an unused name; large pools number repeats
            kind = rng.choice(industry.kinds)
            city = rng.choice(cities)
            key = f"{industry.id}/{kind.en}/{city.en}"
            if key not in used:
                break
        used[key] += 1
        name = f"{city.zh}{kind.zh}" if lang == "zh" else f"{kind.en}, {city.en}"
        if used[key] > 1:
            name += f" {used[key]}"
        volume = round(math.exp(rng.gauss(math.log(1.5e6), 1.0)), -3)
        growth = round(min(0.4, max(-0.1, rng.gauss(0.08, 0.09))), 3)
        share = round(min(0.6, max(0.01, rng.betavariate(1.3, 5.0))), 3)
        out.append(Candidate(id=f"K{i + 1:02d}", name=name, industry=industry.id,
                             volume=volume, growth=growth, share=share))
    return out


def tier_chart(scored: list[ScoredAccount], lang: str | None = None):
    """A stacked bar chart: accounts per tier, coloured by industry."""
    import matplotlib.pyplot as plt

    from salestrain.core.plotting import use_cjk_fonts

    use_cjk_fonts()
    lang = lang or get_language()
    data = hp()
    counts = tier_counts(scored)
    tiers = [t.id for t in data.tiers]
    fig, ax = plt.subplots(figsize=(6.4, 3.0))
    bottom = [0] * len(tiers)
    colours = ["#2f5d8a", "#6c9bd2", "#c98a2b", "#3a7d44"]
    for colour, industry in zip(colours, data.industries, strict=False):
        values = [counts[t][industry.id] for t in tiers]
        ax.bar([t.name(lang) for t in data.tiers], values, bottom=bottom, color=colour,
               label=industry.name(lang), width=0.6)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel(text("accounts", lang))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(text("tier_counts", lang), fontsize=10)
    ax.legend(fontsize=9, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    plt.close(fig)
    return fig


def tier_chart_alt(scored: list[ScoredAccount], lang: str | None = None) -> str:
    """What `tier_chart` shows, as a sentence for readers who cannot see it (its text
    alternative): the accounts in each tier, by industry."""
    lang = lang or get_language()
    data = hp()
    counts = tier_counts(scored)
    parts = []
    for tier in data.tiers:
        by_industry = [text("industry_count", lang, industry=i.name(lang), n=counts[tier.id][i.id])
                       for i in data.industries if counts[tier.id][i.id]]
        n = sum(counts[tier.id].values())
        parts.append(text("tier_chart_part", lang, tier=tier.name(lang), n=n,
                          industries=text("list_comma", lang).join(by_industry)) if n
                     else text("tier_chart_empty", lang, tier=tier.name(lang)))
    return text("tier_chart_alt", lang, tiers=text("list_sep", lang).join(parts))


def sensitivity_table(
    candidates: list[Candidate],
    weights: Weights | None = None,
    shift: float = 0.1,
    top: int = 6,
    lang: str | None = None,
):
    """`sensitivity()` as a table: each weight moved down and up, what happens to the top."""
    from salestrain.core.html import HTMLView, table

    lang = lang or get_language()
    rows = []
    for r in sensitivity(candidates, weights, shift, top):
        name = hp().indicator(r.indicator).name(lang)
        rows.append([f"{name} {percent(r.shift, lang, 0, signed=True)}", f"{r.kept} / {top}",
                     "; ".join(r.entering) or "—", "; ".join(r.leaving) or "—",
                     f"{r.rank_correlation:.3f}"])
    columns = [text("sensitivity_shift", lang), text("top_overlap", lang, n=top),
               text("entering", lang), text("leaving", lang), text("rank_correlation", lang)]
    plain = "\n".join(" | ".join(row) for row in rows)
    return HTMLView(table(columns, rows), plain)
