"""Haier widgets driven from Python: the market-chain simulator and the role mapper."""

from __future__ import annotations

import pytest

from salestrain.core import storage
from salestrain.haier.rolemap import RoleMap
from salestrain.haier.widgets.market_chain import MarketChainSimulator
from salestrain.haier.widgets.role_mapper import RoleMapper

# --- MarketChainSimulator ---------------------------------------------------------------


def test_simulator_runs_on_creation_and_shows_table_summary_chart():
    sim = MarketChainSimulator(orders=100)
    assert sim.result is not None and sim.result.params.orders == 100
    assert "<table" in sim.table.value
    assert "100" in sim.summary.value
    assert sim.chart.value[:4] == b"\x89PNG"


def test_moving_a_slider_reruns_the_settlement():
    sim = MarketChainSimulator(orders=200, claim_discipline=1.0)
    assert sim.result.counts()["tripped"] == 0
    sim.claim_discipline.value = 0.1
    assert sim.params.claim_discipline == 0.1
    assert sim.result.counts()["tripped"] > 0
    assert "hidden" in sim.summary.value


def test_weak_claim_discipline_hides_failures_until_the_trip():
    sim = MarketChainSimulator(orders=300)
    sim.set(claim_discipline=1.0)
    strong = sim.result
    sim.set(claim_discipline=0.0, trip_after=5)
    weak = sim.result
    assert len(strong.failures) == len(weak.failures)
    assert strong.hidden_failures() == []
    assert weak.hidden_failures()
    assert max(s.hidden for s in weak.history) > 0
    assert weak.history[-1].hidden == 0


def test_set_changes_several_controls_and_runs_once():
    sim = MarketChainSimulator(orders=50)
    runs = []
    original = sim.run
    sim.run = lambda: runs.append(1) or original()
    sim.set(failure_rates={"product_hq": 0.3}, prices={"products": 80}, orders=120, seed=11)
    assert runs == [1]
    assert sim.params.rate("product_hq") == 0.3 and sim.params.price("products") == 80
    assert sim.result.params.orders == 120 and sim.result.params.seed == 11


def test_money_is_conserved_whatever_the_sliders_say():
    sim = MarketChainSimulator(orders=150)
    for rate in (0.0, 0.5, 1.0):
        sim.set(failure_rates={u: rate for u in sim.rates}, claim_discipline=rate)
        assert sim.result.total_cents() == 0
        assert all(f.outcome for f in sim.result.failures)


def test_rejected_settings_show_an_error_and_keep_the_last_result():
    sim = MarketChainSimulator(orders=100)
    before = sim.result
    sim.seed.max = 10**12
    sim.orders.max = 2_000_000
    sim.orders.value = 1_500_000  # beyond what the model accepts
    assert "st-error" in sim.error.value and "orders" in sim.error.value
    assert sim.result is before
    sim.orders.value = 100
    assert sim.error.value == ""


def test_simulator_in_chinese():
    sim = MarketChainSimulator(lang="zh", orders=60)
    assert sim.claim_discipline.description == "索赔纪律"
    assert "张订单" in sim.summary.value
    assert "产品本部" in sim.table.value


def test_simulator_displays_as_a_widget():
    bundle = MarketChainSimulator(orders=20)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


# --- RoleMapper -------------------------------------------------------------------------


def test_mapper_edits_the_model_and_flags_unowned_orders(work_dir):
    mapper = RoleMapper(lang="en")
    assert [f.code for f in mapper.rolemap.findings()] == ["empty"]
    mapper.title.value = "Branch"
    mapper.add_post("Product owner", "create", "margin")
    mapper.add_post("Account manager", "obtain", "orders")
    assert mapper.rolemap.unowned() == ["realise"]
    assert "Nobody owns" in mapper.findings.value and "Realise orders" in mapper.findings.value
    mapper.set_post(1, duty="realise")
    assert mapper.rolemap.unowned() == ["obtain"]
    mapper.add_post("Key-account manager", "obtain", "revenue")
    assert mapper.rolemap.findings() == []
    assert "st-ok" in mapper.findings.value


def test_mapper_shows_row_errors_next_to_the_post(work_dir):
    mapper = RoleMapper(lang="en")
    mapper.add_post("", "create", "x")
    mapper.add_post("Seller", "obtain", "")
    assert "has no name" in mapper.rows[0].error.value
    assert "pay basis is blank" in mapper.rows[1].error.value
    mapper.set_post(1, paid_on="orders")
    assert mapper.rows[1].error.value == ""


def test_mapper_autosaves_and_loads(work_dir):
    mapper = RoleMapper(lang="en")
    mapper.title.value = "My branch"
    mapper.add_post("Seller", "obtain", "orders")
    path = storage.path_for("rolemap", "My branch")
    assert path.exists()
    assert RoleMap.load(path).posts[0].name == "Seller"
    other = RoleMapper(lang="en")
    assert path.name in other.toolbar.load_choice.options
    assert other.toolbar.load(path.name)
    assert other.rolemap.title == "My branch" and other.rows[0].name.value == "Seller"


def test_mapper_example_remove_and_exports(work_dir):
    mapper = RoleMapper(lang="zh")
    mapper.toolbar.load_example()
    assert mapper.rolemap == RoleMap.example("zh")
    assert len(mapper.rows) == 4 and "实现订单" in mapper.findings.value
    assert not work_dir.exists() or not list(work_dir.glob("*.json")), "example is not saved"
    mapper.remove_post(3)
    assert len(mapper.rolemap.posts) == 3
    for label in mapper.toolbar.export_buttons:
        path = mapper.toolbar.export(label)
        assert path is not None and path.exists()
    assert {p.suffix for p in work_dir.iterdir()} >= {".docx", ".xlsx", ".md", ".json"}


def test_mapper_escapes_trainee_text(work_dir):
    mapper = RoleMapper(lang="en")
    mapper.add_post("<img src=x onerror=alert(1)>", "create", "")
    assert "<img" not in mapper.findings.value and "&lt;img" in mapper.findings.value
    assert "<img" not in mapper.rows[0].error.value


def test_mapper_refuses_a_foreign_file_and_keeps_the_work(work_dir):
    mapper = RoleMapper(lang="en")
    mapper.title.value = "Mine"
    mapper.add_post("Seller", "obtain", "orders")
    bad = work_dir / "rolemap-broken.json"
    bad.write_text("{not json", encoding="utf-8")
    assert not mapper.toolbar.load("rolemap-broken.json")
    assert "st-error" in mapper.toolbar.status.value
    assert mapper.rolemap.posts[0].name == "Seller"
    assert bad.read_text(encoding="utf-8") == "{not json"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mapper_displays_as_a_widget(lang, work_dir):
    bundle = RoleMapper(RoleMap.example(lang), lang=lang)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


# --- RoleSorter -------------------------------------------------------------------------


def test_sorter_marks_answers_only_after_check():
    from salestrain.haier.widgets.role_sorter import RoleSorter

    sorter = RoleSorter(lang="en")
    sorter.choose("pm_promotion", "realise")
    sorter.choose("cm_promotion", "realise")
    assert sorter.marks["pm_promotion"].value == "" and sorter.summary.value == ""
    sorter.check()
    assert "st-ok" in sorter.marks["pm_promotion"].value
    assert "st-error" in sorter.marks["cm_promotion"].value
    assert "Customer manager" in sorter.marks["cm_promotion"].value
    assert "1 of 12 right" in sorter.summary.value
    sorter.choose("cm_promotion", "obtain")  # after a check, marks follow the answers
    assert "st-ok" in sorter.marks["cm_promotion"].value
    assert "2 of 12 right" in sorter.summary.value


def test_sorter_reset_clears_everything():
    from salestrain.haier.widgets.role_sorter import RoleSorter

    sorter = RoleSorter(lang="zh")
    sorter.choose("mm_needs", "create")
    sorter.check()
    assert "答对1题" in sorter.summary.value
    sorter.reset()
    assert all(d.value == "" for d in sorter.choices.values())
    assert sorter.sort.score()[1] == 0 and sorter.summary.value == ""
    assert sorter.choices["mm_needs"].options[1][0] == "大型号经理"
    with pytest.raises(KeyError):
        sorter.choose("nope", "create")


def test_sorter_displays_as_a_widget():
    from salestrain.haier.widgets.role_sorter import RoleSorter

    bundle = RoleSorter(lang="en")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_widgets_show_a_readable_plain_text_not_a_repr(work_dir):
    from salestrain.haier.widgets.role_sorter import RoleSorter

    for widget in (MarketChainSimulator(orders=20), RoleMapper(RoleMap.example("en"), lang="en"),
                   RoleSorter(lang="en")):
        plain = widget._repr_mimebundle_()["text/plain"]
        assert "VBox(" not in plain and "children=" not in plain
    assert repr(RoleSorter(lang="zh")) == "分角色练习：共12项工作，已作答0项"
    assert "20 orders" in repr(MarketChainSimulator(orders=20, lang="en"))
    assert "City post office" in repr(RoleMapper(RoleMap.example("en"), lang="en"))
