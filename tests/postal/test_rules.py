"""Module 2 rules: content, grading over the synthetic base, the bonus, the cross-sell matrix."""

import pytest

from salestrain.core.display import money, percent
from salestrain.core.i18n import language
from salestrain.postal import content as p
from salestrain.postal import rules as postal_rules


def test_content_groups_the_eight_businesses_by_segment():
    data = p.postal()
    ids = [b.id for b in data.businesses()]
    assert len(ids) == 8
    assert data.segment_of("press").id == "mail"
    assert data.segment_of("insurance_agency").id == "finance"
    assert [g.name.zh for g in data.grades] == ["特级", "一级", "二级", "三级", "小微"]
    assert {part.case for part in data.canvas_parts} >= {"haier", "pingan", "hp", "ibm"}


def test_synthetic_base_is_seeded_and_about_500():
    a, b = postal_rules.synthetic_customers(), postal_rules.synthetic_customers()
    assert a == b and len(a) == 500
    assert postal_rules.synthetic_customers(seed=1) != a
    assert len({c.id for c in a}) == 500


@pytest.mark.parametrize("bad", [0, -1, 10**6, 2.5, True, "many"])
def test_synthetic_base_refuses_impossible_size(bad):
    with pytest.raises(postal_rules.PostalError, match="whole number"):
        postal_rules.synthetic_customers(bad)


def test_grading_counts_every_customer_and_owner_level():
    customers = postal_rules.synthetic_customers()
    rows = postal_rules.grade_customers(customers)
    assert sum(r.customers for r in rows) == 500
    assert sum(r.share for r in rows) == pytest.approx(1)
    assert [r.owner for r in rows] == ["province", "city", "city", "county", "county"]
    assert rows[0].customers < rows[-1].customers  # few special, many micro
    assert sum(postal_rules.ownership(customers).values()) == 500


def test_grade_boundaries_are_inclusive():
    assert postal_rules.grade_of(1_000_000) == "special"
    assert postal_rules.grade_of(999_999) == "grade1"
    assert postal_rules.grade_of(0) == "micro"


def test_adjusted_bands_accept_typed_numbers_and_move_customers():
    customers = postal_rules.synthetic_customers()
    lower = postal_rules.grade_customers(customers, ["50万", "200,000", "5万", "10000", 0])
    default = postal_rules.grade_customers(customers)
    assert lower[0].customers > default[0].customers


@pytest.mark.parametrize("bands, words", [
    ([1, 2, 3, 4, 0], "fall"),
    ([100, 50, 20, 10], "one limit per grade"),
    ([100, 50, 20, 10, 5], "start at 0"),
    ([100, 50, "abc", 10, 0], "Grade 2"),
    ([100, 50, -20, 10, 0], "Grade 2"),
])
def test_bad_bands_are_refused_with_the_grade_named(bands, words):
    with pytest.raises(postal_rules.PostalError, match=words):
        postal_rules.grade_customers(postal_rules.synthetic_customers(), bands)


def test_bonus_default_weights_and_dual_track_cost():
    r = postal_rules.bonus(new_revenue=550_000, retention=1_000_000, retention_target=1_000_000,
                service=100)
    assert r.bonus == pytest.approx(20_000)  # every part at 100 % -> the base amount
    assert r.parts["new_revenue"][0] == 0.5
    assert r.credited_revenue == 1_100_000
    assert r.unit_pay == pytest.approx(11_000)
    assert r.cost_dual > r.cost_single
    single = postal_rules.bonus(new_revenue=550_000, retention=1, retention_target=1, service=100,
                     dual_track=False)
    assert single.unit_pay == 0 and single.cost_dual == single.cost_single
    assert "twice" in r.message() and "twice" not in single.message()


def test_bonus_cap_and_percent_weights():
    r = postal_rules.bonus(new_revenue="200万", retention=0, retention_target=1, service="80",
                weights={"new_revenue": "60%", "retention": 30, "service": 0.1})
    assert r.parts["new_revenue"][2] == pytest.approx(20_000 * 0.6 * 1.5)  # capped
    assert r.parts["retention"][2] == 0


@pytest.mark.parametrize("kwargs, words", [
    ({"weights": {"new_revenue": 50, "retention": 50, "service": 10}}, "add up to 100"),
    ({"new_revenue": -5}, "cannot be negative"),
    ({"retention_target": 0}, "above zero"),
    ({"service": 120}, "0 to 100"),
    ({"cap": 0.5}, "at least 100"),
    ({"unit_rate": 150}, "between 0 and 100"),
    ({"new_revenue": "lots"}, "New business, revenue"),
    ({"new_margin": "-3"}, "cannot be negative"),
])
def test_bonus_refuses_impossible_input(kwargs, words):
    args = {"new_revenue": 1, "retention": 1, "retention_target": 1, "service": 50} | kwargs
    with pytest.raises(postal_rules.PostalError, match=words):
        postal_rules.bonus(**args)


def test_bonus_messages_in_chinese():
    with language("zh"):
        r = postal_rules.bonus(new_revenue=1, retention=1, retention_target=1, service=50)
        assert "双轨" in r.message()
        with pytest.raises(postal_rules.PostalError, match="权重"):
            postal_rules.bonus(new_revenue=1, retention=1, retention_target=1, service=50,
                    weights={"new_revenue": 1, "retention": 1, "service": 1})


def test_cross_sell_matrix_set_refuse_and_summary():
    m = postal_rules.CrossSellMatrix()
    m.set("parcels_express", "ecommerce", "lead")
    m.set("savings_agency", "ecommerce", "follow")
    assert m.count("lead") == 1 and m.count("follow") == 1
    assert "ecommerce" not in m.unled_segments()
    m.set("savings_agency", "ecommerce", "")
    assert m.get("savings_agency", "ecommerce") == ""
    for args in [("nope", "ecommerce", "lead"), ("mail", "nope", "lead"), ("mail", "rural", "x")]:
        with pytest.raises(postal_rules.PostalError):
            m.set(*args)
    cols, rows = m.table()
    assert len(rows) == 8 and len(cols) == 7
    cells = {"mail": {"rural": "boss", "finance": "lead"}, "x": {}}
    loaded = postal_rules.CrossSellMatrix.model_validate({"cells": cells})
    assert loaded.cells == {"mail": {"finance": "lead"}}


# --- levels and ownership by segment --------------------------------------------------------


def test_levels_run_from_national_to_county_and_national_owns_no_grade():
    data = p.postal()
    assert [lv.id for lv in data.levels] == ["national", "province", "city", "county"]
    assert data.level("national").name.zh == "全国（集团）"
    assert not [g for g in data.grades if g.owner == "national"]


def customer(segment: str, revenue: float) -> postal_rules.Customer:
    return postal_rules.Customer("X", segment, 0, 0, revenue)


def test_segment_rule_overrides_the_grade():
    small_office = customer("government", 3_000)
    assert postal_rules.grade_of(3_000) == "micro"
    assert postal_rules.owner_level(small_office) == ("province", True)  # content default
    assert postal_rules.owner_level(small_office, segment_owners={}) == ("county", False)
    school = customer("education", 2_000_000)
    assert postal_rules.owner_level(school) == ("province", False)  # special grade
    assert postal_rules.owner_level(school, segment_owners={"education": "city"}) == ("city",
                                                                                       True)


def test_segment_rules_are_checked_and_empty_means_by_grade():
    assert postal_rules.check_segment_owners({"government": "", "rural": "county"}) == {
        "rural": "county"}
    assert postal_rules.check_segment_owners(None) == {"government": "province"}
    with pytest.raises(postal_rules.PostalError, match="Unknown level") as err:
        postal_rules.check_segment_owners({"rural": "village"})
    assert err.value.field == "rural"
    with pytest.raises(postal_rules.PostalError, match="Unknown customer segment"):
        postal_rules.check_segment_owners({"aliens": "city"})


def test_level_ownership_counts_every_customer_and_the_ones_a_rule_moved():
    customers = postal_rules.synthetic_customers()
    rows = postal_rules.level_ownership(customers)
    assert [r.level for r in rows] == ["national", "province", "city", "county"]
    assert sum(r.customers for r in rows) == 500
    assert sum(r.share for r in rows) == pytest.approx(1)
    government = sum(c.segment == "government" for c in customers)
    province = rows[1]
    assert province.by_rule == government and province.customers > government
    by_grade = postal_rules.level_ownership(customers, segment_owners={})
    assert by_grade[1].customers == postal_rules.grade_customers(customers)[0].customers
    assert all(r.by_rule == 0 for r in by_grade)
    units = postal_rules.ownership(customers, segment_owners={"rural": "national"})
    assert "China Post Group's key-account management body" in units


def test_band_errors_name_each_field_that_must_change():
    assert postal_rules.band_errors(["1,000,000", "30万", "100000", "2万", "0"]) == {}
    errors = postal_rules.band_errors(["1,000,000", "abc", "100000", "2,000,000", 5])
    assert set(errors) == {"grade1", "grade3", "micro"}
    assert {g: (e.code, e.field) for g, e in errors.items()} == {
        "grade1": ("invalid", "grade1"), "grade3": ("bands_order", "grade3"),
        "micro": ("bands_last", "micro")}
    assert "Grade 1" in str(errors["grade1"])
    with pytest.raises(postal_rules.PostalError) as err:
        postal_rules.check_bands(["1,000,000", "abc", "100000", "20000", 0])
    assert err.value.field == "grade1"


# --- bonus: marketing gross margin ------------------------------------------------------------


def test_savings_and_agency_business_count_their_marketing_gross_margin():
    assert p.postal().bonus_defaults.margin_businesses == ["savings_agency", "insurance_agency"]
    both = postal_rules.bonus(new_revenue=400_000, new_margin=150_000, retention=1,
                              retention_target=1, service=100)
    revenue_only = postal_rules.bonus(new_revenue=550_000, retention=1, retention_target=1,
                                      service=100)
    assert both.new_business == 550_000 and both.new_margin == 150_000
    assert both.parts["new_revenue"] == revenue_only.parts["new_revenue"]
    assert both.unit_pay == pytest.approx(0.02 * 550_000)  # the line is paid on the margin too
    assert "RMB 150,000 marketing gross margin" in both.message()
    with language("zh"):
        assert "营销毛利15万元" in both.message()


def test_single_credit_is_called_single_credit():
    r = postal_rules.bonus(new_revenue=1, retention=1, retention_target=1, service=50,
                           dual_track=False)
    assert "Single credit" in r.message("en") and "单轨计酬" in r.message("zh")
    assert "单轨考核" not in r.message("zh")


def test_bonus_errors_name_their_field():
    with pytest.raises(postal_rules.PostalError) as err:
        postal_rules.bonus(new_revenue=1, new_margin="x", retention=1, retention_target=1,
                           service=50)
    assert err.value.field == "new_margin"
    with pytest.raises(postal_rules.PostalError) as err:
        postal_rules.bonus(new_revenue=1, retention=1, retention_target=1, service=500)
    assert err.value.field == "service"


def test_money_and_percent_formats():
    """The postal figures in the house style (core.display): 万元 from 10,000 at most two
    decimals, whole yuan without separators below."""
    assert money(120_000, "en") == "RMB 120,000"
    assert money(120_000, "zh") == "12万元"
    assert money(16_773, "zh") == "1.68万元"
    assert money(8_000, "zh") == "8000元"
    assert percent(0.125, "en") == "12.5 %" and percent(0.125, "zh") == "12.5%"


# --- the matrix rule: one lead and at most two follows per segment ---------------------------


def test_matrix_allows_one_lead_and_two_follows_per_segment_not_more():
    m = postal_rules.CrossSellMatrix()
    m.set("parcels_express", "ecommerce", "lead")
    m.set("mail", "finance", "lead")  # another segment's lead is fine
    m.set("savings_agency", "ecommerce", "follow")
    m.set("insurance_agency", "ecommerce", "follow")
    before = m.model_dump()
    with pytest.raises(postal_rules.PostalError) as two_leads:
        m.set("mail", "ecommerce", "lead")
    message = str(two_leads.value)
    assert message.startswith("E-commerce sellers: one lead business per segment")
    assert "‘Parcels and express (EMS)’ is already the lead" in message
    assert "To lead with ‘Letters and direct mail’" in message
    assert two_leads.value.field == "mail.ecommerce"
    with pytest.raises(postal_rules.PostalError) as three_follows:
        m.set("logistics", "ecommerce", "follow")
    assert "at most two follow businesses" in str(three_follows.value)
    assert "‘Logistics’" in str(three_follows.value)
    # The lead cannot become a third follow either; nothing changed by any refusal.
    with pytest.raises(postal_rules.PostalError):
        m.set("parcels_express", "ecommerce", "follow")
    assert m.model_dump() == before
    # Re-choosing a cell's own role, or moving the lead after clearing it, is fine.
    m.set("parcels_express", "ecommerce", "lead")
    m.set("parcels_express", "ecommerce", "")
    m.set("mail", "ecommerce", "lead")
    assert m.businesses("ecommerce", "lead") == ["mail"]


def test_matrix_rule_message_in_chinese_and_saved_data_breaking_it_is_refused():
    m = postal_rules.CrossSellMatrix(cells={"parcels_express": {"ecommerce": "lead"}})
    with language("zh"), pytest.raises(postal_rules.PostalError) as err:
        m.set("mail", "ecommerce", "lead")
    assert str(err.value).startswith("电商卖家：每个客户群只能有一项主推业务")
    cells = {"parcels_express": {"rural": "follow"}, "mail": {"rural": "follow"},
             "press": {"rural": "follow"}}
    with pytest.raises(ValueError, match="Rural cooperatives and farms: at most two follow"):
        postal_rules.CrossSellMatrix.model_validate({"cells": cells})
