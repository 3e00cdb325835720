"""The 法治督察 line through its actions: plan → 进驻 → 问题 → 反馈 → 整改 → 办结; 逾期 by the daily check and by
the step; 回头看 confirming a rectification or sending it back to 待整改 with a new deadline (and reopening a
closed 督察); 述法; Chinese refusals that write nothing; scope; the home page's 临期/超期 and 待我决定."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from sifa.core import deadlines, workflow
from sifa.core.models import AuditEvent
from sifa.inspection import actions, rules
from sifa.inspection.models import (
    DutyReport,
    Finding,
    FindingStatus,
    Inspection,
    InspectionStatus,
    Recheck,
    SubjectKind,
)
from tests import factories
from tests.inspection.builders import days_ago, finding, started


def test_an_inspection_from_plan_to_closure(tree, bureau_user):
    planned = actions.plan(bureau_user, org=tree["bureau"], kind="党委巡察结合督",
                           subject_kind=SubjectKind.TOWNSHIP, township=tree["town_a"], topic="第一责任人职责落实",
                           planned_on=days_ago(40), leader="王组长", inspectors="甲、乙")
    year = days_ago(40).year
    assert planned.number == f"（{year}）砀法督字第1号" and planned.status == InspectionStatus.PLANNED
    assert planned.subject_name == "砀城镇"
    inspection = actions.start(bureau_user, planned, started_on=days_ago(35))
    one = finding(bureau_user, inspection, days_ago(34), days_ago(10))
    two = finding(bureau_user, inspection, days_ago(33), category="publicity", description="普法责任清单未公开")
    assert two.due_on == rules.rectify_due(days_ago(33)) >= days_ago(3)  # 30 days from the day it was found
    actions.feedback(bureau_user, inspection, ended_on=days_ago(32), feedback_on=days_ago(30))
    assert Inspection.objects.get(pk=inspection.pk).status == InspectionStatus.RECTIFYING
    with pytest.raises(ValidationError, match="尚有2个问题未整改"):
        actions.close(bureau_user, inspection, closed_on=days_ago(1))
    actions.rectify(bureau_user, one, rectified_on=days_ago(20), result="已补充合法性审查程序")
    actions.rectify(bureau_user, two, rectified_on=days_ago(0), result="已在政府网站公开")
    assert Finding.objects.get(pk=two.pk).rectified_late is True
    assert Finding.objects.get(pk=one.pk).rectified_late is False
    actions.close(bureau_user, inspection, closed_on=days_ago(0))
    inspection.refresh_from_db()
    assert (inspection.status, inspection.closed_on) == (InspectionStatus.CLOSED, days_ago(0))
    verbs = set(AuditEvent.objects.filter(object_type="inspection.inspection", object_id=str(inspection.pk))
                .values_list("verb", flat=True))
    assert {"列入法治督察计划", "进驻督察", "反馈督察意见", "法治督察办结"} <= verbs


def test_feedback_without_findings_closes_the_inspection(tree, bureau_user, agencies):
    inspection = started(bureau_user, tree["bureau"], agency=agencies["market"], kind="special")
    actions.feedback(bureau_user, inspection, feedback_on=days_ago(1))
    inspection.refresh_from_db()
    assert (inspection.status, inspection.closed_on, inspection.subject_name) == (
        InspectionStatus.CLOSED, days_ago(1), "砀山县市场监督管理局")


def test_a_finding_past_its_deadline_becomes_overdue_and_may_still_be_rectified(tree, bureau_user):
    inspection = started(bureau_user, tree["bureau"], township=tree["town_b"])
    late = finding(bureau_user, inspection, days_ago(50), days_ago(5))
    on_time = finding(bureau_user, inspection, days_ago(50), days_ago(-5))
    with pytest.raises(ValidationError, match="尚未届满"):
        actions.mark_overdue(bureau_user, on_time, on=days_ago(0))
    call_command("inspection_overdue", stdout=open("/dev/null", "w"))
    assert Finding.objects.get(pk=late.pk).status == FindingStatus.OVERDUE
    assert Finding.objects.get(pk=on_time.pk).status == FindingStatus.PENDING
    assert AuditEvent.objects.filter(object_type="inspection.finding", object_id=str(late.pk), verb="整改逾期",
                                     username="系统（每日逾期检查）").exists()
    assert actions.sweep_overdue() == 0  # once only
    done = actions.rectify(bureau_user, late, rectified_on=days_ago(1), result="已整改")
    assert (done.status, done.rectified_late) == (FindingStatus.RECTIFIED, True)


def test_the_overdue_step_by_hand(tree, bureau_user):
    inspection = started(bureau_user, tree["bureau"], township=tree["town_a"])
    item = finding(bureau_user, inspection, days_ago(40), days_ago(3))
    assert "overdue" in workflow.Workflow.of(item).step_names(item, bureau_user)
    actions.mark_overdue(bureau_user, item, on=days_ago(1))
    item.refresh_from_db()
    assert (item.status, item.overdue_on) == (FindingStatus.OVERDUE, days_ago(1))
    with pytest.raises(ValidationError):
        actions.mark_overdue(bureau_user, item, on=days_ago(0))


def test_recheck_not_done_reopens_the_finding_and_the_closed_inspection(tree, bureau_user):
    inspection = started(bureau_user, tree["bureau"], township=tree["town_a"])
    item = finding(bureau_user, inspection, days_ago(55), days_ago(30))
    actions.feedback(bureau_user, inspection, feedback_on=days_ago(50))
    with pytest.raises(ValidationError, match="尚未整改，不能开展回头看"):
        actions.recheck(bureau_user, item, checked_on=days_ago(40), result="done")
    actions.rectify(bureau_user, item, rectified_on=days_ago(40), result="已修订议事规则")
    actions.close(bureau_user, inspection, closed_on=days_ago(39))
    with pytest.raises(ValidationError, match="回头看情况"):
        actions.recheck(bureau_user, item, checked_on=days_ago(10), result="not_done")
    actions.recheck(bureau_user, item, checked_on=days_ago(10), result="整改未到位", note="议事规则未执行")
    item.refresh_from_db()
    inspection.refresh_from_db()
    assert (item.status, item.due_on, item.rectified_on) == (FindingStatus.PENDING, rules.rectify_due(days_ago(10)), None)
    assert (inspection.status, inspection.closed_on) == (InspectionStatus.RECTIFYING, None)
    actions.rectify(bureau_user, item, rectified_on=days_ago(5), result="已按规则执行")
    actions.recheck(bureau_user, item, checked_on=days_ago(1), result="done")
    item.refresh_from_db()
    assert (item.status, item.confirmed) == (FindingStatus.RECTIFIED, True)
    assert list(Recheck.objects.filter(finding=item).values_list("result", flat=True)) == ["not_done", "done"]


def test_bad_input_is_refused_in_chinese_and_writes_nothing(tree, bureau_user, agencies):
    other = factories.county_tree("330783", "东阳市")
    before = (Inspection.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match="不是本县（区）的乡镇（街道）"):
        actions.plan(bureau_user, org=tree["bureau"], kind="patrol", subject_kind="township",
                     township=other["town_a"], topic="x", planned_on=days_ago(1))
    with pytest.raises(ValidationError, match="请选择督察对象所在的部门"):
        actions.plan(bureau_user, org=tree["bureau"], kind="special", subject_kind="agency", topic="x",
                     planned_on=days_ago(1))
    with pytest.raises(ValidationError, match="督察方式“巡视”不在可选范围内"):
        actions.plan(bureau_user, org=tree["bureau"], kind="巡视", subject_kind="agency", agency=agencies["market"],
                     topic="x", planned_on=days_ago(1))
    assert (Inspection.objects.count(), AuditEvent.objects.count()) == before
    inspection = started(bureau_user, tree["bureau"], township=tree["town_a"])
    with pytest.raises(ValidationError, match="整改期限应晚于发现日期"):
        finding(bureau_user, inspection, days_ago(5), days_ago(6))
    with pytest.raises(ValidationError, match="发现日期不能晚于今天"):
        finding(bureau_user, inspection, days_ago(-1))
    assert not Finding.objects.exists()


def test_another_office_can_neither_see_nor_change_the_records(tree, office_user, other_office_user):
    inspection = started(office_user, tree["office_a"], township=tree["town_a"])
    item = finding(office_user, inspection, days_ago(20))
    assert not Inspection.objects.for_user(other_office_user).exists()
    with pytest.raises(PermissionDenied):
        actions.rectify(other_office_user, item, rectified_on=days_ago(1), result="越权")
    with pytest.raises(PermissionDenied):
        actions.plan(other_office_user, org=tree["office_a"], kind="patrol", subject_kind="township",
                     township=tree["town_a"], topic="x", planned_on=days_ago(1))
    assert Finding.objects.get(pk=item.pk).status == FindingStatus.PENDING


def test_duty_reports_at_a_meeting(tree, bureau_user, agencies):
    meeting = actions.hold_meeting(bureau_user, org=tree["bureau"], name="党政主要负责人述法工作专题会议",
                                   held_on=days_ago(3))
    actions.add_report(bureau_user, meeting, reporter="刘德明", post="党委（党组）书记", subject_kind="township",
                       township=tree["town_a"], assessment="好")
    actions.add_report(bureau_user, meeting, reporter="孙立新", post="government", subject_kind="agency",
                       agency=agencies["market"], assessment="fairly_good")
    with pytest.raises(ValidationError, match="已在本次会议述法"):
        actions.add_report(bureau_user, meeting, reporter="刘德明", post="party", subject_kind="township",
                           township=tree["town_a"], assessment="good")
    with pytest.raises(ValidationError, match="评议等次“优”不在可选范围内"):
        actions.add_report(bureau_user, meeting, reporter="陈志强", post="party", subject_kind="township",
                           township=tree["town_b"], assessment="优")
    reports = {r.reporter: (r.unit_name, r.held_on) for r in DutyReport.objects.all()}
    assert reports == {"刘德明": ("砀城镇", days_ago(3)), "孙立新": ("砀山县市场监督管理局", days_ago(3))}


def test_deadlines_reach_the_home_page_and_planned_inspections_await_a_decision(tree, bureau_user):
    inspection = started(bureau_user, tree["bureau"], township=tree["town_a"])
    overdue = finding(bureau_user, inspection, days_ago(40), days_ago(2), description="逾期的问题")
    finding(bureau_user, inspection, days_ago(40), dt.date.today(), description="今天到期的问题")
    items = [i for i in deadlines.items_for(bureau_user) if i.kind == "法治督察"]
    assert [(i.title.split("：")[1], i.state) for i in items] == [("逾期的问题", "超期"), ("今天到期的问题", "临期")]
    assert items[0].url.endswith(f"/inspection/findings/{overdue.pk}/")
    assert deadlines.summary_for(bureau_user).by_kind["法治督察"] == {"超期": 1, "临期": 1}
    actions.plan(bureau_user, org=tree["bureau"], kind="topical", subject_kind="township", township=tree["town_b"],
                 topic="专题", planned_on=days_ago(-5))
    awaiting = {(a.noun, a.state_label): a.count for a in workflow.awaiting_for(bureau_user)}
    assert awaiting[("督察", "计划")] == 1
