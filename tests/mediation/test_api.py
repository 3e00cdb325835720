"""/api/v1/mediation/: intake with dedup, the workflow steps, scope, and Chinese errors."""

import re

import pytest

from sifa.mediation.models import Dispute, DisputeStatus
from tests.api.conftest import ApiClient, issue

from . import builders

ID_RE = re.compile(r"\d{17}[\dX]")


@pytest.fixture
def api(client, office_user):
    return ApiClient(client, issue(office_user))


def _payload(med, **extra):
    return {"org": med["village"].org.code, "summary": "宅基地界址争议", "dispute_type": "housing",
            "source": "court", "referred_by": "砀山县人民法院", "applied_on": "2021-04-01",
            "parties": builders.parties(), "committee": med["village"].pk,
            "mediators": [med["village_mediators"][0].pk], "source_system": "诉前调解平台", "external_id": "SQ-1",
            **extra}


def test_intake_is_idempotent_on_the_external_id(api, med):
    response = api.post("mediation/disputes", _payload(med))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "accepted" and body["number"] == "（2021）城关村调字第1号"
    assert not ID_RE.search(response.content.decode()), "party identifiers must be masked"
    again = api.post("mediation/disputes", _payload(med))
    assert again.status_code == 409 and again.json()["code"] == "duplicate"
    assert again.json()["details"] == {"id": body["id"]}
    assert Dispute.objects.count() == 1


def test_workflow_through_the_api(api, med):
    created = api.post("mediation/disputes", _payload(med)).json()
    pk = created["id"]
    assert [s["step"] for s in created["steps"]] == ["session", "assign", "escalate", "close"]
    mediator = med["village_mediators"][0].pk
    early = api.post(f"mediation/disputes/{pk}/close", {"result": "succeeded", "closed_on": "2021-04-02"})
    assert early.status_code == 422 and "尚未进行任何调解" in early.json()["message"]
    assert api.post(f"mediation/disputes/{pk}/sessions", {"held_on": "2021-04-03", "minutes": "调解",
                                                          "mediators": [mediator]}).status_code == 201
    assert api.post(f"mediation/disputes/{pk}/agreement", {"terms": "赔偿", "signed_on": "2021-04-03"}).status_code == 201
    closed = api.post(f"mediation/disputes/{pk}/close", {"result": "succeeded", "closed_on": "2021-04-03"})
    assert closed.json()["status"] == "succeeded"
    assert {"step": "confirm_apply", "title": "申请司法确认"} in api.get(f"mediation/disputes/{pk}").json()["steps"]
    report = api.post(f"mediation/disputes/{pk}/court-report", {"reported_on": "2021-04-06",
                                                                 "feedback": "confirmation"})
    assert report.status_code == 200
    assert Dispute.objects.get(pk=pk).court_feedback == "confirmation"


def test_bad_identifier_is_422_and_writes_nothing(api, med):
    payload = _payload(med)
    payload["parties"][0]["id_number"] = "341321198001010000"
    response = api.post("mediation/disputes", payload)
    assert response.status_code == 422
    assert "校验位" in response.json()["message"]
    assert Dispute.objects.count() == 0


def test_other_office_cannot_see_or_act(client, other_office_user, api, med):
    pk = api.post("mediation/disputes", _payload(med)).json()["id"]
    other = ApiClient(client, issue(other_office_user))
    assert other.get(f"mediation/disputes/{pk}").status_code == 404
    assert other.post(f"mediation/disputes/{pk}/close", {"result": "withdrawn", "closed_on": "2021-04-02"}
                      ).status_code == 404
    assert other.get("mediation/disputes").json()["total"] == 0
    foreign_org = other.post("mediation/disputes", _payload(med, external_id="SQ-2", committee=None, mediators=[]))
    assert foreign_org.status_code == 422 and "管辖范围" in foreign_org.json()["message"]
    assert Dispute.objects.get(pk=pk).status == DisputeStatus.ACCEPTED


def test_lists_and_screening(api, med):
    assert api.get("mediation/committees").json()["total"] == 2  # office A's two, none of office B's
    created = api.post("mediation/screenings", {"org": med["village"].org.code, "held_on": "2021-03-01",
                                                "scope": "全村", "found_count": 2, "prevented_count": 1})
    assert created.status_code == 201
    bad = api.post("mediation/screenings", {"org": med["village"].org.code, "held_on": "2999-01-01", "scope": "全村"})
    assert bad.status_code == 422 and "不能晚于今天" in bad.json()["message"]
