"""The 法治督察 pages as the bureau's staff use them: a 督察 planned, begun, its findings and feedback through the
step buttons, a finding rectified and re-checked on its page, a 述法 meeting and its reporters; Chinese refusals
on the form with status 400; another office's user gets 404; the lists export their ledgers."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sifa.inspection.models import DutyReport, Finding, FindingStatus, Inspection, InspectionStatus
from tests.inspection.builders import days_ago, finding, started


@pytest.fixture
def staff(client, bureau_user):
    client.force_login(bureau_user)
    return client


def _step(client, model, pk, step, data):
    return client.post(reverse(f"inspection:{model}_step", args=[pk, step]), data)


def test_an_inspection_through_the_pages(staff, tree, agencies):
    form = staff.get(reverse("inspection:inspection_create")).content.decode()
    assert "砀城镇" in form and "砀山县市场监督管理局" in form
    made = staff.post(reverse("inspection:inspection_create"), {
        "kind": "special", "subject_kind": "agency", "agency": agencies["market"].pk, "topic": "执法“三项制度”落实",
        "planned_on": days_ago(20).isoformat(), "leader": "赵组长", "inspectors": "甲、乙"})
    assert made.status_code == 302, made.content.decode()[:1500]
    inspection = Inspection.objects.get()
    assert made["Location"] == reverse("inspection:inspection_detail", args=[inspection.pk])
    page = staff.get(made["Location"]).content.decode()
    assert "进驻督察" in page and "砀山县市场监督管理局" in page
    assert _step(staff, "inspection", inspection.pk, "start", {"started_on": days_ago(15).isoformat()}).status_code == 302
    refused = _step(staff, "inspection", inspection.pk, "finding", {
        "description": "执法决定未按时公示", "category": "enforcement", "found_on": days_ago(14).isoformat(),
        "due_on": days_ago(20).isoformat()})
    assert refused.status_code == 400 and "整改期限应晚于发现日期" in refused.content.decode()
    assert _step(staff, "inspection", inspection.pk, "finding", {
        "description": "执法决定未按时公示", "category": "enforcement",
        "found_on": days_ago(14).isoformat()}).status_code == 302
    assert _step(staff, "inspection", inspection.pk, "feedback", {
        "ended_on": days_ago(12).isoformat(), "feedback_on": days_ago(10).isoformat()}).status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.RECTIFYING
    item = Finding.objects.get()
    detail = staff.get(reverse("inspection:finding_detail", args=[item.pk])).content.decode()
    assert reverse("inspection:finding_step", args=[item.pk, "rectify"]) in detail
    assert reverse("inspection:finding_step", args=[item.pk, "recheck"]) not in detail
    assert _step(staff, "finding", item.pk, "rectify", {
        "rectified_on": days_ago(5).isoformat(), "result": "已全部补录公示"}).status_code == 302
    wrong = _step(staff, "finding", item.pk, "recheck", {"checked_on": days_ago(1).isoformat(), "result": "not_done"})
    assert wrong.status_code == 400 and "请填写回头看情况" in wrong.content.decode()
    assert _step(staff, "finding", item.pk, "recheck", {
        "checked_on": days_ago(1).isoformat(), "result": "not_done", "note": "部分决定仍未公示"}).status_code == 302
    item.refresh_from_db()
    assert item.status == FindingStatus.PENDING
    assert "部分决定仍未公示" in staff.get(reverse("inspection:finding_detail", args=[item.pk])).content.decode()


def test_lists_and_their_exports(staff, tree, bureau_user):
    inspection = started(bureau_user, tree["bureau"], township=tree["town_a"])
    finding(bureau_user, inspection, days_ago(30), description="学法制度未落实")
    for name in ("inspection_list", "finding_list", "meeting_list", "report_list"):
        response = staff.get(reverse(f"inspection:{name}"))
        assert response.status_code == 200, name
    assert "学法制度未落实" in staff.get(reverse("inspection:finding_list")).content.decode()
    exported = staff.get(reverse("inspection:finding_list") + "?export=xlsx")
    assert exported.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(exported.streaming_content))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any("学法制度未落实" in (str(v) for v in row) for row in rows)


def test_a_duty_meeting_and_its_reports(staff, tree, agencies):
    made = staff.post(reverse("inspection:meeting_create"), {
        "name": "党政主要负责人述法工作专题会议", "held_on": days_ago(2).isoformat(), "host": "县委书记"})
    assert made.status_code == 302, made.content.decode()[:1500]
    url = made["Location"]
    pk = int(url.rstrip("/").rsplit("/", 1)[1])
    add = reverse("inspection:report_create", args=[pk])
    bad = staff.post(add, {"reporter": "刘德明", "post": "party", "subject_kind": "township", "assessment": "good"})
    assert bad.status_code == 400 and "请选择述法人所在的乡镇（街道）" in bad.content.decode()
    ok = staff.post(add, {"reporter": "刘德明", "post": "party", "subject_kind": "township",
                          "township": tree["town_a"].code, "assessment": "good", "notes": "述法要点"})
    assert ok.status_code == 302
    page = staff.get(url).content.decode()
    assert "刘德明" in page and "砀城镇" in page and "述法人员（1人）" in page
    assert DutyReport.objects.get().assessment == "good"


def test_another_office_gets_404(client, tree, office_user, other_office_user):
    inspection = started(office_user, tree["office_a"], township=tree["town_a"])
    item = finding(office_user, inspection, days_ago(20))
    client.force_login(other_office_user)
    assert client.get(reverse("inspection:inspection_detail", args=[inspection.pk])).status_code == 404
    assert client.get(reverse("inspection:finding_detail", args=[item.pk])).status_code == 404
    refused = _step(client, "finding", item.pk, "rectify", {"rectified_on": days_ago(1).isoformat(), "result": "x"})
    assert refused.status_code == 404
    assert Finding.objects.get(pk=item.pk).status == FindingStatus.PENDING
