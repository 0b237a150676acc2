"""Haier case content: its schema rules and the views the notebook shows."""

from __future__ import annotations

import pytest

from salestrain.core.content import ContentError
from salestrain.haier import content as haier
from salestrain.haier import views as haier_views


def test_content_has_the_case_facts():
    d = haier.data()
    assert {b.id for b in d.blocks} >= {"commerce_hq", "overseas_hq", "product_hq", "rnd",
                                        "functional"}
    assert [m.duty for m in d.managers] == ["steer", "create", "realise", "obtain"]
    assert [r.name.zh for r in d.sst] == ["索酬", "索赔", "跳闸"]
    years = {e.year for e in d.timeline}
    assert {1998, 2002, 2005, 2013, 2019} <= years
    assert all(e.sources for e in d.timeline)


def test_timeline_out_of_order_is_rejected():
    data = haier.FILE.read()
    data["timeline"] = list(reversed(data["timeline"]))
    with pytest.raises(ContentError, match="date order"):
        haier.FILE.parse(data)


def test_contract_with_unknown_party_is_rejected():
    data = haier.FILE.read()
    data["simulation"]["contracts"][0]["seller"] = "marketing"
    with pytest.raises(ContentError, match="unknown unit"):
        haier.FILE.parse(data)


def test_missing_string_is_named():
    with pytest.raises(KeyError, match="nope"):
        haier.text("nope")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_views_and_chain_figure(lang):
    for view in (haier_views.blocks_view, haier_views.managers_view, haier_views.sst_view,
                 haier_views.timeline_view):
        shown = view(lang)
        assert "<table" in shown._repr_html_() and repr(shown)
    timeline = repr(haier_views.timeline_view(lang))
    assert {"en": "September 2005", "zh": "2005年9月"}[lang] in timeline
    assert {"en": "H2 2013", "zh": "2013年下半年"}[lang] in timeline
    assert "2005-09" not in timeline
    fig = haier_views.chain_figure(lang)
    assert haier.text("fig_chain_title", lang) == fig.axes[0].get_title()


def test_roles_match_the_deck():
    """型号经理 creates, 产品经理 realises through on-site promotion and advertising, 客户经理
    obtains; the product manager is the link between marketing and products."""
    pm = haier.manager("realise")
    assert "现场促销" in pm.duty_text.zh and "店内促销" not in pm.duty_text.zh
    assert "on-site promotion" in pm.duty_text.en and "advertising" in pm.duty_text.en
    assert "纽带" in pm.duty_text.zh
    assert "创造订单" in haier.manager("create").duty_text.zh
    assert "获取订单" in haier.manager("obtain").duty_text.zh


def test_rnd_as_block_3_is_marked_as_the_courses_reading():
    rnd = next(b for b in haier.data().blocks if b.id == "rnd")
    assert rnd.basis == "reading" and rnd.note is not None
    shown = haier_views.blocks_view("zh")
    assert "本课程的解读" in shown._repr_html_()
    data = haier.FILE.read()
    del data["blocks"][3]["note"]
    with pytest.raises(ContentError, match="needs a note"):
        haier.FILE.parse(data)


def test_sorter_naming_an_unknown_task_is_rejected():
    data = haier.FILE.read()
    data["sorter"].append("made_up")
    with pytest.raises(ContentError, match="unknown task"):
        haier.FILE.parse(data)


def test_sst_is_marked_as_a_later_source():
    for lang in ("en", "zh"):
        shown = haier_views.sst_view(lang)
        assert haier.text("sst_note", lang) in repr(shown)
    assert "2000" in haier.text("sst_note", "en") and "源课件" in haier.text("sst_note", "zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_task_and_model_flow_views(lang):
    for role in ("steer", "create", "realise", "obtain"):
        assert "<table" in haier_views.tasks_view(role, lang)._repr_html_()
    with pytest.raises(ValueError):
        haier_views.tasks_view("boss", lang)
    flow = repr(haier_views.model_flow_view(lang))
    assert len(flow.splitlines()) == 6
    assert ("商品支持部" if lang == "zh" else "commodity-support") in flow


def test_worked_example_is_a_2013_city_post_office():
    ex = haier.data().example_rolemap
    assert ex.title.zh.startswith("市邮政局") and "分公司" not in ex.title.zh


def test_chain_figure_marks_block_3_as_the_courses_reading():
    fig = haier_views.chain_figure("en")
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert "Block 3 (course's reading)" in labels and "Block 1" in labels
    assert any("later Haier sources" in label for label in labels)


def _smallest_text(fig) -> float:
    from matplotlib.text import Text

    fig.canvas.draw()
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]
    return min(sizes)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_haier_chart_has_an_alt_text_and_legible_text(lang):
    """Shown at natural size (100 px per inch), 9 pt is 12.5 px; 6.8 in fits the page."""
    from salestrain.core.plotting import Chart
    from salestrain.haier import marketchain
    from salestrain.haier.rolenetwork import RoleNetwork

    network = RoleNetwork(categories=2, models_per_category=3, regions=2, customers=4)
    run = marketchain.simulate(orders=300, claim_discipline=0.3)
    charts = {
        "chain": (haier_views.chain_view(lang), haier_views.chain_figure(lang)),
        "network": (network.network_view(highlight="P1.1", lang=lang),
                    network.draw(lang, highlight="P1.1")),
        "run": (run.chart_view(lang), run.chart(lang)),
    }
    for name, (chart, fig) in charts.items():
        assert isinstance(chart, Chart), name
        assert len(chart.alt) > 80 and "\n" not in chart.alt, name
        assert 'alt="' in chart._repr_html_() and repr(chart) == chart.alt
        assert chart.width <= 700, name
        assert _smallest_text(fig) >= 9, name
    assert haier.text("fig_customers", lang) in charts["chain"][0].alt
    assert "16" in charts["network"][0].alt and "4" in charts["network"][0].alt
    assert network.roles["P1.1"].label(lang) in charts["network"][0].alt
    assert str(len(run.trips)) in charts["run"][0].alt
    assert "300" in charts["run"][0].alt


def test_chart_alt_texts_differ_by_language_and_content():
    from salestrain.haier import marketchain

    assert haier_views.chain_alt("en") != haier_views.chain_alt("zh")
    one = marketchain.simulate(orders=100, claim_discipline=1.0).chart_alt("en")
    two = marketchain.simulate(orders=100, claim_discipline=0.0).chart_alt("en")
    assert one != two and "0 trips fired" in one
