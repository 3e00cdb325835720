"""Staff pages: corrections roles only, masking of criminal-record data with audited break-glass reads, step
forms that answer bad input in Chinese and write nothing, and the worker's lists."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from sifa.core.models import AuditEvent, Role
from sifa.core.models.audit import AuditEventType
from sifa.corrections import actions
from sifa.corrections.models import Subject, TeamMember
from tests import factories

from . import builders

D = dt.date
pytestmark = pytest.mark.django_db
FULL_ID = re.compile(r"\d{17}[\dXx]")


@pytest.fixture
def officer_client(client, cor):
    client.force_login(cor["a"])
    return client


def _events(kind):
    return AuditEvent.objects.filter(event=kind)


def test_list_and_detail_mask_criminal_record_data(officer_client, subject):
    page = officer_client.get("/corrections/").content.decode()
    assert subject.name in page and not FULL_ID.search(page)
    detail = officer_client.get(f"/corrections/subjects/{subject.pk}/")
    html = detail.content.decode()
    assert detail.status_code == 200
    assert subject.id_number not in html and "3413**********" in html
    assert "危险驾驶罪" not in html and "（已隐藏）" in html  # 罪名 and 原判刑罚 are hidden
    assert not FULL_ID.search(html)


def test_break_glass_reveals_and_audits(officer_client, subject, cor):
    url = reverse("security:sensitive_field", args=["corrections.subject", subject.pk, "crime"])
    assert officer_client.post(url, {"reason": ""}).status_code == 400
    assert officer_client.post(url, {"reason": "核对判决信息以办理外出审批", "next": "/corrections/"}).status_code == 302
    html = officer_client.get(f"/corrections/subjects/{subject.pk}/").content.decode()
    assert "危险驾驶罪" in html
    assert _events(AuditEventType.UNMASK).filter(object_id=str(subject.pk)).exists()
    assert _events(AuditEventType.READ_SENSITIVE).filter(object_id=str(subject.pk), verb="查看：罪名").exists()
    assert not AuditEvent.objects.filter(reason__contains="危险驾驶").exists()


def test_leader_reads_but_cannot_unmask(client, cor, subject):
    client.force_login(cor["head"])
    assert client.get(f"/corrections/subjects/{subject.pk}/").status_code == 200
    url = reverse("security:sensitive_field", args=["corrections.subject", subject.pk, "id_number"])
    assert client.post(url, {"reason": "领导查看核实"}).status_code == 403


@pytest.mark.parametrize("role", [Role.OFFICE_STAFF, Role.SECTION_STAFF, Role.MEDIATOR, Role.LAWYER,
                                  Role.SYSTEM_ADMIN])
def test_other_roles_are_refused_with_an_audit_row(client, tree, subject, role):
    client.force_login(factories.user(tree["office_a"], role=role))
    before = _events(AuditEventType.DENIED).count()
    for url in ("/corrections/", f"/corrections/subjects/{subject.pk}/", "/corrections/today/",
                "/corrections/subjects/new/"):
        assert client.get(url).status_code in (302, 403), url
    assert _events(AuditEventType.DENIED).count() > before


def test_another_office_gets_404(client, cor, subject):
    client.force_login(cor["b"])
    assert client.get(f"/corrections/subjects/{subject.pk}/").status_code == 404
    assert client.post(f"/corrections/subjects/{subject.pk}/report/",
                       {"reported_on": "2021-02-01", "method": "phone"}).status_code == 404
    assert subject.reports.count() == 0


def test_registration_form(officer_client, tree):
    data = {"org": tree["office_a"].pk, "name": "孙某", "id_number": "341321199001010000", "category": "probation",
            "crime": "盗窃罪", "sentence": "有期徒刑一年，缓刑二年", "authority_kind": "court", "authority": "砀山县人民法院",
            "effective_on": "2021-03-05", "term_years": 2, "term_months": 0, "term_days": 0, "credited_days": 0,
            "level": "strict"}
    bad = officer_client.post("/corrections/subjects/new/", data)
    assert bad.status_code == 400 and "身份证号码校验位不正确" in bad.content.decode()
    assert not Subject.objects.exists()
    data["id_number"] = builders.resident_id()
    ok = officer_client.post("/corrections/subjects/new/", data)
    assert ok.status_code == 302
    s = Subject.objects.get()
    assert ok.url == f"/corrections/subjects/{s.pk}/" and s.period_end == D(2023, 3, 4)
    # mass assignment: the server sets status and scope
    data.update(id_number=builders.resident_id(), status="discharged", org_path="/")
    officer_client.post("/corrections/subjects/new/", data)
    assert set(Subject.objects.values_list("status", flat=True)) == {"pending"}


def test_step_forms_refuse_with_chinese_reasons(officer_client, subject):
    url = f"/corrections/subjects/{subject.pk}/"
    response = officer_client.post(url + "report/", {"reported_on": "2020-12-01", "method": "phone"})
    assert response.status_code == 400 and "不能早于报到接收日期" in response.content.decode()
    assert officer_client.post(url + "report/", {"reported_on": "2021-02-01", "method": "phone"}).status_code == 302
    assert subject.reports.count() == 1
    assert officer_client.post(url, {}).status_code == 405
    assert officer_client.post(url + "nonsense/", {}).status_code == 404
    assert officer_client.get(url + "report/").status_code == 302


def test_team_form_needs_a_woman_for_a_female_subject(officer_client, cor, tree):
    s = builders.subject(cor["a"], tree["office_a"], male=False)
    response = officer_client.post(f"/corrections/subjects/{s.pk}/team/", {
        "m0_name": "王所长", "m0_sex": "男", "m0_role": "office", "m1_name": "村主任", "m1_sex": "男", "m1_role": "committee"})
    assert response.status_code == 400 and "应有女性成员" in response.content.decode()
    assert not TeamMember.objects.exists()


def test_discharge_before_the_end_is_refused_on_the_page(client, cor, subject):
    client.force_login(cor["county"])
    response = client.post(f"/corrections/subjects/{subject.pk}/discharge/", {
        "kind": "expired", "exited_on": "2023-01-01", "certificate_no": "解字1号"})
    assert response.status_code == 400 and "期满前不能解除社区矫正" in response.content.decode()
    subject.refresh_from_db()
    assert subject.status == "active"


def test_sensitive_search_is_exact_and_audited(officer_client, subject):
    partial = officer_client.get("/corrections/", {"q": subject.id_number[:10]}).content.decode()
    assert subject.name not in partial.split("</thead>")[-1]
    exact = officer_client.get("/corrections/", {"q": subject.id_number}).content.decode()
    assert subject.number in exact
    assert _events(AuditEventType.SEARCH_SENSITIVE).exists()


def test_today_and_home_show_the_workers_items(officer_client, cor, tree):
    pending = builders.subject(cor["a"], tree["office_a"], report=False,
                               effective_on=dt.date.today() - dt.timedelta(days=20))
    s = builders.subject(cor["a"], tree["office_a"], effective_on=dt.date.today() - dt.timedelta(days=60), years=1)
    leave = actions.request_leave(cor["a"], s, destination="徐州", reason="就医",
                                  start_on=dt.date.today() + dt.timedelta(days=1),
                                  end_on=dt.date.today() + dt.timedelta(days=3))
    page = officer_client.get("/corrections/today/").content.decode()
    assert f"{pending.name} 报到（逾期未报到，漏管）" in page
    assert f"{s.name} 定期报告" in page and f"{s.name} 外出3日待审批" in page
    assert f"/corrections/leaves/{leave.pk}/" in page
    home = officer_client.get("/").content.decode()
    assert "逾期未报到" in home


def test_leave_pages(client, cor, subject):
    leave = actions.request_leave(cor["a"], subject, destination="合肥", reason="探亲", start_on=D(2021, 3, 10),
                                  end_on=D(2021, 3, 20), requested_on=D(2021, 3, 1))
    client.force_login(cor["a"])
    page = client.get(f"/corrections/leaves/{leave.pk}/").content.decode()
    assert "司法所初审" in page and "县级决定" not in page
    client.post(f"/corrections/leaves/{leave.pk}/review/", {"agree": "1", "opinion": "属实"})
    client.force_login(cor["county"])
    response = client.post(f"/corrections/leaves/{leave.pk}/decide/", {"approve": "1", "decided_on": "2021-03-05"})
    assert response.status_code == 302
    leave.refresh_from_db()
    assert leave.status == "approved" and leave.decision_level == "县级社区矫正机构"


def test_daily_supervision_rows_are_in_date_order_across_kinds(officer_client, subject, cor):
    """Reports and visits entered out of order read as one history, newest first — not one kind after another."""
    actions.record_report(cor["a"], subject, reported_on=D(2021, 2, 1), method="in_person", content="二月报告")
    actions.record_visit(cor["a"], subject, visited_on=D(2021, 3, 5), visitor_kind="staff", visitors="张三",
                         content="三月走访")
    actions.record_report(cor["a"], subject, reported_on=D(2021, 4, 2), method="phone", content="四月报告")
    actions.record_visit(cor["a"], subject, visited_on=D(2021, 1, 20), visitor_kind="grid", visitors="李四",
                         content="一月走访")
    html = officer_client.get(f"/corrections/subjects/{subject.pk}/").content.decode()
    table = html[html.index("<h2>日常监管</h2>"):]
    dates = re.findall(r'<td data-label="日期">(\d{4}-\d{2}-\d{2})</td>', table[:table.index("</table>")])
    assert dates == ["2021-04-02", "2021-03-05", "2021-02-01", "2021-01-20"]
    order = [table.index(word) for word in ("四月报告", "三月走访", "二月报告", "一月走访")]
    assert order == sorted(order)
