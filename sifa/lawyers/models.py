"""律师与法律服务管理 (DOMAIN.md §13): the county's register of law firms, lawyers, 基层法律服务工作者 and 公职律师,
their practice applications, assessments, complaints and honours; 法律顾问 contracts; 企业法治体检 campaigns;
the 信访 duty rota; and citizens' ratings for 智选律师.

One register, not two: a firm is legal aid's `ServiceOrg` and a lawyer is legal aid's `Provider` (the person
legal aid assigns cases to); this app keeps a profile one-to-one with each, holding the register's own fields.
Field changes happen only through sifa.lawyers.actions.
"""

import secrets

from django.db import models
from django.urls import reverse

from sifa.core.models import ScopedModel


class FirmForm(models.TextChoices):
    GENERAL = "general", "普通合伙"
    SPECIAL = "special", "特殊普通合伙"
    SOLE = "sole", "个人"
    STATE = "state", "国资"
    LEGAL_SERVICE = "legal_service", "基层法律服务所"


class Category(models.TextChoices):
    FULL_TIME = "full_time", "专职律师"
    PART_TIME = "part_time", "兼职律师"
    PUBLIC = "public", "公职律师"
    CORPORATE = "corporate", "公司律师"
    AID = "aid", "法律援助律师"
    LEGAL_WORKER = "legal_worker", "基层法律服务工作者"


LAWYER_CATEGORIES = {Category.FULL_TIME, Category.PART_TIME, Category.PUBLIC, Category.CORPORATE, Category.AID}
# 执业证号 (DOMAIN §18.4, 待核): the 9th digit names the category — 1 专职 2 兼职 (3港 4澳 5台); 公职、公司、法援
# certificates are numbered in the 专职 series locally.
CATEGORY_DIGIT = {Category.FULL_TIME: "1", Category.PART_TIME: "2", Category.PUBLIC: "1", Category.CORPORATE: "1",
                  Category.AID: "1"}


class Area(models.TextChoices):
    CRIMINAL = "criminal", "刑事辩护"
    CIVIL = "civil", "婚姻家事"
    CONTRACT = "contract", "合同纠纷"
    LABOUR = "labour", "劳动争议"
    COMPANY = "company", "公司企业"
    ADMINISTRATIVE = "administrative", "行政诉讼"
    PROPERTY = "property", "房产土地"
    TRAFFIC = "traffic", "交通事故"


class AssessmentResult(models.TextChoices):
    QUALIFIED = "qualified", "称职"
    BASIC = "basic", "基本称职"
    UNQUALIFIED = "unqualified", "不称职"


class ComplaintStatus(models.TextChoices):
    OPEN = "open", "调查处理中"
    CLOSED = "closed", "已办结"


class ComplaintOutcome(models.TextChoices):
    UNFOUNDED = "unfounded", "投诉不成立"
    EDUCATION = "education", "批评教育、责令改正"
    INDUSTRY = "industry", "律师协会行业处分"
    WARNING = "warning", "警告"
    FINE = "fine", "罚款"
    SUSPENSION = "suspension", "停止执业"
    REVOCATION = "revocation", "吊销执业证书"


SANCTIONS = {ComplaintOutcome.INDUSTRY, ComplaintOutcome.WARNING, ComplaintOutcome.FINE,
             ComplaintOutcome.SUSPENSION, ComplaintOutcome.REVOCATION}
# 行政处罚 are published (《行政处罚法》第48条); industry sanctions and lesser outcomes are not.
PUBLIC_SANCTIONS = {ComplaintOutcome.WARNING, ComplaintOutcome.FINE, ComplaintOutcome.SUSPENSION,
                    ComplaintOutcome.REVOCATION}


class ApplicationStatus(models.TextChoices):
    CITY = "city", "市级审查中"
    PROVINCE = "province", "省级审核中"
    GRANTED = "granted", "准予执业"
    REFUSED = "refused", "不准予执业"


class ClientKind(models.TextChoices):
    GOVERNMENT = "government", "党政机关"
    VILLAGE = "village", "村(社区)"
    ENTERPRISE = "enterprise", "企业"
    CHAMBER = "chamber", "商会"


class ServiceKind(models.TextChoices):
    CONSULTATION = "consultation", "法律咨询"
    MEDIATION = "mediation", "参与调解"
    CONTRACT = "contract", "审查合同"
    LECTURE = "lecture", "法治讲座"
    OPINION = "opinion", "出具法律意见"
    RULES = "rules", "参与起草、审核规章制度"
    REPRESENTATION = "representation", "代理参加调解、诉讼或仲裁"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    QUALIFIED = "qualified", "称职"
    BASIC = "basic", "基本称职"
    UNQUALIFIED = "unqualified", "不称职"


class RatedService(models.TextChoices):
    LEGAL_AID = "legal_aid", "法律援助案件"
    DUTY = "duty", "信访值班接待"
    CHECKUP = "checkup", "企业法治体检"


def _new_code() -> str:
    return secrets.token_urlsafe(8)


# --- register ------------------------------------------------------------------------------------------------------


class Firm(ScopedModel):
    """A 律师事务所 or 基层法律服务所: legal aid's ServiceOrg with the register's fields."""

    service_org = models.OneToOneField("legalaid.ServiceOrg", on_delete=models.PROTECT, related_name="firm",
                                       verbose_name="机构")
    form = models.CharField("组织形式", max_length=15, choices=FirmForm.choices)
    address = models.CharField("办公地址", max_length=200)
    director = models.CharField("负责人", max_length=50)
    partners = models.PositiveSmallIntegerField("合伙人数", default=0)
    founded_on = models.DateField("设立日期", null=True, blank=True)

    class Meta:
        verbose_name = "律师事务所（法律服务所）"
        verbose_name_plural = "律师事务所（法律服务所）"
        ordering = ["org_path", "service_org__name"]

    def __str__(self):
        return self.service_org.name

    @property
    def name(self) -> str:
        return self.service_org.name

    def get_absolute_url(self):
        return reverse("lawyers:firm_detail", args=[self.pk])


class Lawyer(ScopedModel):
    """A lawyer or 基层法律服务工作者 on the register: legal aid's Provider (one person, one firm) with the
    register's fields. A 公职律师 names the agency employing them and, when reallocated (统筹调配), the agency
    they serve."""

    provider = models.OneToOneField("legalaid.Provider", on_delete=models.PROTECT, related_name="register",
                                    verbose_name="人员")
    category = models.CharField("类别", max_length=15, choices=Category.choices)
    areas = models.CharField("执业领域", max_length=120, blank=True)
    languages = models.CharField("服务语言", max_length=60, default="普通话")
    licensed_on = models.DateField("执业日期")
    ended_on = models.DateField("停止执业日期", null=True, blank=True)
    employer = models.ForeignKey("reconsideration.Agency", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="employed_lawyers", verbose_name="任职单位")
    reallocated_to = models.ForeignKey("reconsideration.Agency", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="reallocated_lawyers", verbose_name="调配服务单位")
    code = models.CharField("律师码", max_length=16, unique=True, default=_new_code, editable=False)

    class Meta:
        verbose_name = "执业人员"
        verbose_name_plural = "执业人员"
        ordering = ["org_path", "provider__name"]
        indexes = [models.Index(fields=["org_path", "licensed_on"], name="lawyers_lawyer_scope_lic",
                                include=["category", "ended_on"])]

    def __str__(self):
        return self.provider.name

    @property
    def name(self) -> str:
        return self.provider.name

    @property
    def practising(self) -> bool:
        return self.ended_on is None and self.provider.licence_status == "active"

    def area_labels(self) -> str:
        chosen = set(self.areas.split(","))
        return "、".join(a.label for a in Area if a.value in chosen)

    def get_absolute_url(self):
        return reverse("lawyers:lawyer_detail", args=[self.pk])


class Assessment(ScopedModel):
    """年度考核 of one lawyer in one year."""

    lawyer = models.ForeignKey(Lawyer, on_delete=models.CASCADE, related_name="assessments", verbose_name="律师")
    year = models.PositiveSmallIntegerField("年度")
    result = models.CharField("考核结果", max_length=15, choices=AssessmentResult.choices)
    assessed_on = models.DateField("考核日期")

    class Meta:
        verbose_name = "年度考核"
        verbose_name_plural = "年度考核"
        ordering = ["-year", "lawyer_id"]
        constraints = [models.UniqueConstraint(fields=["lawyer", "year"], name="uniq_lawyers_assessment_year")]

    def __str__(self):
        return f"{self.lawyer} {self.year}年度 {self.get_result_display()}"


class Honour(ScopedModel):
    lawyer = models.ForeignKey(Lawyer, on_delete=models.CASCADE, related_name="honours", verbose_name="律师")
    title = models.CharField("荣誉称号", max_length=100)
    awarded_by = models.CharField("授予单位", max_length=100)
    awarded_on = models.DateField("授予日期")

    class Meta:
        verbose_name = "荣誉"
        verbose_name_plural = "荣誉"
        ordering = ["-awarded_on", "id"]

    def __str__(self):
        return self.title


class Complaint(ScopedModel):
    """投诉: received, investigated within the time limit, closed with an outcome (sanction or not)."""

    lawyer = models.ForeignKey(Lawyer, on_delete=models.PROTECT, related_name="complaints", verbose_name="被投诉人")
    complainant = models.CharField("投诉人", max_length=50)
    mobile = models.CharField("投诉人手机号码", max_length=11, blank=True)
    summary = models.TextField("投诉事项")
    received_on = models.DateField("收到投诉日期")
    due_on = models.DateField("办理期限")
    status = models.CharField("状态", max_length=10, choices=ComplaintStatus.choices, default=ComplaintStatus.OPEN)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    outcome = models.CharField("处理结果", max_length=15, choices=ComplaintOutcome.choices, blank=True)
    decision_number = models.CharField("处理（处罚）决定书文号", max_length=80, blank=True)

    sensitive_fields = ("mobile",)

    class Meta:
        verbose_name = "投诉"
        verbose_name_plural = "投诉"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["org_path", "received_on"], name="lawyers_complaint_scope_rcv"),
                   models.Index(fields=["org_path", "closed_on"], name="lawyers_complaint_scope_cls",
                                include=["outcome"])]

    def __str__(self):
        return f"投诉{self.lawyer}（{self.received_on:%Y-%m-%d}）"

    @property
    def public_sanction(self) -> bool:
        return self.outcome in PUBLIC_SANCTIONS


class PracticeApplication(ScopedModel):
    """申请律师执业 (《律师法》第6条): 设区的市级司法行政部门 20日内审查 → 省级 10日内决定."""

    name = models.CharField("申请人", max_length=50)
    id_number = models.CharField("身份证号码", max_length=18)
    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="applications", verbose_name="拟执业机构")
    category = models.CharField("申请类别", max_length=15, choices=Category.choices)
    received_on = models.DateField("市级收到申请日期")
    city_due = models.DateField("市级审查期限")
    forwarded_on = models.DateField("报送省级日期", null=True, blank=True)
    province_due = models.DateField("省级决定期限", null=True, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.CITY)
    licence_number = models.CharField("执业证号", max_length=17, blank=True)
    reason = models.TextField("不予准许理由", blank=True)

    sensitive_fields = ("id_number",)

    class Meta:
        verbose_name = "执业申请"
        verbose_name_plural = "执业申请"
        ordering = ["-received_on", "-id"]

    def __str__(self):
        return f"{self.name}申请执业"


# --- 法律顾问 ------------------------------------------------------------------------------------------------------


class CounselContract(ScopedModel):
    """法律顾问 contract of an adviser with a 党政机关, 村(社区), enterprise or 商会."""

    adviser = models.ForeignKey(Lawyer, on_delete=models.PROTECT, related_name="contracts", verbose_name="法律顾问")
    client_kind = models.CharField("服务对象类型", max_length=15, choices=ClientKind.choices)
    client_name = models.CharField("服务对象", max_length=100)
    client_credit_code = models.CharField("服务对象统一社会信用代码", max_length=18, blank=True)
    village = models.ForeignKey("core.Division", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name="村(社区)")
    grid = models.CharField("法律顾问网格", max_length=50, blank=True)
    started_on = models.DateField("聘任起始日期")
    ended_on = models.DateField("聘任终止日期")
    fee = models.DecimalField("顾问费（元/年）", max_digits=12, decimal_places=2, default=0)

    class Meta:
        verbose_name = "法律顾问合同"
        verbose_name_plural = "法律顾问合同"
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["org_path", "started_on"], name="lawyers_counsel_scope_start",
                                include=["client_kind", "ended_on"])]

    def __str__(self):
        return f"{self.client_name}法律顾问（{self.adviser}）"

    def get_absolute_url(self):
        return reverse("lawyers:contract_detail", args=[self.pk])


class CounselService(ScopedModel):
    contract = models.ForeignKey(CounselContract, on_delete=models.CASCADE, related_name="services",
                                 verbose_name="顾问合同")
    kind = models.CharField("服务类型", max_length=15, choices=ServiceKind.choices)
    served_on = models.DateField("服务日期")
    count = models.PositiveIntegerField("件（次）数", default=1)
    note = models.CharField("情况", max_length=300, blank=True)

    class Meta:
        verbose_name = "顾问服务记录"
        verbose_name_plural = "顾问服务记录"
        ordering = ["-served_on", "-id"]
        indexes = [models.Index(fields=["org_path", "served_on"], name="lawyers_service_scope_day",
                                include=["kind", "count"])]

    def __str__(self):
        return f"{self.get_kind_display()}{self.count}次"


class CounselEvaluation(ScopedModel):
    """考评 of an adviser by the unit served, once a year."""

    contract = models.ForeignKey(CounselContract, on_delete=models.CASCADE, related_name="evaluations",
                                 verbose_name="顾问合同")
    year = models.PositiveSmallIntegerField("年度")
    grade = models.CharField("考评等次", max_length=15, choices=Grade.choices)
    evaluated_on = models.DateField("考评日期")
    comment = models.CharField("评价意见", max_length=300, blank=True)

    class Meta:
        verbose_name = "顾问年度考评"
        verbose_name_plural = "顾问年度考评"
        ordering = ["-year", "id"]
        constraints = [models.UniqueConstraint(fields=["contract", "year"], name="uniq_lawyers_evaluation_year")]

    def __str__(self):
        return f"{self.year}年度{self.get_grade_display()}"


# --- 企业法治体检 and 信访值班 -------------------------------------------------------------------------------------


class CheckupCampaign(ScopedModel):
    name = models.CharField("活动名称", max_length=100)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期")

    class Meta:
        verbose_name = "企业法治体检活动"
        verbose_name_plural = "企业法治体检活动"
        ordering = ["-started_on", "-id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("lawyers:campaign_detail", args=[self.pk])


class CheckupTeam(ScopedModel):
    campaign = models.ForeignKey(CheckupCampaign, on_delete=models.CASCADE, related_name="teams",
                                 verbose_name="体检活动")
    name = models.CharField("团队名称", max_length=60)
    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="checkup_teams", verbose_name="律师事务所")
    lawyers = models.ManyToManyField(Lawyer, related_name="checkup_teams", verbose_name="团队律师")

    class Meta:
        verbose_name = "体检团队"
        verbose_name_plural = "体检团队"
        ordering = ["campaign_id", "name"]
        constraints = [models.UniqueConstraint(fields=["campaign", "name"], name="uniq_lawyers_team_name")]

    def __str__(self):
        return self.name


class CheckupVisit(ScopedModel):
    """One enterprise's 法治体检 by one team: what was asked, found, reviewed and advised."""

    campaign = models.ForeignKey(CheckupCampaign, on_delete=models.CASCADE, related_name="visits",
                                 verbose_name="体检活动")
    team = models.ForeignKey(CheckupTeam, on_delete=models.PROTECT, related_name="visits", verbose_name="体检团队")
    firm = models.ForeignKey(Firm, on_delete=models.PROTECT, related_name="checkup_visits", verbose_name="律师事务所")
    enterprise = models.CharField("企业名称", max_length=100)
    credit_code = models.CharField("统一社会信用代码", max_length=18)
    contact = models.CharField("企业联系人", max_length=50, blank=True)
    contact_mobile = models.CharField("联系人手机号码", max_length=11, blank=True)
    visited_on = models.DateField("体检日期")
    consultations = models.PositiveIntegerField("解答咨询（次）", default=0)
    problems = models.PositiveIntegerField("发现解决问题（个）", default=0)
    contracts = models.PositiveIntegerField("审查合同（份）", default=0)
    opinions = models.PositiveIntegerField("提出法律意见（条）", default=0)
    findings = models.TextField("发现的主要法律风险", blank=True)
    advice = models.TextField("法律意见和建议", blank=True)

    sensitive_fields = ("contact_mobile",)

    class Meta:
        verbose_name = "企业体检记录"
        verbose_name_plural = "企业体检记录"
        ordering = ["-visited_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "credit_code"], name="uniq_lawyers_visit_ent")]
        indexes = [models.Index(fields=["org_path", "visited_on"], name="lawyers_visit_scope_day")]

    def __str__(self):
        return f"{self.enterprise}法治体检"


class DutyTurn(ScopedModel):
    """One lawyer's turn on 信访 duty (one 人次), with the visitors received and matters handled."""

    lawyer = models.ForeignKey(Lawyer, on_delete=models.PROTECT, related_name="duty_turns", verbose_name="值班律师")
    on_date = models.DateField("值班日期")
    place = models.CharField("接访地点", max_length=100, default="县信访局接访大厅")
    visitors = models.PositiveIntegerField("接待来访群众（人次）", default=0)
    consultations = models.PositiveIntegerField("解答咨询（人次）", default=0)
    matters = models.PositiveIntegerField("化解处理信访事项（件）", default=0)
    note = models.CharField("情况", max_length=300, blank=True)

    class Meta:
        verbose_name = "信访值班"
        verbose_name_plural = "信访值班"
        ordering = ["-on_date", "-id"]
        constraints = [models.UniqueConstraint(fields=["lawyer", "on_date"], name="uniq_lawyers_duty_day")]
        indexes = [models.Index(fields=["org_path", "on_date"], name="lawyers_duty_scope_day")]

    def __str__(self):
        return f"{self.lawyer} {self.on_date:%Y-%m-%d}值班"


class DutyVisitor(ScopedModel):
    """A visitor received on a duty turn (who may later rate the lawyer)."""

    turn = models.ForeignKey(DutyTurn, on_delete=models.CASCADE, related_name="visitor_records",
                             verbose_name="值班")
    name = models.CharField("来访人", max_length=50)
    mobile = models.CharField("手机号码", max_length=11, blank=True)
    matter = models.CharField("反映事项", max_length=200)

    sensitive_fields = ("mobile",)

    class Meta:
        verbose_name = "来访登记"
        verbose_name_plural = "来访登记"
        ordering = ["turn_id", "id"]

    def __str__(self):
        return f"{self.name}：{self.matter}"


# --- 智选律师 ratings -------------------------------------------------------------------------------------------


class Rating(ScopedModel):
    """A citizen's rating of one real service (a legal-aid case, a duty reception, a check-up), once per
    service. The citizen is known only by the keyed digest of the mobile they signed in with."""

    lawyer = models.ForeignKey(Lawyer, on_delete=models.PROTECT, related_name="ratings", verbose_name="律师")
    service = models.CharField("服务类型", max_length=15, choices=RatedService.choices)
    service_id = models.PositiveBigIntegerField("服务记录")
    score = models.PositiveSmallIntegerField("评分（1–5星）")
    comment = models.CharField("评价内容", max_length=300, blank=True)
    rated_on = models.DateField("评价日期")
    mobile_digest = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = "群众评价"
        verbose_name_plural = "群众评价"
        ordering = ["-rated_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["lawyer", "service", "service_id"],
                                               name="uniq_lawyers_rating_service")]
        indexes = [models.Index(fields=["org_path", "rated_on"], name="lawyers_rating_scope_day")]

    def __str__(self):
        return f"{self.lawyer} {self.score}星"


class CoverageReview(ScopedModel):
    """公职律师工作覆盖 at a year's end: one row per 党政机关 that should carry out 公职律师工作, and whether it
    does — by a 公职律师 it employs, or only by one reallocated to it (统筹调配, DOMAIN §17 歧义9). Written by
    `actions.review_public_coverage` from the register as it stands on the review day."""

    agency = models.ForeignKey("reconsideration.Agency", on_delete=models.PROTECT, related_name="+",
                               verbose_name="机关")
    as_of = models.DateField("统计日期")
    employed = models.PositiveSmallIntegerField("本单位公职律师（人）", default=0)
    reallocated = models.PositiveSmallIntegerField("调配来的公职律师（人）", default=0)
    covered = models.BooleanField("开展公职律师工作（含调配）", default=False)
    covered_own = models.BooleanField("开展公职律师工作（仅本单位）", default=False)

    class Meta:
        verbose_name = "公职律师工作覆盖"
        verbose_name_plural = "公职律师工作覆盖"
        ordering = ["-as_of", "agency_id"]
        constraints = [models.UniqueConstraint(fields=["agency", "as_of"], name="uniq_lawyers_coverage_day")]
        indexes = [models.Index(fields=["org_path", "as_of"], name="lawyers_coverage_scope_day")]

    def __str__(self):
        return f"{self.agency} {self.as_of:%Y-%m-%d}"
