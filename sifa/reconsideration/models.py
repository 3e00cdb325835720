"""行政复议: the records of the reconsideration line (DOMAIN.md §9).

The county government is the 复议机关 and the 司法局 its 复议机构, so every record here is owned by the county
bureau's unit (or a unit under it, such as its 行政复议与应诉股): a 司法所 sees none of them, the bureau and
the levels above see all. The respondents are the county's administrative agencies, kept as records of their
own (`Agency`, with a validated 统一社会信用代码), so a case, a lawsuit and the indicators "by agency" all point
at one name.

Cases filed before 2024-01-01 follow the 2017 law and its 2007 条例, later ones the 2023 law; `law_version` is
chosen by the filing date and decides which outcomes and procedures are allowed (rules.py).

Field changes happen only through sifa.reconsideration.actions.
"""

from django.db import models
from django.urls import reverse

from sifa.core.masking import mask_name
from sifa.core.models import ScopedModel


class LawVersion(models.TextChoices):
    LAW_2017 = "2017", "2017年《行政复议法》及2007年实施条例"
    LAW_2023 = "2023", "2023年修订《行政复议法》"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "当面递交"
    MAIL = "mail", "邮寄"
    ONLINE = "online", "网络"
    ORAL = "oral", "口头"


class ActType(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LICENSING = "licensing", "行政许可"
    CONFIRMATION = "confirmation", "行政确认"
    EXPROPRIATION = "expropriation", "征收征用及补偿"
    NONFEASANCE = "nonfeasance", "不履行法定职责"
    DISCLOSURE = "disclosure", "政府信息公开"
    WORK_INJURY = "work_injury", "工伤认定"
    AGREEMENT = "agreement", "行政协议"
    OTHER = "other", "其他"


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", "普通程序"
    SIMPLE = "simple", "简易程序"


class CaseStatus(models.TextChoices):
    RECEIVED = "received", "待受理审查"
    CORRECTION = "correction", "补正中"
    DECLINED = "declined", "不予受理"
    ABANDONED = "abandoned", "视为放弃申请"
    HEARING = "hearing", "审理中"
    SUSPENDED = "suspended", "中止审理"
    DECIDED = "decided", "已审结待送达"
    SERVED = "served", "已送达"


REVIEW_STATUSES = {CaseStatus.RECEIVED, CaseStatus.CORRECTION}
OPEN_STATUSES = {CaseStatus.HEARING, CaseStatus.SUSPENDED}
CLOSED_STATUSES = {CaseStatus.DECIDED, CaseStatus.SERVED}


class Outcome(models.TextChoices):
    """结案方式 (DOMAIN §9; 2023 law 第63–69、73–74条, 2007 条例第40、42、48、50条)."""

    UPHELD = "upheld", "维持"
    CLAIM_REJECTED = "claim_rejected", "驳回复议请求"
    APPLICATION_REJECTED = "application_rejected", "驳回复议申请"
    VARIED = "varied", "变更"
    REVOKED = "revoked", "撤销"
    PARTLY_REVOKED = "partly_revoked", "部分撤销"
    UNLAWFUL = "unlawful", "确认违法"
    VOID = "void", "确认无效"
    ORDERED = "ordered", "责令履行"
    MEDIATED = "mediated", "调解"
    SETTLED = "settled", "终止（和解）"
    WITHDRAWN = "withdrawn", "终止（撤回申请）"
    TERMINATED = "terminated", "终止（其他情形）"


# 直接纠错: the decisions that themselves correct the act (DOMAIN §9 直接纠错率).
DIRECT_CORRECTIONS = {Outcome.VARIED, Outcome.REVOKED, Outcome.PARTLY_REVOKED, Outcome.UNLAWFUL, Outcome.VOID,
                      Outcome.ORDERED}
TERMINATIONS = {Outcome.SETTLED, Outcome.WITHDRAWN, Outcome.TERMINATED}
# Outcomes after which the respondent may have corrected its act itself (综合纠错率's extra part).
SELF_CORRECTABLE = {Outcome.MEDIATED, Outcome.SETTLED, Outcome.WITHDRAWN}
# The 2017 law and the 2007 条例 know neither 确认无效 nor 驳回复议请求 (introduced by the 2023 law, 第67、69条).
NOT_IN_2017 = {Outcome.VOID, Outcome.CLAIM_REJECTED}


class SuspensionGround(models.TextChoices):
    """中止 (2023 law 第39条, ten grounds)."""

    DEATH = "death", "作为申请人的公民死亡，其近亲属尚未确定是否参加行政复议"
    INCAPACITY = "incapacity", "作为申请人的公民丧失参加行政复议的行为能力，尚未确定法定代理人"
    MISSING = "missing", "作为申请人的公民下落不明"
    DISSOLVED = "dissolved", "作为申请人的法人或者其他组织终止，尚未确定权利义务承受人"
    FORCE_MAJEURE = "force_majeure", "申请人、被申请人因不可抗力或者其他正当理由，不能参加行政复议"
    CONSULTATION = "consultation", "依法进行调解、和解，申请人和被申请人同意中止"
    INTERPRETATION = "interpretation", "行政复议案件涉及的法律适用问题需要有权机关作出解释或者确认"
    OTHER_CASE = "other_case", "行政复议案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结"
    NORM_REVIEW = "norm_review", "申请人依法提出对有关规范性文件的附带审查申请"
    OTHER = "other", "需要中止行政复议的其他情形"


class TerminationGround(models.TextChoices):
    """终止 (2023 law 第41条, five grounds)."""

    WITHDRAWAL = "withdrawal", "申请人撤回行政复议申请，行政复议机构准予撤回"
    NO_SUCCESSOR = "no_successor", "作为申请人的公民死亡，没有近亲属或者其近亲属放弃行政复议权利"
    ORG_ENDED = "org_ended", "作为申请人的法人或者其他组织终止，没有权利义务承受人或者其承受人放弃行政复议权利"
    CRIMINAL = "criminal", "申请人对行政拘留或者限制人身自由的行政强制措施不服申请行政复议后，因同一违法行为涉嫌犯罪，被采取刑事强制措施"
    LONG_SUSPENSION = "long_suspension", "中止行政复议满六十日，中止原因仍未消除"


class Mode(models.TextChoices):
    CONCENTRATED = "concentrated", "四集中（集中受理、审理、决定、送达）"
    BUREAU = "bureau", "行政复议局+咨询委员会"


class Denominator(models.TextChoices):
    CLOSED = "closed", "审结（含上年结转）"
    CLOSED_SUBSTANTIVE = "closed_substantive", "审结（不含程序性终止）"
    ACCEPTED = "accepted", "受理"


# --- reference records ---


class Agency(ScopedModel):
    """A county administrative agency that may be a respondent (被申请人) or a defendant (被告): the county
    government itself and its departments. Owned by the bureau that keeps the list."""

    name = models.CharField("机关名称", max_length=100)
    credit_code = models.CharField("统一社会信用代码", max_length=18)
    is_government = models.BooleanField("是否为县（区）人民政府", default=False)
    head_name = models.CharField("主要负责人", max_length=50, blank=True)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "行政机关"
        verbose_name_plural = "行政机关"
        ordering = ["org_path", "-is_government", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "credit_code"], name="uniq_agency_org_code")]

    def __str__(self):
        return self.name


class CommitteeMember(ScopedModel):
    """A member of the 行政复议委员会 (2023 law 第52条), consulted on hard cases."""

    name = models.CharField("姓名", max_length=50)
    profession = models.CharField("工作单位及职务", max_length=100, blank=True)
    expertise = models.CharField("专业领域", max_length=100, blank=True)
    appointed_on = models.DateField("聘任日期")
    left_on = models.DateField("解聘日期", null=True, blank=True)

    class Meta:
        verbose_name = "行政复议委员会委员"
        verbose_name_plural = "行政复议委员会委员"
        ordering = ["org_path", "appointed_on", "id"]

    def __str__(self):
        return self.name


class ReviewSettings(ScopedModel):
    """The bureau's own choices: its working mode and the parts of its published rates (DOMAIN §9 【歧义】:
    综合纠错率's denominator and extra part, 协调调撤率's parts). One row per bureau; without one the defaults
    below apply — seed 001's 综合纠错率 (直接纠错 + 调解/和解中被申请人自行纠正, ÷ 审结含结转) and seed 002's
    协调调撤率 ((调解 + 协调撤回) ÷ 审结含旧存)."""

    mode = models.CharField("办案模式", max_length=15, choices=Mode.choices, default=Mode.CONCENTRATED)
    correction_counts_mediated = models.BooleanField("综合纠错计入调解结案中被申请人自行纠正的", default=True)
    correction_counts_settled = models.BooleanField("综合纠错计入和解、撤回中被申请人自行纠正的", default=True)
    correction_denominator = models.CharField("纠错率分母", max_length=20, choices=Denominator.choices,
                                              default=Denominator.CLOSED)
    settlement_counts_withdrawn = models.BooleanField("调撤率计入和解、撤回终止的", default=True)
    settlement_denominator = models.CharField("调撤率分母", max_length=20, choices=Denominator.choices,
                                              default=Denominator.CLOSED)

    class Meta:
        verbose_name = "行政复议设置"
        verbose_name_plural = "行政复议设置"
        constraints = [models.UniqueConstraint(fields=["org"], name="uniq_reconsideration_settings_org")]

    def __str__(self):
        return f"{self.org} 行政复议设置"


# --- cases ---


class Case(ScopedModel):
    """A 行政复议 case from receipt to service. Dates are the workflow: each step fills its own, and the due
    dates beside them are computed by rules.py from DeadlineRules (working days for 受理审查/补正/答复,
    calendar days for 决定) with 补正 and 中止 as pauses."""

    number = models.CharField("案号", max_length=60, blank=True)
    law_version = models.CharField("适用法律", max_length=4, choices=LawVersion.choices)
    channel = models.CharField("申请方式", max_length=10, choices=Channel.choices)
    oral_record = models.TextField("口头申请笔录", blank=True)
    applicant_name = models.CharField("申请人", max_length=100)
    applicant_id_number = models.CharField("申请人身份证号码或统一社会信用代码", max_length=18, blank=True)
    applicant_mobile = models.CharField("申请人手机号码", max_length=11, blank=True)
    applicant_address = models.CharField("申请人住所", max_length=200, blank=True)
    respondent = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="cases", verbose_name="被申请人")
    act_type = models.CharField("行政行为类型", max_length=15, choices=ActType.choices)
    act_description = models.TextField("被申请复议的行政行为")
    request = models.TextField("复议请求")
    filed_on = models.DateField("申请日期")
    received_on = models.DateField("收到日期")
    status = models.CharField("状态", max_length=12, choices=CaseStatus.choices, default=CaseStatus.RECEIVED)
    review_due = models.DateField("受理审查期限", null=True, blank=True)
    correction_requested_on = models.DateField("补正通知日期", null=True, blank=True)
    correction_items = models.TextField("补正事项", blank=True)
    correction_due = models.DateField("补正期限", null=True, blank=True)
    corrected_on = models.DateField("收到补正材料日期", null=True, blank=True)
    declined_on = models.DateField("不予受理日期", null=True, blank=True)
    decline_reason = models.TextField("不予受理理由", blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    deemed_accepted = models.BooleanField("逾期视为受理", default=False)
    procedure = models.CharField("审理程序", max_length=10, choices=Procedure.choices, blank=True)
    copy_due = models.DateField("发送申请书副本期限", null=True, blank=True)
    copy_sent_on = models.DateField("发送申请书副本日期", null=True, blank=True)
    reply_due = models.DateField("答复期限", null=True, blank=True)
    replied_on = models.DateField("被申请人答复日期", null=True, blank=True)
    hearing_on = models.DateField("听证日期", null=True, blank=True)
    committee_consulted_on = models.DateField("提请复议委员会咨询日期", null=True, blank=True)
    committee_opinion = models.TextField("复议委员会咨询意见", blank=True)
    decision_due = models.DateField("决定期限", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField("延长天数", default=0)
    extension_approved_by = models.CharField("延长批准人", max_length=50, blank=True)
    extension_approved_on = models.DateField("延长批准日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    decision_days = models.PositiveIntegerField("审理用时（日，扣除中止）", null=True, blank=True)
    outcome = models.CharField("结案方式", max_length=22, choices=Outcome.choices, blank=True)
    termination_ground = models.CharField("终止情形", max_length=20, choices=TerminationGround.choices, blank=True)
    respondent_corrected = models.BooleanField("被申请人自行纠正", default=False)
    decision_summary = models.TextField("决定（调解）主要内容", blank=True)
    decision_number = models.CharField("决定书文号", max_length=60, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    opinion_issued_on = models.DateField("意见书（建议书）制发日期", null=True, blank=True)
    opinion_content = models.TextField("意见书（建议书）内容", blank=True)
    opinion_reply_due = models.DateField("意见书回复期限", null=True, blank=True)
    opinion_replied_on = models.DateField("意见书回复日期", null=True, blank=True)
    tracking_code = models.CharField("查询码", max_length=40, blank=True, db_index=True)
    source_system = models.CharField("来源系统", max_length=50, blank=True)

    sensitive_fields = ("applicant_id_number", "applicant_mobile")

    class Meta:
        verbose_name = "行政复议案件"
        verbose_name_plural = "行政复议案件"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["org_path", "received_on"], name="rc_case_scope_received",
                         include=["act_type", "channel", "status"]),
            models.Index(fields=["org_path", "accepted_on"], name="rc_case_scope_accepted",
                         include=["act_type", "procedure", "respondent_id"]),
            models.Index(fields=["org_path", "declined_on"], name="rc_case_scope_declined"),
            models.Index(fields=["org_path", "closed_on"], name="rc_case_scope_closed",
                         include=["outcome", "respondent_corrected", "act_type", "respondent_id", "accepted_on",
                                  "decision_days", "status"]),
            models.Index(fields=["status", "decision_due", "org_path"], name="rc_case_open_due"),
        ]
        constraints = [models.UniqueConstraint(fields=["number"], name="uniq_reconsideration_number",
                                               condition=~models.Q(number=""))]

    def __str__(self):
        return self.number or f"复议申请第{self.pk}号"

    def get_absolute_url(self):
        return reverse("reconsideration:case_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return self.number or f"待受理（收件第{self.pk}号）"

    @property
    def applicant_masked(self) -> str:
        return mask_name(self.applicant_name)

    @property
    def pauses(self) -> list[tuple]:
        """The decision period's pauses (中止), in order; an open one ends with None."""
        return [(s.started_on, s.resumed_on) for s in self.suspensions.order_by("started_on", "id")]


class Suspension(ScopedModel):
    """中止: the decision period stops running from `started_on` and runs again the day after `resumed_on`."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspensions", verbose_name="复议案件")
    ground = models.CharField("中止情形", max_length=20, choices=SuspensionGround.choices)
    started_on = models.DateField("中止日期")
    resumed_on = models.DateField("恢复审理日期", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "中止记录"
        verbose_name_plural = "中止记录"
        ordering = ["case_id", "started_on", "id"]

    def __str__(self):
        return f"{self.case} {self.started_on}中止"
