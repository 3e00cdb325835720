"""Staff pages: lists, the intake forms (a refused economic review is shown on the form and nothing is written),
the step forms on a case, documents served only in scope, consultations, providers, duty and settings."""

import datetime as dt

import pytest

from sifa.core.models import AuditEvent
from sifa.legalaid import actions
from sifa.legalaid.models import Application, Document, Status
from sifa.notary.models import NotaryMatter

from . import builders, files

D = dt.date


@pytest.fixture
def clerk(client, la):
    client.force_login(la["clerk"])
    return client


def test_every_list_and_form_opens(clerk):
    for url in ("/legalaid/", "/legalaid/applications/new/", "/legalaid/notices/new/", "/legalaid/consultations/",
                "/legalaid/consultations/new/", "/legalaid/providers/", "/legalaid/providers/new/", "/legalaid/duty/",
                "/legalaid/duty/help/new/", "/legalaid/duty/shifts/new/", "/legalaid/settings/",
                "/legalaid/settings/rates/new/", "/notary/", "/notary/items/"):
        assert clerk.get(url).status_code == 200, url


def _form(la, **extra):
    data = {"org": la["centre"].pk, "channel": "visit", "received_on": "2021-03-01", "category": "civil",
            "civil_matter": "maintenance", "summary": "追索抚养费", "name": "王桂兰",
            "id_number": builders.resident_id(male=False), "recipients": 1, "review_basis": "pledge",
            "household_size": 2, "household_income": "1000"}
    data.update(extra)
    return data


def test_intake_refuses_an_applicant_above_the_standard_on_the_form(clerk, la):
    response = clerk.post("/legalaid/applications/new/", _form(la, household_income="9000"))
    assert response.status_code == 400
    assert "高于本地经济困难标准" in response.content.decode()
    assert Application.objects.count() == 0
    response = clerk.post("/legalaid/applications/new/", _form(la, household_income="9000", exemption="a42_3"))
    assert response.status_code == 302
    assert Application.objects.get().review_basis == "exempt"


def test_a_case_is_worked_through_its_steps(clerk, la):
    app = builders.civil_application(la)
    page = clerk.get(f"/legalaid/applications/{app.pk}/").content.decode()
    assert "审查决定期限：2021年3月8日" in page and "3413**********" in page  # the ID number is masked
    assert clerk.post(f"/legalaid/applications/{app.pk}/decide/", {"decision": "grant", "decided_on": "2021-03-09"}
                      ).status_code == 400  # late without a reason: the form comes back open with the reason
    assert clerk.post(f"/legalaid/applications/{app.pk}/decide/", {"decision": "grant", "decided_on": "2021-03-02"}
                      ).status_code == 302
    assert clerk.post(f"/legalaid/applications/{app.pk}/assign/", {"assigned_on": "2021-03-03", "by_rotation": "on"}
                      ).status_code == 302
    closing = clerk.post(f"/legalaid/applications/{app.pk}/close/", {"closed_on": "2021-04-01", "method": "judgment",
                                                                     "outcome": "胜诉"})
    assert closing.status_code == 400 and "结案须先上传" in closing.content.decode()
    for kind in ("closing_report", "judgment"):
        assert clerk.post(f"/legalaid/applications/{app.pk}/document/",
                          {"kind": kind, "uploaded": files.upload(files.pdf(), "判决书.pdf")}).status_code == 302
    assert clerk.post(f"/legalaid/applications/{app.pk}/close/", {"closed_on": "2021-04-01", "method": "judgment",
                                                                  "outcome": "胜诉"}).status_code == 302
    app.refresh_from_db()
    assert app.status == Status.CLOSED
    # mass assignment: a posted status is ignored
    clerk.post(f"/legalaid/applications/{app.pk}/grade/", {"grade": "good", "graded_on": "2021-04-05",
                                                          "status": "received", "subsidy_amount": "99999"})
    app.refresh_from_db()
    assert app.status == Status.CLOSED and app.subsidy_amount == 1500


def test_documents_are_served_only_in_scope(clerk, la, client, other_office_user):
    app = builders.civil_application(la)
    doc = actions.add_document(la["clerk"], app, kind="evidence", uploaded=files.upload(files.png()))
    response = clerk.get(f"/legalaid/applications/{app.pk}/documents/{doc.pk}/")
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    client.force_login(other_office_user)
    denied = AuditEvent.objects.filter(event="denied").count()
    assert client.get(f"/legalaid/applications/{app.pk}/documents/{doc.pk}/").status_code == 404
    assert AuditEvent.objects.filter(event="denied").count() == denied + 1
    assert Document.objects.count() == 1


def test_consultation_pages(clerk, la):
    response = clerk.post("/legalaid/consultations/new/", {"org": la["centre"].pk, "channel": "hotline",
                                                          "asked_on": "2021-03-01", "topic": "wages",
                                                          "question": "讨薪", "persons": 1})
    assert response.status_code == 302
    c = la["centre"]
    from sifa.legalaid.models import Consultation

    consultation = Consultation.objects.get(org=c)
    assert clerk.post(f"/legalaid/consultations/{consultation.pk}/answer/",
                      {"answer": "可申请劳动仲裁", "answered_on": "2021-03-01"}).status_code == 302
    assert clerk.post(f"/legalaid/consultations/{consultation.pk}/refer/", {"referral": "lawyer", "note": ""}
                      ).status_code == 400


def test_notary_pages(client, tree, bureau_user):
    from sifa.core import actions as core_actions
    from sifa.core.models import OrgKind
    from sifa.notary import actions as notary

    office = core_actions.create_org_unit(None, code="341321-GZC", name="砀山县公证处", kind=OrgKind.NOTARY_OFFICE,
                                          division=tree["county"], parent=tree["bureau"])
    client.force_login(bureau_user)
    response = client.post("/notary/items/new/", {"org": office.pk, "name": "房屋买卖合同公证", "category": "contract",
                                                 "value_based": "on", "base_fee": 0, "copy_fee": 20, "min_fee": 200,
                                                 "tiers": "500000:3, :1", "effective_from": "2020-01-01"})
    assert response.status_code == 302
    item = notary.NotaryItem.objects.get()
    assert [str(t.rate_permille) for t in item.tiers.all()] == ["3.000", "1.000"]
    response = client.post("/notary/matters/new/", {"org": office.pk, "item": item.pk, "channel": "window",
                                                    "accepted_on": "2021-03-01", "notary": "李明",
                                                    "applicant_name": "王芳", "applicant_id": builders.resident_id(),
                                                    "copies": 1})
    assert response.status_code == 400 and "请填写标的额" in response.content.decode()
    assert NotaryMatter.objects.count() == 0


def test_decision_and_assignment_deadlines_reach_the_home_page(la, tree, bureau_user):
    from sifa.core import deadlines

    today = dt.date.today()
    pending = builders.civil_application(la, received_on=today - dt.timedelta(days=6))
    items = [i for i in deadlines.items_for(bureau_user) if i.kind == "法律援助"]
    assert [(i.title, i.due) for i in items] == [(f"{pending.number} 审查决定", pending.decision_due)]
    assert items[0].state in ("临期", "超期")
    actions.decide(la["clerk"], pending, decision="grant", decided_on=today)
    pending.refresh_from_db()
    items = [i for i in deadlines.items_for(bureau_user) if i.kind == "法律援助"]
    assert [i.title for i in items] == [f"{pending.number} 指派"]
