"""The 审计管理员's search page and export (SECURITY.md C1, B2, F4)."""

import io
from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from openpyxl import load_workbook

from sifa.core import audit, request_context
from sifa.core.models import AuditEvent
from sifa.core.models.audit import AuditEventType

DAY = timezone.make_aware(datetime(2026, 3, 10, 9, 30))


def seed(event, *, user=None, at=DAY, ip="10.0.0.1", outcome="success", object_type="", object_id="", verb="",
         username=""):
    token = request_context.bind(request_context.RequestContext(ip=ip, request_id="req-seed"))
    try:
        with time_machine.travel(at, tick=False):
            return audit.record(event, user=user, outcome=outcome, object_type=object_type, object_id=object_id,
                                verb=verb, username=username)
    finally:
        request_context.reset(token)


@pytest.fixture
def seeded(office_user, other_office_user, bureau_user):
    return {
        "login_a": seed(AuditEventType.LOGIN_OK, user=office_user),
        "fail": seed(AuditEventType.LOGIN_FAIL, username="nobody", outcome="failure", ip="10.0.0.9"),
        "action_b": seed(AuditEventType.ACTION, user=other_office_user, object_type="core.orgunit",
                         object_id="7", verb="修改机构", at=DAY + timedelta(days=2)),
        "export": seed(AuditEventType.EXPORT, user=bureau_user, object_type="core.user", object_id="3",
                       at=DAY + timedelta(days=5), ip="192.168.1.20"),
        "denied": seed(AuditEventType.DENIED, user=other_office_user, outcome="denied", object_type="core.user",
                       object_id="3", at=DAY + timedelta(days=5, hours=1)),
    }


@pytest.fixture
def auditor_client(client, audit_admin):
    client.force_login(audit_admin)
    return client


def listed_ids(response) -> set[int]:
    return {row.id for row in response.context["rows"]}


def test_page_is_chinese_and_lists_newest_first(auditor_client, seeded):
    response = auditor_client.get("/audit/")
    html = response.content.decode()
    assert response.status_code == 200
    for label in ("审计日志查询", "起始日期", "事件类型", "对象类型", "IP地址", "结果", "导出Excel", "登录成功",
                  "越权访问被拒绝", "拒绝", "砀城司法所", "司法所工作人员"):
        assert label in html, label
    ids = [row.id for row in response.context["rows"]]
    assert ids == sorted(ids, reverse=True)


@pytest.mark.parametrize("query, expected", [
    ({"start": "2026-03-12", "end": "2026-03-12"}, {"action_b"}),
    ({"start": "2026-03-11"}, {"action_b", "export", "denied"}),
    ({"end": "2026-03-10"}, {"login_a", "fail"}),
    ({"username": "clerk_b"}, {"action_b", "denied"}),
    ({"username": "CLERK"}, {"login_a", "action_b", "denied"}),
    ({"event": "login_fail"}, {"fail"}),
    ({"object_type": "core.user"}, {"export", "denied"}),
    ({"object_type": "core.user", "object_id": "3", "outcome": "denied"}, {"denied"}),
    ({"ip": "192.168.1.20"}, {"export"}),
    ({"outcome": "failure"}, {"fail"}),
    ({"role": "section_staff"}, {"export"}),
])
def test_filters(auditor_client, seeded, query, expected):
    response = auditor_client.get("/audit/", {**query})
    assert response.status_code == 200
    seeded_ids = {v.id: k for k, v in seeded.items()}
    assert {seeded_ids[i] for i in listed_ids(response) if i in seeded_ids} == expected


@pytest.mark.parametrize("query, message", [
    ({"start": "2026-03-12", "end": "2026-03-10"}, "起始日期不能晚于截止日期"),
    ({"ip": "10.0.0.300"}, "有效的IPv4或IPv6地址"),
    ({"event": "drop_table"}, "选择一个有效的选项"),
    ({"start": "2026-13-01"}, "输入一个有效的日期"),
])
def test_bad_filters_are_400_in_chinese(auditor_client, seeded, query, message):
    response = auditor_client.get("/audit/", query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_pagination_keeps_the_filters(auditor_client, office_user):
    for _ in range(55):
        seed(AuditEventType.ACTION, user=office_user, verb="批量")
    first = auditor_client.get("/audit/", {"event": "action"})
    assert len(first.context["rows"]) == 50
    assert "event=action&amp;page=2" in first.content.decode()
    second = auditor_client.get("/audit/", {"event": "action", "page": 2})
    assert len(second.context["rows"]) == 5
    assert not listed_ids(first) & listed_ids(second)


def test_detail_page(auditor_client, seeded):
    row = seeded["action_b"]
    response = auditor_client.get(f"/audit/{row.id}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "修改机构" in html and "周寨司法所" in html and row.hash in html and "req-seed" in html


def test_export_is_the_filtered_result_and_is_audited(auditor_client, seeded, audit_admin, office_user):
    seed(AuditEventType.ACTION, user=office_user, verb="=HYPERLINK(\"http://x.example\",\"点我\")")
    seed(AuditEventType.ACTION, user=office_user, verb="@SUM(1)")
    seed(AuditEventType.ACTION, user=office_user, verb="-1+1")
    response = auditor_client.get("/audit/export/", {"event": "action"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows())
    assert [c.value for c in rows[0]][:4] == ["编号", "时间（北京时间）", "事件类型", "结果"]
    body = rows[1:]
    assert len(body) == 4 and {r[2].value for r in body} == {"业务操作"}
    assert [c for r in rows for c in r if c.data_type == "f"] == []
    verbs = {r[12].value for r in body}
    assert {"'=HYPERLINK(\"http://x.example\",\"点我\")", "'@SUM(1)", "'-1+1", "修改机构"} == verbs

    [export_row] = AuditEvent.objects.filter(event=AuditEventType.EXPORT, user_id=audit_admin.pk)
    assert export_row.after == {"filters": {"event": "action"}, "rows": 4}
    assert export_row.ip == "127.0.0.1" and export_row.request_id


def test_nav_entry_for_the_audit_admin_only(client, auditor_client, office_user):
    html = auditor_client.get("/audit/").content.decode()
    assert "安全审计" in html and "审计日志查询" in html
    client.force_login(office_user)
    assert "安全审计" not in client.get("/").content.decode()
