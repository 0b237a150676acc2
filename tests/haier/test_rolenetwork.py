"""Role network: its size, the one-to-many links, who depends on whom, bottlenecks, drawing."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from salestrain.core.i18n import language
from salestrain.haier.rolenetwork import LIMITS, RoleNetwork, Spec


@pytest.mark.parametrize(
    ("cats", "models", "regions", "customers"),
    [(1, 1, 1, 0), (2, 3, 2, 4), (3, 4, 5, 9), (6, 2, 6, 12), (8, 1, 7, 3)],
)
def test_network_size(cats, models, regions, customers):
    net = RoleNetwork(categories=cats, models_per_category=models, regions=regions,
                      customers=customers)
    assert len(net.of_kind("steer")) == cats
    assert len(net.of_kind("create")) == cats * models
    assert len(net.of_kind("realise")) == cats * regions
    assert len(net.of_kind("obtain")) == customers
    assert len(net.links) == cats * models + cats * regions * models + customers * cats


def test_product_manager_faces_every_model_manager_of_its_category():
    net = RoleNetwork(categories=2, models_per_category=4, regions=3, customers=0)
    assert sorted(net.depends_on("P2.3")) == ["M2.1", "M2.2", "M2.3", "M2.4"]
    # and each model manager is faced by the product managers of every region
    assert sorted(net.dependents("M1.2", transitive=False)) == ["P1.1", "P1.2", "P1.3"]


def test_customer_manager_depends_on_many_model_managers_of_many_categories():
    net = RoleNetwork(categories=3, models_per_category=2, regions=2, customers=4)
    reach = net.depends_on("C1.1", transitive=True)
    models = [n for n in reach if net.roles[n].kind == "create"]
    assert len(models) == 6
    assert {net.roles[n].category for n in models} == {1, 2, 3}
    assert all(net.roles[n].region == 1 for n in net.depends_on("C1.1"))


def test_model_manager_reports_to_its_large_model_manager():
    net = RoleNetwork()
    assert net.depends_on("M2.3") == ["L2"]
    assert set(net.dependents("L1")) >= {"M1.1", "M1.2", "M1.3"}


def test_customers_are_spread_over_regions_in_turn():
    net = RoleNetwork(categories=1, models_per_category=1, regions=3, customers=7)
    per_region = [sum(1 for n in net.of_kind("obtain") if net.roles[n].region == r)
                  for r in (1, 2, 3)]
    assert per_region == [3, 2, 2]


def test_bottleneck_is_the_regional_product_manager_by_default():
    net = RoleNetwork()
    top = net.bottlenecks(1)[0]
    assert net.roles[top[0]].kind == "realise"
    assert top[1] == net.paths_through(top[0]) > 0
    assert net.paths_through("L1") == 0  # nobody above a large-model manager


def test_many_customers_make_the_model_manager_the_core():
    net = RoleNetwork(categories=1, models_per_category=3, regions=4, customers=40)
    ranked = net.bottlenecks(3)
    assert net.roles[ranked[0][0]].kind in {"create", "realise"}
    assert len(net.dependents("M1.1")) == 4 + 40


def test_same_spec_same_network():
    a, b = RoleNetwork(categories=3, customers=5), RoleNetwork(categories=3, customers=5)
    assert a.links == b.links and list(a.roles) == list(b.roles)


@pytest.mark.parametrize("field", list(LIMITS))
def test_raises_count_out_of_range(field):
    low, high = LIMITS[field]
    for bad in (low - 1, high + 1):
        with pytest.raises(ValidationError, match="count_out_of_range"):
            Spec(**{field: bad})


def test_unknown_role_is_named():
    with pytest.raises(KeyError, match="X9"):
        RoleNetwork().depends_on("X9")


def test_labels_in_both_languages_and_numbered_beyond_the_name_lists():
    net = RoleNetwork(categories=8, models_per_category=1, regions=8, customers=1)
    assert net.roles["M1.1"].label("zh").startswith("型号经理")
    assert "Category 8" in net.roles["L8"].label("en")
    assert "区域8" in net.roles["P1.8"].label("zh")


def test_draw_small_and_large_networks_with_matplotlib_only():
    fig = RoleNetwork().draw(highlight="P1.1")
    assert fig.axes[0].get_title().startswith("Who depends on whom")
    with language("zh"):
        big = RoleNetwork(categories=6, models_per_category=5, regions=6, customers=30).draw()
    assert "谁依赖谁" in big.axes[0].get_title()
    with pytest.raises(KeyError):
        RoleNetwork().draw(highlight="nobody")


def test_bottleneck_table_view():
    view = RoleNetwork().bottleneck_view(3, lang="en")
    assert "<table" in view._repr_html_()
    assert len(repr(view).splitlines()) == 4
