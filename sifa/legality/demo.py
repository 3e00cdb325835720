"""Demo records of the legality line for 砀山县, made through the actions.

The first half of 2021 reproduces seed 000 (“进行合法性审查50余项，出具合法性审查意见43件”): 52 items accepted
between January and June, 43 opinions issued by 30 June (the rest still in review or waiting for materials).
Three township drafts carry real problems that the machine check finds (a licence and a fine without basis, a
designated supplier, a repealed law), and the 三统一 register holds the county's 2021 normative documents.
"""

from __future__ import annotations

import datetime as dt

from sifa.demo.registry import DemoContext, register
from sifa.reconsideration.models import Agency

from . import actions
from .models import ReviewItem

D = dt.date
DRAFTS = (
    ("砀城镇农村村民住房建设管理办法", (
        "砀城镇农村村民住房建设管理办法\n"
        "第一条 为规范农村村民住房建设，根据《中华人民共和国土地管理法》《中华人民共和国城乡规划法》，结合本镇实际，制定本办法。\n"
        "第二条 村民新建、改建、扩建住房，须经镇人民政府审批后方可开工。\n"
        "第三条 申请建房的，还应当提交所在村民委员会出具的无违建证明。\n"
        "第四条 办理建房审批的，按每户收取工本费50元。\n"
        "第五条 违反本办法擅自建房的，由镇综合执法队处以五千元罚款，逾期不拆除的，组织强制拆除。\n"
        "第六条 本办法自印发之日起施行。\n")),
    ("周寨镇农村人居环境整治工作方案", (
        "周寨镇农村人居环境整治工作方案\n"
        "一、根据《中华人民共和国合同法》和上级有关要求，与保洁公司签订服务协议。\n"
        "二、各村垃圾桶、保洁车辆须统一采购县环卫公司提供的产品。\n"
        "三、对拒不参加环境整治的农户，暂停其享受低保、临时救助等待遇。\n"
        "四、镇内环境整治工程优先选用本镇企业承接。\n"
        "五、本方案自印发之日起施行，有效期2年。\n")),
    ("良梨镇招商引资优惠办法", (
        "良梨镇招商引资优惠办法（砀良政[2021]8号）\n"
        "第一条 依据《中华人民共和国行政许可法》第九十九条，制定本办法。\n"
        "第二条 对新落户本镇的企业，按其缴纳增值税地方留成部分的50%给予奖励。\n"
        "第三条 参与镇村道路建设的企业，注册资本不低于5000万元。\n"
        "第四条 本办法自2021年5月1日起施行，有效期3年。\n")),
)
TYPES = ("township", "township", "gov_normative", "dept_normative", "major_decision", "contract", "party", "other")


def build(ctx: DemoContext) -> None:
    if ReviewItem.objects.filter(org_path__startswith=ctx.bureau.path).exists():
        return
    bureau_staff = ctx.users["section_staff"]
    offices = ctx.offices
    office_users = {}
    for office in offices:
        office_users[office.pk] = next((u for u in ctx.extra_users.values() if u.org_id == office.pk), None)
    agencies = list(Agency.objects.filter(org=ctx.bureau, active=True).order_by("id")) or [None]
    reviewed_docs = {"gov_normative": [], "dept_normative": []}
    # 52 items received in 2021H1: 43 with an opinion by 30 June
    for n in range(52):
        received = D(2021, 1, 4) + dt.timedelta(days=(n * 170) // 52)
        item_type = TYPES[n % len(TYPES)]
        office = offices[n % len(offices)]
        township_user = office_users.get(office.pk)
        if item_type == "township":
            actor, org, agency = township_user or bureau_staff, office, None
        else:
            actor, org, agency = bureau_staff, ctx.bureau, agencies[n % len(agencies)]
            if agency is None:
                continue
        title = (f"{office.division.name}{['集体资产管理', '殡葬改革', '秸秆禁烧'][n % 3]}实施办法" if agency is None
                 else f"{agency.name}关于{['规范行政执法', '优化营商环境', '加强安全生产', '城区停车管理'][n % 4]}的"
                      f"{'决定' if item_type == 'major_decision' else '办法'}")
        item = actions.submit(actor, org=org, title=title, item_type=item_type, submitted_on=received,
                              agency=agency, basis="有关法律、法规", comment_done=True)
        actions.accept(actor, item, received_on=received)
        if n < 43:
            opinion_on = min(received + dt.timedelta(days=16), D(2021, 6, 30))
            opinion = ["lawful", "amend", "amend", "lawful", "unlawful"][n % 5]
            item = actions.issue_opinion(actor, item, opinion=opinion, reasons="经审查，提出审查意见如下。",
                                         opinion_on=opinion_on)
            if item_type in reviewed_docs and opinion != "unlawful":
                reviewed_docs[item_type].append(item)
            if n < 38:
                actions.record_adoption(actor, item, adoption="adopted" if n % 6 else "partly",
                                        adoption_on=opinion_on + dt.timedelta(days=3),
                                        note="" if n % 6 else "部分条款依上位法保留")
    # three township drafts whose machine check finds real issues (submitted now, awaiting review)
    for n, (title, text) in enumerate(DRAFTS):
        office = offices[n % len(offices)]
        actor = office_users.get(office.pk) or bureau_staff
        item = actions.submit(actor, org=office, title=title, item_type="township", submitted_on=ctx.today)
        actions.add_draft(actor, item, file_name=f"{title}.txt", data=text.encode("utf-8"))
    # 三统一 register: 2021 documents
    for n, (kind, title, issuer) in enumerate((
            ("government", "砀山县农村集体资产管理办法", "砀山县人民政府"),
            ("government", "砀山县城区停车管理办法", "砀山县人民政府"),
            ("government", "砀山县殡葬管理实施办法", "砀山县人民政府"),
            ("department", "砀山县行政执法公示实施细则", "砀山县司法局"),
            ("department", "砀山县市场主体登记便利化若干规定", "砀山县市场监督管理局"),
            ("department", "砀山县建设工程扬尘污染防治办法", "砀山县住房和城乡建设局"))):
        published = D(2021, 2, 1) + dt.timedelta(days=n * 25)
        prefix = "砀政规" if kind == "government" else "砀部规"
        reviewed = reviewed_docs["gov_normative" if kind == "government" else "dept_normative"]
        doc = actions.register_document(bureau_staff, org=ctx.bureau, kind=kind, title=title, issuer=issuer,
                                        registration_number=f"{prefix}〔2021〕{n + 1}号", published_on=published,
                                        valid_until=D(2026, 1, 31) if n == 5 else None,
                                        item=reviewed.pop(0) if reviewed else None)
        actions.file_document(bureau_staff, doc, filed_on=published + dt.timedelta(days=20 if n != 4 else 40))
        actions.conclude_filing(bureau_staff, doc, conclusion="passed", concluded_on=published + dt.timedelta(days=45))


register("合法性审查", build, order=65)
