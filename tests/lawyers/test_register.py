"""The register through its actions: firms and lawyers are legal aid's ServiceOrg and Provider (one register),
licence numbers checked (length and category digit), one firm per lawyer, 公职律师 with employer and
reallocation, practice applications with the 20/10-day limits, complaints with deadlines and sanctions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core.models import AuditEvent
from sifa.lawyers import actions
from sifa.lawyers.models import ApplicationStatus, Category, ComplaintOutcome, Firm, FirmForm, Lawyer
from sifa.legalaid import actions as legalaid
from sifa.legalaid.models import LicenceStatus, Provider, ServiceOrg
from tests import factories
from tests.lawyers import builders

D = dt.date


def test_a_registered_lawyer_is_the_person_legal_aid_assigns(firm, lawyer):
    provider = Provider.objects.get(pk=lawyer.provider_id)
    assert (provider.name, provider.service_org_id, provider.licence_number) == ("张律师", firm.service_org_id,
                                                                                 lawyer.provider.licence_number)
    assert provider.register == lawyer and firm.service_org.firm == firm
    assert AuditEvent.objects.filter(verb="登记执业人员", object_id=str(lawyer.pk)).count() == 1


def test_a_firm_and_lawyer_legal_aid_already_lists_are_adopted_not_registered_twice(tree, bureau_user):
    org = tree["bureau"]
    service_org = legalaid.create_service_org(bureau_user, org=org, name="安徽酥梨律师事务所", kind="law_firm")
    provider = legalaid.create_provider(bureau_user, service_org=service_org, name="李援", kind="lawyer",
                                        licence_number=builders.licence(), practice_since=D(2012, 1, 1))
    firm = builders.firm(bureau_user, org, name="安徽酥梨律师事务所")
    assert firm.service_org_id == service_org.pk and ServiceOrg.objects.count() == 1
    lawyer = builders.lawyer(bureau_user, firm, name="李援", licence_number=provider.licence_number)
    assert lawyer.provider_id == provider.pk and Provider.objects.count() == 1


@pytest.mark.parametrize("number, message", [
    ("1341320151000001", "应为17位数字"),
    ("134132015100000012", "应为17位数字"),
    ("1341320152000001X", "应为17位数字"),
    ("13413201520000001", "第10位（类别位）为“2”（兼职）"),
])
def test_bad_licence_numbers_are_refused_and_nothing_is_written(firm, bureau_user, number, message):
    with pytest.raises(ValidationError, match=message):
        builders.lawyer(bureau_user, firm, licence_number=number)
    assert not Lawyer.objects.exists() and not Provider.objects.exists()


def test_a_part_time_lawyer_needs_the_part_time_digit(firm, bureau_user):
    assert builders.lawyer(bureau_user, firm, category=Category.PART_TIME).category == Category.PART_TIME
    with pytest.raises(ValidationError, match="与所选类别“兼职律师”不符"):
        builders.lawyer(bureau_user, firm, name="赵兼职", category=Category.PART_TIME,
                        licence_number=builders.licence("1"))


def test_a_lawyer_cannot_practise_in_two_firms(tree, bureau_user, firm, lawyer):
    other = builders.firm(bureau_user, tree["bureau"], name="砀山县黄河故道律师事务所")
    with pytest.raises(ValidationError, match="只能在一个律师事务所执业"):
        builders.lawyer(bureau_user, other, name="张律师", licence_number=lawyer.provider.licence_number)
    assert Lawyer.objects.count() == 1


def test_firm_credit_code_must_be_a_justice_registered_31_or_33(tree, bureau_user):
    with pytest.raises(ValidationError, match="应以“31”开头"):
        builders.firm(bureau_user, tree["bureau"], credit_code=factories.credit_code("91"))
    with pytest.raises(ValidationError, match="校验位不正确"):
        code = factories.credit_code("31")
        builders.firm(bureau_user, tree["bureau"], credit_code=code[:-1] + ("0" if code[-1] != "0" else "1"))
    with pytest.raises(ValidationError, match="三名以上合伙人"):
        builders.firm(bureau_user, tree["bureau"], partners=2)
    office = builders.firm(bureau_user, tree["bureau"], name="砀城法律服务所", form=FirmForm.LEGAL_SERVICE)
    assert office.service_org.kind == "legal_service_firm" and Firm.objects.count() == 1
    worker = builders.lawyer(bureau_user, office, name="周工作者", category=Category.LEGAL_WORKER,
                             licence_number="32130001")
    assert worker.provider.kind == "legal_worker"
    with pytest.raises(ValidationError, match="不能登记在基层法律服务所"):
        builders.lawyer(bureau_user, office, name="钱律师")


def test_public_sector_lawyer_with_employer_and_reallocation(tree, bureau_user, agencies):
    x = actions.register_lawyer(bureau_user, name="孙公职", category=Category.PUBLIC,
                                licence_number=builders.licence(), licensed_on=D(2019, 9, 1),
                                employer=agencies["market"], reallocated_to=agencies["resources"])
    assert (x.employer, x.reallocated_to, x.provider.in_rotation) == (agencies["market"], agencies["resources"], False)
    assert x.provider.service_org.name == agencies["market"].name
    with pytest.raises(ValidationError, match="任职单位"):
        actions.register_lawyer(bureau_user, name="周公职", category=Category.PUBLIC, org=tree["bureau"],
                                licence_number=builders.licence(), licensed_on=D(2019, 9, 1))
    with pytest.raises(ValidationError, match="不能是任职单位本身"):
        actions.register_lawyer(bureau_user, name="吴公职", category=Category.PUBLIC,
                                licence_number=builders.licence(), licensed_on=D(2019, 9, 1),
                                employer=agencies["market"], reallocated_to=agencies["market"])


def test_an_office_clerk_cannot_write_the_bureaus_register(tree, office_user, firm):
    with pytest.raises(PermissionDenied):
        builders.lawyer(office_user, firm)


def test_practice_application_runs_20_then_10_days_and_enters_the_register(firm, bureau_user):
    app = actions.receive_application(bureau_user, firm=firm, name="新律师", id_number=factories.resident_id(),
                                      category=Category.FULL_TIME, received_on=D(2024, 3, 1))
    assert app.city_due == D(2024, 3, 21)
    app = actions.forward_application(bureau_user, app, forwarded_on=D(2024, 3, 15))
    assert (app.status, app.province_due) == (ApplicationStatus.PROVINCE, D(2024, 3, 25))
    with pytest.raises(ValidationError, match="不能办理此步骤"):
        actions.forward_application(bureau_user, app, forwarded_on=D(2024, 3, 16))
    with pytest.raises(ValidationError, match="17位"):
        actions.decide_application(bureau_user, app, decided_on=D(2024, 3, 22), granted=True, licence_number="123")
    app = actions.decide_application(bureau_user, app, decided_on=D(2024, 3, 22), granted=True,
                                     licence_number=builders.licence(year=2024))
    assert app.status == ApplicationStatus.GRANTED
    assert Lawyer.objects.get(provider__name="新律师").licensed_on == D(2024, 3, 22)


def test_complaint_with_deadline_and_a_suspension_that_stops_practice(lawyer, bureau_user):
    complaint = actions.receive_complaint(bureau_user, lawyer, complainant="投诉人甲", summary="收费不规范",
                                          received_on=D(2024, 3, 1), mobile="13800138000")
    assert complaint.due_on == D(2024, 4, 30)
    with pytest.raises(ValidationError, match="决定书文号"):
        actions.close_complaint(bureau_user, complaint, outcome=ComplaintOutcome.SUSPENSION, closed_on=D(2024, 4, 1))
    actions.close_complaint(bureau_user, complaint, outcome=ComplaintOutcome.SUSPENSION, closed_on=D(2024, 4, 1),
                            decision_number="砀司罚决字〔2024〕3号")
    lawyer.refresh_from_db()
    assert lawyer.provider.licence_status == LicenceStatus.SUSPENDED and not lawyer.practising
    with pytest.raises(ValidationError, match="已办结"):
        actions.close_complaint(bureau_user, complaint, outcome=ComplaintOutcome.WARNING, closed_on=D(2024, 4, 2),
                                decision_number="x")


def test_assessment_once_a_year_and_end_of_practice(lawyer, bureau_user):
    actions.record_assessment(bureau_user, lawyer, year=2023, result="qualified", assessed_on=D(2024, 3, 1))
    with pytest.raises(ValidationError, match="已登记"):
        actions.record_assessment(bureau_user, lawyer, year=2023, result="basic", assessed_on=D(2024, 3, 2))
    actions.end_practice(bureau_user, lawyer, on=D(2024, 5, 1), reason="本人申请注销")
    lawyer.refresh_from_db()
    assert lawyer.ended_on == D(2024, 5, 1) and lawyer.provider.licence_status == LicenceStatus.CANCELLED
