"""/api/v1/legalaid/: token auth, scope, masked output with audited reads, bad input, and the case workflow,
consultations by channel with referrals, and 值班律师 help."""

import datetime as dt

import pytest
from django.test import Client

from sifa.core.models import AuditEvent, Role
from sifa.core.models.audit import AuditEventType
from sifa.legalaid import actions
from sifa.legalaid.models import Application, Consultation, LicenceStatus, Status
from sifa.mediation.models import Dispute
from tests import factories
from tests.api.client import ApiClient, issue

from . import builders

D = dt.date
pytestmark = pytest.mark.django_db


def _api(user) -> ApiClient:
    return ApiClient(Client(), issue(user))


@pytest.fixture
def api(la):
    return _api(la["clerk"])


def _payload(la, **extra) -> dict:
    data = {"org": la["centre"].code, "channel": "visit", "category": "civil", "civil_matter": "maintenance",
            "summary": "请求前夫给付子女抚养费", "received_on": "2021-03-01", "applicant": builders.applicant(),
            "household_size": 3, "household_income": "2400"}
    data.update(extra)
    return data


def test_token_is_required(la):
    assert ApiClient(Client()).get("legalaid/applications").status_code == 401


def test_application_is_registered_masked_and_its_read_audited(api, la):
    payload = _payload(la)
    response = api.post("legalaid/applications", payload)
    assert response.status_code == 201, response.content
    body = response.json()
    text = response.content.decode()
    assert payload["applicant"]["id_number"] not in text and "13800000011" not in text and "2400" not in text
    assert body["mobile"] == "138****0011" and body["status"] == Status.RECEIVED
    assert body["decision_due"]
    reads = AuditEvent.objects.filter(event=AuditEventType.READ_SENSITIVE, object_id=str(body["id"]))
    assert api.get(f"legalaid/applications/{body['id']}").status_code == 200
    assert reads.count() == 1


def test_hardship_failure_and_bad_input_write_nothing(api, la):
    response = api.post("legalaid/applications", _payload(la, household_size=1, household_income="5000"))
    assert response.status_code == 422 and "高于本地经济困难标准" in response.json()["message"]
    response = api.post("legalaid/applications", _payload(la, received_on="2021-13-01", category="赡养"))
    assert response.status_code == 422
    assert "日期格式不正确" in response.json()["message"] and "案件类别" in response.json()["message"]
    response = api.post("legalaid/applications", _payload(la, org="NOPE"))
    assert response.status_code == 422 and "管辖范围" in response.json()["message"]
    assert not Application.objects.exists()


def test_decision_assignment_and_an_inactive_licence(api, la):
    app = builders.civil_application(la)
    response = api.post(f"legalaid/applications/{app.pk}/decision", {"decision": "grant", "decided_on": "2021-03-03"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == Status.GRANTED
    # the steps legalaid/workflow.py offers in the new state
    steps = [s["step"] for s in api.get(f"legalaid/applications/{app.pk}").json()["steps"]]
    assert steps == ["assign", "document", "terminate"]
    response = api.post(f"legalaid/applications/{app.pk}/decision", {"decision": "grant", "decided_on": "2021-03-03"})
    assert response.status_code == 422 and "不能作出审查决定" in response.json()["message"]
    actions.set_licence_status(la["clerk"], la["junior"], status=LicenceStatus.SUSPENDED, reason="停止执业")
    response = api.post(f"legalaid/applications/{app.pk}/assignment",
                        {"assigned_on": "2021-03-04", "provider": la["junior"].pk})
    assert response.status_code == 422 and "执业状态" in response.json()["message"]
    assert not app.assignments.exists()
    response = api.post(f"legalaid/applications/{app.pk}/assignment", {"assigned_on": "2021-03-04"})
    assert response.status_code == 422 and "轮流指派" in response.json()["message"]
    response = api.post(f"legalaid/applications/{app.pk}/assignment",
                        {"assigned_on": "2021-03-04", "provider": la["senior"].pk})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == Status.ASSIGNED and body["assignments"][0]["provider"] == "周文涛"
    # 结案 without the documents on file is refused
    response = api.post(f"legalaid/applications/{app.pk}/close",
                        {"closed_on": "2021-06-01", "method": "judgment", "outcome": "判决每月给付抚养费800元"})
    assert response.status_code == 422 and "结案须先上传" in response.json()["message"]
    assert Application.objects.get(pk=app.pk).status == Status.ASSIGNED


def test_another_office_cannot_reach_a_case(la, tree):
    app = builders.civil_application(la)
    outsider = factories.user(tree["office_b"], role=Role.OFFICE_STAFF, username="la_outsider")
    api = _api(outsider)
    assert api.get("legalaid/applications").json()["total"] == 0
    assert api.get(f"legalaid/applications/{app.pk}").status_code == 404
    response = api.post(f"legalaid/applications/{app.pk}/decision", {"decision": "grant", "decided_on": "2021-03-03"})
    assert response.status_code == 404
    assert AuditEvent.objects.filter(event=AuditEventType.DENIED, object_id=str(app.pk)).count() == 2
    assert Application.objects.get(pk=app.pk).status == Status.RECEIVED


def test_consultations_by_channel_and_referral_to_mediation(api, la):
    for channel, persons in (("hotline", 1), ("hotline", 3), ("visit", 2)):
        response = api.post("legalaid/consultations", {
            "org": la["centre"].code, "channel": channel, "asked_on": "2021-03-01", "topic": "property",
            "question": "邻居占用通道", "answer": "可申请人民调解", "persons": persons, "mobile": "13900001111"})
        assert response.status_code == 201, response.content
    assert response.json()["mobile"] == "139****1111"
    counts = {row["channel"]: row for row in api.get("legalaid/consultations/by-channel").json()}
    assert counts["hotline"]["consultations"] == 2 and counts["hotline"]["persons"] == 4
    assert counts["visit"]["consultations"] == 1 and counts["online"]["consultations"] == 0
    consultation = Consultation.objects.filter(channel="hotline").first()
    response = api.post(f"legalaid/consultations/{consultation.pk}/referral", {"referral": "mediation"})
    assert response.status_code == 422 and "当事人" in response.json()["message"]
    parties = [{"side": "applicant", "name": "张三", "id_number": builders.resident_id()},
               {"side": "respondent", "name": "李四", "id_number": builders.resident_id()}]
    response = api.post(f"legalaid/consultations/{consultation.pk}/referral", {
        "referral": "mediation", "dispute": {"dispute_type": "neighbour", "summary": "占用通道", "parties": parties}})
    assert response.status_code == 200, response.content
    dispute = Dispute.objects.get()
    assert response.json()["referral"] == "mediation" and response.json()["referred_dispute"] == dispute.pk


def test_duty_lawyer_help_and_a_duplicate_plea_record(api, la):
    station = actions.create_station(la["clerk"], org=la["centre"], name="砀山县人民检察院值班律师工作站",
                                     kind="procuratorate")
    actions.schedule_shift(la["clerk"], station=station, provider=la["senior"], on_date=D(2021, 3, 2))
    data = {"station": station.pk, "provider": la["senior"].pk, "helped_on": "2021-03-02", "kind": "plea",
            "persons": 2, "case_reference": "砀检刑诉〔2021〕15号"}
    response = api.post("legalaid/helps", data)
    assert response.status_code == 201, response.content
    assert response.json()["is_plea"] is True
    response = api.post("legalaid/helps", data)
    assert response.status_code == 422 and "已经登记" in response.json()["message"]
    response = api.post("legalaid/helps", {**data, "helped_on": "2021-03-03", "case_reference": "砀检刑诉〔2021〕16号"})
    assert response.status_code == 422 and "未排在" in response.json()["message"]
    assert api.get("legalaid/helps").json()["total"] == 1
