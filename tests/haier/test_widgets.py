"""Haier widgets driven from Python: the market-chain simulator and the role mapper."""

from __future__ import annotations

import json

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


def test_a_slider_step_redraws_the_same_chart_in_place():
    sim = MarketChainSimulator(orders=300, claim_discipline=0.3)
    chart, png = sim._chart, sim.chart.value
    layouts = []
    original = chart.figure.tight_layout
    chart.figure.tight_layout = lambda *a, **k: layouts.append(1) or original(*a, **k)
    for value in (0.35, 0.4, 0.45, 0.5, 0.2):
        sim.claim_discipline.value = value
    assert sim._chart is chart  # no new figure per step
    assert layouts == []  # and no layout pass while the axis labels keep their width
    assert sim.chart.value != png and sim.chart.value[:4] == b"\x89PNG"
    xs = chart.seen.get_xdata()
    assert xs[-1] == 300 and list(chart.seen.get_ydata()) == [s.seen for s in sim.result.history]


def test_the_chart_png_repeats_byte_for_byte():
    one = MarketChainSimulator(orders=120, seed=3)
    two = MarketChainSimulator(orders=120, seed=3)
    assert one.chart.value == two.chart.value


def test_simulator_in_chinese():
    sim = MarketChainSimulator(lang="zh", orders=60)
    assert sim.claim_discipline.description == "索赔纪律"
    assert "张订单" in sim.summary.value
    assert "产品本部" in sim.table.value


def test_simulator_displays_as_a_widget():
    bundle = MarketChainSimulator(orders=20)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


# --- RoleMapper -------------------------------------------------------------------------


def type_into(control, text: str) -> None:
    """Type `text` as the browser sends it: every prefix when the field syncs per keystroke
    (`continuous_update`), else the final value once, when the trainee leaves the field."""
    steps = [text[:i] for i in range(1, len(text) + 1)] if control.continuous_update else [text]
    for value in steps:
        control.value = value


def work_files(folder) -> list[str]:
    return sorted(p.name for p in folder.glob("*.json"))


def blank_mapper(**kwargs) -> RoleMapper:
    """A mapper on a blank map, as after pressing New."""
    mapper = RoleMapper(lang="en", **kwargs)
    mapper.toolbar.new_button.click()
    return mapper


def test_mapper_opens_the_worked_example_as_a_separate_piece_when_there_is_no_work(work_dir):
    mapper = RoleMapper(lang="en")
    assert mapper.rolemap == RoleMap.example("en")
    assert "separate piece of work" in mapper.toolbar.status.value
    assert mapper.toolbar.current is None
    assert work_files(work_dir) == [], "opening the example saves nothing"


def test_mapper_text_fields_commit_on_leaving_the_field(work_dir):
    mapper = blank_mapper()
    mapper.add_post()
    row = mapper.rows[0]
    for control in (mapper.title.control, mapper.organisation.control, row.name, row.paid_on,
                    row.reports_to):
        assert control.continuous_update is False


def test_typing_a_title_and_a_post_leaves_one_file_and_one_save_per_field(work_dir):
    mapper = blank_mapper()
    saves = []
    original = mapper.toolbar.save
    mapper.toolbar.save = lambda: saves.append(1) or original()
    type_into(mapper.title.control, "Guangzhou parcels")
    mapper.add_post()
    type_into(mapper.rows[0].name, "Account manager")
    assert work_files(work_dir) == ["rolemap-guangzhou-parcels.json"]
    assert len(saves) == 3  # the title, the new row, the post's name: never per keystroke
    saved = RoleMap.load(work_dir / "rolemap-guangzhou-parcels.json")
    assert saved.title == "Guangzhou parcels" and saved.posts[0].name == "Account manager"


def test_renaming_a_map_keeps_its_file(work_dir):
    mapper = blank_mapper()
    type_into(mapper.title.control, "Branch")
    type_into(mapper.title.control, "Provincial branch 2014")
    assert work_files(work_dir) == ["rolemap-branch.json"]
    assert RoleMap.load(work_dir / "rolemap-branch.json").title == "Provincial branch 2014"


def test_the_example_never_touches_the_trainees_map(work_dir):
    mapper = blank_mapper()
    type_into(mapper.title.control, "Mine")
    mapper.add_post("Seller", "obtain", "orders")
    mine = (work_dir / "rolemap-mine.json").read_bytes()
    mapper.toolbar.example_button.click()
    assert mapper.rolemap == RoleMap.example("en")
    assert "separate piece of work" in mapper.toolbar.status.value
    type_into(mapper.title.control, "Example, edited")
    mapper.set_post(0, paid_on="model profit")
    assert (work_dir / "rolemap-mine.json").read_bytes() == mine
    assert work_files(work_dir) == ["rolemap-example-edited.json", "rolemap-mine.json"]


def test_a_new_mapper_on_the_same_folder_reopens_the_latest_map(work_dir):
    first = blank_mapper()
    type_into(first.title.control, "Older")
    second = RoleMapper(lang="en")  # a restart: continues "Older"
    assert second.rolemap.title == "Older"
    second.toolbar.new_button.click()
    type_into(second.title.control, "Latest")
    second.add_post("Seller", "obtain", "orders")
    restarted = RoleMapper(lang="en")
    assert restarted.rolemap.title == "Latest" and restarted.rows[0].name.value == "Seller"
    assert "Continuing ‘Latest’" in restarted.toolbar.status.value
    assert restarted.toolbar.current == work_dir / "rolemap-latest.json"
    labels = [label for label, _ in restarted.toolbar.load_choice.options]
    assert len(labels) == 2
    assert labels[0].startswith("Latest · saved ")
    assert labels[0].endswith("1 posts · 1 of 3 order duties owned")
    type_into(restarted.title.control, "Latest, renamed")  # and it still saves in its file
    assert work_files(work_dir) == ["rolemap-latest.json", "rolemap-older.json"]


def test_new_starts_a_blank_map_that_gets_its_own_file(work_dir):
    mapper = blank_mapper()
    type_into(mapper.title.control, "Mine")
    mapper.toolbar.new_button.click()
    assert mapper.rolemap == RoleMap() and mapper.rows == []
    assert mapper.title.value == "" and "blank" in mapper.toolbar.status.value
    assert [f.code for f in mapper.rolemap.findings()] == ["empty"]
    type_into(mapper.title.control, "Second")
    assert work_files(work_dir) == ["rolemap-mine.json", "rolemap-second.json"]


def test_load_with_nothing_chosen_says_so(work_dir):
    mapper = RoleMapper(lang="en")
    mapper.toolbar.load_button.click()
    assert "Choose a piece of work" in mapper.toolbar.status.value


def test_json_export_never_overwrites_the_work_and_the_next_edit_still_saves(work_dir):
    mapper = blank_mapper()
    type_into(mapper.title.control, "My branch")
    mapper.add_post("Seller", "obtain", "orders")
    work_file = mapper.toolbar.current
    mapper.toolbar.export_buttons["JSON"].click()
    exported = mapper.toolbar.last_export
    assert exported == work_dir / "exports" / "rolemap-my-branch.json" != work_file
    assert json.loads(exported.read_text(encoding="utf-8"))["posts"][0]["name"] == "Seller"
    assert storage.read(work_file, "rolemap")["title"] == "My branch"  # still our envelope
    mapper.add_post("Product manager", "realise", "regional sales")
    assert "Saved to" in mapper.toolbar.status.value and not mapper.toolbar.dirty
    assert len(RoleMap.load(work_file).posts) == 2
    assert [f.path.name for f in storage.list_saved(work_dir)] == ["rolemap-my-branch.json"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_export_goes_to_exports_and_the_status_links_it(work_dir, lang):
    mapper = RoleMapper(lang=lang)  # the worked example: exports need no save first
    suffixes = set()
    for label, button in mapper.toolbar.export_buttons.items():
        button.click()
        path = mapper.toolbar.last_export
        assert path is not None and path.exists() and path.parent == work_dir / "exports"
        status = mapper.toolbar.status.value
        assert "st-ok" in status and f"exports/{path.name}</a>" in status, label
        suffixes.add(path.suffix)
    assert suffixes == {".docx", ".xlsx", ".md", ".json"}
    assert [p.name for p in work_dir.iterdir()] == ["exports"]


def test_a_rejected_value_is_never_saved(work_dir):
    mapper = blank_mapper()
    type_into(mapper.title.control, "Mine")
    mapper.add_post("Seller", "obtain", "orders")
    duty = mapper.rows[0].duty
    duty.options = [*duty.options, ("Sell", "sell")]  # a value the model does not know
    duty.value = "obtain"
    saved = (work_dir / "rolemap-mine.json").read_bytes()
    duty.value = "sell"
    assert "st-error" in mapper.toolbar.status.value
    assert "duty must be one of" in mapper.toolbar.status.value
    assert (work_dir / "rolemap-mine.json").read_bytes() == saved
    assert mapper.rolemap.posts[0].duty == "obtain"


def test_unsaved_edits_are_kept_as_a_copy_before_the_example_replaces_them(work_dir):
    mapper = blank_mapper()
    type_into(mapper.title.control, "Mine")
    mapper.toolbar.autosave = False
    mapper.add_post("Seller", "obtain", "orders")
    mapper.toolbar.example_button.click()
    assert "rolemap-mine-unsaved-copy.json" in mapper.toolbar.status.value
    kept = RoleMap.load(work_dir / "rolemap-mine-unsaved-copy.json")
    assert kept.posts[0].name == "Seller"


def test_mapper_edits_the_model_and_flags_unowned_orders(work_dir):
    mapper = blank_mapper()
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
    mapper = blank_mapper()
    mapper.add_post("", "create", "x")
    mapper.add_post("Seller", "obtain", "")
    assert "has no name" in mapper.rows[0].error.value
    assert "pay basis is blank" in mapper.rows[1].error.value
    mapper.set_post(1, paid_on="orders")
    assert mapper.rows[1].error.value == ""


def test_mapper_loads_a_chosen_map(work_dir):
    mapper = blank_mapper()
    mapper.title.value = "My branch"
    mapper.add_post("Seller", "obtain", "orders")
    path = mapper.toolbar.current
    assert path == work_dir / "rolemap-my-branch.json"
    other = RoleMapper(RoleMap(), lang="en")  # a map passed in is shown, not the saved one
    assert other.rolemap == RoleMap()
    assert path.name in [value for _label, value in other.toolbar.load_choice.options]
    assert other.toolbar.load(path.name)
    assert other.rolemap.title == "My branch" and other.rows[0].name.value == "Seller"
    assert other.toolbar.current == path


def test_mapper_example_remove_is_saved_as_its_own_piece(work_dir):
    mapper = RoleMapper(lang="zh")
    assert mapper.rolemap == RoleMap.example("zh")
    assert len(mapper.rows) == 4 and "实现订单" in mapper.findings.value
    assert "示例已作为单独的一份打开" in mapper.toolbar.status.value
    mapper.remove_post(3)
    assert len(mapper.rolemap.posts) == 3
    assert len(work_files(work_dir)) == 1
    assert RoleMap.load(mapper.toolbar.current).posts == RoleMap.example("zh").posts[:3]


def test_mapper_escapes_trainee_text(work_dir):
    mapper = blank_mapper()
    mapper.add_post("<img src=x onerror=alert(1)>", "create", "")
    assert "<img" not in mapper.findings.value and "&lt;img" in mapper.findings.value
    assert "<img" not in mapper.rows[0].error.value


def test_mapper_refuses_a_foreign_file_and_keeps_the_work(work_dir):
    mapper = blank_mapper()
    mapper.title.value = "Mine"
    mapper.add_post("Seller", "obtain", "orders")
    bad = work_dir / "rolemap-broken.json"
    bad.write_text("{not json", encoding="utf-8")
    assert not mapper.toolbar.load("rolemap-broken.json")
    assert "st-error" in mapper.toolbar.status.value
    assert mapper.rolemap.posts[0].name == "Seller"
    assert bad.read_text(encoding="utf-8") == "{not json"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mapper_toolbar_texts_in_both_languages(lang, work_dir):
    mapper = RoleMapper(lang=lang)
    assert mapper.toolbar.new_button.description == {"en": "New", "zh": "新建"}[lang]
    assert mapper.toolbar.lang == lang


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


# --- accessible names and legible charts (the course site is read without a kernel) ----

# Widgets that show text rather than take input; everything else is a control to name.
_SHOWN = ("HTML", "HTMLMath", "Label", "Output")


def _controls(widget):
    """Every input, button and image inside `widget`, depth first."""
    import ipywidgets as w

    children = getattr(widget, "children", ())
    if isinstance(widget, w.DOMWidget) and not children and \
            type(widget).__name__ not in _SHOWN and not isinstance(widget, w.Box):
        yield widget
    for child in children:
        yield from _controls(child)


def _unnamed(root) -> list[str]:
    return [f"{type(c).__name__}({getattr(c, 'value', '')!r:.40})" for c in _controls(root)
            if not (getattr(c, "description", "") or "").strip()
            and not (c.tooltip or "").strip()]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_of_every_haier_widget_has_a_name(lang, work_dir):
    from salestrain.haier.widgets.role_sorter import RoleSorter

    mapper = RoleMapper(RoleMap.example(lang), lang=lang)
    mapper.add_post()  # a new, empty row is named too
    for widget in (MarketChainSimulator(orders=20, lang=lang), mapper, RoleSorter(lang=lang)):
        assert list(_controls(widget.root)), widget
        assert _unnamed(widget.root) == [], type(widget).__name__


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sorter_dropdowns_are_named_after_their_task(lang):
    from salestrain.haier import content as haier
    from salestrain.haier.roletasks import questions
    from salestrain.haier.widgets.role_sorter import RoleSorter

    sorter = RoleSorter(lang=lang)
    for task in questions():
        tip = sorter.choices[task.id].tooltip
        assert task.text(lang) in tip and haier.text("rs_role", lang) in tip


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mapper_fields_are_labelled_and_tooltips_follow_the_row_number(lang, work_dir):
    from salestrain.haier import content as haier

    mapper = RoleMapper(RoleMap.example(lang), lang=lang)
    row = mapper.rows[1]
    assert row.paid_on.description == haier.text("rm_paid_on", lang)
    assert row.paid_on.placeholder == haier.text("rm_paid_on", lang)  # kept: the lab test
    assert row.duty.tooltip == haier.text("rm_cell_tip", lang, n=2,
                                          column=haier.text("rm_duty", lang))
    mapper.remove_post(0)
    assert mapper.rows[0] is row
    assert row.duty.tooltip == haier.text("rm_cell_tip", lang, n=1,
                                          column=haier.text("rm_duty", lang))
    assert mapper.title.control.tooltip == haier.text("rm_title", lang)


def test_mapper_long_texts_get_the_full_width():
    row = RoleMapper(RoleMap.example("en"), lang="en").rows[1]
    assert row.paid_on.layout.width == "100%"
    assert row.name.style.description_width == "initial"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_simulator_labels_are_never_cut_and_the_chart_says_what_it_shows(lang):
    sim = MarketChainSimulator(orders=300, claim_discipline=0.3, lang=lang)
    for slider in [*sim.rates.values(), *sim.prices.values(), sim.claim_discipline]:
        assert slider.style.description_width == "initial"
    assert sim.chart.tooltip == sim.result.chart_alt(lang)
    assert sim.chart.description == ""  # without one, ipywidgets 8.1 cannot show the tooltip
    before = sim.chart.tooltip
    sim.set(claim_discipline=1.0)  # the tooltip follows the run
    assert sim.chart.tooltip == sim.result.chart_alt(lang) != before
