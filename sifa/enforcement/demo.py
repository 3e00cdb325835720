"""Demo records of 行政执法协调监督 and 执法公示 for 砀山县, made through the actions after the 行政复议 builder has
listed the county's agencies.

2021H1 reproduces seed 000 (“开展行政执法案卷评查工作，在县市场监管、生态环境等部门开展行政执法案卷评查，共评查行政处罚卷
38卷、行政许可卷24卷，经评查，5份被推荐为优秀卷宗，其余均为合格卷宗。”): the four agencies' officers, their 2021 decisions
published on the 公示 site, and one campaign that samples 38 处罚 and 24 许可 files from them, scores them in June
(5 优秀, 57 合格), is notified and rectified. Around it: supervisors, contact points, monthly checks and opinions at
every stage, bases and discretion benchmarks, and current work (an opinion due within days, a late publication).
"""

from __future__ import annotations

import datetime as dt

from sifa.demo.people import People, credit_code
from sifa.demo.registry import DemoContext, register
from sifa.reconsideration.models import Agency

from . import actions
from .models import Body, BodyKind, Category, OpinionSource, SupervisorKind, VerificationKind

D = dt.date
# agency name, kind, penalty files, licence files sampled in 2021H1, excellent among them
BODIES = (
    ("砀山县市场监督管理局", BodyKind.AGENCY, 14, 12, 2),
    ("宿州市砀山县生态环境分局", BodyKind.AGENCY, 12, 0, 1),
    ("砀山县城市管理局", BodyKind.AGENCY, 8, 4, 1),
    ("砀山县住房和城乡建设局", BodyKind.AGENCY, 4, 8, 1),
)
MATTERS = {
    "砀山县市场监督管理局": ("无照经营查处", "食品经营许可", "食品安全监督检查", "价格违法行为查处", "特种设备安全监察"),
    "宿州市砀山县生态环境分局": ("排污许可证核发", "超标排放大气污染物查处", "建设项目环评违法查处", "危险废物监督检查"),
    "砀山县城市管理局": ("占道经营查处", "城市建筑垃圾处置核准", "户外广告设置许可", "违法建设查处"),
    "砀山县住房和城乡建设局": ("建筑工程施工许可", "建筑市场违法行为查处", "商品房预售许可", "物业服务监督检查"),
}
PROCEDURE = ("一般程序：立案 → 调查取证（执法人员不少于两人，出示执法证件） → 案件审核、法制审核 → 告知陈述申辩、听证权利 → "
             "作出决定 → 送达 → 执行 → 结案归档。简易程序：当场作出决定，填写预定格式、编有号码的决定书。")
REMEDY = ("对行政执法决定不服的，可以自收到决定书之日起六十日内向砀山县人民政府申请行政复议，"
          "或者自收到决定书之日起六个月内向砀山县人民法院提起行政诉讼。监督电话：12345。")
TIERS = (("轻微", "初次违法且危害后果轻微并及时改正的", "不予行政处罚"),
         ("一般", "违法情节一般的", "处法定罚款幅度30%以下罚款"),
         ("较重", "违法情节较重的", "处法定罚款幅度30%至70%罚款"),
         ("严重", "违法情节严重或造成严重后果的", "处法定罚款幅度70%以上罚款"))
THEMES = ("涉企行政检查频次专项监督", "行政处罚裁量基准执行专项监督", "执法人员持证上岗专项监督", "行政执法公示落实情况专项监督",
          "城市管理领域执法规范化专项监督", "食品药品领域执法专项监督")


def _body(ctx, actor, name: str, kind: str, n: int) -> Body:
    agency = Agency.objects.filter(org=ctx.bureau, name=name).first()
    if agency is None:
        return actions.add_body(actor, org=ctx.bureau, name=name, credit_code=credit_code(f"11341321MB01{n:05d}"),
                                kind=kind, duties=f"依法履行{name.removeprefix('宿州市').removeprefix('砀山县')}职责范围内的行政执法工作。",
                                matters="\n".join(MATTERS[name]), procedure=PROCEDURE, remedy=REMEDY,
                                phone="0557-8021234")
    return Body.objects.filter(agency=agency).first() or actions.register_body(
        actor, agency=agency, kind=kind, duties=f"依法履行{name.removeprefix('砀山县')}职责范围内的行政执法工作。",
        matters="\n".join(MATTERS[name]), procedure=PROCEDURE, remedy=REMEDY, phone="0557-8021234")


def build(ctx: DemoContext) -> None:
    if Body.objects.filter(org=ctx.bureau, officers__isnull=False).exists():
        return
    if not Agency.objects.filter(org=ctx.bureau).exists():
        ctx.log("  行政执法监督：尚无行政机关名录，跳过。")
        return
    actor = ctx.users["section_staff"]
    people = People(ctx.rng)
    bodies, officers, serial = [], {}, 0
    for n, (name, kind, *_rest) in enumerate(BODIES, start=1):
        body = _body(ctx, actor, name, kind, n)
        bodies.append(body)
        team = []
        for _ in range(6):
            serial += 1
            officer = actions.add_officer(actor, body=body, name=people.name(), cert_number=f"3413211{serial:05d}",
                                          issued_on=D(2020, 12, 1) + dt.timedelta(days=serial), valid_until=D(2030, 11, 30),
                                          id_number=people.resident_id(), position="执法队员", training_hours=40)
            actions.record_exam(actor, officer, sat_on=D(2021, 4, 20), score=70 + (serial * 7) % 30)
            if ctx.today > D(2024, 11, 20):
                actions.verify(actor, officer, kind=VerificationKind.CYCLE, checked_on=D(2024, 11, 20))
            team.append(officer)
        officers[body.pk] = team
        _publicity(actor, body, n)
    supervisor = actions.add_officer(actor, body=bodies[0], name="司法局监督员", cert_number="341321200001",
                                     cert_kind="supervision", issued_on=D(2021, 1, 5), valid_until=D(2031, 1, 4))
    actions.record_exam(actor, supervisor, sat_on=D(2021, 4, 20), score=92)
    files = _decisions(actor, bodies, officers)
    _campaign(ctx, actor, bodies, files)
    _supervision(ctx, actor, bodies, people)
    _current(ctx, actor, bodies, officers)


def _publicity(actor, body: Body, n: int) -> None:
    matters = MATTERS[body.name]
    for k, matter in enumerate(matters):
        category = Category.LICENCE if "许可" in matter or "核准" in matter or "核发" in matter else Category.PENALTY
        actions.publish_basis(actor, body=body, category=category, matter=matter, published_on=D(2021, 1, 15),
                              clause=f"《{body.name.removeprefix('宿州市').removeprefix('砀山县')}相关法律法规》第{10 + k}条")
    items = [{"area": matters[0], "matter": f"{matters[0]}（第{j + 1}项情形）", "tier": tier, "circumstances": when,
              "sanction": sanction} for j in range(2) for tier, when, sanction in TIERS]
    actions.publish_benchmark(actor, body=body, title=f"{body.name}行政处罚裁量基准", published_on=D(2021, 2, 1),
                              items=items, local=n <= 2)


def _decisions(actor, bodies, officers) -> dict:
    """Each agency's 2021 decisions: a few more than the campaign samples, all published on time but one."""
    made = {}
    for body, (name, _kind, penalties, licences, _excellent) in zip(bodies, BODIES, strict=True):
        short = "".join(ch for ch in name.removeprefix("宿州市砀山县").removeprefix("砀山县")[:2])
        team = officers[body.pk]
        for category, count, word in ((Category.PENALTY, penalties + 2, "罚"), (Category.LICENCE, licences + 1, "许")):
            for k in range(count):
                decided = D(2021, 1, 11) + dt.timedelta(days=(k * 9) % 120)
                late = category == Category.PENALTY and k == 1
                actions.publish_decision(
                    actor, body=body, category=category, number=f"砀{short}{word}〔2021〕{k + 1}号",
                    title=f"{MATTERS[name][k % len(MATTERS[name])]}案" if category == Category.PENALTY
                    else f"{MATTERS[name][k % len(MATTERS[name])]}",
                    party_name=("砀山县某某商贸有限公司" if k % 3 == 0 else f"{'王李张刘陈'[k % 5]}某某"),
                    party_is_person=k % 3 != 0, decided_on=decided,
                    published_on=decided + dt.timedelta(days=12 if late else 3), officers=team[k % 3:k % 3 + 2],
                    basis="依据本单位公示的执法依据", content="依法作出决定。", legal_review=category == Category.PENALTY)
        made[body.pk] = (penalties, licences)
    return made


def _campaign(ctx, actor, bodies, files) -> None:
    sheet = actions.standard_sheet(actor, ctx.bureau)
    items = list(sheet.items.all())
    campaign = actions.open_campaign(actor, org=ctx.bureau, title="2021年上半年行政执法案卷评查", sheet=sheet,
                                     files_from=D(2021, 1, 1), files_to=D(2021, 5, 31), started_on=D(2021, 6, 1))
    for body in bodies:
        penalties, licences = files[body.pk]
        for category, count in ((Category.PENALTY, penalties), (Category.LICENCE, licences)):
            if count:
                actions.sample(actor, campaign, body=body, category=category, count=count, sampled_on=D(2021, 6, 2))
    actions.start_review(actor, campaign)
    excellent = {body.pk: spec[4] for body, spec in zip(bodies, BODIES, strict=True)}
    for k, review in enumerate(campaign.files.order_by("body_id", "category", "pk")):
        if excellent[review.body_id]:
            excellent[review.body_id] -= 1
            deductions = {items[4].pk: (2, "卷内目录填写不完整")}
        else:
            deductions = {items[1].pk: (12 + k % 5, "证据材料未注明来源"), items[4].pk: (3, "文书用语不规范")}
        actions.score_file(actor, review, deductions=deductions, reviewed_on=D(2021, 6, 10) + dt.timedelta(days=k % 12),
                           comments="案卷基本规范。")
    actions.notify_campaign(actor, campaign, notice_number="砀司通〔2021〕8号", notified_on=D(2021, 6, 28),
                            rectify_due=D(2021, 7, 30))
    for review in campaign.files.filter(needs_rectification=True):
        actions.rectify_file(actor, review, rectified_on=D(2021, 7, 20), rectification="已补充证据来源说明，规范文书用语。")
    actions.close_campaign(actor, campaign, closed_on=D(2021, 7, 30))


def _supervision(ctx, actor, bodies, people) -> None:
    points = [actions.add_contact_point(actor, org=ctx.bureau, name=name, address=address,
                                        established_on=D(2021, 3, 1))
              for name, address in (("砀城镇行政执法协调监督联系点", "砀城镇人民政府"),
                                    ("县工商联行政执法协调监督联系点", "砀山县工商业联合会"))]
    supervisors = []
    for k in range(8):
        supervisors.append(actions.appoint_supervisor(
            actor, org=ctx.bureau, kind=SupervisorKind.INVITED if k < 5 else SupervisorKind.SOCIAL, name=people.name(),
            employer=("县人大代表", "县政协委员", "执业律师", "企业负责人", "社区书记")[k % 5], mobile=people.mobile(),
            appointed_on=D(2021, 2, 1), term_ends_on=D(2024, 1, 31), contact_point=points[k % 2]))
    stages = ("closed", "closed", "closed", "rechecked", "replied", "rectifying")
    for month in range(1, 7):
        check = actions.record_check(actor, org=ctx.bureau, theme=THEMES[month - 1], held_on=D(2021, month, 15),
                                     findings="抽查执法记录，听取监督员意见。", supervisors=supervisors[:3],
                                     bodies=bodies)
        body = bodies[month % len(bodies)]
        issued = D(2021, month, 18)
        opinion = actions.issue_opinion(
            actor, org=ctx.bureau, number=f"砀司执监〔2021〕{month}号", source=OpinionSource.MONTHLY, body=body,
            subject=f"{THEMES[month - 1]}发现的问题", content="请对照意见逐项整改，并于期限内书面反馈整改情况。",
            issued_on=issued, special_check=check, supervisor=supervisors[month % len(supervisors)])
        _advance(actor, opinion, stages[month - 1], issued)
    actions.issue_opinion(actor, org=ctx.bureau, number="砀司执监〔2021〕7号", source=OpinionSource.HOTLINE,
                          body=bodies[2], subject="12345热线反映占道经营执法方式简单", content="规范执法方式，做好说理。",
                          issued_on=D(2021, 6, 21), contact_point=points[0])


def _advance(actor, opinion, stage: str, issued: dt.date) -> None:
    if stage == "issued":
        return
    actions.receive_opinion(actor, opinion, received_on=issued + dt.timedelta(days=1))
    if stage == "rectifying":
        return
    actions.reply_opinion(actor, opinion, replied_on=issued + dt.timedelta(days=20), reply="已逐项整改完毕。")
    if stage == "replied":
        return
    actions.recheck_opinion(actor, opinion, rechecked_on=issued + dt.timedelta(days=25), passed=True, note="整改到位。")
    if stage == "closed":
        actions.close_opinion(actor, opinion, closed_on=issued + dt.timedelta(days=26))


def _current(ctx, actor, bodies, officers) -> None:
    """Open work for today: an opinion due within days and a decision published late."""
    today = ctx.today
    check = actions.record_check(actor, org=ctx.bureau, theme="年末行政执法公示落实情况专项监督",
                                 held_on=today - dt.timedelta(days=26), bodies=bodies)
    actions.issue_opinion(actor, org=ctx.bureau, number=f"砀司执监〔{today.year}〕{today:%m%d}号",
                          source=OpinionSource.MONTHLY, body=bodies[0], subject="执法决定超期公示",
                          content="请核查超期公示原因，落实7个工作日内公示的要求。", issued_on=today - dt.timedelta(days=25),
                          special_check=check)
    team = officers[bodies[0].pk]
    actions.publish_decision(actor, body=bodies[0], category=Category.PENALTY, number=f"砀市监罚〔{today.year}〕901号",
                             title="销售过期食品案", party_name="赵某某", decided_on=today - dt.timedelta(days=20),
                             published_on=today - dt.timedelta(days=1), officers=team[:2], content="罚款三千元。")


register("行政执法监督", build, order=62)
