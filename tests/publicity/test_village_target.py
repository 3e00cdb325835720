"""法律明白人 per village as indicators: villages with at least one in force (配备率) and with at least three
(每村≥3名 达标率) over the village-level divisions of the area, at the period's end; the cockpit's default target
on the 达标率, and the villages page agreeing with the indicator."""

import datetime as dt

import pytest
from django.urls import reverse

from sifa.indicators import engine
from sifa.indicators.errors import IndicatorError
from sifa.publicity import actions
from sifa.publicity.models import Backbone, BackboneKind
from sifa.reports import actions as report_actions
from sifa.reports import cockpit
from tests import factories

D = dt.date
MARCH_1 = D(2024, 3, 1)


def _person(actor, village, *, kind=BackboneKind.UNDERSTANDER, on=MARCH_1):
    return actions.register_backbone(actor, kind=kind, name="王明白", id_number=factories.resident_id(),
                                     village=village, source="cadre", registered_on=on)


@pytest.fixture
def staffed(bureau_user, villages):
    """杨庙 3 明白人 (and a 带头人, not counted); 李屯 3, one of whom leaves in June; 周寨 none."""
    for _ in range(3):
        _person(bureau_user, villages["yangmiao"])
    _person(bureau_user, villages["yangmiao"], kind=BackboneKind.LEADER)
    litun = [_person(bureau_user, villages["litun"]) for _ in range(3)]
    actions.withdraw_backbone(bureau_user, litun[0], left_on=D(2024, 6, 1))
    return villages


def _value(code, org="341321", period="2024"):
    return engine.evaluate(code, org, period).value


def test_villages_staffed_and_reaching_three_at_the_periods_end(staffed):
    assert _value("publicity.villages") == 3
    assert _value("publicity.villages_with_understanders") == 2
    assert _value("publicity.villages_understanders_met") == 1        # 李屯 fell to 2 in June
    assert str(_value("publicity.understander_staffing_rate")) == "66.67"
    assert str(_value("publicity.understander_target_rate")) == "33.33"
    assert _value("publicity.villages_understanders_met", period="2024Q1") == 2  # before 李屯's withdrawal
    assert str(_value("publicity.understander_target_rate", period="2024Q1")) == "66.67"
    # the drill-down lists the 明白人 of the villages counted: 杨庙's three, not 李屯's remaining two
    met = engine.evaluate("publicity.villages_understanders_met", "341321", "2024")
    assert {p.village_id for p in met.records()} == {staffed["yangmiao"].code} and met.records().count() == 3
    assert engine.evaluate("publicity.villages_with_understanders", "341321", "2024").records().count() == 5
    result = engine.evaluate("publicity.understander_target_rate", "341321", "2024")
    assert "1/3" in result.note and "辖区村（社区）总数" in result.indicator.note
    # a 司法所 sees its own township's villages: 砀城镇 has 杨庙 and 李屯
    office = staffed["yangmiao"].parent
    assert office.code == "341321100"
    town_org = Backbone.objects.filter(village=staffed["yangmiao"]).first().org
    assert _value("publicity.villages", org=town_org.code) == 2
    assert str(_value("publicity.understander_target_rate", org=town_org.code)) == "50.00"


def test_no_villages_gives_no_rate_and_a_reason(db, tree):
    result = engine.evaluate("publicity.understander_target_rate", "341321", "2024")
    assert result.value is None and "为0" in result.reason


def test_the_rate_cannot_be_broken_down_by_township(staffed):
    with pytest.raises(IndicatorError):
        engine.breakdown("publicity.understander_target_rate", "341321", "2024", by="township")


def test_the_villages_page_agrees_with_the_indicator(client, bureau_user, staffed):
    client.force_login(bureau_user)
    page = client.get(reverse("publicity:villages")).content.decode()
    assert "3个村（社区）中已达标1个，达标率33.33%" in page


def test_the_cockpit_holds_the_rate_against_the_default_target(bureau_user, tree, staffed):
    codes = {d.code for d in cockpit.DEFAULT_TARGETS}
    assert "publicity.understander_target_rate" in codes
    report_actions.load_default_targets(bureau_user, org=tree["bureau"], year=2024)
    data = cockpit.data_for(tree["bureau"], "2024", user=bureau_user)
    figure = next(f for block in data.lines for f in block["figures"] if f.code == "publicity.understander_target_rate")
    assert figure.display == "33.33" and figure.target.status == cockpit.UNMET
    assert figure.target.text.startswith("≥100") and figure.target.gap == "差66.67个百分点"


def test_a_threshold_needs_a_field_to_count_by():
    from sifa.indicators import Stock

    with pytest.raises(ValueError, match="per="):
        Stock("publicity.x_test", "测试", model="publicity.Backbone", start="registered_on", end="left_on",
              at_least=3, note="测试")
    with pytest.raises(ValueError, match="at_least"):
        Stock("publicity.x_test", "测试", model="publicity.Backbone", start="registered_on", end="left_on",
              per="village", at_least=0, note="测试")
