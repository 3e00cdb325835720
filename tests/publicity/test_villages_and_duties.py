"""法治乡村 and 普法责任制 through their actions and pages: 示范村 applied, named and re-checked, counted in force
by level; 法律明白人 with a validated ID, one village per person, and the ≥3-per-village target with the villages
below it listed; an agency's 谁执法谁普法 list done against planned and its year-end evaluation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sifa.core.models import AuditEvent
from sifa.indicators import engine
from sifa.publicity import actions
from sifa.publicity.models import Backbone, BackboneKind, Form, Grade, Level, Topic, VillageStatus
from tests import factories
from tests.reconsideration import builders as agency_builders

from .builders import activity

D = dt.date


def _person(actor, village, *, kind=BackboneKind.UNDERSTANDER, id_number=None, **extra):
    return actions.register_backbone(actor, kind=kind, name="王明白", id_number=id_number or factories.resident_id(),
                                     village=village, source="cadre", registered_on=D(2024, 3, 1), **extra)


def test_model_villages_by_level_in_force(bureau_user, villages):
    national = actions.apply_model_village(bureau_user, village=villages["yangmiao"], level=Level.NATIONAL,
                                           year=2023, applied_on=D(2023, 3, 1))
    actions.name_model_village(bureau_user, national, named_on=D(2023, 11, 1), naming_body="司法部、民政部")
    city = actions.apply_model_village(bureau_user, village=villages["litun"], level=Level.CITY, year=2023,
                                       applied_on=D(2023, 3, 1))
    actions.name_model_village(bureau_user, city, named_on=D(2023, 11, 1))
    with pytest.raises(ValidationError, match="已申报（或已命名）全国民主法治示范村"):
        actions.apply_model_village(bureau_user, village=villages["yangmiao"], level=Level.NATIONAL, year=2024,
                                    applied_on=D(2024, 3, 1))
    with pytest.raises(ValidationError, match="复核未通过的，请填写复核意见"):
        actions.recheck_model_village(bureau_user, city, rechecked_on=D(2024, 5, 1), passed=False)
    actions.recheck_model_village(bureau_user, city, rechecked_on=D(2024, 5, 1), passed=False, note="村规民约未修订")
    city.refresh_from_db()
    assert city.status == VillageStatus.REVOKED
    assert engine.evaluate("publicity.model_villages_national", "341321", "2024").value == 1
    assert engine.evaluate("publicity.model_villages_city", "341321", "2023").value == 1  # in force at the end of 2023
    assert engine.evaluate("publicity.model_villages_city", "341321", "2024").value == 0  # revoked in 2024


def test_an_invalid_id_is_refused_and_nothing_written(office_user, villages):
    good = factories.resident_id()
    before = (Backbone.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match="身份证号：.*校验位不正确"):
        _person(office_user, villages["yangmiao"], id_number=good[:-1] + ("0" if good[-1] != "0" else "1"))
    assert (Backbone.objects.count(), AuditEvent.objects.count()) == before


def test_one_person_is_not_registered_in_two_villages(bureau_user, villages):
    number = factories.resident_id()
    _person(bureau_user, villages["yangmiao"], id_number=number)
    before = Backbone.objects.count()
    with pytest.raises(ValidationError, match="已在其他村（社区）登记"):
        _person(bureau_user, villages["zhouzhai"], id_number=number)
    with pytest.raises(ValidationError, match="已是本村（社区）的法律明白人"):
        _person(bureau_user, villages["yangmiao"], id_number=number)
    assert Backbone.objects.count() == before
    # the same person may also be the village's 法治带头人, and after leaving may serve elsewhere
    leader = _person(bureau_user, villages["yangmiao"], id_number=number, kind=BackboneKind.LEADER)
    for person in Backbone.objects.filter(id_number=number):
        actions.withdraw_backbone(bureau_user, person, left_on=D(2024, 4, 1))
    assert _person(bureau_user, villages["zhouzhai"], id_number=number).village_id == "341321101200"
    assert leader.kind == BackboneKind.LEADER


def test_the_per_village_target_lists_the_villages_below_it(client, bureau_user, villages):
    for _ in range(3):
        _person(bureau_user, villages["yangmiao"])
    _person(bureau_user, villages["litun"])
    assert engine.evaluate("publicity.understanders", "341321", "2024").value == 4
    client.force_login(bureau_user)
    page = client.get(reverse("publicity:villages")).content.decode()
    below = page.split('id="below-target"')[1].split("</table>")[0]
    assert "李屯村委会" in below and "周寨社区村委会" in below and "杨庙村委会" not in below
    assert "3个村（社区）中已达标1个，达标率33.33%" in page
    person = Backbone.objects.filter(village_id="341321100201").get()
    detail = client.get(reverse("publicity:backbone_detail", args=[person.pk])).content.decode()
    assert person.id_number not in detail  # masked


def test_an_agencys_list_done_against_planned_and_evaluated(client, bureau_user, tree):
    agencies = agency_builders.agencies(tree["bureau"], bureau_user)
    plan = actions.adopt_plan(bureau_user, org=tree["bureau"], year=2024, title="2024年普法依法治理工作要点",
                              focus="宪法、民法典", adopted_on=D(2024, 2, 1))
    item = actions.add_duty_item(bureau_user, plan, agency=agencies["market"], content="食品安全以案释法",
                                 audience="public", due_on=D(2024, 6, 30), planned_times=4, topic=Topic.CONSUMER)
    with pytest.raises(ValidationError, match="完成时限应在2024年内"):
        actions.add_duty_item(bureau_user, plan, agency=agencies["market"], content="x", audience="public",
                              due_on=D(2025, 1, 5))
    for day in (5, 12, 19):
        activity(bureau_user, held_on=D(2024, 4, day), form=Form.CASE, duty_item=item, organiser="市场监管局")
    duty = item.duty_list
    assert [(r["planned"], r["done"]) for r in actions.progress(duty)] == [(4, 3)]
    actions.evaluate(bureau_user, duty, evaluated_on=D(2025, 1, 10))
    duty.refresh_from_db()
    assert (duty.planned_total, duty.done_total, duty.grade) == (4, 3, Grade.PASS)  # 75%
    client.force_login(bureau_user)
    page = client.get(reverse("publicity:duty_detail", args=[duty.pk])).content.decode()
    assert "计划4场次，完成3场次，考核等次<strong>合格</strong>" in page
    with pytest.raises(ValidationError, match="已完成年度考核"):
        actions.add_duty_item(bureau_user, plan, agency=agencies["market"], content="再加一项", audience="public",
                              due_on=D(2024, 9, 1))
