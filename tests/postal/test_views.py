"""Module 2 views: human column names in the course language, formatted numbers, no reprs."""

from __future__ import annotations

import re

import pytest

from salestrain.postal import rules as postal_rules
from salestrain.postal import views

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def headers(html: str) -> list[str]:
    return re.findall(r"<th>([^<]*)</th>", html.split("<tbody>")[0])


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("make", [views.businesses_view, views.levels_view, views.roles_view,
                                  views.support_view, views.assumptions_view])
def test_tables_have_human_headers(make, lang):
    view = make(lang=lang)
    cols = headers(view.html)
    assert cols and all(c.strip() for c in cols)
    assert not SNAKE.search(view.html + view.text)
    assert "NaN" not in view.text and "None" not in view.text


def test_levels_view_shows_the_national_level_and_the_segment_rule():
    view = views.levels_view(lang="en")
    assert "National (group)" in view.text
    assert "Government and public institutions" in view.text
    zh = views.levels_view(lang="zh")
    assert "全国（集团）" in zh.text and "跨省客户" in zh.text


def test_assumptions_view_marks_course_assumptions():
    zh = views.assumptions_view(lang="zh").text
    assert "本课程的假设" in zh and "有公开出处" in zh and "本课程的解读" in zh


def test_ownership_view_and_chart():
    customers = postal_rules.synthetic_customers()
    view = views.ownership_view(customers, lang="en")
    assert "Who owns the 500 customers, by level" in view.text
    assert "Of which by segment rule" in view.html
    assert not SNAKE.search(view.text)
    chart = views.grading_chart(postal_rules.grade_customers(customers), lang="zh")
    assert chart._repr_png_().startswith(b"\x89PNG")
    assert repr(chart).startswith("合成客户：少数客户贡献大部分收入。柱形为各等级的收入占比")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_grading_chart_is_an_image_with_alt_text_giving_every_value(lang):
    from salestrain.core.plotting import Chart

    rows = postal_rules.grade_customers(postal_rules.synthetic_customers())
    chart = views.grading_chart(rows, lang=lang)
    assert isinstance(chart, Chart)
    html = chart._repr_html_()
    assert f'alt="{chart.alt}"' in html.replace("&#x27;", "'")
    names = {"en": ["Special grade", "Grade 1", "Small and micro"], "zh": ["特级", "一级", "小微"]}
    assert all(name in chart.alt for name in names[lang])
    share = {"en": "31.8 % of revenue, 1 % of customers", "zh": "特级：收入占31.8%，客户数占1%"}
    assert share[lang] in chart.alt and "_" not in chart.alt
    # Shown at the width it is drawn at, within the article (no shrinking, no scrolling at
    # 1280 px), so its 11 pt text is 15 px on the page.
    assert chart.width <= 680


def test_assumptions_table_has_no_unwrapping_row_headers():
    html = views.assumptions_view(lang="en").html
    assert "<tbody><tr><th" not in html
