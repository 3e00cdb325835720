"""The indicators of 社区矫正 and 安置帮教 (DOMAIN.md §5, §6), declared into the shared registry.

Counting choices, also written into each note:
- 在册 is a stock at the period's last day (截止日): received (报到接收) on or before it, not yet discharged or
  terminated then. A subject who has not reported is not 在册 (he is 待报到, and late: 漏管).
- 入矫 counts by the reception date, 解矫/终止 by the exit date, 调查评估 by the date the commission was
  received (受理类), sanctions by the decision date, rulings by the ruling date.
- Rates over subjects use 期内在矫人数: everyone under supervision at any time in the period (in register at its
  start or received during it), so a subject who reoffended and was then revoked still counts in the base.
- 走访覆盖率 = subjects visited at least once ÷ 期内在矫人数; evaluated per quarter it is the seeds' “每季度至少
  走访一次” (seed 001).
"""

from __future__ import annotations

from django.db.models import F, Q

from sifa.indicators import Count, Distinct, Ratio, Stock, Sum, register

from .models import (
    REVOCATION_KINDS,
    CheckFinding,
    EducationKind,
    ExitKind,
    LeaveStatus,
    MonitorStatus,
    ReviewResult,
    SanctionKind,
    SanctionStatus,
)

LINE = "社区矫正"
AFTERCARE = "安置帮教"
SUBJECT = "corrections.Subject"
SUBJECT_DIMENSIONS = ["category", "sex", "level", "minor"]


STOCK_NOTE = ("期末（截止日）在册的社区矫正对象：已报到接收、截止日尚未解矫或终止。按类别分组即缓刑、假释、管制、"
              "暂予监外执行（砀山2021年6月底401人=缓刑384+假释9+管制0+暂予监外执行8；城中区2023年底83人=缓刑80+"
              "假释3，男64、女19）。工作报告中的“在矫”人数可能另含待报到或当期解矫人员（DOMAIN §17 歧义12）。")

register(
    Stock("corrections.registered", "在册社区矫正对象", model=SUBJECT, start="reported_on", end="exited_on",
          unit="人", line=LINE, order=10, dimensions=SUBJECT_DIMENSIONS, note=STOCK_NOTE),
    Stock("corrections.managed", "期内在矫人数", model=SUBJECT, start="reported_on", end="exited_on",
          during=True, unit="人", line=LINE, order=11, dimensions=SUBJECT_DIMENSIONS,
          note="期内任一时间处于社区矫正期间的对象：期初在册或期内报到接收的（含期内解矫、终止的）。"
               "用作再犯罪率、走访覆盖率的分母。"),
    Count("corrections.intake", "入矫人数", model=SUBJECT, date="reported_on", unit="人", line=LINE, order=12,
          dimensions=SUBJECT_DIMENSIONS, note="期内报到接收（入矫）的社区矫正对象，按报到接收日期统计。"),
    Count("corrections.discharged", "解矫人数", model=SUBJECT, date="exited_on",
          filter=Q(exit_kind__in=(ExitKind.EXPIRED, ExitKind.PARDONED)), unit="人", line=LINE, order=13,
          dimensions=SUBJECT_DIMENSIONS, note="期内矫正期满或被赦免、解除社区矫正的对象，按解矫日期统计（第四十四条）。"),
    Count("corrections.exits", "解矫和终止人数", model=SUBJECT, date="exited_on", unit="人", line=LINE, order=14,
          dimensions=[*SUBJECT_DIMENSIONS, "exit_kind"],
          note="期内解除或终止社区矫正的对象（含撤销缓刑假释、收监执行、死亡、变更执行地移出），按解矫（终止）日期统计。"),
    Count("corrections.late_reports", "漏管人数", model=SUBJECT, date="report_due",
          filter=Q(reported_on__isnull=True) | Q(reported_on__gt=F("report_due")), unit="人", line=LINE, order=15,
          dimensions=["category"],
          note="报到期限（判决、裁定生效之日起十日，第二十一条）在期内、而未按期报到接收的对象（含至今未报到的），"
               "按报到期限统计。"),
    Count("corrections.investigations", "调查评估", model="corrections.Investigation", date="received_on",
          line=LINE, order=20, dimensions=["proposed_category", "commissioner_kind", "urgent", "opinion"],
          note="期内收到委托的审前调查评估件数，按收到委托日期统计（受理类；砀山2021上半年262件）。"),
    Count("corrections.investigations_done", "出具调查评估意见", model="corrections.Investigation",
          date="completed_on", line=LINE, order=21, dimensions=["opinion", "urgent"],
          note="期内出具评估意见的件数，按出具日期统计（含以前收到委托的）。"),
    Count("corrections.investigations_late", "逾期出具调查评估意见", model="corrections.Investigation",
          date="completed_on", filter=Q(completed_on__gt=F("due_on")), line=LINE, order=22,
          note="出具日期晚于完成期限（十个工作日，速裁五个工作日）的评估意见，按出具日期统计。"),
    Count("corrections.leave_requests", "外出申请", model="corrections.LeaveRequest", date="requested_on",
          unit="人次", line=LINE, order=30, dimensions=["kind", "status"],
          note="期内提出的外出请假和经常性跨市、县活动申请，按申请日期统计。"),
    Count("corrections.leaves_approved", "外出审批（批准）", model="corrections.LeaveRequest", date="decided_on",
          filter=Q(status__in=(LeaveStatus.APPROVED, LeaveStatus.RETURNED)), unit="人次", line=LINE, order=31,
          dimensions=["kind"], note="期内批准的外出，按审批日期统计；七日以内由司法所批准，超过七日由县级社区矫正机构批准。"),
    Count("corrections.sanctions", "考核奖惩", model="corrections.RewardSanction", date="decided_on",
          filter=Q(status__in=(SanctionStatus.DECIDED, SanctionStatus.SUBMITTED, SanctionStatus.UPHELD,
                               SanctionStatus.DISMISSED)),
          unit="人次", line=LINE, order=40, dimensions=["kind"],
          note="期内作出决定（表扬、训诫、警告）或提请（治安管理处罚、撤销缓刑假释、收监执行）的，按决定（提请）日期统计。"),
    Count("corrections.warnings", "警告", model="corrections.RewardSanction", date="decided_on",
          filter=Q(kind=SanctionKind.WARNING, status=SanctionStatus.DECIDED), unit="人次", line=LINE, order=41,
          note="期内决定给予警告的人次，按决定日期统计。"),
    Count("corrections.revocations_proposed", "提请撤销缓刑、假释和收监执行", model="corrections.RewardSanction",
          date="decided_on", filter=Q(kind__in=REVOCATION_KINDS) & ~Q(status__in=(SanctionStatus.PROPOSED,
                                                                                 SanctionStatus.DECLINED)),
          unit="人", line=LINE, order=42, dimensions=["kind"],
          note="期内向人民法院或决定机关提请撤销缓刑、假释或收监执行的，按提请日期统计。"),
    Count("corrections.committed", "撤销缓刑假释和收监执行", model=SUBJECT, date="exited_on",
          filter=Q(exit_kind__in=(ExitKind.PROBATION_REVOKED, ExitKind.PAROLE_REVOKED, ExitKind.COMMITTED)),
          unit="人", line=LINE, order=43, dimensions=["category"],
          note="期内被裁定撤销缓刑、假释或决定收监执行、终止社区矫正的对象，按裁定（决定）日期统计（第四十五条）。"),
    Count("corrections.praises", "表扬", model="corrections.RewardSanction", date="decided_on",
          filter=Q(kind=SanctionKind.PRAISE, status=SanctionStatus.DECIDED), unit="人次", line=LINE, order=44,
          note="期内决定给予表扬的人次。"),
    Count("corrections.reoffended", "再犯罪人数", model=SUBJECT, date="reoffended_on", unit="人", line=LINE,
          order=50, dimensions=SUBJECT_DIMENSIONS, note="在社区矫正期间又犯新罪的对象，按再犯罪日期统计。"),
    Ratio("corrections.reoffence_rate", "社区矫正对象再犯罪率", numerator="corrections.reoffended",
          denominator="corrections.managed", decimals=2, line=LINE, order=51,
          note="再犯罪人数 ÷ 期内在矫人数 × 100%。"),
    Count("corrections.absconded", "脱管（失联）", model="corrections.Absconding", date="lost_on", unit="人次",
          line=LINE, order=52, dimensions=["status"],
          note="期内失去联系、脱离监管的人次，按失联日期统计；查找情况见失联查找台账（第三十条）。"),
    Distinct("corrections.visited", "走访对象人数", model="corrections.FieldVisit", date="visited_on",
             field="subject", line=LINE, order=60, dimensions=["visitor_kind"],
             note="期内至少被走访一次的社区矫正对象人数（同一对象多次走访计一人），含购买服务的社会工作者走访。"),
    Ratio("corrections.visit_coverage", "走访覆盖率", numerator="corrections.visited",
          denominator="corrections.managed", decimals=2, line=LINE, order=61,
          note="走访对象人数 ÷ 期内在矫人数 × 100%。按季度评价即“每季度至少走访一次”的覆盖率（环翠：200余名普管对象"
               "每季度至少走访一次）。"),
    Count("corrections.visits", "走访", model="corrections.FieldVisit", date="visited_on", unit="人次", line=LINE,
          order=62, dimensions=["visitor_kind"], note="期内走访人次，按走访日期统计。"),
    Sum("corrections.education_hours", "教育学习时长", model="corrections.Education", date="held_on", field="hours",
        filter=~Q(kind=EducationKind.COMMUNITY), unit="小时", decimals=1, line=LINE, order=63,
        dimensions=["kind", "online"], note="期内法治道德教育、心理辅导、技能培训、就业指导的时长之和。"),
    Sum("corrections.community_hours", "公益活动时长", model="corrections.Education", date="held_on", field="hours",
        filter=Q(kind=EducationKind.COMMUNITY), unit="小时", decimals=1, line=LINE, order=64,
        note="期内参加公益活动的时长之和（第四十二条）。"),
    Distinct("corrections.checked", "信息化核查人数", model="corrections.InfoCheck", date="checked_on",
             field="subject", line=LINE, order=70, dimensions=["method"],
             note="期内登记过信息化核查（手机定位、视频点验、轨迹比对核实等，第二十六条）的对象人数，即日常监管中的核查"
                  "记录。[000]“对在矫404名社区矫正对象进行了…智能化数据排查，发现50人私自外出”由智慧矫正的"
                  "“轨迹排查人数”“排查发现私自外出人数”计算，此处不重复。"),
    Distinct("corrections.unauthorised_departures", "核查发现私自外出人数", model="corrections.InfoCheck",
             date="checked_on", field="subject", filter=Q(finding=CheckFinding.UNAUTHORISED_DEPARTURE), line=LINE,
             order=71, note="日常信息化核查（含轨迹预警核查属实后登记的核查）发现私自外出的对象人数。[000]的“发现50人"
                            "私自外出”属智能化数据排查，由智慧矫正的“排查发现私自外出人数”计算，此处不重复。"),
    Ratio("corrections.departure_rate", "核查发现私自外出比例", numerator="corrections.unauthorised_departures",
          denominator="corrections.checked", decimals=2, line=LINE, order=72,
          note="核查发现私自外出人数 ÷ 信息化核查人数 × 100%。智能化数据排查的发现率（[000] 50/404）见智慧矫正的"
               "“排查发现率”。"),
    Count("corrections.monitors", "使用电子定位装置", model="corrections.ElectronicMonitor", date="approved_on",
          filter=Q(status__in=(MonitorStatus.ACTIVE, MonitorStatus.ENDED)), unit="人次", line=LINE, order=73,
          dimensions=["situation"], note="期内经县级司法行政部门负责人批准使用电子定位装置的人次，按批准日期统计（第二十九条）。"),
    Stock("corrections.monitored", "期末佩戴电子定位装置人数", model="corrections.ElectronicMonitor", start="start_on",
          end="ended_on", filter=Q(status__in=(MonitorStatus.ACTIVE, MonitorStatus.ENDED)), unit="人", line=LINE,
          order=74, dimensions=["situation"],
          note="期末（截止日）正在使用电子定位装置的对象人数：经批准开始使用、截止日尚未解除（第二十九条）。在册口径，"
               "随[000]“目前全县在册社区服刑人员401人”（截至报告日期的在册数）。"),
    Count("corrections.file_reviews", "卷宗评查", model="corrections.FileReview", date="reviewed_on", unit="卷",
          line=LINE, order=80, dimensions=["kind", "result", "status"],
          note="期内自查、互查、上级评查的卷宗数，按评查日期统计（砀山2018年以来自查互查2576卷）。"),
    Count("corrections.flawed_files", "瑕疵和不合格卷宗", model="corrections.FileReview", date="reviewed_on",
          filter=~Q(result=ReviewResult.GOOD), unit="卷", line=LINE, order=81, dimensions=["kind", "status"],
          note="评查结论为瑕疵卷或不合格卷的卷宗数，按评查日期统计。"),
    Count("corrections.rectified_files", "已整改卷宗", model="corrections.FileReview", date="rectified_on",
          unit="卷", line=LINE, order=82, note="期内整改完毕的瑕疵、不合格卷宗数，按整改完成日期统计。"),
)

RELEASED = "corrections.ReleasedPerson"
register(
    Count("aftercare.released", "刑满释放人员（应衔接）", model=RELEASED, date="release_on", unit="人", line=AFTERCARE,
          order=10, dimensions=["key_person", "sex", "status"],
          note="期内释放、由监狱通知户籍地（居住地）司法所衔接的刑满释放人员，按释放日期统计。"),
    Count("aftercare.linked", "已衔接", model=RELEASED, date="release_on", reached_by="linked_on", unit="人",
          line=AFTERCARE, order=11, dimensions=["key_person", "sex"],
          note="期内释放、且在期末前衔接建档的人数（与“应衔接”为同一批人）。"),
    Ratio("aftercare.link_rate", "衔接率", numerator="aftercare.linked", denominator="aftercare.released",
          decimals=2, line=AFTERCARE, order=12, note="已衔接 ÷ 应衔接 × 100%（DOMAIN §6）。"),
    Count("aftercare.key_persons", "重点帮教对象", model=RELEASED, date="release_on", filter=Q(key_person=True),
          unit="人", line=AFTERCARE, order=13, dimensions=["sex"], note="期内释放的重点帮教对象，按释放日期统计。"),
    Count("aftercare.escorted", "必接必送", model=RELEASED, date="release_on", reached_by="picked_up_on",
          filter=Q(key_person=True), unit="人", line=AFTERCARE, order=14,
          note="期内释放的重点帮教对象中，期末前已落实接回的人数。"),
    Ratio("aftercare.escort_rate", "必接必送率", numerator="aftercare.escorted", denominator="aftercare.key_persons",
          decimals=2, line=AFTERCARE, order=15, note="必接必送人数 ÷ 重点帮教对象 × 100%（DOMAIN §6）。"),
    Count("aftercare.resettled", "已安置", model=RELEASED, date="release_on", reached_by="resettled_on",
          unit="人", line=AFTERCARE, order=16, dimensions=["key_person"],
          note="期内释放、期末前已落实就业、自主创业、务农或社会救助的人数。"),
    Ratio("aftercare.resettle_rate", "安置率", numerator="aftercare.resettled", denominator="aftercare.linked",
          decimals=2, line=AFTERCARE, order=17, note="已安置 ÷ 已衔接 × 100%（同一批期内释放人员）。"),
    Stock("aftercare.tracked", "期内帮教人数", model=RELEASED, start="linked_on", end="ended_on", during=True,
          unit="人", line=AFTERCARE, order=18, dimensions=["key_person"],
          note="期内任一时间处于五年帮教期内的人数（已衔接，期满或重新犯罪之前）。"),
    Stock("aftercare.registered", "在册帮教对象", model=RELEASED, start="linked_on", end="ended_on", unit="人",
          line=AFTERCARE, order=21, dimensions=["key_person", "sex"],
          note="期末（截止日）在册的安置帮教对象：已衔接建档、截止日仍在帮教期内（未期满、未重新犯罪）。在册口径，随[000]"
               "“目前全县在册社区服刑人员401人”（截至报告日期的在册数）；种子报告未写安置帮教在册数。"),
    Count("aftercare.reoffended", "重新犯罪人数", model=RELEASED, date="reoffended_on", unit="人", line=AFTERCARE,
          order=19, dimensions=["key_person"], note="帮教期内重新犯罪的人数，按重新犯罪日期统计。"),
    Ratio("aftercare.reoffence_rate", "重新犯罪率", numerator="aftercare.reoffended", denominator="aftercare.tracked",
          decimals=2, line=AFTERCARE, order=20, note="重新犯罪人数 ÷ 期内帮教人数 × 100%（DOMAIN §6）。"),
)
