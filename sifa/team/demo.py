"""Demo records of the 队伍建设 line for 砀山县, made through the actions and dated in 2021H1, so the demo county's
2021年上半年工作总结 prints seed 000's (六)“认真加强队伍建设” figures: 政治轮训班3期, 集中学习42次, 研讨交流11次,
集体活动9次; 查摆顽瘴痼疾3个 all rectified; 3名正式干警主动说明问题; 问题线索5条, 办结率100%; 规章制度8个. One
问题 found this year is still open, so the home page has a live 整改期限 (it does not touch 2021H1)."""

from __future__ import annotations

import datetime as dt

from sifa.demo.registry import DemoContext, register

from . import actions
from .models import ActivityKind, Problem, RuleKind

D = dt.date
STUDY_TOPICS = ("党史学习教育专题学习", "习近平法治思想专题学习", "政法队伍教育整顿专题学习", "“三个以案”警示教育专题学习")
SEMINAR_TOPICS = ("学党史、悟思想专题研讨", "顽瘴痼疾整治专题研讨", "“我为群众办实事”交流会")
COLLECTIVE_TOPICS = ("主题党日活动", "参观廉政教育基地", "重温入党誓词")
PROBLEMS = (("违规参与经商办企业问题排查", D(2021, 3, 20), D(2021, 5, 10)),
            ("社区矫正对象违规外出请假审批不严", D(2021, 3, 25), D(2021, 5, 20)),
            ("有案不立、压案不查问题排查", D(2021, 4, 2), D(2021, 6, 15)))
OFFICERS = (("王某", D(2021, 3, 30)), ("李某", D(2021, 4, 8)), ("张某", D(2021, 4, 16)))
RULES = ("局党组议事规则", "干部职工请销假管理制度", "公务接待管理办法", "司法所规范化建设管理办法", "社区矫正执法过错责任追究办法",
         "人民调解案卷管理制度", "机关财务管理制度", "“我为群众办实事”工作制度")


def _spread(n: int, start: dt.date, end: dt.date):
    """n dates spread evenly from start to end."""
    span = (end - start).days
    return [start + dt.timedelta(days=span * i // max(n - 1, 1)) for i in range(n)]


def build(ctx: DemoContext) -> None:
    if Problem.objects.filter(org=ctx.bureau).exists():
        return
    actor, org = ctx.users["section_staff"], ctx.bureau

    def activity(kind, day, title, participants, organizer=""):
        actions.record_activity(actor, org=org, kind=kind, held_on=day, title=title, participants=participants,
                                organizer=organizer)

    for n, day in enumerate((D(2021, 3, 8), D(2021, 4, 19), D(2021, 6, 7)), start=1):
        activity(ActivityKind.TRAINING, day, f"市县局政法干部政治轮训班第{n}期", 12, organizer="市委政法委")
    for n, day in enumerate(_spread(42, D(2021, 1, 6), D(2021, 6, 29))):
        activity(ActivityKind.STUDY, day, STUDY_TOPICS[n % len(STUDY_TOPICS)], 30 + n % 8)
    for n, day in enumerate(_spread(11, D(2021, 1, 15), D(2021, 6, 25))):
        activity(ActivityKind.SEMINAR, day, SEMINAR_TOPICS[n % len(SEMINAR_TOPICS)], 20 + n % 5)
    for n, day in enumerate(_spread(9, D(2021, 1, 28), D(2021, 6, 30))):
        activity(ActivityKind.COLLECTIVE, day, COLLECTIVE_TOPICS[n % len(COLLECTIVE_TOPICS)], 40)
    for text, found, fixed in PROBLEMS:
        problem = actions.find_problem(actor, org=org, description=text, found_on=found,
                                       due_on=found + dt.timedelta(days=60))
        actions.rectify_problem(actor, problem, rectified_on=fixed, measures="已建立长效机制，整改完毕")
    for name, day in OFFICERS:
        actions.record_self_report(actor, org=org, reported_on=day, officer=name, is_regular=True,
                                   matter="主动说明个人有关事项")
    for n, day in enumerate(_spread(5, D(2021, 3, 15), D(2021, 5, 28)), start=1):
        clue = actions.receive_clue(actor, org=org, received_on=day, source="县纪委监委转办",
                                    summary=f"（演示）涉及本局干警的问题线索{n}")
        actions.close_clue(actor, clue, closed_on=day + dt.timedelta(days=20), result="经核查，已依规处置并办结")
    for n, (title, day) in enumerate(zip(RULES, _spread(8, D(2021, 2, 20), D(2021, 6, 28)), strict=True)):
        actions.adopt_rule(actor, org=org, title=title, adopted_on=day,
                           kind=RuleKind.REVISED if n % 3 == 2 else RuleKind.NEW, doc_number=f"砀司发〔2021〕{n + 3}号")
    # Live work for the home page: one problem found lately, due within the month.
    found = ctx.today - dt.timedelta(days=10)
    actions.find_problem(actor, org=org, description="（演示）执法记录仪使用不规范", found_on=found,
                         due_on=ctx.today + dt.timedelta(days=20))


register("队伍建设", build, order=97)
