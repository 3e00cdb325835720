"""人民调解与矛盾纠纷排查化解: the records of the mediation line (DOMAIN.md §2).

A 人民调解委员会 is an org unit of the tree (kind 人民调解委员会, under its 司法所 or, for county-level and
sector committees, under the 司法局) with a `MediationCommittee` profile whose `org` is that very unit. So a
case assigned to a village committee is owned by the committee's unit: the committee's mediators see their own
cases, the 司法所 sees every committee under it, the county sees all, and "all cases under X" stays one prefix
query. Every record below is a ScopedModel; records that belong to a case (parties, sessions, agreement, court
confirmation, follow-ups) move with the case when it is assigned or escalated (see actions.move_dispute).

Field changes happen only through sifa.mediation.actions.
"""

from django.db import models
from django.urls import reverse

from sifa.core.masking import mask_name
from sifa.core.models import ScopedModel


class CommitteeType(models.TextChoices):
    VILLAGE = "village", "村（居）民委员会"
    TOWNSHIP = "township", "乡镇（街道）"
    ENTERPRISE = "enterprise", "企事业单位"
    SECTOR = "sector", "行业性专业性"
    STATIONED = "stationed", "派驻（法院/公安/信访）"


class Level(models.TextChoices):
    """The level of the mediation organisation that handles a case (层级占比, DOMAIN §2)."""

    VILLAGE = "village", "村社"
    TOWNSHIP = "township", "镇街"
    COUNTY = "county", "县级"


LEVEL_RANK = {Level.VILLAGE: 1, Level.TOWNSHIP: 2, Level.COUNTY: 3}

# 《人民调解法》第八条: committees of villages, residents' committees and enterprises have three to nine members.
MEMBER_LIMITS_APPLY_TO = {CommitteeType.VILLAGE, CommitteeType.ENTERPRISE}
DEFAULT_LEVEL_BY_TYPE = {CommitteeType.VILLAGE: Level.VILLAGE, CommitteeType.TOWNSHIP: Level.TOWNSHIP,
                         CommitteeType.ENTERPRISE: Level.VILLAGE, CommitteeType.SECTOR: Level.COUNTY,
                         CommitteeType.STATIONED: Level.COUNTY}


class DisputeType(models.TextChoices):
    """纠纷类型, following the Ministry of Justice statistical form (DOMAIN §2, 待核)."""

    MARRIAGE_FAMILY = "marriage_family", "婚姻家庭纠纷"
    NEIGHBOUR = "neighbour", "邻里纠纷"
    HOUSING = "housing", "房屋宅基地纠纷"
    CONTRACT = "contract", "合同纠纷"
    DAMAGES = "damages", "损害赔偿纠纷"
    LAND = "land", "山林土地纠纷"
    REQUISITION = "requisition", "征地拆迁纠纷"
    LABOUR = "labour", "劳动争议纠纷"
    MEDICAL = "medical", "医疗纠纷"
    TRAFFIC = "traffic", "道路交通事故纠纷"
    OTHER = "other", "其他纠纷"


class Source(models.TextChoices):
    APPLICATION = "application", "当事人申请"
    SCREENING = "screening", "排查发现"
    PROACTIVE = "proactive", "主动调解"
    COURT = "court", "法院委派（诉前调解）"
    POLICE = "police", "公安机关移送"
    PETITION = "petition", "信访（诉求服务中心）移送"
    HOTLINE = "hotline", "12348热线转办"
    OTHER_REFERRAL = "other_referral", "其他部门移送"


REFERRAL_SOURCES = {Source.COURT, Source.POLICE, Source.PETITION, Source.HOTLINE, Source.OTHER_REFERRAL}


class Method(models.TextChoices):
    ONSITE = "onsite", "现场调解"
    ONLINE = "online", "线上调解"


class DisputeStatus(models.TextChoices):
    PENDING = "pending", "待受理"
    DECLINED = "declined", "不予受理"
    ACCEPTED = "accepted", "已受理"
    MEDIATING = "mediating", "调解中"
    SUCCEEDED = "succeeded", "调解成功"
    FAILED = "failed", "调解不成"
    TERMINATED = "terminated", "终止调解"
    WITHDRAWN = "withdrawn", "撤回申请"


OPEN_STATUSES = {DisputeStatus.ACCEPTED, DisputeStatus.MEDIATING}
CLOSED_STATUSES = {DisputeStatus.SUCCEEDED, DisputeStatus.FAILED, DisputeStatus.TERMINATED, DisputeStatus.WITHDRAWN}
# Outcomes that presuppose that mediation actually took place (an outcome before any session is refused).
OUTCOMES_NEEDING_SESSION = {DisputeStatus.SUCCEEDED, DisputeStatus.FAILED, DisputeStatus.TERMINATED}


class PartySide(models.TextChoices):
    APPLICANT = "applicant", "申请人"
    RESPONDENT = "respondent", "被申请人"


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    LEGAL_PERSON = "legal_person", "法人"
    ORGANISATION = "organisation", "非法人组织"


class AgreementForm(models.TextChoices):
    WRITTEN = "written", "书面协议"
    ORAL = "oral", "口头协议"


class Performance(models.TextChoices):
    NOT_PERFORMED = "not_performed", "未履行"
    PARTIAL = "partial", "部分履行"
    PERFORMED = "performed", "已履行"


class ConfirmationResult(models.TextChoices):
    PENDING = "pending", "审查中"
    CONFIRMED = "confirmed", "裁定确认协议有效"
    REJECTED = "rejected", "裁定驳回申请"


class CourtFeedback(models.TextChoices):
    """诉调对接: what the mediation organisation reports back to the court that referred the case."""

    CONFIRMATION = "confirmation", "调解成功，当事人申请司法确认"
    SETTLED = "settled", "调解成功，当事人不再起诉（撤诉）"
    RETURNED = "returned", "调解不成，退回法院登记立案"


class FollowUpMethod(models.TextChoices):
    PHONE = "phone", "电话回访"
    VISIT = "visit", "上门回访"
    ONLINE = "online", "线上回访"


class Employment(models.TextChoices):
    FULL_TIME = "full_time", "专职"
    PART_TIME = "part_time", "兼职"


class MediatorPosition(models.TextChoices):
    DIRECTOR = "director", "主任"
    DEPUTY = "deputy", "副主任"
    MEMBER = "member", "委员"
    MEDIATOR = "mediator", "调解员"


class Sex(models.TextChoices):
    MALE = "男", "男"
    FEMALE = "女", "女"


class HonourLevel(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"


class PetitionRoute(models.TextChoices):
    """援律访调联动: how a matter handed over by the petition centre is dealt with (seed 001)."""

    PSYCH = "psych", "心理疏导"
    LAWYER = "lawyer", "律师咨询"
    LEGAL_AID = "legal_aid", "法律援助咨询"
    JOINT = "joint", "联合调解"


class TransferStatus(models.TextChoices):
    RECEIVED = "received", "待分流"
    ROUTED = "routed", "已分流办理"
    DONE = "done", "已办结"


class DocumentKind(models.TextChoices):
    APPLICATION = "application", "人民调解申请书"
    MINUTES = "minutes", "调解笔录"
    AGREEMENT = "agreement", "人民调解协议书"


# --- organisations and people ---


class MediationCommittee(ScopedModel):
    """The profile of a 人民调解委员会. `org` is the committee's own org unit (one profile per unit)."""

    name = models.CharField("调委会名称", max_length=100)
    committee_type = models.CharField("调委会类型", max_length=20, choices=CommitteeType.choices)
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    sector = models.CharField("行业领域", max_length=50, blank=True,
                              help_text="行业性专业性调委会所在领域，如医疗、交通、劳动争议、商会")
    member_count = models.PositiveSmallIntegerField("委员人数")
    has_female_member = models.BooleanField("有妇女委员", default=True)
    director = models.CharField("主任", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    established_on = models.DateField("成立日期", null=True, blank=True)
    dissolved_on = models.DateField("撤销日期", null=True, blank=True)

    class Meta:
        verbose_name = "人民调解委员会"
        verbose_name_plural = "人民调解委员会"
        ordering = ["org_path"]
        constraints = [models.UniqueConstraint(fields=["org"], name="uniq_committee_org")]
        indexes = [models.Index(fields=["org_path", "established_on"], name="med_committee_scope_est",
                         include=["committee_type", "dissolved_on", "level"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("mediation:committee_detail", args=[self.pk])

    @property
    def active(self) -> bool:
        return self.dissolved_on is None


class Mediator(ScopedModel):
    """A 人民调解员. `org` is the unit of the committee the mediator serves in."""

    committee = models.ForeignKey(MediationCommittee, on_delete=models.PROTECT, related_name="mediators",
                                  verbose_name="所在调委会")
    name = models.CharField("姓名", max_length=50)
    sex = models.CharField("性别", max_length=2, choices=Sex.choices, blank=True)
    id_number = models.CharField("身份证号码", max_length=18, blank=True)
    mobile = models.CharField("手机号码", max_length=11, blank=True)
    employment = models.CharField("专兼职", max_length=10, choices=Employment.choices, default=Employment.PART_TIME)
    position = models.CharField("职务", max_length=10, choices=MediatorPosition.choices,
                                default=MediatorPosition.MEDIATOR)
    specialities = models.CharField("擅长领域", max_length=200, blank=True)
    is_expert = models.BooleanField("调解能手", default=False)
    joined_on = models.DateField("聘任日期", null=True, blank=True)
    left_on = models.DateField("离任日期", null=True, blank=True)
    user = models.OneToOneField("core.User", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="mediator_profile", verbose_name="平台账号")

    sensitive_fields = ("id_number", "mobile")

    class Meta:
        verbose_name = "人民调解员"
        verbose_name_plural = "人民调解员"
        ordering = ["org_path", "name"]
        indexes = [models.Index(fields=["org_path", "joined_on"], name="med_mediator_scope_joined",
                         include=["employment", "is_expert", "left_on", "position"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("mediation:mediator_detail", args=[self.pk])


class Training(ScopedModel):
    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="trainings",
                                 verbose_name="调解员")
    title = models.CharField("培训名称", max_length=200)
    held_on = models.DateField("培训日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1, null=True, blank=True)
    organiser = models.CharField("举办单位", max_length=100, blank=True)

    class Meta:
        verbose_name = "调解员培训"
        verbose_name_plural = "调解员培训"
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.mediator} · {self.title}"


class Honour(ScopedModel):
    """An honour of a mediator (优秀人民调解员) or of a committee (优秀人民调解组织)."""

    mediator = models.ForeignKey(Mediator, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="honours", verbose_name="调解员")
    committee = models.ForeignKey(MediationCommittee, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="honours", verbose_name="调委会")
    title = models.CharField("荣誉称号", max_length=100)
    level = models.CharField("级别", max_length=10, choices=HonourLevel.choices)
    year = models.PositiveSmallIntegerField("年度")
    conferred_by = models.CharField("授予单位", max_length=100, blank=True)

    class Meta:
        verbose_name = "调解荣誉"
        verbose_name_plural = "调解荣誉"
        ordering = ["-year", "-id"]

    def __str__(self):
        return f"{self.mediator or self.committee} · {self.year}年{self.title}"


class BrandRoom(ScopedModel):
    """A 品牌调解室 (e.g. “老柏”调解室), named after the mediator who leads it."""

    committee = models.ForeignKey(MediationCommittee, on_delete=models.PROTECT, related_name="brand_rooms",
                                  verbose_name="所属调委会")
    name = models.CharField("调解室名称", max_length=100)
    mediator = models.ForeignKey(Mediator, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="brand_rooms", verbose_name="领衔调解员")
    established_on = models.DateField("设立日期", null=True, blank=True)

    class Meta:
        verbose_name = "品牌调解室"
        verbose_name_plural = "品牌调解室"
        ordering = ["org_path", "name"]
        indexes = [models.Index(fields=["org_path", "established_on"], name="med_room_scope_est")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("mediation:committee_detail", args=[self.committee_id])


# --- work ---


class Screening(ScopedModel):
    """A 矛盾纠纷排查 (sweep): how many disputes it found and how many it headed off."""

    held_on = models.DateField("排查日期")
    scope = models.CharField("排查范围", max_length=200)
    topic = models.CharField("专项名称", max_length=100, blank=True, help_text="专项排查时填写")
    found_count = models.PositiveIntegerField("发现纠纷（件）", default=0)
    prevented_count = models.PositiveIntegerField("预防纠纷（件）", default=0)
    risks = models.TextField("风险隐患", blank=True)
    participants = models.PositiveIntegerField("参与人数", null=True, blank=True)

    class Meta:
        verbose_name = "矛盾纠纷排查"
        verbose_name_plural = "矛盾纠纷排查"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org_path", "held_on"], name="med_screening_scope_date",
                         include=["found_count", "prevented_count"])]

    def __str__(self):
        return f"{self.held_on} {self.topic or self.scope}"

    def get_absolute_url(self):
        return reverse("mediation:screening_detail", args=[self.pk])


class Dispute(ScopedModel):
    """A 纠纷 (mediation case). `org` is the unit that currently holds it: the office that registered it until a
    committee accepts it, then the committee's unit."""

    number = models.CharField("案号", max_length=60, blank=True, db_index=True)
    summary = models.TextField("纠纷简要情况")
    dispute_type = models.CharField("纠纷类型", max_length=20, choices=DisputeType.choices)
    source = models.CharField("纠纷来源", max_length=20, choices=Source.choices)
    referred_by = models.CharField("移送（委派）单位", max_length=100, blank=True)
    referral_ref = models.CharField("移送文号或法院案号", max_length=100, blank=True)
    screening = models.ForeignKey(Screening, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="disputes", verbose_name="来源排查")
    amount = models.DecimalField("涉及金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    committee = models.ForeignKey(MediationCommittee, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="disputes", verbose_name="受理调委会")
    level = models.CharField("办理层级", max_length=10, choices=Level.choices, blank=True)
    mediators = models.ManyToManyField(Mediator, blank=True, related_name="disputes", verbose_name="调解员")
    lead_mediator = models.ForeignKey(Mediator, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="led_disputes", verbose_name="主持调解员")
    difficult = models.BooleanField("疑难复杂", default=False)
    group_dispute = models.BooleanField("群体性纠纷", default=False)
    criminal_risk = models.BooleanField("有民转刑风险", default=False)
    abnormal_death = models.BooleanField("涉非正常死亡", default=False)
    method = models.CharField("调解方式", max_length=10, choices=Method.choices, default=Method.ONSITE)
    status = models.CharField("状态", max_length=12, choices=DisputeStatus.choices, default=DisputeStatus.PENDING,
                              db_index=True)
    applied_on = models.DateField("申请（登记）日期")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    due_on = models.DateField("调解期限", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    close_note = models.TextField("结案说明", blank=True)
    court_reported_on = models.DateField("向法院反馈日期", null=True, blank=True)
    court_feedback = models.CharField("向法院反馈结果", max_length=20, choices=CourtFeedback.choices, blank=True)
    tracking_code = models.CharField("查询码", max_length=40, blank=True, db_index=True)
    applicant_mobile = models.CharField("申请人手机（网上申请）", max_length=11, blank=True)
    source_system = models.CharField("来源系统", max_length=50, blank=True)
    external_id = models.CharField("来源系统编号", max_length=100, blank=True)

    sensitive_fields = ("applicant_mobile",)

    class Meta:
        verbose_name = "纠纷"
        verbose_name_plural = "纠纷"
        ordering = ["-applied_on", "-id"]
        indexes = [
            models.Index(fields=["org_path", "accepted_on"], name="med_dispute_scope_accept",
                         include=["abnormal_death", "closed_on", "difficult", "dispute_type", "level", "source", "status"]),
            models.Index(fields=["org_path", "closed_on"], name="med_dispute_scope_close",
                         include=["difficult", "dispute_type", "level", "source", "status"]),
            # the dashboard's 超期/临期 source: open cases of each status in due-date order, scoped by org_path
            # (deadlines.earliest_due reads one status at a time, so a province's list never sorts every open case)
            models.Index(fields=["status", "due_on", "org_path"], name="med_dispute_open_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["source_system", "external_id"], name="uniq_dispute_external",
                                    condition=~models.Q(external_id="")),
        ]

    def __str__(self):
        return self.number or f"纠纷登记#{self.pk}"

    def get_absolute_url(self):
        return reverse("mediation:dispute_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """案号 once accepted; before that the registration number, so every row of a list has a name."""
        return self.number or f"待受理（登记第{self.pk}号）"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class Party(ScopedModel):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="parties", verbose_name="纠纷")
    side = models.CharField("当事人地位", max_length=12, choices=PartySide.choices)
    kind = models.CharField("当事人类型", max_length=15, choices=PartyKind.choices, default=PartyKind.PERSON)
    name = models.CharField("姓名或名称", max_length=100)
    id_number = models.CharField("身份证号码", max_length=18, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    mobile = models.CharField("联系电话", max_length=11, blank=True)
    address = models.CharField("住所", max_length=200, blank=True)

    sensitive_fields = ("id_number", "mobile")

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["dispute_id", "side", "id"]

    def __str__(self):
        # masked: this text lands in audit rows and logs, which carry no personal information (SECURITY.md C1)
        return f"{self.get_side_display()} {mask_name(self.name)}"


class Session(ScopedModel):
    """One mediation session (调解) and its minutes (调解笔录)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sessions", verbose_name="纠纷")
    seq = models.PositiveSmallIntegerField("次序")
    held_on = models.DateField("调解日期")
    place = models.CharField("调解地点", max_length=200, blank=True)
    method = models.CharField("调解方式", max_length=10, choices=Method.choices, default=Method.ONSITE)
    mediators = models.ManyToManyField(Mediator, related_name="sessions", verbose_name="调解员")
    recorder = models.CharField("记录人", max_length=50, blank=True)
    minutes = models.TextField("调解笔录")

    class Meta:
        verbose_name = "调解记录"
        verbose_name_plural = "调解记录"
        ordering = ["dispute_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["dispute", "seq"], name="uniq_session_seq")]

    def __str__(self):
        return f"{self.dispute} 第{self.seq}次调解"


class Attachment(ScopedModel):
    """A file kept with a case or one of its sessions (signed minutes, evidence, photographs). The content is
    stored in the database after validation (see attachments.py), so it is scoped, backed up and served only
    through the case's own pages."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="attachments", verbose_name="纠纷")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="attachments", verbose_name="调解记录")
    name = models.CharField("文件名", max_length=120)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64, editable=False)
    content = models.BinaryField("内容")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["dispute_id", "id"]

    def __str__(self):
        return self.name


class Agreement(ScopedModel):
    """人民调解协议 (《人民调解法》第28–31条). A written agreement takes effect when signed by the parties
    and the mediator and stamped by the committee; the 30-day window for 司法确认 runs from then (第33条)."""

    dispute = models.OneToOneField(Dispute, on_delete=models.CASCADE, related_name="agreement",
                                   verbose_name="纠纷")
    form = models.CharField("协议形式", max_length=10, choices=AgreementForm.choices, default=AgreementForm.WRITTEN)
    terms = models.TextField("协议内容")
    performance_method = models.CharField("履行方式", max_length=200, blank=True)
    perform_by = models.DateField("履行期限", null=True, blank=True)
    signed_on = models.DateField("签订（生效）日期")
    performance = models.CharField("履行情况", max_length=15, choices=Performance.choices,
                                   default=Performance.NOT_PERFORMED)
    performed_on = models.DateField("履行完毕日期", null=True, blank=True)

    class Meta:
        verbose_name = "调解协议"
        verbose_name_plural = "调解协议"
        indexes = [models.Index(fields=["org_path", "signed_on"], name="med_agreement_scope_signed",
                                include=["performed_on", "performance"])]

    def __str__(self):
        return f"{self.dispute} 调解协议"


class JudicialConfirmation(ScopedModel):
    """司法确认 of an agreement by a court (《人民调解法》第33条, 民事诉讼法第205–206条)."""

    dispute = models.OneToOneField(Dispute, on_delete=models.CASCADE, related_name="confirmation",
                                   verbose_name="纠纷")
    court = models.CharField("受理法院", max_length=100)
    applied_on = models.DateField("申请日期")
    decided_on = models.DateField("裁定日期", null=True, blank=True)
    result = models.CharField("结果", max_length=10, choices=ConfirmationResult.choices,
                              default=ConfirmationResult.PENDING)
    ruling_number = models.CharField("裁定书文号", max_length=100, blank=True)

    class Meta:
        verbose_name = "司法确认"
        verbose_name_plural = "司法确认"

    def __str__(self):
        return f"{self.dispute} 司法确认"


class FollowUp(ScopedModel):
    """回访: a later check on how the agreement is being performed."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="follow_ups", verbose_name="纠纷")
    visited_on = models.DateField("回访日期")
    method = models.CharField("回访方式", max_length=10, choices=FollowUpMethod.choices)
    content = models.TextField("回访情况")
    performance = models.CharField("履行情况", max_length=15, choices=Performance.choices, blank=True)
    visitor = models.CharField("回访人", max_length=50, blank=True)

    class Meta:
        verbose_name = "回访记录"
        verbose_name_plural = "回访记录"
        ordering = ["dispute_id", "visited_on", "id"]

    def __str__(self):
        return f"{self.dispute} {self.visited_on}回访"


class PetitionTransfer(ScopedModel):
    """援律访调: a person or matter handed over by the 群众权益诉求服务中心 (信访), routed to one track.
    Counted in 人次 (seed 001: 67 = 心理疏导6 + 律师咨询13 + 法援咨询36 + 联合调解12)."""

    received_on = models.DateField("接收日期")
    from_unit = models.CharField("移交单位", max_length=100, default="群众权益诉求服务中心")
    person_name = models.CharField("来访人姓名", max_length=50)
    id_number = models.CharField("身份证号码", max_length=18)
    mobile = models.CharField("联系电话", max_length=11, blank=True)
    matter = models.TextField("诉求事项")
    status = models.CharField("状态", max_length=10, choices=TransferStatus.choices, default=TransferStatus.RECEIVED)
    route = models.CharField("分流方式", max_length=10, choices=PetitionRoute.choices, blank=True)
    routed_on = models.DateField("分流日期", null=True, blank=True)
    handler = models.CharField("承办人（律师/咨询师/调解员）", max_length=100, blank=True)
    dispute = models.OneToOneField(Dispute, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="petition_transfer", verbose_name="联合调解案件")
    result = models.TextField("办理结果", blank=True)
    done_on = models.DateField("办结日期", null=True, blank=True)

    sensitive_fields = ("id_number", "mobile")

    class Meta:
        verbose_name = "援律访调移交"
        verbose_name_plural = "援律访调移交"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["org_path", "received_on"], name="med_transfer_scope_recv",
                         include=["route", "status"])]

    def __str__(self):
        return f"{self.received_on:%Y-%m-%d}接收的移交（第{self.pk}号）"

    def get_absolute_url(self):
        return reverse("mediation:transfer_detail", args=[self.pk])


class DocumentTemplate(ScopedModel):
    """A bureau's (or 司法所's) own .docx template for one document kind; it applies to its whole subtree and
    replaces the template shipped with Sifa."""

    kind = models.CharField("文书", max_length=15, choices=DocumentKind.choices)
    content = models.BinaryField("模板文件")
    filename = models.CharField("文件名", max_length=200)

    class Meta:
        verbose_name = "调解文书模板"
        verbose_name_plural = "调解文书模板"
        constraints = [models.UniqueConstraint(fields=["org", "kind"], name="uniq_mediation_template_org_kind")]

    def __str__(self):
        return f"{self.org} · {self.get_kind_display()}"
