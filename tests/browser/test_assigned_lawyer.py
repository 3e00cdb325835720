"""An assigned lawyer in a real browser (issue: every assignee reaches their work): the case belongs to the legal-aid
centre, the lawyer's account to a law firm, yet the lawyer opens it from the notification on their home page, finds
it under 指派给我的 and in their case list; another lawyer of the same firm sees none of it and gets the 404 page."""

import datetime as dt

import pytest
from django.urls import reverse

from sifa.core.models import OrgKind, OrgUnit, Role
from sifa.legalaid import actions
from tests import factories
from tests.legalaid import builders
from tests.legalaid.scope_factories import _centre

from .conftest import LAPTOP
from .test_staff import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _assigned_case(tree):
    firm = OrgUnit.objects.create(code="341321-LS901", name="甲律师事务所", kind=OrgKind.LAW_FIRM,
                                  division=tree["county"], parent=tree["bureau"])
    lawyer = factories.user(firm, Role.LAWYER, username="zhou_lawyer", full_name="周律师")
    factories.user(firm, Role.LAWYER, username="wu_lawyer", full_name="吴律师")
    staff = factories.user(tree["office_a"], Role.OFFICE_STAFF, username="centre_staff")
    centre = _centre(tree["office_a"], staff)
    service_org = actions.create_service_org(staff, org=centre, name="甲律师事务所", kind="law_firm")
    provider = actions.create_provider(staff, service_org=service_org, name="周律师", kind="lawyer",
                                       licence_number=builders.licence(), practice_since=dt.date(2012, 1, 1),
                                       user=lawyer)
    today = dt.date.today()
    app = actions.register_application(staff, org=centre, channel="visit", category="civil", civil_matter="labour",
                                       summary="讨要工资", received_on=today - dt.timedelta(days=3),
                                       applicant=builders.applicant(), exemption="a42_3")
    actions.decide(staff, app, decision="grant", decided_on=today - dt.timedelta(days=2))
    actions.assign(staff, app, assigned_on=today - dt.timedelta(days=1), provider=provider)
    app.refresh_from_db()
    return app


def test_the_assigned_lawyer_reaches_the_case_and_a_colleague_does_not(live_server, launch, screenshot_dir):
    app = _assigned_case(factories.county_tree())
    page = launch(LAPTOP).new_page()
    log_in(page, live_server.url, "zhou_lawyer")
    page.wait_for_url(f"{live_server.url}/")

    assigned = page.locator("#assigned")
    assert app.number in assigned.inner_text()
    page.screenshot(path=str(screenshot_dir / "lawyer-home.png"), full_page=True)

    # the notification of the assignment, on the home page's 待办消息, opens the case
    page.click(f"#todo >> text=法律援助指派：{app.number}")
    page.wait_for_url(f"**{reverse('legalaid:application_detail', args=[app.pk])}")
    assert page.locator("h1").first.inner_text().strip().startswith(app.number)
    assert "讨要工资" in page.content()

    # and the case list holds it (and nothing of anyone else's)
    page.goto(live_server.url + reverse("legalaid:application_list"))
    rows = page.locator("table.records tbody tr")
    assert rows.count() == 1 and app.number in rows.first.inner_text()

    # a lawyer of the same firm, following the same link, meets the 404 page
    other = launch(LAPTOP).new_page()
    log_in(other, live_server.url, "wu_lawyer")
    other.wait_for_url(f"{live_server.url}/")
    assert other.locator("#assigned").count() == 0
    response = other.goto(live_server.url + reverse("legalaid:application_detail", args=[app.pk]))
    assert response.status == 404
    assert app.number not in other.content()
    other.goto(live_server.url + reverse("legalaid:application_list"))
    assert app.number not in other.locator("#main").inner_text()
    other.screenshot(path=str(screenshot_dir / "lawyer-colleague-list.png"), full_page=True)
