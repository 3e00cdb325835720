"""The notary workflow: fees from the configurable schedule, the 最多跑一次 list, online pre-application, the
fifteen working days of 《公证法》第30条 net of pauses, numbering, refusals and bad input."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core import actions as core_actions
from sifa.core.models import AuditEvent, OrgKind, Role
from sifa.notary import actions, rules
from sifa.notary.models import NotaryMatter, Status
from tests import factories
from tests.mediation.builders import resident_id

D = dt.date


@pytest.fixture
def nt(tree):
    bureau = tree["bureau"]
    office = core_actions.create_org_unit(None, code="341321-GZC", name="安徽省砀山县公证处",
                                          kind=OrgKind.NOTARY_OFFICE, division=bureau.division, parent=bureau)
    clerk = factories.user(office, role=Role.SECTION_STAFF, username="notary_clerk")
    birth = actions.create_item(clerk, org=office, name="出生公证", category="personal", base_fee="80",
                                copy_fee="20", one_visit=True, online=True, effective_from=D(2020, 1, 1))
    contract = actions.create_item(clerk, org=office, name="房屋买卖合同公证", category="contract", value_based=True,
                                   min_fee="200", tiers=[("500000", "3"), ("5000000", "2"), (None, "1")],
                                   effective_from=D(2020, 1, 1))
    return {"office": office, "clerk": clerk, "birth": birth, "contract": contract}


MARCH_1 = D(2021, 3, 1)


def _accept(nt, on=MARCH_1, item="birth", **extra):
    fields = {"org": nt["office"], "item": nt[item], "accepted_on": on, "notary": "李明", "applicant_name": "王芳",
              "applicant_id": resident_id()}
    fields.update(extra)
    return actions.register_matter(nt["clerk"], **fields)


def test_fees_follow_the_schedule(nt):
    assert actions.compute_fee(nt["birth"], copies=3) == Decimal("120.00")
    # 500000 × 3‰ + 300000 × 2‰ = 1500 + 600
    assert actions.compute_fee(nt["contract"], subject_value="800000") == Decimal("2100.00")
    assert actions.compute_fee(nt["contract"], subject_value="10000") == Decimal("200.00")  # the minimum
    assert rules.progressive_fee(Decimal("6000000"), [(Decimal("500000"), Decimal("3")),
                                                      (Decimal("5000000"), Decimal("2")),
                                                      (None, Decimal("1"))]) == Decimal("11500.00")
    with pytest.raises(ValidationError, match="请填写标的额"):
        actions.compute_fee(nt["contract"])


def test_the_fee_schedule_and_the_one_visit_list_are_editable(nt):
    actions.update_item(nt["clerk"], nt["contract"], one_visit=True, tiers=[("1000000", "2.5"), (None, "1")])
    contract = type(nt["contract"]).objects.get(pk=nt["contract"].pk)
    assert contract.one_visit and actions.compute_fee(contract, subject_value="800000") == Decimal("2000.00")
    with pytest.raises(ValidationError, match="逐档递增"):
        actions.update_item(nt["clerk"], contract, tiers=[("1000000", "2"), ("500000", "1"), (None, "1")])
    with pytest.raises(ValidationError, match="只有最后一档"):
        actions.update_item(nt["clerk"], contract, tiers=[("1000000", "2")])
    with pytest.raises(ValidationError, match="不允许修改"):
        actions.update_item(nt["clerk"], contract, category="succession")


def test_the_certificate_is_due_fifteen_working_days_after_acceptance(nt):
    matter = _accept(nt, on=D(2021, 9, 24))
    # 15 working days after 24 Sep 2021: 26 Sep and 9 Oct are make-up working days, 1–7 Oct is the holiday
    assert matter.due_on == D(2021, 10, 20)
    assert matter.fee == Decimal("80.00") and matter.one_visit and matter.category == "personal"
    issued = actions.issue(nt["clerk"], matter, issued_on=D(2021, 10, 20))
    assert issued.on_time is True and issued.number == "（2021）皖砀证字第1号"


def test_paused_days_are_not_counted(nt):
    matter = _accept(nt, on=D(2021, 3, 1))
    assert matter.due_on == D(2021, 3, 22)
    actions.pause(nt["clerk"], matter, reason="supplement", started_on=D(2021, 3, 3))
    matter.refresh_from_db()
    assert matter.status == Status.PAUSED and matter.due_on is None
    with pytest.raises(ValidationError, match="期限中止期间不能出证"):
        actions.issue(nt["clerk"], matter, issued_on=D(2021, 3, 10))
    actions.resume(nt["clerk"], matter, ended_on=D(2021, 3, 9))  # 3–9 March: five working days not counted
    matter.refresh_from_db()
    assert matter.due_on == D(2021, 3, 29) and matter.visits == 2
    issued = actions.issue(nt["clerk"], matter, issued_on=D(2021, 3, 26))
    assert issued.on_time is True


def test_a_late_certificate_needs_a_reason_and_counts_as_late(nt):
    matter = _accept(nt, on=D(2021, 3, 1))
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="十五个工作日.*2021-03-22"):
        actions.issue(nt["clerk"], matter, issued_on=D(2021, 3, 23))
    matter.refresh_from_db()
    assert matter.status == Status.ACCEPTED and not matter.number and AuditEvent.objects.count() == audits
    late = actions.issue(nt["clerk"], matter, issued_on=D(2021, 3, 23), late_reason="需向外地核实")
    assert late.on_time is False


def test_online_pre_application_only_for_online_items(nt):
    with pytest.raises(ValidationError, match="暂不支持网上申请"):
        actions.submit_pre_application(org=nt["office"], item=nt["contract"], mobile="13800000001",
                                       applicant_name="王芳", applicant_id=resident_id(), subject_value="100")
    matter = actions.submit_pre_application(org=nt["office"], item=nt["birth"], mobile="13800000001",
                                            applicant_name="王芳", applicant_id=resident_id(), foreign=True,
                                            use_place="加拿大")
    assert matter.status == Status.PRE_APPLIED and matter.tracking_code and matter.channel == "online"
    accepted = actions.accept_pre_application(nt["clerk"], matter, accepted_on=dt.date.today(), notary="李明")
    assert accepted.status == Status.ACCEPTED and accepted.visits == 1


def test_refusal_needs_a_legal_reason(nt):
    matter = _accept(nt)
    with pytest.raises(ValidationError, match="不在可选范围内"):
        actions.refuse(nt["clerk"], matter, reason="嫌麻烦", refused_on=D(2021, 3, 5), note="x")
    refused = actions.refuse(nt["clerk"], matter, reason="insufficient", refused_on=D(2021, 3, 5),
                             note="拒绝补充出生医学证明")
    assert refused.status == Status.REFUSED
    with pytest.raises(ValidationError, match="当前状态为“不予办理”，不能出证"):
        actions.issue(nt["clerk"], refused, issued_on=D(2021, 3, 6))


@pytest.mark.parametrize("change, message", [
    ({"applicant_id": "341321198001010000"}, "校验位"),
    ({"copies": 0}, "份数"),
    ({"accepted_on": D(2099, 1, 1)}, "不能晚于今天"),
    ({"foreign": True}, "使用地"),
    ({"applicant_name": ""}, "请填写申请人"),
    ({"accepted_on": D(2019, 6, 1)}, "不在本处办理的事项清单中"),
])
def test_bad_input_writes_nothing(nt, change, message):
    with pytest.raises(ValidationError, match=message):
        _accept(nt, **change)
    assert NotaryMatter.objects.count() == 0


def test_only_a_notary_office_handles_matters_and_scope_holds(nt, tree, bureau_user, other_office_user):
    with pytest.raises(ValidationError, match="不是公证处"):
        actions.create_item(bureau_user, org=tree["bureau"], name="x", category="other", base_fee="1",
                            effective_from=D(2020, 1, 1))
    matter = _accept(nt)
    with pytest.raises(PermissionDenied):
        actions.issue(other_office_user, matter, issued_on=D(2021, 3, 5))
