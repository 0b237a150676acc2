"""The HP content: the deck's industries (the post among them), terms, labelled figures."""

from __future__ import annotations

import pytest

from salestrain.core.display import money, percent
from salestrain.core.i18n import language
from salestrain.hp.content import figures, hp, text


def test_industries_are_the_decks_four_with_the_post_among_them():
    industries = hp().industries
    assert [i.id for i in industries] == ["telecom", "finance_postal", "government", "commercial"]
    finance = hp().industry("finance_postal")
    assert finance.name.zh == "金融邮政" and "邮政" in finance.examples.zh
    government = hp().industry("government")
    assert {k.zh for k in government.kinds} >= {"国税局", "地税局", "工商局"}


def test_pay_terms_follow_the_term_table():
    zh = {k: v.zh for k, v in hp().strings.items()}
    assert "起奖线" in zh["threshold"] and "起奖线" in zh["below_threshold"]
    assert "起奖线" in zh["err_threshold"]
    assert "双轨考核" in zh["double_credit"] and "单轨计酬" in zh["single_credit"]
    assert not any("起付" in v or "双轨计算" in v for v in zh.values())


def test_pay_defaults_are_labelled_as_the_courses_assumptions():
    for lang, words in (("en", ["course's assumptions", "not HP figures"]),
                        ("zh", ["本课程的假设", "并非惠普的数字"])):
        note = text("pay_assumptions", lang)
        assert all(w in note for w in words)


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [(120_000, "RMB 120,000", "12万元"), (176_000, "RMB 176,000", "17.6万元"),
     (10_000_000, "RMB 10,000,000", "1000万元"), (5_000, "RMB 5,000", "5000元"),
     (-400_000, "RMB -400,000", "-40万元"), (None, "—", "—")],
)
def test_money_reads_as_people_write_it(value, en, zh):
    """The HP figures in the house style (core.display)."""
    assert money(value, "en") == en and money(value, "zh") == zh


def test_percent_and_figures():
    assert percent(0.1451, "en") == "14.5 %" and percent(0.1451, "zh") == "14.5%"
    assert percent(None, "en") == "—"
    with language("zh"):
        view = figures("推算指标", [("年均增长率", "9.2%")])
    assert repr(view) == "推算指标\n年均增长率：9.2%"
    assert "<table" in view._repr_html_() and "指标" in view._repr_html_()
