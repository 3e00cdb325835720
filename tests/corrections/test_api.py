"""/api/v1/corrections/: token auth, scope, masking and audited reads, bad input, and workflow steps."""

import datetime as dt

import pytest
from django.test import Client

from sifa.core.models import AuditEvent
from sifa.core.models.audit import AuditEventType
from sifa.corrections.models import Investigation, LeaveRequest, LeaveStatus, ReleasedPerson, SubjectStatus
from tests.api.client import ApiClient, issue

from . import builders

D = dt.date
pytestmark = pytest.mark.django_db


def _api(user) -> ApiClient:
    return ApiClient(Client(), issue(user))


def test_without_a_token_nothing_is_answered(subject):
    response = ApiClient(Client()).get("corrections/subjects")
    assert response.status_code == 401
    assert "令牌" in response.json()["message"]
    assert ApiClient(Client(), "sifa_not_a_token").get(f"corrections/subjects/{subject.pk}").status_code == 401


def test_list_and_detail_are_masked_and_the_read_is_audited(cor, subject):
    api = _api(cor["a"])
    page = api.get("corrections/subjects").json()
    assert page["total"] == 1
    row = page["items"][0]
    assert row["id_number"] != subject.id_number and row["id_number"].endswith(subject.id_number[-4:])
    assert "*" in row["id_number"] and row["status"] == SubjectStatus.ACTIVE
    before = AuditEvent.objects.filter(event=AuditEventType.READ_SENSITIVE).count()
    response = api.get(f"corrections/subjects/{subject.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["crime"] == "（已隐藏）" and body["sentence"] == "（已隐藏）"
    assert subject.id_number not in response.content.decode() and "危险驾驶罪" not in response.content.decode()
    reads = AuditEvent.objects.filter(event=AuditEventType.READ_SENSITIVE, object_id=str(subject.pk))
    assert reads.count() == before + 1
    assert subject.id_number not in str(reads.first().after or "") + reads.first().reason


def test_another_office_gets_404_and_a_denied_row(cor, subject):
    api = _api(cor["b"])
    assert api.get("corrections/subjects").json()["total"] == 0
    response = api.get(f"corrections/subjects/{subject.pk}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    response = api.post(f"corrections/subjects/{subject.pk}/visits",
                        {"visited_on": "2021-02-01", "visitor_kind": "staff", "visitors": "乙", "content": "越权"})
    assert response.status_code == 404
    assert AuditEvent.objects.filter(event=AuditEventType.DENIED, object_id=str(subject.pk)).count() == 2
    assert not subject.visits.exists()


def test_bad_input_answers_in_chinese_and_writes_nothing(cor, tree, subject):
    api = _api(cor["a"])
    response = api.post("corrections/investigations", {
        "org": tree["office_a"].code, "commissioner_kind": "court", "commissioner": "砀山县人民法院",
        "received_on": "2021-04-26", "person_name": "王某", "id_number": "341321199001011235",
        "proposed_category": "probation"})
    assert response.status_code == 422
    assert "身份证" in response.json()["message"] or "校验" in response.json()["message"]
    response = api.post("corrections/investigations", {"org": tree["office_a"].code, "received_on": "昨天"})
    assert response.status_code == 422
    assert "日期格式不正确" in response.json()["message"] and "必填" in response.json()["message"]
    response = api.post("corrections/investigations", {
        "org": tree["office_b"].code, "commissioner_kind": "court", "commissioner": "法院", "received_on": "2021-04-26",
        "person_name": "王某", "id_number": builders.resident_id(), "proposed_category": "probation"})
    assert response.status_code == 422 and "管辖范围" in response.json()["message"]
    # a leave over 30 days: the action's own rule
    response = api.post(f"corrections/subjects/{subject.pk}/leaves", {
        "destination": "合肥市", "reason": "务工", "start_on": "2021-04-01", "end_on": "2021-05-15",
        "requested_on": "2021-03-01"})
    assert response.status_code == 422 and "每次外出不得超过30日" in response.json()["message"]
    assert not Investigation.objects.exists() and not LeaveRequest.objects.exists()


def test_leave_request_and_approval_through_the_api(cor, subject):
    api = _api(cor["a"])
    response = api.post(f"corrections/subjects/{subject.pk}/leaves", {
        "destination": "合肥市", "reason": "探亲", "start_on": "2021-03-10", "end_on": "2021-03-16",
        "requested_on": "2021-03-01"})
    assert response.status_code == 201, response.content
    leave = response.json()
    assert leave["days"] == 7 and leave["needs_county"] is False and leave["subject"] == subject.pk
    response = api.post(f"corrections/leaves/{leave['id']}/decide", {"approve": True, "decided_on": "2021-03-02"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == LeaveStatus.APPROVED
    assert AuditEvent.objects.filter(verb="批准外出", object_id=str(leave["id"])).exists()
    # an office of another 司法所 cannot decide it
    assert _api(cor["b"]).post(f"corrections/leaves/{leave['id']}/decide", {"approve": False}).status_code == 404


def test_investigation_commission_and_opinion(cor, tree):
    api = _api(cor["a"])
    id_number = builders.resident_id()
    response = api.post("corrections/investigations", {
        "org": tree["office_a"].code, "commissioner_kind": "court", "commissioner": "砀山县人民法院",
        "received_on": "2021-04-26", "person_name": "王某", "id_number": id_number,
        "proposed_category": "probation"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["due_on"] == "2021-05-12" and id_number not in response.content.decode()
    response = api.post(f"corrections/investigations/{body['id']}/opinion", {
        "opinion": "suitable", "completed_on": "2021-05-10", "findings": "家庭支持，社区同意接收",
        "investigators": "甲、乙"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "done"


def test_visit_and_missing_person_steps(cor, subject):
    api = _api(cor["a"])
    response = api.post(f"corrections/subjects/{subject.pk}/visits", {
        "visited_on": "2021-02-01", "visitor_kind": "staff", "visitors": "甲所矫正员", "content": "在家，表现正常"})
    assert response.status_code == 201, response.content
    assert api.get(f"corrections/subjects/{subject.pk}/visits").json()["total"] == 1
    response = api.post(f"corrections/subjects/{subject.pk}/missing",
                        {"lost_on": "2021-06-01", "circumstances": "电话关机，住处无人"})
    assert response.status_code == 201, response.content
    case = response.json()
    response = api.post(f"corrections/abscondings/{case['id']}/police",
                        {"requested_on": "2021-06-02", "station": "砀山县公安局城关派出所"})
    assert response.status_code == 200 and response.json()["police_station"] == "砀山县公安局城关派出所"


def test_release_registration_is_masked(cor, tree):
    api = _api(cor["a"])
    id_number = builders.resident_id()
    response = api.post("corrections/releases", {
        "org": tree["office_a"].code, "name": "赵某", "id_number": id_number, "crime": "盗窃罪",
        "prison": "安徽省宿州监狱", "release_on": "2021-05-01", "key_person": True, "address": "砀山县城关镇某街某号"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert id_number not in response.content.decode() and "盗窃罪" not in response.content.decode()
    assert body["crime"] == "（已隐藏）" and body["address"].startswith("砀山县城关镇")
    response = api.post(f"corrections/releases/{body['id']}/link", {"linked_on": "2021-05-02"})
    assert response.status_code == 422 and "必接必送" in response.json()["message"]
    assert ReleasedPerson.objects.get().linked_on is None
    assert api.post(f"corrections/releases/{body['id']}/pickup",
                    {"picked_up_on": "2021-05-01", "escorts": "甲、乙"}).status_code == 200
    assert api.post(f"corrections/releases/{body['id']}/link", {"linked_on": "2021-05-02"}).json()["status"] == "linked"


def test_the_subject_detail_lists_the_steps_of_the_workflow_table_for_the_caller(cor, subject):
    """The API reads corrections/workflow.py: an office officer is offered the daily steps, not 解矫 (the county's);
    the county's officer is offered 解矫 too; the bureau's head, who reads but does not work the case, none."""
    office = {s["step"] for s in _api(cor["a"]).get(f"corrections/subjects/{subject.pk}").json()["steps"]}
    county = {s["step"] for s in _api(cor["county"]).get(f"corrections/subjects/{subject.pk}").json()["steps"]}
    head = _api(cor["head"]).get(f"corrections/subjects/{subject.pk}").json()["steps"]
    assert {"visit", "report", "leave", "sanction"} <= office and "discharge" not in office
    assert county == office | {"discharge"}
    assert head == []
