"""Committees, mediators, sweeps and 援律访调: the organisation side of the line and its bad input."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core.models import OrgKind, OrgUnit
from sifa.mediation import actions
from sifa.mediation.models import (
    Dispute,
    DisputeStatus,
    Level,
    MediationCommittee,
    PetitionTransfer,
    Screening,
    Source,
    TransferStatus,
)
from tests import factories

from . import builders

D = dt.date


def test_committee_becomes_an_org_unit_under_its_office(med, tree):
    village = med["village"]
    assert village.org.kind == OrgKind.MEDIATION_COMMITTEE and village.org.parent == tree["office_a"]
    assert village.org.division_id == tree["town_a"].code + "001" and village.level == Level.VILLAGE
    assert med["county"].org.parent == tree["bureau"] and med["county"].level == Level.COUNTY


@pytest.mark.parametrize("kwargs, message", [
    ({"committee_type": "village", "member_count": 2}, "三至九人"),
    ({"committee_type": "enterprise", "member_count": 10}, "三至九人"),
    ({"committee_type": "sector", "member_count": 5}, "行业领域"),
    ({"committee_type": "乡镇街道", "member_count": 5}, "不在可选范围内"),
])
def test_bad_committee_writes_nothing(office_user, tree, kwargs, message):
    before = OrgUnit.objects.count()
    with pytest.raises(ValidationError, match=message):
        actions.create_committee(office_user, parent=tree["office_a"], name="李庄村人民调解委员会", **kwargs)
    assert OrgUnit.objects.count() == before and MediationCommittee.objects.count() == 0


def test_existing_committee_unit_gets_its_profile(office_user, tree):
    unit = OrgUnit.objects.create(code="341321100002-TWH", name="李庄村调委会", kind=OrgKind.MEDIATION_COMMITTEE,
                                  division=tree["town_a"], parent=tree["office_a"])
    committee = actions.create_committee(office_user, unit=unit, name="李庄村人民调解委员会",
                                         committee_type="village", member_count=5)
    unit.refresh_from_db()
    assert committee.org == unit and unit.name == "李庄村人民调解委员会"
    with pytest.raises(ValidationError, match="已登记"):
        actions.create_committee(office_user, unit=unit, name="x", committee_type="village", member_count=5)


def test_other_office_cannot_build_committees_here(other_office_user, tree):
    with pytest.raises(PermissionDenied):
        actions.create_committee(other_office_user, parent=tree["office_a"], name="x", committee_type="village",
                                 member_count=5)


def test_dissolving_a_committee_with_open_cases_is_refused(open_dispute, office_user, med):
    with pytest.raises(ValidationError, match="尚有未结案"):
        actions.update_committee(office_user, med["village"], dissolved_on=D(2021, 4, 1))
    assert MediationCommittee.objects.get(pk=med["village"].pk).dissolved_on is None


def test_mediator_identity_training_honour_and_brand_room(office_user, med):
    with pytest.raises(ValidationError, match="与身份证号码不符"):
        actions.create_mediator(office_user, committee=med["village"], name="柏老", sex="男",
                                id_number=builders.resident_id(male=False))
    with pytest.raises(ValidationError, match="手机号码"):
        actions.create_mediator(office_user, committee=med["village"], name="柏老", mobile="12345")
    mediator = actions.create_mediator(office_user, committee=med["village"], name="柏老",
                                       id_number=builders.resident_id(male=False), is_expert=True)
    assert mediator.sex == "女"
    actions.add_training(office_user, mediator, title="人民调解员岗前培训", held_on=D(2021, 3, 1), hours="8")
    actions.add_honour(office_user, mediator=mediator, title="全省优秀人民调解员", level="province", year=2021)
    with pytest.raises(ValidationError, match="一名调解员或一个调委会"):
        actions.add_honour(office_user, title="x", level="county", year=2021)
    with pytest.raises(ValidationError, match="不属于"):
        actions.create_brand_room(office_user, committee=med["township"], name="“老柏”调解室", mediator=mediator)
    room = actions.create_brand_room(office_user, committee=med["village"], name="“老柏”调解室", mediator=mediator)
    assert room.org == med["village"].org
    actions.update_mediator(office_user, mediator, left_on=D(2021, 6, 1))
    with pytest.raises(ValidationError, match="已于2021-06-01离任"):
        actions.open_case(office_user, org=med["village"].org, parties=builders.parties(), committee=med["village"],
                          accepted_on=D(2021, 6, 2), mediators=[mediator], summary="x", dispute_type="other",
                          source="application")


def test_sweep_counts_are_checked(office_user, tree):
    with pytest.raises(ValidationError, match="发现纠纷数"):
        actions.record_screening(office_user, org=tree["office_a"], held_on=D(2021, 3, 1), scope="全镇",
                                 found_count=-1)
    with pytest.raises(ValidationError, match="排查范围"):
        actions.record_screening(office_user, org=tree["office_a"], held_on=D(2021, 3, 1), scope=" ")
    assert Screening.objects.count() == 0


def test_petition_transfers_are_routed_and_joint_mediation_opens_a_case(office_user, med, tree):
    received = [actions.receive_transfer(office_user, org=tree["office_a"], received_on=D(2022, 6, 1),
                                         person_name="来访人", id_number=builders.resident_id(), matter="征地补偿款分配")
                for _ in range(4)]
    with pytest.raises(ValidationError, match="承办"):
        actions.route_transfer(office_user, received[0], route="心理疏导", routed_on=D(2022, 6, 2))
    actions.route_transfer(office_user, received[0], route="心理疏导", routed_on=D(2022, 6, 2), handler="王咨询师")
    actions.route_transfer(office_user, received[1], route="lawyer", routed_on=D(2022, 6, 2), handler="刘律师")
    actions.route_transfer(office_user, received[2], route="legal_aid", routed_on=D(2022, 6, 2), handler="法援中心")
    joint = received[3]
    with pytest.raises(ValidationError, match="须是联合调解纠纷的当事人"):
        actions.route_transfer(office_user, joint, route="joint", routed_on=D(2022, 6, 2), case={
            "summary": "征地补偿款分配", "dispute_type": "requisition", "committee": med["township"],
            "parties": builders.parties()})
    parties = builders.parties()
    parties[0]["id_number"] = joint.id_number
    actions.route_transfer(office_user, joint, route="joint", routed_on=D(2022, 6, 2), case={
        "summary": "征地补偿款分配", "dispute_type": "requisition", "committee": med["township"],
        "parties": parties, "mediators": med["township_mediators"][:1]})
    joint.refresh_from_db()
    case = joint.dispute
    assert case.source == Source.PETITION and case.status == DisputeStatus.ACCEPTED
    assert case.applied_on == D(2022, 6, 1) and case.accepted_on == D(2022, 6, 2)
    with pytest.raises(ValidationError, match="尚未结案"):
        actions.complete_transfer(office_user, joint, result="调解成功", done_on=D(2022, 6, 10))
    actions.complete_transfer(office_user, received[1], result="已释法明理", done_on=D(2022, 6, 3))
    assert PetitionTransfer.objects.get(pk=received[1].pk).status == TransferStatus.DONE
    with pytest.raises(ValidationError, match="已分流"):
        actions.route_transfer(office_user, received[1], route="psych", routed_on=D(2022, 6, 3), handler="x")
    assert Dispute.objects.filter(source=Source.PETITION).count() == 1


def test_transfer_needs_valid_identity(office_user, tree):
    with pytest.raises(ValidationError, match="来访人“赵六”"):
        actions.receive_transfer(office_user, org=tree["office_a"], received_on=D(2022, 6, 1), person_name="赵六",
                                 id_number="341321198001010000", matter="x")
    assert PetitionTransfer.objects.count() == 0


def test_mediator_sees_only_own_committee(tree, med, open_dispute):
    from sifa.core.models import Role

    own = factories.user(med["village"].org, role=Role.MEDIATOR)
    other = factories.user(med["township"].org, role=Role.MEDIATOR)
    assert list(Dispute.objects.for_user(own)) == [open_dispute]
    assert not Dispute.objects.for_user(other).exists()
