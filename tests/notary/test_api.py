"""/api/v1/notary/: token auth, scope, fee computation, matters masked, bad input, and completion in time."""

import datetime as dt

import pytest
from django.test import Client

from sifa.core import actions as core_actions
from sifa.core.models import AuditEvent, OrgKind, Role
from sifa.core.models.audit import AuditEventType
from sifa.notary import actions
from sifa.notary.models import NotaryMatter, Status
from tests import factories
from tests.api.client import ApiClient, issue
from tests.mediation.builders import resident_id

D = dt.date
pytestmark = pytest.mark.django_db


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
    return {"office": office, "clerk": clerk, "birth": birth, "contract": contract,
            "api": ApiClient(Client(), issue(clerk))}


def _matter(nt, **extra) -> dict:
    return {"org": nt["office"].code, "item": nt["birth"].pk, "accepted_on": "2021-03-01", "notary": "李明",
            "applicant_name": "王芳", "applicant_id": resident_id(), "applicant_mobile": "13912345678", **extra}


def test_token_is_required(nt):
    assert ApiClient(Client()).get("notary/matters").status_code == 401


def test_items_and_fee_computation(nt):
    api = nt["api"]
    items = api.get("notary/items", one_visit="true").json()
    assert items["total"] == 1 and items["items"][0]["name"] == "出生公证"
    response = api.post("notary/fee", {"item": nt["contract"].pk, "subject_value": "800000"})
    assert response.status_code == 200 and response.json()["fee"] == "2100.00"
    assert api.post("notary/fee", {"item": nt["birth"].pk, "copies": 3}).json()["fee"] == "120.00"
    response = api.post("notary/fee", {"item": nt["contract"].pk})
    assert response.status_code == 422 and "请填写标的额" in response.json()["message"]


def test_matter_is_accepted_masked_and_issued_in_time(nt):
    api = nt["api"]
    data = _matter(nt, copies=2)
    response = api.post("notary/matters", data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["fee"] == "100.00" and body["status"] == Status.ACCEPTED and body["due_on"]
    assert data["applicant_id"] not in response.content.decode() and body["applicant_mobile"] == "139****5678"
    assert [s["step"] for s in body["steps"]] == ["issue", "pause", "refuse", "withdraw"]
    response = api.post(f"notary/matters/{body['id']}/issue", {"issued_on": "2021-03-05"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == Status.ISSUED and response.json()["on_time"] is True
    assert response.json()["steps"] == []
    assert response.json()["number"]
    assert api.get("notary/matters", status="issued").json()["total"] == 1


def test_late_completion_needs_a_reason(nt):
    api = nt["api"]
    matter = api.post("notary/matters", _matter(nt)).json()
    response = api.post(f"notary/matters/{matter['id']}/issue", {"issued_on": "2021-04-30"})
    assert response.status_code == 422 and "逾期原因" in response.json()["message"]
    assert NotaryMatter.objects.get(pk=matter["id"]).status == Status.ACCEPTED


def test_bad_input_writes_nothing(nt):
    api = nt["api"]
    response = api.post("notary/matters", _matter(nt, applicant_id="341321199001011230"))
    assert response.status_code == 422 and "证件号码" in response.json()["message"]
    response = api.post("notary/matters", _matter(nt, copies=0, channel="传真"))
    assert response.status_code == 422
    assert "公证书份数" in response.json()["message"] and "受理渠道" in response.json()["message"]
    response = api.post("notary/matters", _matter(nt, item=999999))
    assert response.status_code == 422 and "公证事项" in response.json()["message"]
    assert not NotaryMatter.objects.exists()


def test_another_office_cannot_reach_a_matter(nt, tree):
    matter = actions.register_matter(nt["clerk"], org=nt["office"], item=nt["birth"], accepted_on=D(2021, 3, 1),
                                     notary="李明", applicant_name="王芳", applicant_id=resident_id())
    outsider = factories.user(tree["office_b"], role=Role.OFFICE_STAFF, username="nt_outsider")
    api = ApiClient(Client(), issue(outsider))
    assert api.get("notary/matters").json()["total"] == 0
    assert api.get(f"notary/matters/{matter.pk}").status_code == 404
    assert api.post(f"notary/matters/{matter.pk}/issue", {"issued_on": "2021-03-05"}).status_code == 404
    assert api.post("notary/fee", {"item": nt["birth"].pk}).status_code == 422
    assert AuditEvent.objects.filter(event=AuditEventType.DENIED, object_id=str(matter.pk)).count() == 2
    assert NotaryMatter.objects.get(pk=matter.pk).status == Status.ACCEPTED
