"""查询码: issue, list under 我的申请, public lookup by code and mobile's last four digits."""

import json

import pytest

from sifa.portal import tracking
from sifa.portal.models import TrackingCode

from .conftest import MOBILE


@pytest.fixture
def application(tree):
    """Any saved record stands in for a line's application; the org unit has a status-like display."""
    return tree["office_a"]


def test_codes_are_long_unambiguous_and_unique(application):
    codes = {tracking.issue_tracking_code(application, "test", MOBILE).code for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert len(code) == 10 and set(code) <= set(tracking.ALPHABET)
        assert not set(code) & set("01OIL")


def test_issue_keeps_only_digest_and_last_four(application):
    issued = tracking.issue_tracking_code(application, "test", "139 1234 5678")
    row = TrackingCode.objects.get(pk=issued.pk)
    assert row.mobile_last4 == "5678" and MOBILE not in row.mobile_digest
    assert row.target == application
    assert list(tracking.codes_for(application)) == [row]


def test_issue_rejects_bad_mobile_and_unsaved_records(application, tree):
    from django.core.exceptions import ValidationError

    from sifa.core.models import OrgUnit

    with pytest.raises(ValidationError):
        tracking.issue_tracking_code(application, "test", "12345")
    with pytest.raises(ValueError):
        tracking.issue_tracking_code(OrgUnit(name="x"), "test", MOBILE)


def test_status_wording_prefers_registered_function(application, monkeypatch):
    issued = tracking.issue_tracking_code(application, "demo-kind", MOBILE)
    assert tracking.status_text(issued) == "已受理"
    monkeypatch.setattr(tracking, "_kinds", {})
    tracking.register_kind("demo-kind", "演示事项", status=lambda obj: "已办结")
    view = tracking.public_view(issued)
    assert view["kind"] == "演示事项" and view["status"] == "已办结"
    assert application.name not in json.dumps(view, default=str)


def test_public_lookup(client, application):
    issued = tracking.issue_tracking_code(application, "test", MOBILE)
    spaced = f"{issued.code[:5].lower()} {issued.code[5:]}"
    html = client.post("/portal/lookup/", {"code": spaced, "last4": "5678"}).content.decode()
    assert issued.code in html and "已受理" in html
    assert application.name not in html
    wrong = client.post("/portal/lookup/", {"code": issued.code, "last4": "0000"}).content.decode()
    unknown = client.post("/portal/lookup/", {"code": "ABCDEFGHJK", "last4": "5678"}).content.decode()
    for html in (wrong, unknown):
        assert "未查到该事项" in html and "p-result" not in html and "已受理" not in html
    assert "请输入申请时所留手机号码的后4位数字" in client.post(
        "/portal/lookup/", {"code": issued.code, "last4": "56a8"}).content.decode()


def test_lookup_is_rate_limited_per_ip(client, application):
    for _ in range(20):
        client.post("/portal/lookup/", {"code": "ABCDEFGHJK", "last4": "1111"})
    issued = tracking.issue_tracking_code(application, "test", MOBILE)
    html = client.post("/portal/lookup/", {"code": issued.code, "last4": "5678"}).content.decode()
    assert "查询过于频繁" in html and "已受理" not in html


def test_my_applications_lists_only_mine(citizen_client, application):
    mine = tracking.issue_tracking_code(application, "test", MOBILE)
    theirs = tracking.issue_tracking_code(application, "test", "13700001111")
    html = citizen_client.get("/portal/mine/").content.decode()
    assert mine.code in html and theirs.code not in html
    export = citizen_client.get("/portal/mine/export/")
    data = json.loads(export.content)
    assert [i["查询码"] for i in data["事项"]] == [mine.code]
    assert data["手机号码"] == "139****5678"
    assert "attachment" in export["Content-Disposition"]


def test_my_applications_needs_sign_in(client, db):
    response = client.get("/portal/mine/export/")
    assert response.status_code == 302 and response.url.startswith("/portal/login/?next=/portal/mine/export/")
