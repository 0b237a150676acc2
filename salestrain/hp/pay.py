"""Pay plans for account and product managers: split, threshold, accelerator, cap, PM link.

The payout rule (stated once, here): below the threshold attainment no variable pay; from the
threshold up to 100 % the variable pay is paid one-for-one with attainment (80 % of quota pays
80 % of the target variable pay); above 100 % each point of attainment pays `accelerator`
points; the variable payout never exceeds `cap` times its target. HP's split is 60/40 and its
product managers have 10 % of their pay tied to the account managers' results (seed); the
threshold, accelerator and cap defaults are the course's assumptions (common practice), not HP
figures, and adjustable. The results (`Payout`, `PMPayout`, `DoubleCredit`) show themselves as
labelled tables in the course language (`.view()`), never as raw Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator, model_validator
from pydantic_core import PydanticCustomError

from salestrain.core.display import money, money_ticks, percent, percent_ticks
from salestrain.core.html import HTMLView, Shown, table
from salestrain.core.i18n import get_language
from salestrain.core.numbers import parse_number
from salestrain.hp.content import figures, hp, text


def _fraction(value: object) -> object:
    return None if value is None or value == "" else parse_number(value, percent=True)


def _number(value: object) -> object:
    return None if value is None or value == "" else parse_number(value)


Fraction = Annotated[float, BeforeValidator(_fraction)]
Number = Annotated[float, BeforeValidator(_number)]


class PayPlan(BaseModel):
    """A base/variable pay plan; impossible settings are rejected with the fix in the message."""

    model_config = ConfigDict(frozen=True)

    target_pay: Number
    base_share: Fraction
    variable_share: Fraction | None = None
    threshold: Fraction = 0.0
    accelerator: Number = 1.0
    cap: Number | None = None
    pm_link: Fraction = 0.0

    @field_validator("target_pay")
    @classmethod
    def _not_negative(cls, value: float) -> float:
        if value < 0:
            raise PydanticCustomError(
                "negative_pay", text("err_negative", field=text("target_pay"), value=value))
        return value

    @field_validator("base_share", "variable_share", "pm_link")
    @classmethod
    def _share(cls, value: float | None, info) -> float | None:
        if value is not None and not 0 <= value <= 1:
            raise PydanticCustomError(
                "share_range",
                text("err_share_range", field=text(info.field_name), value=percent(value)),
            )
        return value

    @field_validator("threshold")
    @classmethod
    def _threshold(cls, value: float) -> float:
        if value < 0:
            raise PydanticCustomError(
                "negative", text("err_negative", field=text("threshold"), value=value))
        if value >= 1:
            raise PydanticCustomError("threshold_range",
                                      text("err_threshold", value=percent(value)))
        return value

    @field_validator("accelerator")
    @classmethod
    def _accelerator(cls, value: float) -> float:
        if value < 1:
            raise PydanticCustomError("accelerator_range", text("err_accelerator", value=value))
        return value

    @field_validator("cap")
    @classmethod
    def _cap(cls, value: float | None) -> float | None:
        if value is not None and value < 1:
            raise PydanticCustomError("cap_range", text("err_cap", value=value))
        return value

    @model_validator(mode="after")
    def _split_and_link(self) -> PayPlan:
        if self.variable_share is None:
            object.__setattr__(self, "variable_share", round(1 - self.base_share, 12))
        if abs(self.base_share + self.variable_share - 1) > 1e-6:
            raise PydanticCustomError("split_sum", text(
                "err_split", base=percent(self.base_share), variable=percent(self.variable_share)))
        if self.pm_link > self.variable_share + 1e-12:
            raise PydanticCustomError("link_exceeds_variable", text(
                "err_link", link=percent(self.pm_link), variable=percent(self.variable_share)))
        return self

    @classmethod
    def hp_default(cls, **changes: object) -> PayPlan:
        """HP's 60/40 plan with the course's default threshold, accelerator, cap and PM link."""
        d = hp().pay_defaults
        values = {"target_pay": d.target_pay, "base_share": d.base_share,
                  "threshold": d.threshold, "accelerator": d.accelerator, "cap": d.cap,
                  "pm_link": d.pm_link}
        values.update(changes)
        return cls(**values)

    @property
    def base_pay(self) -> float:
        return self.target_pay * self.base_share

    @property
    def target_variable(self) -> float:
        return self.target_pay * self.variable_share

    def ratio(self, attainment: float) -> float:
        """Variable pay as a multiple of its target at this attainment (1.0 = on target)."""
        attainment = _attainment(attainment)
        if attainment < self.threshold:
            return 0.0
        ratio = attainment if attainment <= 1 else 1 + self.accelerator * (attainment - 1)
        return min(ratio, self.cap) if self.cap is not None else ratio

    def payout(self, attainment: float) -> Payout:
        attainment = _attainment(attainment)
        ratio = self.ratio(attainment)
        variable = self.target_variable * ratio
        return Payout(
            attainment=attainment,
            base=self.base_pay,
            variable=variable,
            total=self.base_pay + variable,
            of_target=(self.base_pay + variable) / self.target_pay if self.target_pay else 0.0,
            capped=self.cap is not None and attainment > 1 and ratio >= self.cap,
            below_threshold=attainment < self.threshold,
        )

    def table(self, attainments: list[float] | None = None) -> list[Payout]:
        """Payouts at the given attainments (default: the course's 40 %–200 % list)."""
        return [self.payout(a) for a in (attainments or hp().pay_defaults.attainments)]

    def curve(self, stop: float = 2.0, points: int = 201) -> tuple[list[float], list[float]]:
        """(attainments, total pay) from 0 to `stop`, for a chart."""
        xs = [stop * i / (points - 1) for i in range(points)]
        return xs, [self.payout(x).total for x in xs]


def _attainment(value: object) -> float:
    value = parse_number(value, percent=False) if isinstance(value, str) else float(value)
    if value < 0:
        raise ValueError(text("err_negative", field=text("attainment"), value=value))
    return value


@dataclass(frozen=True, repr=False)
class Payout(Shown):
    """Pay at one attainment (amounts in RMB a year)."""

    attainment: float
    base: float
    variable: float
    total: float
    of_target: float
    capped: bool
    below_threshold: bool

    def attainment_label(self, lang: str | None = None) -> str:
        """'130 %', with '(capped)' or '(below threshold)' when that applies."""
        lang = lang or get_language()
        label = percent(self.attainment, lang)
        if self.capped:
            label += f" ({text('capped', lang)})"
        if self.below_threshold:
            label += f" ({text('below_threshold', lang)})"
        return label

    def view(self, lang: str | None = None) -> HTMLView:
        lang = lang or get_language()
        return figures(text("pay_title", lang), [
            (text("attainment", lang), self.attainment_label(lang)),
            (text("base_pay", lang), money(self.base, lang)),
            (text("variable_pay", lang), money(self.variable, lang)),
            (text("total_pay", lang), money(self.total, lang)),
            (text("of_target", lang), percent(self.of_target, lang)),
        ], lang)


def payout_table(payouts: list[Payout], lang: str | None = None) -> HTMLView:
    """Several payouts as one table: attainment, base, variable, total, share of target pay."""
    lang = lang or get_language()
    columns = [text(k, lang) for k in ("attainment", "base_pay", "variable_pay", "total_pay",
                                       "of_target")]
    rows = [[p.attainment_label(lang), money(p.base, lang), money(p.variable, lang),
             money(p.total, lang), percent(p.of_target, lang)] for p in payouts]
    plain = "\n".join(" | ".join(r) for r in [columns, *rows])
    return HTMLView(table(columns, rows), plain)


@dataclass(frozen=True, repr=False)
class PMPayout(Shown):
    """A product manager's pay: part on the product's results, part on the account managers'."""

    base: float
    own_variable: float
    linked_variable: float
    total: float
    product_attainment: float | None = None
    account_attainment: float | None = None

    def view(self, lang: str | None = None) -> HTMLView:
        lang = lang or get_language()
        note = None
        if self.product_attainment is not None and self.account_attainment is not None:
            note = text("pm_pay_note", lang, product=percent(self.product_attainment, lang, 0),
                        account=percent(self.account_attainment, lang, 0))
        return figures(text("pm_pay_title", lang), [
            (text("base_pay", lang), money(self.base, lang)),
            (text("pm_own_variable", lang), money(self.own_variable, lang)),
            (text("pm_linked_variable", lang), money(self.linked_variable, lang)),
            (text("total_pay", lang), money(self.total, lang)),
        ], lang, note=note)


def product_manager_pay(
    plan: PayPlan, product_attainment: float, account_attainment: float
) -> PMPayout:
    """Pay of a product manager whose `plan.pm_link` share of target pay follows the AMs.

    The linked slice (e.g. 10 % of target pay) is taken out of the variable pay and paid at the
    account managers' attainment; the rest of the variable pay follows the product's attainment.
    Both slices use the plan's threshold, accelerator and cap.
    """
    linked_target = plan.target_pay * plan.pm_link
    own_target = plan.target_variable - linked_target
    own = own_target * plan.ratio(product_attainment)
    linked = linked_target * plan.ratio(account_attainment)
    return PMPayout(plan.base_pay, own, linked, plan.base_pay + own + linked,
                    _attainment(product_attainment), _attainment(account_attainment))


@dataclass(frozen=True, repr=False)
class DoubleCredit(Shown):
    """What crediting the same revenue to two people costs, against crediting it once."""

    revenue: float
    single_cost: float
    double_cost: float
    extra_cost: float
    single_rate: float
    double_rate: float

    def view(self, lang: str | None = None) -> HTMLView:
        lang = lang or get_language()
        columns = [text("credit_mode", lang), text("incentive_cost", lang),
                   text("cost_of_sales", lang)]
        rows = [[text("single_credit", lang), money(self.single_cost, lang),
                 percent(self.single_rate, lang)],
                [text("double_credit", lang), money(self.double_cost, lang),
                 percent(self.double_rate, lang)],
                [text("extra_cost", lang), money(self.extra_cost, lang), "—"]]
        colon = "：" if lang == "zh" else ": "
        caption = f"{text('revenue', lang)}{colon}{money(self.revenue, lang)}"
        plain = "\n".join([caption, *(" | ".join(r) for r in [columns, *rows])])
        return HTMLView(table(columns, rows, row_headers=True, caption=caption), plain)


def incentive_rate(plan: PayPlan, quota: float) -> float:
    """Variable pay per RMB of revenue at target: the target variable pay over the quota."""
    quota = parse_number(quota, allow_negative=False)
    if quota <= 0:
        raise ValueError(text("err_negative", field=text("quota"), value=quota))
    return plan.target_variable / quota


def double_credit_cost(revenue: object, account_rate: object, product_rate: object) -> DoubleCredit:
    """Incentive cost when revenue counts for the account manager only, or for both (双轨)."""
    values = {}
    for name, raw in (("revenue", revenue), ("account_rate", account_rate),
                      ("product_rate", product_rate)):
        value = parse_number(raw)
        if value < 0:
            raise ValueError(text("err_negative", field=text(name), value=value))
        values[name] = value
    rev = values["revenue"]
    single = rev * values["account_rate"]
    double = rev * (values["account_rate"] + values["product_rate"])
    return DoubleCredit(
        revenue=rev,
        single_cost=single,
        double_cost=double,
        extra_cost=double - single,
        single_rate=single / rev if rev else 0.0,
        double_rate=double / rev if rev else 0.0,
    )


def pay_chart(plan: PayPlan, lang: str | None = None, mark: float | None = None):
    """Total pay against attainment, with the target pay line and an optional marked point."""
    import matplotlib.pyplot as plt

    from salestrain.core.plotting import use_cjk_fonts

    use_cjk_fonts()
    lang = lang or get_language()
    xs, ys = plan.curve(stop=2.0)
    fig, ax = plt.subplots(figsize=(6.4, 3.0))
    ax.plot(xs, ys, color="#2f5d8a", lw=2)
    ax.axhline(plan.target_pay, color="#8a97a8", lw=1, ls="--", label=text("target_line", lang))
    if mark is not None:
        p = plan.payout(mark)
        ax.plot([p.attainment], [p.total], "o", color="#c98a2b")
    ax.set_xlabel(text("attainment", lang))
    ax.xaxis.set_major_formatter(percent_ticks(lang))
    ax.set_ylabel(text("total_pay", lang))
    ax.set_title(text("pay_curve", lang), fontsize=10)
    ax.yaxis.set_major_formatter(money_ticks(lang))
    ax.legend(fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    plt.close(fig)
    return fig


def pay_chart_alt(plan: PayPlan, lang: str | None = None, mark: float | None = None) -> str:
    """What `pay_chart` shows, as a sentence for readers who cannot see it (its text
    alternative): pay below the threshold, on target and at 200 %, and the marked point."""
    lang = lang or get_language()
    point = ""
    if mark is not None:
        p = plan.payout(mark)
        point = text("pay_chart_mark", lang, pay=money(p.total, lang),
                     attainment=percent(p.attainment, lang))
    return text("pay_chart_alt", lang, start=money(plan.payout(0).total, lang),
                threshold=percent(plan.threshold, lang, 0),
                target=money(plan.payout(1).total, lang),
                end=money(plan.payout(2).total, lang), mark=point)
