"""Access by assignment (sifa.core.access): a record is read by the users of its org subtree **or** by the person
it is assigned to by name. The case of a 法律援助中心 assigned to a lawyer of a law firm is the example: the
lawyer opens it from the notification, finds it in their list and on their home page; a lawyer it is not assigned
to — of the same firm or another — gets 404, exactly as for a case that does not exist, and a denied audit row."""

import datetime as dt

import pytest
from django.test import Client

from sifa.core import access
from sifa.core.models import ApiToken, AuditEvent, Notification, OrgKind, OrgUnit, Role
from sifa.core.models.audit import AuditEventType
from sifa.core.roles import role_may, roles_that_may
from sifa.legalaid import actions
from sifa.legalaid.models import Application, LegalHelp, Progress
from tests import factories
from tests.legalaid import builders
from tests.legalaid.scope_factories import _centre, _station


def _days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def _firm(tree, code: str, name: str) -> OrgUnit:
    return OrgUnit.objects.create(code=code, name=name, kind=OrgKind.LAW_FIRM, division=tree["county"],
                                  parent=tree["bureau"])


@pytest.fixture
def lawyers(tree):
    firm = _firm(tree, "341321-LS901", "甲律师事务所")
    other_firm = _firm(tree, "341321-LS902", "乙律师事务所")
    return {"assigned": factories.user(firm, Role.LAWYER, username="assigned_lawyer"),
            "colleague": factories.user(firm, Role.LAWYER, username="same_firm_lawyer"),
            "other_firm": factories.user(other_firm, Role.LAWYER, username="other_firm_lawyer")}


@pytest.fixture
def case(tree, lawyers):
    """A civil case of the centre (under 砀城司法所), assigned to the lawyer by name, with a progress entry."""
    staff = factories.user(tree["office_a"], Role.OFFICE_STAFF, username="centre_staff")
    centre = _centre(tree["office_a"], staff)
    firm = actions.create_service_org(staff, org=centre, name="甲律师事务所", kind="law_firm")
    provider = actions.create_provider(staff, service_org=firm, name="周律师", kind="lawyer",
                                       licence_number=builders.licence(), practice_since=dt.date(2012, 1, 1),
                                       user=lawyers["assigned"])
    app = actions.register_application(staff, org=centre, channel="visit", category="civil",
                                       civil_matter="labour", summary="讨薪", received_on=_days_ago(5),
                                       applicant=builders.applicant(), exemption="a42_3")
    actions.decide(staff, app, decision="grant", decided_on=_days_ago(4))
    actions.assign(staff, app, assigned_on=_days_ago(3), provider=provider)
    actions.record_progress(staff, app, happened_on=_days_ago(2), kind="meeting", note="会见受援人")
    app.refresh_from_db()
    return {"app": app, "staff": staff, "provider": provider, "centre": centre}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _denied(app) -> int:
    return AuditEvent.objects.filter(event=AuditEventType.DENIED, object_type="legalaid.application",
                                     object_id=str(app.pk)).count()


def test_the_assigned_lawyer_opens_the_case_from_their_notification(case, lawyers):
    note = Notification.objects.filter(user=lawyers["assigned"], title__contains=case["app"].number).get()
    response = _client(lawyers["assigned"]).get(note.link)
    assert response.status_code == 200
    assert case["app"].number in response.content.decode()


def test_the_assigned_lawyer_finds_the_case_in_their_list_and_on_their_home_page(case, lawyers):
    client = _client(lawyers["assigned"])
    listing = client.get(_list_url()).content.decode()
    assert case["app"].number in listing
    home = client.get("/").content.decode()
    assert "指派给我的" in home and case["app"].number in home


@pytest.mark.parametrize("who", ["colleague", "other_firm"])
def test_a_lawyer_it_is_not_assigned_to_gets_404_and_an_audit_row(case, lawyers, who):
    from django.urls import reverse

    client = _client(lawyers[who])
    before = _denied(case["app"])
    assert client.get(reverse("legalaid:application_detail", args=[case["app"].pk])).status_code == 404
    assert _denied(case["app"]) == before + 1
    assert case["app"].number not in client.get(_list_url()).content.decode()
    assert "指派给我的" not in client.get("/").content.decode()


def test_the_api_answers_the_assignee_and_no_other_lawyer(case, lawyers):
    url = f"/api/v1/legalaid/applications/{case['app'].pk}"
    answers = {}
    for who, user in lawyers.items():
        _, key = ApiToken.issue(user, "测试")
        answers[who] = Client().get(url, headers={"Authorization": f"Bearer {key}"}).status_code
    assert answers == {"assigned": 200, "colleague": 404, "other_firm": 404}


def test_a_replaced_lawyer_no_longer_reads_the_case(case, lawyers, tree):
    staff, app = case["staff"], case["app"]
    firm = case["provider"].service_org
    successor = actions.create_provider(staff, service_org=firm, name="吴律师", kind="lawyer",
                                        licence_number=builders.licence(), practice_since=dt.date(2010, 1, 1),
                                        user=lawyers["colleague"])
    actions.replace_assignment(staff, app, provider=successor, replaced_on=dt.date.today(), reason="受援人申请更换")
    assert not Application.objects.for_user(lawyers["assigned"]).filter(pk=app.pk).exists()
    assert Application.objects.for_user(lawyers["colleague"]).filter(pk=app.pk).exists()


def test_records_hanging_off_the_case_follow_it(case, lawyers):
    progress = Progress.objects.filter(application=case["app"]).get()
    assert Progress.objects.for_user(lawyers["assigned"]).filter(pk=progress.pk).exists()
    assert not Progress.objects.for_user(lawyers["other_firm"]).filter(pk=progress.pk).exists()


def test_a_duty_lawyer_reads_the_help_they_gave_and_not_anothers(tree, case, lawyers):
    staff = case["staff"]
    station, day = _station(tree["office_a"], staff), _days_ago(1)
    actions.schedule_shift(staff, station=station, provider=case["provider"], on_date=day)
    help_record = actions.record_help(staff, station=station, provider=case["provider"], helped_on=day,
                                      kind="plea", persons=1, case_reference="砀检刑诉〔2026〕901号")
    assert LegalHelp.objects.for_user(lawyers["assigned"]).filter(pk=help_record.pk).exists()
    assert not LegalHelp.objects.for_user(lawyers["colleague"]).filter(pk=help_record.pk).exists()


def test_the_centre_still_reads_its_cases_and_other_offices_do_not(case, tree):
    app = case["app"]
    assert Application.objects.for_user(case["staff"]).filter(pk=app.pk).exists()
    outsider = factories.user(tree["office_b"], Role.OFFICE_STAFF)
    assert not Application.objects.for_user(outsider).filter(pk=app.pk).exists()
    assert list(access.assigned_to(Application.objects.all(), case["staff"])) == []


def test_administrators_read_nothing_even_when_named(case, lawyers):
    lawyer = lawyers["assigned"]
    lawyer.role = Role.AUDIT_ADMIN
    assert not Application.objects.for_user(lawyer).exists()


# --- the rest of the vocabulary -----------------------------------------------------------------------------------

def test_reaches_is_the_users_own_subtree(tree):
    staff = factories.user(tree["office_a"])
    assert access.reaches(staff, tree["office_a"])
    assert not access.reaches(staff, tree["office_b"]) and not access.reaches(staff, tree["bureau"])
    assert access.reaches(factories.user(tree["bureau"]), tree["office_b"])
    staff.is_active = False
    assert not access.reaches(staff, tree["office_a"])
    assert list(access.orgs_within_reach(staff)) == []


def test_orgs_within_reach_lists_the_subtree_in_tree_order(tree):
    bureau_staff = factories.user(tree["bureau"])
    assert list(access.orgs_within_reach(bureau_staff)) == sorted(
        [tree["bureau"], tree["office_a"], tree["office_b"]], key=lambda o: o.path)


def test_the_capability_table_narrows_the_guarded_lines():
    assert roles_that_may("write", "corrections") == {Role.CORRECTIONS_OFFICER}
    assert roles_that_may("approve", "corrections") == {Role.LEADER}
    assert Role.LAWYER not in roles_that_may("read", "visits")
    assert Role.LAWYER in roles_that_may("read", "legalaid")
    assert not roles_that_may("read", "legalaid") & {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN}
    with pytest.raises(ValueError):
        role_may(Role.LAWYER, "delete", "legalaid")


def test_refuse_answers_404_and_writes_the_denied_row(rf, tree):
    from django.http import Http404

    request = rf.get("/x/")
    request.user = factories.user(tree["office_b"])
    with pytest.raises(Http404):
        access.refuse(request, object_type="legalaid.application", object_id="42", reason="测试拒绝")
    row = AuditEvent.objects.filter(event=AuditEventType.DENIED, object_id="42").get()
    assert row.username == request.user.username and "测试拒绝" in row.reason and "GET /x/" in row.reason


def _list_url() -> str:
    from django.urls import reverse

    return reverse("legalaid:application_list")


@pytest.mark.parametrize("url_name", ["indicators:browser", "reports:dashboard", "reports:report"])
def test_figures_of_another_unit_answer_404_with_a_denied_row(tree, url_name):
    from django.urls import reverse

    leader = factories.user(tree["office_a"], Role.SECTION_STAFF)
    before = AuditEvent.objects.filter(event=AuditEventType.DENIED, object_type="core.orgunit").count()
    response = _client(leader).get(reverse(url_name), {"org": tree["office_b"].code})
    assert response.status_code == 404
    rows = AuditEvent.objects.filter(event=AuditEventType.DENIED, object_type="core.orgunit")
    assert rows.count() == before + 1
    assert rows.order_by("-id").first().object_id == tree["office_b"].code
