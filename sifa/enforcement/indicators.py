"""The enforcement line's indicators (DOMAIN.md §12 指标), each with drill-down by agency (执法主体).

Counting choices, also written into each note:
- 评查案卷 by the date the file was scored (评查日期), by 类别; 优秀/合格/不合格 by the sheet's thresholds; 优秀率 =
  优秀 ÷ 评查 (seed 000: 处罚38 + 许可24 = 62卷, 优秀5 → 8.06%【推算】).
- 审验 = distinct officers with a 审验/年审/新申领 record in the period (seed 001 审验234人); 新申领和周期年审通过 =
  passed 新申领 and 周期年审 records (seed 001: 33名); 参加考试 = distinct officers who sat an exam (499名).
- 持证率 = officers whose certificate is 有效 at the period's end ÷ officers on the roster then (not 注销). The
  status is the certificate's current one (a later 暂扣 is not dated back).
- 监督员 and 联系点 are 期内在册 (appointed by the period's end, term not over before its start).
- 整改率 = 意见书 issued in the period and 销号 by its end ÷ 意见书 issued in the period (DOMAIN §12).
- 按时公示率 = decisions published within 7 (许可、处罚) or 20 working days ÷ decisions published in the period.
- 依据/裁量基准 by the date published; 本地制定 = 结合本地实际制定; 方面 = distinct 方面 of the local benchmarks'
  matters (seed 002: 依据1419个, 基准39个, 自定6个, 61个方面909项).
"""

from __future__ import annotations

from django.db.models import Q

from sifa.indicators import Count, Distinct, Ratio, RelatedDimension, Stock, register

from .models import Category, CertKind, CertStatus, Grade, OpinionStatus, SupervisorKind, VerificationKind

LINE = "行政执法监督"
BODY = RelatedDimension("body", "执法主体")
FILE = "enforcement.FileReview"
SCORED = Q(score__isnull=False)


def files(code, name, q=None, *, note, order, unit="卷"):
    return Count(code, name, model=FILE, date="reviewed_on", filter=SCORED & (q or Q()), line=LINE, order=order,
                 unit=unit, dimensions=["category", "grade", BODY], note=note)


register(
    files("enforcement.files_reviewed", "评查行政执法案卷", order=10,
          note="按评查日期统计已评分的抽查案卷（砀山2021年上半年62卷）。"),
    files("enforcement.files_penalty", "评查行政处罚卷", Q(category=Category.PENALTY), order=11,
          note="已评分的行政处罚案卷（砀山2021年上半年38卷）。"),
    files("enforcement.files_licence", "评查行政许可卷", Q(category=Category.LICENCE), order=12,
          note="已评分的行政许可案卷（砀山2021年上半年24卷）。"),
    files("enforcement.files_coercion", "评查行政强制卷", Q(category=Category.COERCION), order=13,
          note="已评分的行政强制案卷。"),
    files("enforcement.files_inspection", "评查行政检查卷", Q(category=Category.INSPECTION), order=14,
          note="已评分的行政检查案卷。"),
    files("enforcement.files_excellent", "优秀卷宗", Q(grade=Grade.EXCELLENT), order=15,
          note="得分达到评分表优秀分数线的案卷（砀山2021年上半年5份）。"),
    files("enforcement.files_qualified", "合格卷宗", Q(grade=Grade.QUALIFIED), order=16,
          note="得分在合格分数线以上、优秀分数线以下的案卷。"),
    files("enforcement.files_unqualified", "不合格卷宗", Q(grade=Grade.UNQUALIFIED), order=17,
          note="得分低于合格分数线的案卷。"),
    Ratio("enforcement.excellent_rate", "优秀率", numerator="enforcement.files_excellent",
          denominator="enforcement.files_reviewed", line=LINE, order=18, show_parts=True,
          note="优秀卷宗 ÷ 评查案卷（砀山2021年上半年5/62=8.06%，推算）。"),
    files("enforcement.files_passed", "优秀与合格卷宗", ~Q(grade=Grade.UNQUALIFIED), order=20,
          note="等次为优秀或合格的案卷。"),
    Ratio("enforcement.qualified_rate", "合格率（含优秀）", numerator="enforcement.files_passed",
          denominator="enforcement.files_reviewed", line=LINE, order=19, show_parts=True,
          note="优秀与合格卷宗 ÷ 评查案卷。"),
    Count("enforcement.files_rectified", "完成整改案卷", model=FILE, date="rectified_on", line=LINE, order=21,
          unit="卷", dimensions=["category", BODY], note="按整改完成日期统计的评查案卷。"),

    Stock("enforcement.officers_certified", "持有效执法证人员", model="enforcement.Officer", start="issued_on",
          end="valid_until", filter=Q(status=CertStatus.VALID, cert_kind=CertKind.ENFORCEMENT), line=LINE, order=30,
          dimensions=[BODY], note="期末持有状态为有效、未过有效期的行政执法证的人员。"),
    Stock("enforcement.officers_roster", "在册执法人员", model="enforcement.Officer", start="issued_on", end="",
          filter=Q(cert_kind=CertKind.ENFORCEMENT) & ~Q(status=CertStatus.REVOKED), line=LINE, order=31,
          dimensions=[BODY], note="期末登记在册、证件未注销的行政执法人员。"),
    Ratio("enforcement.certified_rate", "持证率", numerator="enforcement.officers_certified",
          denominator="enforcement.officers_roster", line=LINE, order=32, show_parts=True,
          note="持有效执法证人员 ÷ 在册执法人员。"),
    Distinct("enforcement.verified", "审验执法证件", model="enforcement.Verification", date="checked_on",
             field="officer_id", line=LINE, order=33, dimensions=["kind"],
             note="期内有审验、周期年审或新申领记录的人员，每人计一次（环翠2022年234人）。"),
    Count("enforcement.newly_certified", "新申领和周期年审通过", model="enforcement.Verification", date="checked_on",
          filter=Q(kind__in=[VerificationKind.NEW, VerificationKind.CYCLE], passed=True), line=LINE, order=34,
          unit="人", dimensions=["kind"], note="新申领发证与周期（如四年）年审通过的人次（环翠2022年33名）。"),
    Count("enforcement.expiring", "证件有效期届满", model="enforcement.Officer", date="valid_until",
          filter=~Q(status=CertStatus.REVOKED), line=LINE, order=35, unit="人", dimensions=[BODY],
          note="有效期截止日期在本期内的执法、监督证件。"),
    Distinct("enforcement.examined", "参加学法考试人员", model="enforcement.ExamSitting", date="sat_on",
             field="officer_id", line=LINE, order=36, note="期内参加考试的执法及执法监督人员，每人计一次（环翠2022年499名）。"),

    Stock("enforcement.supervisors", "执法监督员", model="enforcement.Supervisor", start="appointed_on",
          end="term_ends_on", during=True, line=LINE, order=40, dimensions=["kind"],
          note="期内在聘的特邀及社会行政执法监督员。"),
    Stock("enforcement.invited_supervisors", "特邀行政执法监督员", model="enforcement.Supervisor", start="appointed_on",
          end="term_ends_on", during=True, filter=Q(kind=SupervisorKind.INVITED), line=LINE, order=41,
          note="期内在聘的特邀行政执法监督员（东阳2021年22名）。"),
    Stock("enforcement.social_supervisors", "行政执法社会监督员", model="enforcement.Supervisor", start="appointed_on",
          end="term_ends_on", during=True, filter=Q(kind=SupervisorKind.SOCIAL), line=LINE, order=42,
          note="期内在聘的行政执法社会监督员（环翠2022年8名）。"),
    Stock("enforcement.contact_points", "执法监督联系点", model="enforcement.ContactPoint", start="established_on",
          end="closed_on", during=True, line=LINE, order=43, unit="个", note="期内设立在用的联系点（环翠2022年2家）。"),
    Count("enforcement.special_checks", "专项监督（排查）", model="enforcement.SpecialCheck", date="held_on", line=LINE,
          order=44, unit="次", note="按开展日期统计的每月一主题专项监督（东阳2021年17次）。"),
    Count("enforcement.opinions", "发出监督意见书", model="enforcement.Opinion", date="issued_on", line=LINE, order=45,
          unit="份", dimensions=["source", BODY], note="按发出日期统计（东阳2021年22份）。"),
    Count("enforcement.opinions_closed", "已销号意见书", model="enforcement.Opinion", date="issued_on",
          reached_by="closed_on", filter=Q(status=OpinionStatus.CLOSED), line=LINE, order=46, unit="份",
          dimensions=["source", BODY], note="期内发出、至期末已复查销号的意见书。"),
    Ratio("enforcement.opinion_rate", "意见书整改率", numerator="enforcement.opinions_closed",
          denominator="enforcement.opinions", line=LINE, order=47, show_parts=True,
          note="销号 ÷ 发出（DOMAIN §12）。"),
    Count("enforcement.opinions_late", "逾期反馈意见书", model="enforcement.Opinion", date="issued_on",
          filter=Q(replied_late=True), line=LINE, order=48, unit="份", dimensions=[BODY],
          note="整改反馈晚于整改期限的意见书。"),

    Count("enforcement.decisions", "公示执法决定", model="enforcement.Decision", date="published_on", line=LINE,
          order=50, dimensions=["category", BODY], note="按公示日期统计的事后公示执法决定。"),
    Count("enforcement.decisions_on_time", "按时公示执法决定", model="enforcement.Decision", date="published_on",
          filter=Q(late=False), line=LINE, order=51, dimensions=["category", BODY],
          note="许可、处罚决定在7个工作日内、其他决定在20个工作日内公示的（国办发〔2018〕118号）。"),
    Ratio("enforcement.on_time_rate", "按时公示率", numerator="enforcement.decisions_on_time",
          denominator="enforcement.decisions", line=LINE, order=52, show_parts=True, note="按时公示 ÷ 公示执法决定。"),
    Count("enforcement.bases", "公示执法依据", model="enforcement.Basis", date="published_on", line=LINE, order=53,
          unit="个", dimensions=["category", BODY], note="按公示日期统计的执法依据（东阳2021年1419个）。"),
    Count("enforcement.benchmarks", "公示自由裁量基准", model="enforcement.Benchmark", date="published_on", line=LINE,
          order=54, unit="个", dimensions=[BODY], note="按公示日期统计（东阳2021年39个）。"),
    Count("enforcement.local_benchmarks", "本地制定裁量基准", model="enforcement.Benchmark", date="published_on",
          filter=Q(local=True), line=LINE, order=55, unit="个", dimensions=[BODY],
          note="结合本地实际制定的裁量基准（东阳2021年6个）。"),
    Distinct("enforcement.local_areas", "本地基准涉及方面", model="enforcement.BenchmarkItem", date="published_on",
             field="area", filter=Q(local=True), line=LINE, order=56, unit="个",
             note="本地制定裁量基准所涉执法事项的方面（东阳2021年61个）。"),
    Count("enforcement.local_items", "本地基准涉及执法事项", model="enforcement.BenchmarkItem", date="published_on",
          filter=Q(local=True), line=LINE, order=57, unit="项", note="本地制定裁量基准的事项（东阳2021年909项）。"),
)
