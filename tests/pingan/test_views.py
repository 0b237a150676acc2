"""The Ping An lesson tables: the four lines of the operating model, the approval owners the
course reads in, and tables a trainee can read (labelled columns, names, formatted figures)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from salestrain.core.content import ContentError
from salestrain.pingan import content as pingan
from salestrain.pingan import crosssell, views

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.fixture(scope="module")
def holdings() -> crosssell.Holdings:
    return crosssell.Holdings(crosssell.generate(2_000, seed=1))


def test_the_operating_model_has_the_decks_four_lines():
    lines = pingan.data().operating_model.accountabilities
    assert [a.id for a in lines] == ["operations", "product", "marketing", "sales"]
    marketing = lines[2]
    assert "customer needs" in marketing.does("en")
    assert "coordinates the product side with the sales side" in marketing.does("en")
    assert "研究客户需求" in marketing.does("zh") and "协调产品、销售双方" in marketing.does("zh")
    assert "市场部" in marketing.at_post("en") and "市场部" in marketing.at_post("zh")
    assert lines[1].measured_on("zh") == "生产利润"
    assert lines[1].measured_on("en").startswith("Production profit")


def test_the_operating_model_view_shows_four_lines_and_the_post_column():
    view = views.operating_model_view("en")
    assert view.html.count("<tr>") == 1 + 4
    assert "Marketing" in view.text and "marketing department (市场部)" in view.text
    assert "At a post office (the course&#x27;s reading)" in view.html
    assert "Not stated in the 2013 course deck" in view.text
    zh = views.operating_model_view("zh")
    assert "市场营销" in zh.text and "生产利润" in zh.text and "产品利润" not in zh.text


def test_four_lines_with_distinct_ids_are_required():
    data = pingan.FILE.read()
    lines = data["operating_model"]["accountabilities"]
    assert pingan.FILE.parse(data).operating_model.accountabilities[2].id == "marketing"
    data["operating_model"]["accountabilities"] = lines[:3]
    with pytest.raises(ContentError, match="accountabilities"):
        pingan.FILE.parse(data)
    data["operating_model"]["accountabilities"] = [*lines[:3], lines[0]]
    with pytest.raises(ContentError, match="ids must be unique"):
        pingan.FILE.parse(data)


def test_approval_steps_view_marks_owners_the_deck_does_not_name():
    view = views.approval_steps_view("en")
    rows = view.text.splitlines()[1:6]
    marked = [r.split(" | ")[0] for r in rows if "(course's reading)" in r.split(" | ")[2]]
    assert marked == ["1", "3"]
    assert "It does not say who decides the product fit" in view.text
    assert "本课程的解读" in views.approval_steps_view("zh").text


def test_problem_note_is_marked_as_the_course_reading():
    assert "course's reading (本课程的解读)" in views.problem_view("en").text
    assert "本课程的解读" in views.problem_view("zh").text


def test_holdings_view_labels_columns_and_names_ids(holdings):
    frame = crosssell.generate(300, seed=3)
    frame = pd.concat([frame[~frame["still_held"]].head(2), frame.head(3)])
    view = views.holdings_view(frame, rows=5, lang="en")
    header = view.text.splitlines()[0]
    assert header == ("Customer | Segment | Product | Company | Selling channel | Start date | "
                      "End date | Still held")
    assert not SNAKE.search(view.text)
    assert "NaT" not in view.text and not re.search(r"\bnan\b", view.text, re.IGNORECASE)
    assert "No" in view.text and "Yes" in view.text and "—" in view.text
    assert "Ping An Securities" in views.holdings_view(
        frame.assign(subsidiary="securities"), rows=1).text
    zh = views.holdings_view(frame, rows=2, lang="zh").text
    assert zh.splitlines()[0].startswith("客户 | 客户群 | 产品 | 所属公司")


def test_metric_tables_have_human_headers_and_no_nan(holdings):
    tables = [
        views.frame_view(crosssell.retention_by_products(holdings, "2024-12-31"),
                         index_label="contracts_held", names=False),
        views.frame_view(crosssell.channel_contribution(holdings, "2024-01-01", "2024-12-31"),
                         index_label="channel"),
        views.frame_view(crosssell.next_best(holdings, "2024-12-31").set_index("segment"),
                         index_label="segment"),
        views.comparison_view(holdings),
        views.figures_view(),
        views.stages_view(),
        views.wells_fargo_view(),
    ]
    for view in tables:
        assert not SNAKE.search(view.text), view.text.splitlines()[0]
        assert not re.search(r"\bnan\b", view.text, re.IGNORECASE)
        assert "{" not in view.text and "[" not in view.text
    assert tables[1].text.splitlines()[0].startswith("Selling channel | Contracts")


def test_frame_view_refuses_a_column_without_a_label():
    with pytest.raises(KeyError):
        views.frame_view(pd.DataFrame({"mystery_column": [1.0]}, index=["all"]))


def test_figures_view_formats_shares_and_keeps_sources():
    text = views.figures_view("en").text
    assert "30.8 %" in text and "| 98 %" in text
    assert "H1 2018 |" in text
    zh = views.figures_view("zh").text
    assert "30.8%" in zh and "| 98%" in zh and "2018年上半年 |" in zh and "2021年一季度 |" in zh
    assert "Ping An 2018 interim report" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_figures_chart_says_what_it_shows(holdings, lang):
    import datetime as dt

    from salestrain.core.plotting import Chart

    over_time = crosssell.figures_over_time(holdings, [dt.date(y, 12, 31)
                                                       for y in (2016, 2020, 2024)])
    chart = views.figures_chart(over_time, lang=lang)
    assert isinstance(chart, Chart)
    assert chart.alt == views.figures_chart_alt(over_time, lang)
    assert f'alt="{chart.alt}"'.replace("'", "&#x27;") in chart._repr_html_()
    # the figures it draws, in words: first and last customers, depth, and the synthetic lines
    share = "%" if lang == "zh" else " %"
    for figure in ("131", "242", "2.21", "2.92", f"30.8{share}", f"39.7{share}", f"25.6{share}",
                   "2016", "2024", {"en": "H1 2018", "zh": "2018年上半年"}[lang]):
        assert figure in chart.alt, figure
    assert "{" not in chart.alt and ".png" not in chart.alt
    assert ("synthetic" in chart.alt) if lang == "en" else ("合成数据" in chart.alt)
    assert "synthetic" not in views.figures_chart_alt(None, "en")
    if lang == "zh":
        assert len(re.findall(r"[\u3400-\u9fff]", chart.alt)) > 60  # written in Chinese


def test_figures_chart_is_legible_at_the_article_width(holdings, monkeypatch):
    """Drawn at most 6.8 in wide (shown at 100 px per inch, never shrunk: it fits the site's
    688 px output column) with no text under 9 pt, so every label is at least 12 px."""
    import datetime as dt

    from matplotlib.text import Text

    from salestrain.core import plotting

    drawn = []

    class Recorder(plotting.Chart):
        def __init__(self, figure, alt):
            drawn.append(figure)
            super().__init__(figure, alt)

    monkeypatch.setattr(plotting, "Chart", Recorder)
    over_time = crosssell.figures_over_time(holdings, [dt.date(2024, 12, 31)])
    chart = views.figures_chart(over_time, lang="en")
    assert chart.width <= 680
    (figure,) = drawn
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert len(texts) > 20
    for text in texts:
        assert text.get_fontsize() >= 9, (text.get_text(), text.get_fontsize())
