"""/api/v1/reconsideration/ and /api/v1/litigation/: the same actions, scope and Chinese errors as the pages."""

import re

import pytest

from sifa.litigation.models import Lawsuit
from sifa.reconsideration.models import Case
from tests import factories
from tests.api.conftest import ApiClient, issue

ID_RE = re.compile(r"\d{17}[\dX]")


@pytest.fixture
def api(client, bureau_user):
    return ApiClient(client, issue(bureau_user))


def _case(tree, agencies, **extra):
    return {"org": tree["bureau"].code, "respondent": agencies["market"].pk, "applicant_name": "张三",
            "applicant_id_number": factories.resident_id(seq=950), "act_type": "penalty",
            "act_description": "罚款五千元", "request": "撤销", "channel": "mail", "filed_on": "2024-03-01",
            "received_on": "2024-03-04", **extra}


def test_a_case_through_the_api(api, tree, agencies):
    created = api.post("reconsideration/cases", _case(tree, agencies))
    assert created.status_code == 201, created.json()
    body = created.json()
    assert not ID_RE.search(created.content.decode()), "the applicant's identifier must be masked"
    assert {"step": "accept", "title": "受理"} in body["steps"]
    pk = body["id"]
    early = api.post(f"reconsideration/cases/{pk}/accept", {"accepted_on": "2024-03-01"})
    assert early.status_code == 422 and "受理日期（2024-03-01）不能早于收到日期（2024-03-04）" in early.json()["message"]
    accepted = api.post(f"reconsideration/cases/{pk}/accept", {"accepted_on": "2024-03-05"}).json()
    assert accepted["number"] == "砀复〔2024〕1号" and accepted["decision_due"] == "2024-05-06"
    decided = api.post(f"reconsideration/cases/{pk}/decide", {"outcome": "revoked", "closed_on": "2024-04-01"})
    assert decided.json()["status"] == "decided"


def test_bad_input_is_422_and_writes_nothing(api, tree, agencies):
    late = api.post("reconsideration/cases", _case(tree, agencies, filed_on="2024-03-05"))
    assert late.status_code == 422 and "申请日期（2024-03-05）不能晚于收到日期" in late.json()["message"]
    assert not Case.objects.exists()


def test_lawsuits_and_another_office(api, tree, agencies, client, other_office_user):
    payload = {"org": tree["bureau"].code, "number": "（2024）皖1321行初3号", "court": "砀山县人民法院",
               "plaintiff": "王某", "cause": "不服处罚", "agency": agencies["market"].pk, "filed_on": "2024-03-01",
               "notice_received_on": "2024-03-03"}
    assert api.post("litigation/lawsuits", payload).status_code == 201
    duplicate = api.post("litigation/lawsuits", payload)
    assert duplicate.status_code == 422 and "已登记" in duplicate.json()["message"]
    pk = Lawsuit.objects.get().pk
    heard = api.post(f"litigation/lawsuits/{pk}/hearings", {"held_on": "2024-04-01", "head_present": True,
                                                             "head_name": "李局长", "head_post": "chief"})
    assert heard.status_code == 201 and heard.json()["head_appeared"] is True
    other = ApiClient(client, issue(other_office_user))
    assert other.get(f"litigation/lawsuits/{pk}").status_code == 404
    assert other.get("litigation/lawsuits").json()["total"] == 0
