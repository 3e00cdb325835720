"""社区矫正 and 安置帮教: the records of the corrections line (DOMAIN.md §5, §6).

A 社区矫正对象 (Subject) is owned by the 司法所 of the place of execution (执行地), which does the daily work
entrusted to it (《社区矫正法》第九条); the county's 社区矫正机构 sees every subject of the county (see access.py).
Every record of a subject (reports, visits, leave, sanctions…) is owned by the subject's unit and moves with it
when the place of execution changes within the county.

Criminal-record data — ID numbers, 罪名, the judgement, 禁止令 — is listed in `sensitive_fields`: masked in every
list and export, readable in clear only through the audited break-glass path, and only by corrections roles:
`CorrectionsQuerySet.for_user` returns nothing to anyone else.

Field changes happen only through sifa.corrections.actions (actions/aftercare.py for 安置帮教).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from sifa.core.models import ScopedModel, ScopedQuerySet

from . import access, rules
from .choices import Category, LeaveKind, Level, SanctionKind  # noqa: F401  re-exported


class CorrectionsQuerySet(ScopedQuerySet):
    def reach_filter(self, user):
        """The user's corrections scope (a 司法所's subtree, the county organ's whole county); nothing for any
        other role (criminal records). `for_user` (sifa.core.access) adds nothing else: no record is assigned."""
        root = access.scope_root(user)
        return None if root is None else Q(org_path__startswith=root.path)


class CorrectionsRecord(ScopedModel):
    objects = CorrectionsQuerySet.as_manager()
    access_line = "corrections"  # its row of the capability table (core.roles.LINE_VERBS), in tracks and wellbeing too

    detail_url_name = ""

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        try:
            return reverse(self.detail_url_name, args=[self.detail_pk()]) if self.detail_url_name else ""
        except NoReverseMatch:
            return ""

    def detail_pk(self):
        return self.pk


class Sex(models.TextChoices):
    MALE = "男", "男"
    FEMALE = "女", "女"


class OutsideReason(models.TextChoices):
    """暂予监外执行的情形 (刑事诉讼法第二百六十五条)."""

    MEDICAL = "medical", "保外就医"
    PREGNANT = "pregnant", "怀孕或者正在哺乳自己婴儿"
    SELF_CARE = "self_care", "生活不能自理"


class AuthorityKind(models.TextChoices):
    """社区矫正决定机关."""

    COURT = "court", "人民法院"
    PRISON_ADMIN = "prison_admin", "监狱管理机关"
    POLICE = "police", "公安机关"


# Who may decide each category: the court sentences to 管制/缓刑 and grants 假释; 暂予监外执行 is decided by the
# court or approved by the prison administration or the police (刑事诉讼法第二百六十五条).
AUTHORITY_BY_CATEGORY = {
    Category.CONTROL: (AuthorityKind.COURT,), Category.PROBATION: (AuthorityKind.COURT,),
    Category.PAROLE: (AuthorityKind.COURT,),
    Category.OUTSIDE: (AuthorityKind.COURT, AuthorityKind.PRISON_ADMIN, AuthorityKind.POLICE),
}


class SubjectStatus(models.TextChoices):
    PENDING = "pending", "待报到"
    ACTIVE = "active", "在矫"
    MISSING = "missing", "失联"
    DISCHARGED = "discharged", "已解矫"
    REVOKED = "revoked", "收监执行"
    DECEASED = "deceased", "死亡"
    TRANSFERRED = "transferred", "变更执行地移出"


# A subject still under the institution's supervision: one ID number may be registered only once among these.
OPEN_STATUSES = (SubjectStatus.PENDING, SubjectStatus.ACTIVE, SubjectStatus.MISSING)
SUPERVISED_STATUSES = (SubjectStatus.ACTIVE, SubjectStatus.MISSING)


class ExitKind(models.TextChoices):
    """How supervision ended: 解除 (第四十四条) or 终止 (第四十五条), or handed to another county (第二十七条)."""

    EXPIRED = "expired", "矫正期满"
    PARDONED = "pardoned", "赦免"
    PROBATION_REVOKED = "probation_revoked", "撤销缓刑"
    PAROLE_REVOKED = "parole_revoked", "撤销假释"
    COMMITTED = "committed", "收监执行"
    DEATH = "death", "死亡"
    TRANSFERRED = "transferred", "变更执行地"


EXIT_STATUS = {
    ExitKind.EXPIRED: SubjectStatus.DISCHARGED, ExitKind.PARDONED: SubjectStatus.DISCHARGED,
    ExitKind.PROBATION_REVOKED: SubjectStatus.REVOKED, ExitKind.PAROLE_REVOKED: SubjectStatus.REVOKED,
    ExitKind.COMMITTED: SubjectStatus.REVOKED, ExitKind.DEATH: SubjectStatus.DECEASED,
    ExitKind.TRANSFERRED: SubjectStatus.TRANSFERRED,
}


class Subject(CorrectionsRecord):
    """A 社区矫正对象. The correction period (矫正期限) is computed from the effective date and the term."""

    number = models.CharField("档案编号", max_length=60, blank=True, db_index=True)
    name = models.CharField("姓名", max_length=50)
    sex = models.CharField("性别", max_length=2, choices=Sex.choices)
    id_number = models.CharField("身份证号码", max_length=18)
    birth_date = models.DateField("出生日期")
    minor = models.BooleanField("未成年", default=False, help_text="判决、裁定、决定生效时未满十八周岁")
    mobile = models.CharField("联系电话", max_length=11, blank=True)
    address = models.CharField("居住地", max_length=200, blank=True)
    category = models.CharField("矫正类别", max_length=12, choices=Category.choices)
    outside_reason = models.CharField("暂予监外执行情形", max_length=12, choices=OutsideReason.choices, blank=True)
    crime = models.CharField("罪名", max_length=200)
    sentence = models.CharField("原判刑罚", max_length=200, help_text="如：有期徒刑三年，缓刑四年")
    judgement_no = models.CharField("判决（裁定、决定）书文号", max_length=100, blank=True)
    prohibitions = models.TextField("禁止令", blank=True)
    authority_kind = models.CharField("决定机关类别", max_length=15, choices=AuthorityKind.choices)
    authority = models.CharField("决定机关", max_length=100)
    effective_on = models.DateField("判决（裁定、决定）生效日期")
    term_years = models.PositiveSmallIntegerField("矫正期限（年）", default=0)
    term_months = models.PositiveSmallIntegerField("矫正期限（月）", default=0)
    term_days = models.PositiveSmallIntegerField("矫正期限（日）", default=0)
    credited_days = models.PositiveIntegerField("先行羁押折抵（日）", default=0)
    period_start = models.DateField("矫正起始日")
    period_end = models.DateField("矫正期满日")
    notice_on = models.DateField("收到决定机关通知日期", null=True, blank=True)
    documents_on = models.DateField("收到法律文书日期", null=True, blank=True)
    report_due = models.DateField("报到期限")
    reported_on = models.DateField("报到（接收）日期", null=True, blank=True)
    announced_on = models.DateField("入矫宣告日期", null=True, blank=True)
    plan = models.TextField("矫正方案", blank=True)
    plan_on = models.DateField("方案制定日期", null=True, blank=True)
    level = models.CharField("管理类别", max_length=10, choices=Level.choices, default=Level.STRICT)
    grid = models.CharField("网格", max_length=100, blank=True)
    worker = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name="责任工作人员")
    status = models.CharField("状态", max_length=12, choices=SubjectStatus.choices, default=SubjectStatus.PENDING,
                              db_index=True)
    reoffended_on = models.DateField("再犯罪日期", null=True, blank=True)
    exit_kind = models.CharField("解矫（终止）原因", max_length=20, choices=ExitKind.choices, blank=True)
    exited_on = models.DateField("解矫（终止）日期", null=True, blank=True)
    certificate_no = models.CharField("解除社区矫正证明书编号", max_length=60, blank=True)
    exit_basis = models.CharField("解矫（终止）依据", max_length=200, blank=True)
    notified_on = models.DateField("通知决定机关、检察院、公安机关日期", null=True, blank=True)

    sensitive_fields = ("id_number", "mobile", "address", "crime", "sentence", "judgement_no", "prohibitions")
    sensitive_masks = {"crime": "text", "sentence": "text", "judgement_no": "text", "prohibitions": "text",
                       "address": "address"}
    detail_url_name = "corrections:subject_detail"

    class Meta:
        verbose_name = "社区矫正对象"
        verbose_name_plural = "社区矫正对象"
        ordering = ["-effective_on", "-id"]
        indexes = [
            models.Index(fields=["org_path", "reported_on"], name="cor_subject_scope_report",
                         include=["category", "exited_on", "level", "minor", "sex"]),
            models.Index(fields=["org_path", "exited_on"], name="cor_subject_scope_exit",
                         include=["category", "exit_kind", "level", "minor", "sex"]),
            models.Index(fields=["org_path", "report_due"], name="cor_subject_scope_due",
                         include=["category", "reported_on"]),
            models.Index(fields=["org_path", "reoffended_on"], name="cor_subject_scope_reoff",
                         include=["category", "level", "minor", "sex"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["id_number"], condition=Q(status__in=OPEN_STATUSES),
                                    name="uniq_open_subject_id_number"),
        ]

    def __str__(self):
        return f"{self.name}（{self.number}）" if self.number else self.name

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_supervised(self) -> bool:
        return self.status in SUPERVISED_STATUSES

    @property
    def term_text(self) -> str:
        parts = [f"{n}{unit}" for n, unit in ((self.term_years, "年"), (self.term_months, "个月"), (self.term_days, "日"))
                 if n]
        return "".join(parts) or "—"

    def days_left(self, today: dt.date | None = None) -> int:
        return (self.period_end - (today or timezone.localdate())).days


class MemberRole(models.TextChoices):
    """矫正小组 members (第二十五条)."""

    OFFICE = "office", "司法所工作人员"
    GRID = "grid", "网格员"
    COMMITTEE = "committee", "村（居）民委员会人员"
    GUARDIAN = "guardian", "监护人"
    FAMILY = "family", "家庭成员"
    EMPLOYER = "employer", "所在单位或就读学校人员"
    SOCIAL_WORKER = "social_worker", "社会工作者"
    VOLUNTEER = "volunteer", "志愿者"
    POLICE = "police", "民警"


class TeamMember(CorrectionsRecord):
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="team", verbose_name="社区矫正对象")
    name = models.CharField("姓名", max_length=50)
    sex = models.CharField("性别", max_length=2, choices=Sex.choices)
    role = models.CharField("身份", max_length=15, choices=MemberRole.choices)
    unit = models.CharField("单位", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)

    sensitive_fields = ("phone",)
    detail_url_name = "corrections:subject_detail"

    class Meta:
        verbose_name = "矫正小组成员"
        verbose_name_plural = "矫正小组成员"
        ordering = ["subject_id", "id"]

    def __str__(self):
        return f"{self.name}（{self.get_role_display()}）"

    def detail_pk(self):
        return self.subject_id


# --- 调查评估 --------------------------------------------------------------------------------------------------


class Commissioner(models.TextChoices):
    COURT = "court", "人民法院"
    PROCURATORATE = "procuratorate", "人民检察院"
    POLICE = "police", "公安机关"
    PRISON = "prison", "监狱"
    PRISON_ADMIN = "prison_admin", "监狱管理机关"


class Opinion(models.TextChoices):
    SUITABLE = "suitable", "适宜社区矫正"
    UNSUITABLE = "unsuitable", "不适宜社区矫正"


class InvestigationStatus(models.TextChoices):
    OPEN = "open", "调查中"
    DONE = "done", "已出具意见"


class Investigation(CorrectionsRecord):
    """调查评估 (第十八条): commissioned by the deciding organ; opinion due in 10 working days (5 if urgent)."""

    number = models.CharField("编号", max_length=60, blank=True, db_index=True)
    commissioner_kind = models.CharField("委托机关类别", max_length=15, choices=Commissioner.choices)
    commissioner = models.CharField("委托机关", max_length=100)
    commission_no = models.CharField("委托函文号", max_length=100, blank=True)
    received_on = models.DateField("收到委托日期")
    urgent = models.BooleanField("速裁或紧急", default=False,
                                 help_text="适用速裁程序等须在五个工作日内完成的")
    person_name = models.CharField("被调查人姓名", max_length=50)
    id_number = models.CharField("被调查人身份证号码", max_length=18)
    crime = models.CharField("涉嫌（所犯）罪名", max_length=200, blank=True)
    proposed_category = models.CharField("拟适用类别", max_length=12, choices=Category.choices)
    due_on = models.DateField("完成期限")
    status = models.CharField("状态", max_length=10, choices=InvestigationStatus.choices,
                              default=InvestigationStatus.OPEN, db_index=True)
    opinion = models.CharField("评估意见", max_length=12, choices=Opinion.choices, blank=True)
    completed_on = models.DateField("出具意见日期", null=True, blank=True)
    findings = models.TextField("调查情况", blank=True)
    investigators = models.CharField("调查人员", max_length=100, blank=True)
    subject = models.ForeignKey(Subject, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="investigations", verbose_name="入矫后的社区矫正对象")

    sensitive_fields = ("id_number", "crime")
    sensitive_masks = {"crime": "text"}
    detail_url_name = "corrections:investigation_detail"

    class Meta:
        verbose_name = "调查评估"
        verbose_name_plural = "调查评估"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["org_path", "received_on"], name="cor_invest_scope_received",
                         include=["commissioner_kind", "opinion", "proposed_category", "urgent"]),
                   models.Index(fields=["org_path", "completed_on"], name="cor_invest_scope_done",
                         include=["due_on", "opinion", "urgent"])]

    def __str__(self):
        return f"{self.number or '调查评估'} {self.person_name}"

    @property
    def late(self) -> bool:
        return bool(self.completed_on and self.completed_on > self.due_on)


# --- daily supervision ---------------------------------------------------------------------------------------


class ReportMethod(models.TextChoices):
    IN_PERSON = "in_person", "当面报告"
    PHONE = "phone", "电话报告"
    VIDEO = "video", "视频报告"
    WRITTEN = "written", "书面报告"


class Report(CorrectionsRecord):
    """定期报告: the subject reports on their activities and conduct (实施办法, 报告频次按管理类别)."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="reports", verbose_name="社区矫正对象")
    reported_on = models.DateField("报告日期")
    method = models.CharField("报告方式", max_length=10, choices=ReportMethod.choices)
    content = models.TextField("报告内容", blank=True)

    detail_url_name = "corrections:subject_detail"

    class Meta:
        verbose_name = "定期报告"
        verbose_name_plural = "定期报告"
        ordering = ["-reported_on", "-id"]
        indexes = [models.Index(fields=["org_path", "reported_on"], name="cor_report_scope_date")]

    def __str__(self):
        return f"{self.subject.name} {self.reported_on}{self.get_method_display()}"

    def detail_pk(self):
        return self.subject_id


class VisitorKind(models.TextChoices):
    STAFF = "staff", "司法所工作人员"
    CONTRACTED = "contracted", "购买服务社会工作者"
    POLICE = "police", "民警"
    GRID = "grid", "网格员"


class FieldVisit(CorrectionsRecord):
    """走访 (实地查访, 第二十六条), also by contracted social-work services (seed 001)."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="visits", verbose_name="社区矫正对象")
    visited_on = models.DateField("走访日期")
    visitor_kind = models.CharField("走访人员类别", max_length=12, choices=VisitorKind.choices)
    visitors = models.CharField("走访人员", max_length=100)
    place = models.CharField("走访地点", max_length=200, blank=True)
    content = models.TextField("走访情况")

    detail_url_name = "corrections:subject_detail"

    class Meta:
        verbose_name = "走访"
        verbose_name_plural = "走访"
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["org_path", "visited_on"], name="cor_visit_scope_date",
                         include=["subject_id", "visitor_kind"])]

    def __str__(self):
        return f"{self.subject.name} {self.visited_on}走访"

    def detail_pk(self):
        return self.subject_id


class EducationKind(models.TextChoices):
    LAW = "law", "法治道德教育"
    PSYCH = "psych", "心理辅导"
    SKILL = "skill", "职业技能培训"
    EMPLOYMENT = "employment", "就业指导"
    COMMUNITY = "community", "公益活动"


class Education(CorrectionsRecord):
    """教育学习 and 公益活动 (第三十六、四十二条), counted in hours."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="education",
                                verbose_name="社区矫正对象")
    held_on = models.DateField("日期")
    kind = models.CharField("类别", max_length=12, choices=EducationKind.choices)
    hours = models.DecimalField("时长（小时）", max_digits=5, decimal_places=1)
    online = models.BooleanField("线上", default=False)
    content = models.CharField("内容", max_length=200)

    detail_url_name = "corrections:subject_detail"

    class Meta:
        verbose_name = "教育学习和公益活动"
        verbose_name_plural = "教育学习和公益活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org_path", "held_on"], name="cor_edu_scope_date",
                         include=["hours", "kind", "online"])]

    def __str__(self):
        return f"{self.subject.name} {self.held_on}{self.get_kind_display()}"

    def detail_pk(self):
        return self.subject_id


class CheckMethod(models.TextChoices):
    PHONE_LOCATION = "phone_location", "手机定位"
    TRACK = "track", "轨迹比对"
    VIDEO = "video", "视频点验"
    CALL = "call", "通信联络"


class CheckFinding(models.TextChoices):
    NORMAL = "normal", "正常"
    UNAUTHORISED_DEPARTURE = "departure", "私自外出"
    ABNORMAL_TRACK = "abnormal", "轨迹异常"
    UNREACHABLE = "unreachable", "无法联系"


class InfoCheck(CorrectionsRecord):
    """信息化核查 (第二十六条): no approval is needed, unlike 电子定位."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="checks", verbose_name="社区矫正对象")
    checked_on = models.DateField("核查日期")
    method = models.CharField("核查方式", max_length=15, choices=CheckMethod.choices)
    finding = models.CharField("核查结果", max_length=12, choices=CheckFinding.choices, default=CheckFinding.NORMAL)
    note = models.TextField("情况说明", blank=True)
    handled = models.CharField("处理情况", max_length=200, blank=True)

    detail_url_name = "corrections:subject_detail"

    class Meta:
        verbose_name = "信息化核查"
        verbose_name_plural = "信息化核查"
        ordering = ["-checked_on", "-id"]
        indexes = [models.Index(fields=["org_path", "checked_on"], name="cor_check_scope_date",
                         include=["finding", "method", "subject_id"])]

    def __str__(self):
        return f"{self.subject.name} {self.checked_on}{self.get_method_display()}"

    def detail_pk(self):
        return self.subject_id


# --- leave and change of place -------------------------------------------------------------------------------


class LeaveStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    REVIEWED = "reviewed", "司法所已初审，待县级审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "不予批准"
    WITHDRAWN = "withdrawn", "已撤回"
    RETURNED = "returned", "已销假"


LIVE_LEAVE_STATUSES = (LeaveStatus.PENDING, LeaveStatus.REVIEWED, LeaveStatus.APPROVED, LeaveStatus.RETURNED)
AWAITING_LEAVE_STATUSES = (LeaveStatus.PENDING, LeaveStatus.REVIEWED)


class LeaveRequest(CorrectionsRecord):
    """离开所居住的市、县 (第二十七条): ≤7 days 司法所 approves; longer, and 经常性跨市县活动, the county decides."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="leaves", verbose_name="社区矫正对象")
    kind = models.CharField("类别", max_length=10, choices=LeaveKind.choices, default=LeaveKind.TRIP)
    destination = models.CharField("前往地", max_length=200)
    reason = models.TextField("事由")
    start_on = models.DateField("外出起始日")
    end_on = models.DateField("外出截止日")
    days = models.PositiveSmallIntegerField("外出天数")
    requested_on = models.DateField("申请日期")
    status = models.CharField("状态", max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.PENDING,
                              db_index=True)
    reviewed_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name="初审人")
    reviewed_on = models.DateField("初审日期", null=True, blank=True)
    review_opinion = models.CharField("初审意见", max_length=500, blank=True)
    decided_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name="审批人")
    decided_on = models.DateField("审批日期", null=True, blank=True)
    decision_level = models.CharField("审批层级", max_length=20, blank=True)
    opinion = models.CharField("审批意见", max_length=500, blank=True)
    returned_on = models.DateField("销假日期", null=True, blank=True)

    detail_url_name = "corrections:leave_detail"

    class Meta:
        verbose_name = "外出请假"
        verbose_name_plural = "外出请假"
        ordering = ["-requested_on", "-id"]
        indexes = [models.Index(fields=["org_path", "requested_on"], name="cor_leave_scope_request",
                         include=["kind", "status"]),
                   models.Index(fields=["org_path", "decided_on"], name="cor_leave_scope_decided",
                         include=["kind", "status"])]

    def __str__(self):
        return f"{self.subject.name} {self.start_on:%m-%d}至{self.end_on:%m-%d}{self.get_kind_display()}"

    @property
    def needs_county(self) -> bool:
        return rules.leave_needs_county(self.kind, self.days)


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "不予批准"


class ResidenceChange(CorrectionsRecord):
    """变更执行地 (第二十七条第二款): applied for one month ahead; the county decides."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="residence_changes",
                                verbose_name="社区矫正对象")
    requested_on = models.DateField("申请日期")
    move_on = models.DateField("拟迁居日期")
    new_address = models.CharField("新居住地", max_length=200)
    new_org = models.ForeignKey("core.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                verbose_name="变更后司法所（本县）")
    new_institution = models.CharField("变更后社区矫正机构（外县）", max_length=100, blank=True)
    reason = models.TextField("理由")
    status = models.CharField("状态", max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING)
    decided_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name="审批人")
    decided_on = models.DateField("审批日期", null=True, blank=True)
    opinion = models.CharField("审批意见", max_length=500, blank=True)

    sensitive_fields = ("new_address",)
    sensitive_masks = {"new_address": "address"}
    detail_url_name = "corrections:subject_detail"

    class Meta:
        verbose_name = "变更执行地"
        verbose_name_plural = "变更执行地"
        ordering = ["-requested_on", "-id"]

    def __str__(self):
        return f"{self.subject.name} 变更执行地（{self.requested_on}）"

    def detail_pk(self):
        return self.subject_id


# --- 电子定位 --------------------------------------------------------------------------------------------------


class MonitorSituation(models.TextChoices):
    """The only five situations in which an electronic tag may be used (第二十九条第一款)."""

    PROHIBITION = "prohibition", "违反人民法院禁止令"
    LEFT_AREA = "left_area", "无正当理由，未经批准离开所居住的市、县"
    REFUSED_REPORT = "refused_report", "拒不按照规定报告自己的活动情况，被给予警告"
    PUNISHED = "punished", "违反监督管理规定，被给予治安管理处罚"
    REVOCATION = "revocation", "拟提请撤销缓刑、假释或者暂予监外执行收监执行"


class MonitorStatus(models.TextChoices):
    PROPOSED = "proposed", "待负责人批准"
    ACTIVE = "active", "使用中"
    REJECTED = "rejected", "不予批准"
    ENDED = "ended", "已解除"


class ElectronicMonitor(CorrectionsRecord):
    """电子定位装置: county head's approval, at most three months a period, each renewal at most three months."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="monitors",
                                verbose_name="社区矫正对象")
    situation = models.CharField("适用情形", max_length=15, choices=MonitorSituation.choices)
    facts = models.TextField("事实和理由")
    proposed_on = models.DateField("提出日期")
    proposed_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name="提出人")
    months = models.PositiveSmallIntegerField("申请期限（月）")
    status = models.CharField("状态", max_length=10, choices=MonitorStatus.choices, default=MonitorStatus.PROPOSED,
                              db_index=True)
    approved_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name="批准人")
    approved_on = models.DateField("批准日期", null=True, blank=True)
    start_on = models.DateField("使用起始日", null=True, blank=True)
    end_on = models.DateField("使用截止日", null=True, blank=True)
    ended_on = models.DateField("解除日期", null=True, blank=True)
    end_reason = models.CharField("解除或不予批准理由", max_length=500, blank=True)

    unmask_capability = "read_tracks"
    detail_url_name = "corrections:monitor_detail"

    class Meta:
        verbose_name = "电子定位"
        verbose_name_plural = "电子定位"
        ordering = ["-proposed_on", "-id"]
        indexes = [models.Index(fields=["org_path", "approved_on"], name="cor_monitor_scope_approved",
                         include=["situation", "status"]),
                   models.Index(fields=["org_path", "start_on"], name="cor_monitor_scope_start",
                                include=["ended_on", "status"])]

    def __str__(self):
        return f"{self.subject.name} 电子定位（{self.get_status_display()}）"


class MonitorRenewal(CorrectionsRecord):
    monitor = models.ForeignKey(ElectronicMonitor, on_delete=models.CASCADE, related_name="renewals",
                                verbose_name="电子定位")
    approved_on = models.DateField("批准日期")
    approved_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name="批准人")
    months = models.PositiveSmallIntegerField("延长（月）")
    previous_end = models.DateField("原截止日")
    new_end = models.DateField("延长后截止日")
    assessment = models.TextField("评估意见")

    detail_url_name = "corrections:monitor_detail"

    class Meta:
        verbose_name = "电子定位延长"
        verbose_name_plural = "电子定位延长"
        ordering = ["monitor_id", "approved_on", "id"]

    def __str__(self):
        return f"{self.monitor} 延长至{self.new_end}"

    def detail_pk(self):
        return self.monitor_id


# --- 考核奖惩 --------------------------------------------------------------------------------------------------


# Measures the county decides itself, and those it submits to the police or the court.
DECIDED_KINDS = (SanctionKind.PRAISE, SanctionKind.ADMONITION, SanctionKind.WARNING)
SUBMITTED_KINDS = (SanctionKind.PUBLIC_SECURITY, SanctionKind.REVOKE_PROBATION, SanctionKind.REVOKE_PAROLE,
                   SanctionKind.COMMIT)
REVOCATION_KINDS = (SanctionKind.REVOKE_PROBATION, SanctionKind.REVOKE_PAROLE, SanctionKind.COMMIT)


class SanctionStatus(models.TextChoices):
    PROPOSED = "proposed", "待县级决定"
    DECIDED = "decided", "已决定"
    DECLINED = "declined", "不予实施"
    SUBMITTED = "submitted", "已提请，待裁决"
    UPHELD = "upheld", "已裁决（支持）"
    DISMISSED = "dismissed", "已裁决（不支持）"


class RewardSanction(CorrectionsRecord):
    """考核奖惩 (第二十八条) with its legal ground (rules.SANCTION_GROUNDS)."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="sanctions",
                                verbose_name="社区矫正对象")
    kind = models.CharField("类别", max_length=20, choices=SanctionKind.choices)
    ground = models.CharField("依据情形", max_length=30)
    facts = models.TextField("事实")
    proposed_on = models.DateField("提出日期")
    proposed_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name="提出人")
    status = models.CharField("状态", max_length=10, choices=SanctionStatus.choices, default=SanctionStatus.PROPOSED,
                              db_index=True)
    decided_on = models.DateField("决定（提请）日期", null=True, blank=True)
    decided_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name="决定人")
    document_no = models.CharField("文书编号", max_length=60, blank=True)
    submitted_to = models.CharField("提请机关", max_length=100, blank=True)
    ruling_due = models.DateField("裁决期限", null=True, blank=True)
    ruled_on = models.DateField("裁决日期", null=True, blank=True)
    ruling_no = models.CharField("裁定（决定）书文号", max_length=100, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)

    detail_url_name = "corrections:sanction_detail"

    class Meta:
        verbose_name = "考核奖惩"
        verbose_name_plural = "考核奖惩"
        ordering = ["-proposed_on", "-id"]
        indexes = [models.Index(fields=["org_path", "decided_on"], name="cor_sanction_scope_decided",
                         include=["kind", "status"])]

    def __str__(self):
        return f"{self.subject.name} {self.get_kind_display()}"

    @property
    def ground_label(self) -> str:
        return rules.ground_label(self.kind, self.ground)


# --- 失联 and 警矫联动 ----------------------------------------------------------------------------------------


class AbscondingStatus(models.TextChoices):
    SEARCHING = "searching", "查找中"
    FOUND = "found", "已查找到"
    CLOSED = "closed", "已处理完毕"


class Absconding(CorrectionsRecord):
    """失去联系 (第三十条): search at once, with the police (警矫联动); then deal with it by its circumstances."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="abscondings",
                                verbose_name="社区矫正对象")
    lost_on = models.DateField("失联日期")
    circumstances = models.TextField("失联情况")
    police_requested_on = models.DateField("提请公安协查日期", null=True, blank=True)
    police_station = models.CharField("协查公安机关", max_length=100, blank=True)
    police_reply = models.CharField("公安协查情况", max_length=500, blank=True)
    found_on = models.DateField("查找到日期", null=True, blank=True)
    found_how = models.CharField("查找到情况", max_length=500, blank=True)
    status = models.CharField("状态", max_length=10, choices=AbscondingStatus.choices,
                              default=AbscondingStatus.SEARCHING, db_index=True)
    closed_on = models.DateField("处理完毕日期", null=True, blank=True)
    handling = models.CharField("处理结果", max_length=500, blank=True)

    detail_url_name = "corrections:absconding_detail"

    class Meta:
        verbose_name = "失联查找"
        verbose_name_plural = "失联查找"
        ordering = ["-lost_on", "-id"]
        indexes = [models.Index(fields=["org_path", "lost_on"], name="cor_absc_scope_lost",
                         include=["status"])]

    def __str__(self):
        return f"{self.subject.name} {self.lost_on}失联"

    @property
    def days_lost(self) -> int | None:
        """Days out of supervision (脱管): from the day contact was lost to the day found (or today)."""
        end = self.found_on or timezone.localdate()
        return (end - self.lost_on).days


# --- 卷宗评查 --------------------------------------------------------------------------------------------------


class ReviewKind(models.TextChoices):
    SELF = "self", "自查"
    MUTUAL = "mutual", "互查"
    SUPERIOR = "superior", "上级评查"


class ReviewResult(models.TextChoices):
    GOOD = "good", "合格"
    FLAWED = "flawed", "瑕疵卷"
    FAILED = "failed", "不合格卷"


class ReviewStatus(models.TextChoices):
    CLOSED = "closed", "无需整改"
    RECTIFYING = "rectifying", "整改中"
    RECTIFIED = "rectified", "已整改"


class FileReview(CorrectionsRecord):
    """卷宗自查/互查/评查 against the checklist (rules.FILE_CHECKLIST): each item 合格/瑕疵/缺失, findings,
    and rectification of flawed files (seed 000: 2576卷自查互查, 瑕疵卷整改完毕)."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="file_reviews",
                                verbose_name="社区矫正对象")
    kind = models.CharField("评查类别", max_length=10, choices=ReviewKind.choices)
    reviewed_on = models.DateField("评查日期")
    reviewers = models.CharField("评查人", max_length=100)
    items = models.JSONField("评查项目", default=dict)
    result = models.CharField("评查结论", max_length=10, choices=ReviewResult.choices)
    findings = models.TextField("发现问题", blank=True)
    status = models.CharField("整改状态", max_length=12, choices=ReviewStatus.choices, db_index=True)
    rectify_by = models.DateField("整改期限", null=True, blank=True)
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    rectification = models.TextField("整改情况", blank=True)

    detail_url_name = "corrections:review_detail"

    class Meta:
        verbose_name = "卷宗评查"
        verbose_name_plural = "卷宗评查"
        ordering = ["-reviewed_on", "-id"]
        indexes = [models.Index(fields=["org_path", "reviewed_on"], name="cor_review_scope_date",
                         include=["kind", "result", "status"]),
                   models.Index(fields=["org_path", "rectified_on"], name="cor_review_scope_rectified")]

    def __str__(self):
        return f"{self.subject.name}卷宗{self.get_kind_display()}（{self.reviewed_on}）"


# --- 安置帮教 --------------------------------------------------------------------------------------------------


class ReleaseStatus(models.TextChoices):
    NOTIFIED = "notified", "待衔接"
    LINKED = "linked", "已衔接"
    UNLINKED = "unlinked", "未衔接"
    LOST = "lost", "脱管"
    REOFFENDED = "reoffended", "重新犯罪"
    ENDED = "ended", "帮教期满"


TRACKED_RELEASE_STATUSES = (ReleaseStatus.LINKED, ReleaseStatus.LOST)


class ReleasedPerson(CorrectionsRecord):
    """A 刑满释放人员 handed over by the prison: the 《刑满释放人员通知书》 arrives a month before release
    (综治委〔1999〕5号), key persons are escorted home (必接必送), then five years of 帮教 (DOMAIN §6)."""

    name = models.CharField("姓名", max_length=50)
    sex = models.CharField("性别", max_length=2, choices=Sex.choices)
    id_number = models.CharField("身份证号码", max_length=18)
    address = models.CharField("户籍地（居住地）", max_length=200, blank=True)
    crime = models.CharField("罪名", max_length=200)
    sentence = models.CharField("原判刑罚", max_length=200, blank=True)
    prison = models.CharField("原服刑监所", max_length=100)
    release_on = models.DateField("释放日期")
    notice_received_on = models.DateField("收到释放通知书日期", null=True, blank=True)
    key_person = models.BooleanField("重点帮教对象", default=False,
                                     help_text="重点帮教对象须必接必送")
    picked_up_on = models.DateField("接回日期", null=True, blank=True)
    escorts = models.CharField("接送人员", max_length=200, blank=True)
    linked_on = models.DateField("衔接（建档）日期", null=True, blank=True)
    resettled_on = models.DateField("安置日期", null=True, blank=True,
                                    help_text="首次落实就业、创业、务农或社会救助的日期")
    tracking_until = models.DateField("帮教期至")
    status = models.CharField("状态", max_length=12, choices=ReleaseStatus.choices, default=ReleaseStatus.NOTIFIED,
                              db_index=True)
    reoffended_on = models.DateField("重新犯罪日期", null=True, blank=True)
    lost_on = models.DateField("脱管日期", null=True, blank=True)
    ended_on = models.DateField("帮教结束日期", null=True, blank=True, help_text="帮教期满或重新犯罪之日")
    note = models.TextField("备注", blank=True)

    sensitive_fields = ("id_number", "address", "crime", "sentence")
    sensitive_masks = {"crime": "text", "sentence": "text", "address": "address"}
    detail_url_name = "corrections:released_detail"

    class Meta:
        verbose_name = "刑满释放人员"
        verbose_name_plural = "刑满释放人员"
        ordering = ["-release_on", "-id"]
        indexes = [models.Index(fields=["org_path", "release_on"], name="cor_released_scope_release",
                         include=["key_person", "linked_on", "picked_up_on", "resettled_on", "sex", "status"]),
                   models.Index(fields=["org_path", "linked_on"], name="cor_released_scope_linked",
                         include=["ended_on", "key_person"]),
                   models.Index(fields=["org_path", "reoffended_on"], name="cor_released_scope_reoff",
                         include=["key_person"])]

    def __str__(self):
        return f"{self.name}（{self.release_on}释放）"


class AftercareMember(CorrectionsRecord):
    """A member of the 帮教小组."""

    person = models.ForeignKey(ReleasedPerson, on_delete=models.CASCADE, related_name="helpers",
                               verbose_name="刑满释放人员")
    name = models.CharField("姓名", max_length=50)
    role = models.CharField("身份", max_length=15, choices=MemberRole.choices)
    phone = models.CharField("联系电话", max_length=20, blank=True)

    sensitive_fields = ("phone",)
    detail_url_name = "corrections:released_detail"

    class Meta:
        verbose_name = "帮教小组成员"
        verbose_name_plural = "帮教小组成员"
        ordering = ["person_id", "id"]

    def __str__(self):
        return f"{self.name}（{self.get_role_display()}）"

    def detail_pk(self):
        return self.person_id


class ResettlementKind(models.TextChoices):
    EMPLOYED = "employed", "就业"
    SELF_EMPLOYED = "self_employed", "自主创业"
    FARMING = "farming", "务农"
    ASSISTANCE = "assistance", "社会救助（低保、临时救助）"
    TRAINING = "training", "技能培训"
    HOUSING = "housing", "落实住所"


SETTLED_KINDS = (ResettlementKind.EMPLOYED, ResettlementKind.SELF_EMPLOYED, ResettlementKind.FARMING,
                 ResettlementKind.ASSISTANCE)


class Resettlement(CorrectionsRecord):
    """安置 (《监狱法》第三十七条): employment, assistance, training."""

    person = models.ForeignKey(ReleasedPerson, on_delete=models.CASCADE, related_name="resettlements",
                               verbose_name="刑满释放人员")
    kind = models.CharField("安置方式", max_length=15, choices=ResettlementKind.choices)
    settled_on = models.DateField("日期")
    detail = models.CharField("具体情况", max_length=200)

    detail_url_name = "corrections:released_detail"

    class Meta:
        verbose_name = "安置"
        verbose_name_plural = "安置"
        ordering = ["-settled_on", "-id"]
        indexes = [models.Index(fields=["org_path", "settled_on"], name="cor_resettle_scope_date")]

    def __str__(self):
        return f"{self.person.name} {self.get_kind_display()}"

    def detail_pk(self):
        return self.person_id


class AftercareContact(CorrectionsRecord):
    """帮教记录: contact during the five-year window."""

    person = models.ForeignKey(ReleasedPerson, on_delete=models.CASCADE, related_name="contacts",
                               verbose_name="刑满释放人员")
    contacted_on = models.DateField("帮教日期")
    method = models.CharField("方式", max_length=10, choices=ReportMethod.choices)
    content = models.TextField("帮教情况")

    detail_url_name = "corrections:released_detail"

    class Meta:
        verbose_name = "帮教记录"
        verbose_name_plural = "帮教记录"
        ordering = ["-contacted_on", "-id"]
        indexes = [models.Index(fields=["org_path", "contacted_on"], name="cor_contact_scope_date")]

    def __str__(self):
        return f"{self.person.name} {self.contacted_on}帮教"

    def detail_pk(self):
        return self.person_id
