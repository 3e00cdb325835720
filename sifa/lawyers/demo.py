"""Demo register of 砀山县 made through the actions, after legal aid has listed its firms and lawyers (adopted
here, not registered twice) and 行政复议 its agencies.

2021H1 reproduces seed 000's “参与信访值班接访47人次,接待接访法律咨询58人次,参与接访事项43件 … 律师事务所为企业
担任法律顾问23家，提供法律意见2条，为企业参与起草、审核规章制度2个，代理参加调解诉讼或仲裁3件”: 47 duty turns
(58 consultations, 43 matters) and 23 enterprise adviser contracts in force, one of which gave two legal opinions
and reviewed two sets of rules, two others represented their enterprises in 2 + 1 mediations, suits or arbitrations.
The rest — public-sector lawyers and their coverage review, village advisers, a check-up campaign, complaints,
assessments, honours and citizens' ratings of real services — fills the directory and the staff pages.
"""

from __future__ import annotations

import datetime as dt

from sifa.core.models import Division
from sifa.core.models.orgs import DivisionLevel
from sifa.demo.people import People, credit_code
from sifa.demo.registry import DemoContext, register
from sifa.legalaid.models import Application, Provider, ServiceOrg, ServiceOrgKind
from sifa.legalaid.models import Status as AidStatus
from sifa.reconsideration.models import Agency

from . import actions
from .models import Area, Category, ComplaintOutcome, Firm, FirmForm, Lawyer

D = dt.date
H1 = (D(2021, 1, 1), D(2021, 6, 30))
NEW_FIRMS = (("安徽砀山永正律师事务所", FirmForm.GENERAL, 5), ("安徽宿砀律师事务所", FirmForm.SPECIAL, 4))
ENTERPRISES = ("砀山县梨园果业有限公司", "安徽砀山酥梨食品有限公司", "砀山县黄河故道农业开发有限公司", "砀山县宏达纺织有限公司",
               "砀山县恒信建材有限公司", "砀山县果缘电子商务有限公司", "安徽梨乡罐头食品有限公司", "砀山县顺达物流有限公司",
               "砀山县金梨置业有限公司", "砀山县润泽农业科技有限公司", "砀山县华康医药有限公司", "砀山县鑫源机械制造有限公司",
               "砀山县绿源生态农业有限公司", "砀山县嘉和包装有限公司", "砀山县利民新能源有限公司", "砀山县福源饮料有限公司",
               "砀山县天成建设工程有限公司", "砀山县永丰粮油有限公司", "砀山县康达服饰有限公司", "砀山县宇通汽车销售有限公司",
               "砀山县盛世酒店管理有限公司", "砀山县明珠家具有限公司", "砀山县新华印刷有限公司", "砀山县富民果蔬合作社",
               "砀山县中兴电子有限公司", "砀山县瑞丰农资有限公司")
AREAS = [[Area.CRIMINAL, Area.CIVIL], [Area.CONTRACT, Area.COMPANY], [Area.LABOUR, Area.TRAFFIC],
         [Area.ADMINISTRATIVE, Area.PROPERTY], [Area.CIVIL, Area.CONTRACT]]


def _licence(year: int, digit: str, n: int) -> str:
    return f"13413{year}{digit}{n:07d}"


def build(ctx: DemoContext) -> None:
    if Firm.objects.filter(org_path__startswith=ctx.bureau.path).exists():
        ctx.log("律师与法律服务：演示数据已存在，跳过。")
        return
    actor = ctx.users["section_staff"]
    people = People(ctx.rng)
    rng = ctx.rng
    # firms: legal aid's 律师事务所 and 基层法律服务所 adopted, two more registered
    firms = []
    for n, service_org in enumerate(ServiceOrg.objects.filter(
            org_path__startswith=ctx.bureau.path, kind__in=[ServiceOrgKind.LAW_FIRM, ServiceOrgKind.LEGAL_SERVICE_FIRM]
    ).order_by("pk")):
        worker = service_org.kind == ServiceOrgKind.LEGAL_SERVICE_FIRM
        firms.append(actions.register_firm(
            actor, org=service_org.org, name=service_org.name,
            credit_code=credit_code(f"{'33' if worker else '31'}341321MD{n + 1:07d}"),
            form=FirmForm.LEGAL_SERVICE if worker else FirmForm.GENERAL, partners=0 if worker else 3,
            address=f"砀山县砀城镇梨都大道{100 + n * 8}号", director=people.name(), founded_on=D(2005 + n, 3, 1)))
    for n, (name, form, partners) in enumerate(NEW_FIRMS):
        firms.append(actions.register_firm(
            actor, org=ctx.bureau, name=name, credit_code=credit_code(f"31341321MD{n + 20:07d}"), form=form,
            partners=partners, address=f"砀山县砀城镇人民路{20 + n * 6}号", director=people.name(),
            phone=f"0557-80{n + 1}2345", founded_on=D(2012 + n, 6, 1)))
    # lawyers: legal aid's providers adopted, then the new firms' lawyers
    lawyers = []
    for firm in firms:
        for provider in Provider.objects.filter(service_org=firm.service_org).order_by("pk"):
            worker = firm.form == FirmForm.LEGAL_SERVICE
            lawyers.append(actions.register_lawyer(
                actor, name=provider.name, category=Category.LEGAL_WORKER if worker else Category.FULL_TIME,
                licence_number=provider.licence_number, licensed_on=provider.practice_since, firm=firm,
                areas=AREAS[len(lawyers) % len(AREAS)]))
    seq = 500
    for firm in firms[-2:]:
        for i in range(8):
            seq += 1
            year = 2008 + rng.randrange(12)
            part_time = i == 7
            lawyers.append(actions.register_lawyer(
                actor, name=people.name(), category=Category.PART_TIME if part_time else Category.FULL_TIME,
                licence_number=_licence(year, "2" if part_time else "1", seq), licensed_on=D(year, 7, 1), firm=firm,
                areas=AREAS[seq % len(AREAS)], languages="普通话、砀山方言" if i % 3 == 0 else "普通话",
                mobile=people.mobile()))
    practising = [x for x in lawyers if x.category != Category.LEGAL_WORKER]
    # 公职律师: employed by agencies, two reallocated; the year-end coverage review
    agencies = list(Agency.objects.filter(org_path__startswith=ctx.bureau.path, is_government=False).order_by("pk"))
    public = []
    for i, agency in enumerate(agencies[:4]):
        seq += 1
        public.append(actions.register_lawyer(
            actor, name=people.name(), category=Category.PUBLIC, licence_number=_licence(2019, "1", seq),
            licensed_on=D(2019, 9, 1), employer=agency, org=ctx.bureau,
            reallocated_to=agencies[4 + i] if i < 2 and len(agencies) > 4 + i else None,
            areas=[Area.ADMINISTRATIVE]))
    if agencies:
        actions.review_public_coverage(actor, org=ctx.bureau, as_of=D(2021, 6, 30), agencies=agencies[:10])
    # 法律顾问: 23 enterprises in force in 2021H1, government units, villages
    for i, name in enumerate(ENTERPRISES[:23]):
        contract = actions.sign_contract(
            actor, adviser=practising[i % len(practising)], client_kind="enterprise", client_name=name,
            client_credit_code=credit_code(f"91341321MA{i + 1:07d}"), started_on=D(2020, 7 + i % 6, 1),
            ended_on=D(2021, 6 + i % 6, 28), fee=6000 + 1000 * (i % 5), org=ctx.bureau, grid="梨果产业网格" if i % 2 else "")
        actions.record_service(actor, contract, kind="consultation", served_on=D(2021, 3, 1 + i), count=2 + i % 3)
        if i % 4 == 0:
            actions.record_service(actor, contract, kind="contract", served_on=D(2021, 4, 2 + i), count=1 + i % 2)
        if i == 1:  # seed 000: 为企业提供法律意见2条，参与起草、审核规章制度2个
            actions.record_service(actor, contract, kind="opinion", served_on=D(2021, 5, 18), count=2)
            actions.record_service(actor, contract, kind="rules", served_on=D(2021, 4, 20), count=2,
                                   note="审核修订员工手册、合同管理办法")
        if i in (2, 3):  # seed 000: 代理参加调解诉讼或仲裁3件
            actions.record_service(actor, contract, kind="representation", served_on=D(2021, 3, 15 + i),
                                   count=2 if i == 2 else 1, note="代理企业参加劳动争议仲裁、买卖合同纠纷诉讼")
    for i, agency in enumerate(agencies[:5]):
        contract = actions.sign_contract(
            actor, adviser=practising[(i + 5) % len(practising)], client_kind="government", client_name=agency.name,
            client_credit_code=agency.credit_code, started_on=D(2021, 1, 1), ended_on=D(2021, 12, 31), fee=20000,
            org=ctx.bureau)
        actions.record_service(actor, contract, kind="opinion", served_on=D(2021, 5, 10 + i), count=2)
        if ctx.today >= D(2022, 1, 10):
            actions.evaluate_contract(actor, contract, year=2021, grade="excellent" if i % 2 else "qualified",
                                      evaluated_on=D(2022, 1, 10), comment="按时参与重大决策合法性论证。")
    villages = list(Division.objects.filter(code__startswith=ctx.county.code, level=DivisionLevel.VILLAGE)
                    .order_by("code")[:12])
    for i, village in enumerate(villages):
        contract = actions.sign_contract(
            actor, adviser=lawyers[i % len(lawyers)], client_kind="village", client_name=village.name, village=village,
            started_on=D(2021, 1, 1), ended_on=D(2023, 12, 31), fee=3000, org=ctx.bureau)
        actions.record_service(actor, contract, kind="consultation", served_on=D(2021, 4, 1 + i), count=5 + i % 4)
        actions.record_service(actor, contract, kind="mediation", served_on=D(2021, 5, 1 + i), count=1)
    # 信访值班: 47 turns in 2021H1, 58 consultations, 43 matters (seed 000)
    days = [H1[0] + dt.timedelta(days=3 + n * 3) for n in range(47)]
    for n, day in enumerate(days):
        consult = 2 if n < 11 else 1
        turn = actions.record_duty(actor, practising[n % len(practising)], on_date=day, visitors=consult,
                                   consultations=consult, matters=1 if n < 43 else 0, org=ctx.bureau,
                                   note="接待涉法涉诉信访群众，解答法律咨询")
        if n < 6:
            actions.add_visitor(actor, turn, name=people.name(), mobile=people.mobile(),
                                matter=("土地承包经营权纠纷", "拖欠工资", "房屋拆迁补偿", "交通事故赔偿", "婚姻家庭纠纷",
                                        "邻里宅基地纠纷")[n])
    # 企业法治体检: one campaign, three teams
    law_firms = [f for f in firms if f.form != FirmForm.LEGAL_SERVICE]
    campaign = actions.open_campaign(actor, org=ctx.bureau, name="2021年“法治体检进企业”专项活动",
                                     started_on=D(2021, 4, 1), ended_on=D(2021, 8, 31))
    teams = []
    for i, firm in enumerate(law_firms[:3]):
        members = [x for x in practising if x.provider.service_org_id == firm.service_org_id][:3]
        if members:
            teams.append(actions.form_team(actor, campaign, name=f"第{i + 1}走访团队", firm=firm, lawyers=members))
    for i in range(12 if teams else 0):
        actions.record_visit(
            actor, teams[i % len(teams)], enterprise=ENTERPRISES[i], credit_code=credit_code(f"91341321MA{i + 1:07d}"),
            visited_on=D(2021, 4, 6) + dt.timedelta(days=i * 9), consultations=3 + i % 4, problems=1 + i % 3,
            contracts=1 + i % 2, opinions=2 + i % 3, contact=people.name(), contact_mobile=people.mobile(),
            findings="劳动合同文本不规范，部分岗位未签订书面劳动合同；对外购销合同缺少违约责任条款。",
            advice="规范劳动合同签订和管理；修订购销合同范本，明确质量标准、验收和违约责任；建立合同审查台账。")
    # assessments, honours, complaints
    for x in lawyers[:20]:
        actions.record_assessment(actor, x, year=2020, result="qualified", assessed_on=D(2021, 4, 30))
    actions.award_honour(actor, lawyers[0], title="宿州市优秀律师", awarded_by="宿州市司法局", awarded_on=D(2020, 12, 20))
    actions.award_honour(actor, lawyers[1], title="砀山县法律援助先进个人", awarded_by="砀山县司法局", awarded_on=D(2021, 1, 15))
    c1 = actions.receive_complaint(actor, practising[2], complainant=people.name(), summary="代理过程中未及时告知开庭时间",
                                   received_on=D(2021, 3, 2), mobile=people.mobile())
    actions.close_complaint(actor, c1, outcome=ComplaintOutcome.EDUCATION, closed_on=D(2021, 4, 10))
    c2 = actions.receive_complaint(actor, practising[3], complainant=people.name(), summary="私自收取当事人费用",
                                   received_on=D(2021, 5, 6))
    actions.close_complaint(actor, c2, outcome=ComplaintOutcome.WARNING, closed_on=D(2021, 6, 25),
                            decision_number="砀司罚决字〔2021〕1号")
    actions.receive_complaint(actor, practising[4], complainant=people.name(), summary="服务态度差，未按约定出庭",
                              received_on=ctx.today - dt.timedelta(days=50))
    # practice applications: one in the city's 20 days, one decided
    app = actions.receive_application(actor, firm=firms[-1], name=people.name(), id_number=people.resident_id(
        first=1990, last=1998), category=Category.FULL_TIME, received_on=D(2021, 3, 1))
    actions.forward_application(actor, app, forwarded_on=D(2021, 3, 18))
    actions.decide_application(actor, app, decided_on=D(2021, 3, 26), granted=True,
                               licence_number=_licence(2021, "1", 900))
    actions.receive_application(actor, firm=firms[-2], name=people.name(), id_number=people.resident_id(
        first=1990, last=1998), category=Category.FULL_TIME, received_on=ctx.today - dt.timedelta(days=12))
    # citizens' ratings of real services: duty visitors and legal-aid clients
    from .models import DutyVisitor

    for i, visitor in enumerate(DutyVisitor.objects.filter(org_path__startswith=ctx.bureau.path).select_related(
            "turn__lawyer")[:5]):
        actions.rate(visitor.mobile, visitor.turn.lawyer, service="duty", service_id=visitor.pk, score=5 - i % 2,
                     comment=("耐心细致，讲解清楚", "很专业，帮了大忙", "态度很好")[i % 3], on=visitor.turn.on_date)
    adopted = {x.provider_id: x for x in lawyers}
    rated = 0
    for case in Application.objects.filter(org_path__startswith=ctx.bureau.path, status=AidStatus.CLOSED).exclude(
            mobile="").prefetch_related("assignments").order_by("pk"):
        assignment = next((a for a in case.assignments.all() if a.active and a.provider_id in adopted), None)
        if assignment is None:
            continue
        actions.rate(case.mobile, adopted[assignment.provider_id], service="legal_aid", service_id=case.pk,
                     score=(5, 4, 5, 3)[rated % 4], comment="法律援助律师认真负责" if rated % 2 == 0 else "",
                     on=case.closed_on)
        rated += 1
        if rated >= 20:
            break
    ctx.log(f"律师与法律服务：{len(firms)}家机构，{Lawyer.objects.count()}名执业人员，{len(days)}人次信访值班。")


register("律师与法律服务", build, order=70)
