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
    assert "2005-09" in repr(haier_views.timeline_view(lang))
    fig = haier_views.chain_figure(lang)
    assert haier.text("fig_chain_title", lang) == fig.axes[0].get_title()
