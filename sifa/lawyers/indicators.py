"""The lawyers line's indicators (DOMAIN.md §13 指标).

Counting choices, also written into each note:
- 执业律师 is a stock: lawyers whose 执业日期 is on or before the period's last day and who had not stopped
  practising by then; 基层法律服务工作者 are counted apart. 律师万人比 = 执业律师 ÷ 常住人口(万) of the org's
  division for the period's year (DOMAIN §17 歧义8: all five lawyer categories count).
- 公职律师工作覆盖率 = agencies carrying out the work ÷ agencies that should, from the year-end review
  (CoverageReview); counting reallocated lawyers (统筹调配, seed 004's 14/27 = 51.85%) or only those an agency
  employs — two indicators, DOMAIN §17 歧义9.
- 法律顾问: contracts in force at any time in the period (期内在聘), by the kind of unit served. 村(居)法律顾问覆盖率
  = distinct villages with such a contract ÷ the village-level divisions of the org's area (core.Division).
- 法治体检 by the visit's date; 信访值班 by the turn's date, one turn = one lawyer 人次.
"""

from __future__ import annotations

from django.db.models import Q

from sifa.indicators import Count, Distinct, Divisions, PerPopulation, Ratio, Stock, Sum, register

from .models import LAWYER_CATEGORIES, PUBLIC_SANCTIONS, SANCTIONS, Category, ClientKind, ServiceKind

LINE = "律师与法律服务管理"
LAWYER = "lawyers.Lawyer"
CONTRACT = "lawyers.CounselContract"
VISIT = "lawyers.CheckupVisit"
DUTY = "lawyers.DutyTurn"
LAWYERS_Q = Q(category__in=[str(c) for c in LAWYER_CATEGORIES])


def practising(code, name, q: Q, *, note, order) -> Stock:
    return Stock(code, name, model=LAWYER, start="licensed_on", end="ended_on", filter=q, line=LINE, order=order,
                 dimensions=["category"], note=note)


def advised(code, name, q: Q | None = None, *, note, order, unit="家", per: str = "") -> Stock:
    return Stock(code, name, model=CONTRACT, start="started_on", end="ended_on", during=True, filter=q or Q(),
                 line=LINE, order=order, unit=unit, dimensions=["client_kind"], note=note, per=per)


def checkup(code, name, field, unit, order, note) -> Sum:
    return Sum(code, name, model=VISIT, field=field, date="visited_on", unit=unit, line=LINE, order=order, note=note)


register(
    practising("lawyers.practising", "执业律师", LAWYERS_Q, order=10,
               note="期末在册的执业律师（专职、兼职、公职、公司、法律援助律师），执业日期不晚于期末且期末前未停止执业"
                    "（东阳2021年270名）。"),
    PerPopulation("lawyers.per_10k", "律师万人比", numerator="lawyers.practising", per=10000, unit="人/万人",
                  decimals=2, line=LINE, order=11,
                  note="执业律师 ÷ 常住人口（万人），常住人口取核心参数中该区划该年度的数值（东阳目标2.9，"
                       "需313名；DOMAIN §17歧义8：五类律师均计入）。"),
    practising("lawyers.legal_workers", "基层法律服务工作者", Q(category=Category.LEGAL_WORKER), order=12,
               note="期末在册的基层法律服务工作者。"),
    practising("lawyers.public_lawyers", "公职律师", Q(category=Category.PUBLIC), order=13,
               note="期末在册的党政机关公职律师（柳州城中2023年14名）。"),
    practising("lawyers.public_reallocated", "统筹调配的公职律师", Q(category=Category.PUBLIC,
                                                                 reallocated_to__isnull=False), order=14,
               note="期末在册、统筹调配到其他机关服务的公职律师（柳州城中2023年14名调配至14个部门）。"),
    Count("lawyers.coverage_agencies", "应开展公职律师工作的党政机关", model="lawyers.CoverageReview", date="as_of",
          unit="个", line=LINE, order=15,
          note="年末覆盖统计中列入的应开展公职律师工作的党政机关（柳州城中2023年推算27个）。"),
    Count("lawyers.covered_agencies", "开展公职律师工作的党政机关", model="lawyers.CoverageReview", date="as_of",
          filter=Q(covered=True), unit="个", line=LINE, order=16,
          note="有本单位公职律师或调配来的公职律师的机关（柳州城中2023年14个）。"),
    Count("lawyers.covered_own", "由本单位公职律师开展工作的党政机关", model="lawyers.CoverageReview",
          date="as_of", filter=Q(covered_own=True), unit="个", line=LINE, order=17,
          note="不计调配来的公职律师，仅有本单位公职律师的机关（DOMAIN §17歧义9）。"),
    Ratio("lawyers.public_coverage", "公职律师工作覆盖率", numerator="lawyers.covered_agencies",
          denominator="lawyers.coverage_agencies", line=LINE, order=18, show_parts=True,
          note="开展公职律师工作的党政机关（含统筹调配）÷ 应开展的党政机关（柳州城中2023年14/27=51.85%，"
               "报告写作52%；县级目标≥50%）。"),
    Ratio("lawyers.public_coverage_own", "公职律师工作覆盖率（不含调配）", numerator="lawyers.covered_own",
          denominator="lawyers.coverage_agencies", line=LINE, order=19, show_parts=True,
          note="只计本单位公职律师的覆盖率（DOMAIN §17歧义9）。"),
    advised("lawyers.advised", "聘请法律顾问的单位", order=20,
            note="期内在聘的法律顾问合同，按服务对象（党政机关、村(社区)、企业、商会）分（东营区41个单位购买）。"),
    advised("lawyers.advised_enterprises", "聘请法律顾问的企业", Q(client_kind=ClientKind.ENTERPRISE), order=21,
            note="期内律师事务所担任法律顾问的企业（砀山2021年上半年23家）。"),
    advised("lawyers.advised_government", "聘请法律顾问的党政机关", Q(client_kind=ClientKind.GOVERNMENT), order=22,
            unit="个", note="期内在聘法律顾问的党政机关。"),
    advised("lawyers.advised_villages", "配备法律顾问的村(社区)", Q(client_kind=ClientKind.VILLAGE), order=23,
            unit="个", note="期内在聘法律顾问的村(社区)，一村(社区)一法律顾问。"),
    advised("lawyers.advised_village_count", "有法律顾问的村(社区)", Q(client_kind=ClientKind.VILLAGE), order=23,
            unit="个", per="village",
            note="期内在聘村(社区)法律顾问合同所覆盖的村(社区)，一个村有两份合同只计一次；未关联村(社区)区划的合同不计。"),
    advised("lawyers.counsel_grids", "法律顾问网格", order=23, unit="个", per="grid",
            note="期内有在聘法律顾问合同的法律顾问网格，按合同登记的网格名称去重计数，未填网格的合同不计"
                 "（东阳“12个特色法律顾问网格”）。"),
    Divisions("lawyers.villages", "村(社区)", level="village", line=LINE, order=23,
              note="本单位辖区内的村（社区）级行政区划个数（行政区划库现状，不按期间）。"),
    Ratio("lawyers.village_counsel_coverage", "村(居)法律顾问覆盖率", numerator="lawyers.advised_village_count",
          denominator="lawyers.villages", line=LINE, order=23, show_parts=True,
          note="期内有在聘法律顾问的村(社区) ÷ 辖区村(社区)总数（一村(社区)一法律顾问；柳州城中“每个村(社区)"
               "都配备法律顾问”即100%）。"),
    Sum("lawyers.counsel_services", "法律顾问服务", model="lawyers.CounselService", field="count", date="served_on",
        unit="件次", line=LINE, order=24, dimensions=["kind"],
        note="法律顾问的咨询、参与调解、审查合同、讲座、法律意见，按服务日期合计。"),
    Sum("lawyers.counsel_consultations", "法律顾问解答咨询", model="lawyers.CounselService", field="count",
        date="served_on", filter=Q(kind=ServiceKind.CONSULTATION), unit="件", line=LINE, order=25,
        note="法律顾问解答的法律咨询（柳州城中村(社区)法律顾问900多件）。"),
    Sum("lawyers.counsel_mediations", "法律顾问参与调解", model="lawyers.CounselService", field="count",
        date="served_on", filter=Q(kind=ServiceKind.MEDIATION), unit="件", line=LINE, order=26,
        note="法律顾问参与调解的纠纷（柳州城中10件）。"),
    Sum("lawyers.counsel_documents", "法律顾问审查文书和提供法律意见", model="lawyers.CounselService", field="count",
        date="served_on", filter=Q(kind__in=[ServiceKind.CONTRACT, ServiceKind.OPINION]), unit="件次", line=LINE,
        order=28, note="法律顾问协助审查、修订合同和法律文书（含村规民约）与出具法律意见的件次之和（环翠2022年1200余件次）。"),
    Sum("lawyers.enterprise_opinions", "为企业提供法律意见", model="lawyers.CounselService", field="count",
        date="served_on", filter=Q(kind=ServiceKind.OPINION, contract__client_kind=ClientKind.ENTERPRISE), unit="条",
        line=LINE, order=27, note="企业法律顾问出具法律意见的条数，按服务日期合计（砀山2021年上半年2条）。"),
    Sum("lawyers.enterprise_rules", "为企业参与起草、审核规章制度", model="lawyers.CounselService", field="count",
        date="served_on", filter=Q(kind=ServiceKind.RULES, contract__client_kind=ClientKind.ENTERPRISE), unit="个",
        line=LINE, order=29, note="企业法律顾问参与起草、审核企业规章制度的个数，按服务日期合计（砀山2021年上半年2个）。"),
    Sum("lawyers.enterprise_representation", "代理企业参加调解、诉讼或仲裁", model="lawyers.CounselService",
        field="count", date="served_on",
        filter=Q(kind=ServiceKind.REPRESENTATION, contract__client_kind=ClientKind.ENTERPRISE), unit="件", line=LINE,
        order=29, note="企业法律顾问代理企业参加调解、诉讼或仲裁的件数，按服务日期合计（砀山2021年上半年3件）；"
                       "村(社区)顾问“参与调解”另计。"),
    Distinct("lawyers.checkup_firms", "参与法治体检的律师事务所", model=VISIT, field="firm", date="visited_on",
             unit="家", line=LINE, order=30, note="期内有体检记录的律师事务所（环翠25家）。"),
    Distinct("lawyers.checkup_teams", "法治体检走访团队", model=VISIT, field="team", date="visited_on", unit="个",
             line=LINE, order=31, note="期内有体检记录的走访团队（环翠40个）。"),
    Count("lawyers.checkup_enterprises", "法治体检企业", model=VISIT, date="visited_on", unit="家", line=LINE,
          order=32, note="按体检日期统计的体检企业，一次活动中一家企业只计一次（环翠106家）。"),
    checkup("lawyers.checkup_consultations", "体检解答法律咨询", "consultations", "次", 33, "环翠374次。"),
    checkup("lawyers.checkup_problems", "体检解决法律问题", "problems", "个", 34, "环翠170个。"),
    checkup("lawyers.checkup_contracts", "体检审查合同", "contracts", "份", 35, "环翠156份。"),
    checkup("lawyers.checkup_opinions", "体检提出法律意见", "opinions", "条", 36, "环翠260条。"),
    Count("lawyers.duty_turns", "律师参与信访值班接访", model=DUTY, date="on_date", unit="人次", line=LINE, order=40,
          note="按值班日期统计，一名律师值班一次计一人次（砀山2021年上半年47人次）。"),
    Sum("lawyers.duty_consultations", "信访值班接待法律咨询", model=DUTY, field="consultations", date="on_date",
        unit="人次", line=LINE, order=41, note="值班律师解答来访群众法律咨询的人次（砀山2021年上半年58人次）。"),
    Sum("lawyers.duty_matters", "律师参与接访事项", model=DUTY, field="matters", date="on_date", unit="件",
        line=LINE, order=42, note="值班律师参与协调处理的信访事项（砀山2021年上半年43件）。"),
    Count("lawyers.complaints", "受理投诉", model="lawyers.Complaint", date="received_on", line=LINE, order=50,
          note="按收到投诉日期统计。"),
    Count("lawyers.complaints_closed", "办结投诉", model="lawyers.Complaint", date="closed_on",
          filter=~Q(outcome=""), line=LINE, order=51, dimensions=["outcome"], note="按办结日期统计，按处理结果分。"),
    Count("lawyers.sanctions", "作出处分或行政处罚", model="lawyers.Complaint", date="closed_on",
          filter=Q(outcome__in=[str(o) for o in SANCTIONS]), line=LINE, order=52, dimensions=["outcome"],
          note="行业处分、警告、罚款、停止执业、吊销执业证书（其中行政处罚"
               f"{len(PUBLIC_SANCTIONS)}类向社会公示）。"),
    Count("lawyers.ratings", "群众评价", model="lawyers.Rating", date="rated_on", unit="条", line=LINE, order=60,
          dimensions=["service"], note="群众对法律援助、信访值班、法治体检服务的评价，每项服务一条。"),
    Sum("lawyers.rating_points", "群众评价星数合计", model="lawyers.Rating", field="score", date="rated_on",
        unit="星", line=LINE, order=61, note="群众评价的星数合计（用于计算平均评分）。"),
    Ratio("lawyers.rating_average", "群众平均评分", numerator="lawyers.rating_points", denominator="lawyers.ratings",
          factor=1, unit="星", line=LINE, order=62, note="评价星数合计 ÷ 评价条数（满分5星）。"),
)
