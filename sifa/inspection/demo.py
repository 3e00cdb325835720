"""Demo records of the 法治督察 line for 砀山县, made through the actions, dated back from the build day so the home
page has live work: a 党委巡察结合督 of a township, closed after a late rectification and a 回头看 that confirmed
one; a 重点单位专门督 of a department with one finding 逾期, one due soon and one sent back by its 回头看; a
重点领域专题督 still in the plan; and two 述法 meetings (seed 004: 党政主要负责人述法工作专题会议)."""

from __future__ import annotations

import datetime as dt

from sifa.demo.registry import DemoContext, register
from sifa.reconsideration.models import Agency

from . import actions
from .models import Assessment, DutyMeeting, FindingCategory, InspectionKind, ReporterPost, SubjectKind

DEMO_TOPIC = "（演示）"


def build(ctx: DemoContext) -> None:
    if DutyMeeting.objects.filter(org=ctx.bureau).exists():
        return
    actor = ctx.users["section_staff"]
    towns = list(actions.townships_of(ctx.bureau)[:3])
    agencies = list(Agency.objects.filter(org=ctx.bureau, is_government=False).order_by("pk")[:2])
    if not towns:
        ctx.log("  法治督察：县内尚无乡镇区划，跳过。")
        return
    t = ctx.today

    def ago(days: int) -> dt.date:
        return t - dt.timedelta(days=days)

    # 1. 党委巡察结合督 of a township: three findings, one rectified late, one confirmed by a 回头看; closed.
    first = actions.plan(actor, org=ctx.bureau, kind=InspectionKind.PATROL, subject_kind=SubjectKind.TOWNSHIP,
                         township=towns[0], topic="法治建设第一责任人职责落实情况", planned_on=ago(125),
                         leader="县委依法治县办副主任", inspectors="县司法局法治督察科、县委巡察组")
    actions.start(actor, first, started_on=ago(120))
    f1 = actions.add_finding(actor, first, description="镇党委理论学习中心组年度学法未达到4次", found_on=ago(116),
                             category=FindingCategory.DUTY, due_on=ago(86))
    f2 = actions.add_finding(actor, first, description="镇政府重大行政决策未经合法性审查即提交集体讨论",
                             category=FindingCategory.DECISION, found_on=ago(116), due_on=ago(86))
    f3 = actions.add_finding(actor, first, description="镇综合执法队行政处罚案卷缺少法制审核意见",
                             category=FindingCategory.ENFORCEMENT, found_on=ago(115), due_on=ago(85))
    actions.feedback(actor, first, ended_on=ago(112), feedback_on=ago(110))
    actions.rectify(actor, f1, rectified_on=ago(95), result="已补足学法计划，组织专题学法2次")
    actions.rectify(actor, f2, rectified_on=ago(90), result="已修订镇政府议事规则，重大决策事项须经司法所合法性审查")
    actions.sweep_overdue(ago(84))
    actions.rectify(actor, f3, rectified_on=ago(70), result="已补充法制审核程序并对12卷案卷重新审核")
    actions.recheck(actor, f2, checked_on=ago(55), result="done", note="抽查近两月决策事项，均已先行合法性审查")
    actions.close(actor, first, closed_on=ago(50))

    # 2. 重点单位专门督 of a department: one finding overdue, one due soon, one sent back by its 回头看.
    second = actions.plan(actor, org=ctx.bureau, kind=InspectionKind.SPECIAL,
                          subject_kind=SubjectKind.AGENCY if agencies else SubjectKind.TOWNSHIP,
                          agency=agencies[0] if agencies else None, township=None if agencies else towns[-1],
                          topic="行政执法“三项制度”落实情况", planned_on=ago(48), leader="县司法局副局长",
                          inspectors="县司法局法治督察科")
    actions.start(actor, second, started_on=ago(45))
    actions.add_finding(actor, second, description="执法决定未在7个工作日内公示", found_on=ago(40),
                        category=FindingCategory.ENFORCEMENT, due_on=ago(6))
    actions.add_finding(actor, second, description="规范性文件未按规定报送备案", found_on=ago(40),
                        category=FindingCategory.NORMATIVE, due_on=t + dt.timedelta(days=3))
    f6 = actions.add_finding(actor, second, description="重大执法决定法制审核人员不足", found_on=ago(39),
                             category=FindingCategory.ENFORCEMENT, due_on=ago(15))
    actions.feedback(actor, second, ended_on=ago(38), feedback_on=ago(36))
    actions.rectify(actor, f6, rectified_on=ago(20), result="已增配法制审核人员1名")
    actions.recheck(actor, f6, checked_on=ago(4), result="not_done", note="新增人员尚未取得执法证，不能独立审核",
                    new_due_on=t + dt.timedelta(days=26))
    actions.sweep_overdue(t)

    # 3. 重点领域专题督 still in the plan (待我决定: 进驻督察).
    actions.plan(actor, org=ctx.bureau, kind=InspectionKind.TOPICAL, subject_kind=SubjectKind.TOWNSHIP,
                 township=towns[min(1, len(towns) - 1)], topic="基层矛盾纠纷多元化解与信访法治化",
                 planned_on=t + dt.timedelta(days=10), leader="县委依法治县办副主任")

    # 述法: two meetings of the 党政主要负责人.
    held = [(ago(200), "党政主要负责人述法工作专题会议"), (ago(30), "乡镇党政主要负责人年度述法评议会")]
    speakers = [(towns[0], None, "刘德明", ReporterPost.PARTY, Assessment.GOOD),
                (towns[-1], None, "陈志强", ReporterPost.GOVERNMENT, Assessment.FAIRLY_GOOD)]
    if agencies:
        speakers.append((None, agencies[-1], "孙立新", ReporterPost.GOVERNMENT, Assessment.GOOD))
    for n, (day, name) in enumerate(held):
        meeting = actions.hold_meeting(actor, org=ctx.bureau, name=name, held_on=day, host="县委书记",
                                       note="会议听取述法并现场评议，与法治政府建设示范创建工作共同推进。")
        for town, agency, person, post, grade in speakers[n:] if n else speakers:
            actions.add_report(actor, meeting, reporter=person, post=post,
                               subject_kind=SubjectKind.TOWNSHIP if town else SubjectKind.AGENCY,
                               township=town, agency=agency, assessment=grade,
                               notes="述学法用法、依法决策和推进法治建设情况，指出问题并提出整改要求。")


register("法治督察", build, order=66)
