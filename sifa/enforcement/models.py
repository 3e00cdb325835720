"""行政执法协调监督 and 执法公示 (DOMAIN.md §12). The county bureau is the supervising body (《行政执法监督条例》
第6条), the 司法所 assist; every record is owned by the bureau's unit (or the 司法所 that supervises a township).

A 执法主体 (`Body`) is one of the county's agencies (reconsideration.Agency: name and credit code are kept there,
once) plus its enforcement details. Officers hold 执法证/监督证; decisions are published (事后公示) with the
7/20 working-day rule; 案卷评查 campaigns score sampled files on a configurable sheet; 监督意见书 run a closed loop.
Field changes happen only through sifa.enforcement.actions.
"""

from django.db import models
from django.urls import reverse

from sifa.core.models import ScopedModel


class BodyKind(models.TextChoices):
    AGENCY = "agency", "行政机关"
    AUTHORISED = "authorised", "授权组织"
    ENTRUSTED = "entrusted", "受委托组织"
    TOWNSHIP = "township", "乡镇综合执法"


class Body(ScopedModel):
    """执法主体: a county agency (linked, not copied) with what it enforces and its 事前公示 texts."""

    agency = models.OneToOneField("reconsideration.Agency", on_delete=models.PROTECT, related_name="enforcement",
                                  verbose_name="行政机关")
    kind = models.CharField("主体类型", max_length=12, choices=BodyKind.choices, default=BodyKind.AGENCY)
    duties = models.TextField("执法职责", blank=True)
    matters = models.TextField("执法事项", blank=True, help_text="每行一项")
    procedure = models.TextField("执法程序", blank=True)
    remedy = models.TextField("救济途径", blank=True)
    address = models.CharField("办公地址", max_length=200, blank=True)
    phone = models.CharField("监督电话", max_length=30, blank=True)
    liaison = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="enforcement_bodies", verbose_name="执法监督联络员")
    published = models.BooleanField("在公示平台公开", default=True)

    class Meta:
        verbose_name = "执法主体"
        verbose_name_plural = "执法主体"
        ordering = ["org_path", "agency__name"]

    def __str__(self):
        return self.agency.name

    @property
    def name(self) -> str:
        return self.agency.name

    def matter_list(self) -> list[str]:
        return [m.strip() for m in self.matters.splitlines() if m.strip()]

    def get_absolute_url(self):
        return reverse("enforcement:body_detail", args=[self.pk])


class SupervisionSettings(ScopedModel):
    """The bureau's own choices (provincial rules differ, DOMAIN §12 “待核”): 年审 cycle and the notice ahead of
    a certificate's expiry. One row per bureau; without one the defaults below apply."""

    review_cycle_years = models.PositiveSmallIntegerField("执法证年审周期（年）", default=4)
    expiry_notice_days = models.PositiveSmallIntegerField("到期提醒提前天数", default=60)
    min_training_hours = models.PositiveSmallIntegerField("年度培训最低学时", default=40)

    class Meta:
        verbose_name = "执法监督设置"
        verbose_name_plural = "执法监督设置"
        constraints = [models.UniqueConstraint(fields=["org"], name="uniq_enforcement_settings_org")]


class CertKind(models.TextChoices):
    ENFORCEMENT = "enforcement", "行政执法证"
    SUPERVISION = "supervision", "行政执法监督证"


class CertStatus(models.TextChoices):
    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"


class Officer(ScopedModel):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="officers", verbose_name="执法主体")
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号", max_length=18, blank=True)
    position = models.CharField("职务", max_length=50, blank=True)
    cert_kind = models.CharField("证件类别", max_length=12, choices=CertKind.choices, default=CertKind.ENFORCEMENT)
    cert_number = models.CharField("证件号码", max_length=20)
    issued_on = models.DateField("发证日期")
    valid_until = models.DateField("有效期至")
    reviewed_on = models.DateField("最近年审日期", null=True, blank=True)
    review_due = models.DateField("下次年审期限")
    training_hours = models.PositiveSmallIntegerField("本年度培训学时", default=0)
    status = models.CharField("证件状态", max_length=10, choices=CertStatus.choices, default=CertStatus.VALID)
    status_reason = models.CharField("状态变更原因", max_length=200, blank=True)
    status_changed_on = models.DateField("状态变更日期", null=True, blank=True)
    notified_on = models.DateField("到期提醒日期", null=True, blank=True)

    sensitive_fields = ("id_number",)

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"
        ordering = ["org_path", "body_id", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["cert_number"], name="uniq_enforcement_cert_number")]
        indexes = [models.Index(fields=["org_path", "valid_until"], name="enf_officer_valid_until"),
                   models.Index(fields=["org_path", "issued_on"], name="enf_officer_scope_issued")]

    def __str__(self):
        return f"{self.name}（{self.cert_number}）"

    def get_absolute_url(self):
        return reverse("enforcement:officer_detail", args=[self.pk])

    def valid_on(self, day) -> bool:
        """持证: the certificate is 有效, issued by and not expired on `day`, and its 年审 not overdue."""
        return (self.status == CertStatus.VALID and self.issued_on <= day <= self.valid_until
                and day <= self.review_due)


class VerificationKind(models.TextChoices):
    ANNUAL = "annual", "年度审验"
    CYCLE = "cycle", "周期年审"
    NEW = "new", "新申领"


class Verification(ScopedModel):
    """审验/年审/新申领 of one certificate (seed 001: 审验234人; 33名新申领人员和四年年审人员通过考试)."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="verifications",
                                verbose_name="执法人员")
    kind = models.CharField("类别", max_length=10, choices=VerificationKind.choices)
    checked_on = models.DateField("审验日期")
    passed = models.BooleanField("通过", default=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "证件审验"
        verbose_name_plural = "证件审验"
        ordering = ["officer_id", "checked_on", "id"]
        indexes = [models.Index(fields=["org_path", "checked_on"], name="enf_verificati_checked_on")]

    def __str__(self):
        return f"{self.officer.name} {self.get_kind_display()} {self.checked_on}"


class ExamSitting(ScopedModel):
    """One sitting of the 执法资格/学法 exam (seed 001: 499名参加学习考试)."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="exams", verbose_name="执法人员")
    sat_on = models.DateField("考试日期")
    subject = models.CharField("考试名称", max_length=100, default="行政执法人员公共法律知识考试")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1)
    passed = models.BooleanField("合格", default=False)

    class Meta:
        verbose_name = "考试记录"
        verbose_name_plural = "考试记录"
        ordering = ["officer_id", "sat_on", "id"]
        indexes = [models.Index(fields=["org_path", "sat_on"], name="enf_examsittin_sat_on")]

    def __str__(self):
        return f"{self.officer.name} {self.sat_on} {self.score}分"


class Category(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    LICENCE = "licence", "行政许可"
    COERCION = "coercion", "行政强制"
    INSPECTION = "inspection", "行政检查"
    OTHER = "other", "其他行政执法决定"


FILE_CATEGORIES = (Category.PENALTY, Category.LICENCE, Category.COERCION, Category.INSPECTION)
# 国办发〔2018〕118号: 许可、处罚 within 7 working days of the decision, the others within 20.
FAST_PUBLICATION = {Category.PENALTY, Category.LICENCE}


class Basis(ScopedModel):
    """执法依据 published per matter (seed 002: 依据1419个)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="bases", verbose_name="执法主体")
    category = models.CharField("执法类别", max_length=12, choices=Category.choices, default=Category.PENALTY)
    matter = models.CharField("执法事项", max_length=200)
    clause = models.TextField("依据条款")
    published_on = models.DateField("公示日期")

    class Meta:
        verbose_name = "执法依据"
        verbose_name_plural = "执法依据"
        ordering = ["body_id", "category", "matter", "id"]
        indexes = [models.Index(fields=["org_path", "published_on"], name="enf_basis_published_on")]

    def __str__(self):
        return self.matter


class Benchmark(ScopedModel):
    """自由裁量基准 (《行政处罚法》第34条); `local` = 结合本地实际制定 (seed 002: 39个, 自定6个)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="benchmarks", verbose_name="执法主体")
    title = models.CharField("基准名称", max_length=200)
    local = models.BooleanField("本地制定", default=False)
    published_on = models.DateField("公示日期")

    class Meta:
        verbose_name = "裁量基准"
        verbose_name_plural = "裁量基准"
        ordering = ["body_id", "-local", "title", "id"]
        indexes = [models.Index(fields=["org_path", "published_on"], name="enf_benchmark_published_on")]

    def __str__(self):
        return self.title


class BenchmarkItem(ScopedModel):
    """One matter of a benchmark at one tier: 方面, 事项, 档次 and the sanction (seed 002: 61个方面909项)."""

    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="items", verbose_name="裁量基准")
    area = models.CharField("方面", max_length=100)
    matter = models.CharField("执法事项", max_length=200)
    tier = models.CharField("裁量档次", max_length=30)
    circumstances = models.CharField("适用情形", max_length=300, blank=True)
    sanction = models.CharField("处罚标准", max_length=300)
    local = models.BooleanField("本地制定", default=False)
    published_on = models.DateField("公示日期")

    class Meta:
        verbose_name = "裁量基准事项"
        verbose_name_plural = "裁量基准事项"
        ordering = ["benchmark_id", "area", "matter", "id"]
        indexes = [models.Index(fields=["org_path", "published_on"], name="enf_benchmarki_published_on")]

    def __str__(self):
        return f"{self.matter}（{self.tier}）"


class Channel(models.TextChoices):
    FORM = "form", "页面录入"
    XLSX = "xlsx", "表格导入"
    API = "api", "接口报送"


class Decision(ScopedModel):
    """An enforcement decision published on the 公示 site (事后公示) with its time limit."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions", verbose_name="执法主体")
    category = models.CharField("决定类别", max_length=12, choices=Category.choices)
    number = models.CharField("决定书文号", max_length=80)
    title = models.CharField("案件名称（事项）", max_length=200)
    party_name = models.CharField("当事人", max_length=100)
    party_is_person = models.BooleanField("当事人为自然人", default=True)
    party_id_number = models.CharField("当事人身份证号", max_length=18, blank=True)
    basis = models.CharField("执法依据", max_length=300, blank=True)
    content = models.TextField("决定内容", blank=True)
    decided_on = models.DateField("决定日期")
    publish_due = models.DateField("公示期限")
    published_on = models.DateField("公示日期")
    late = models.BooleanField("超期公示", default=False)
    legal_review = models.BooleanField("经法制审核", default=False)
    officers = models.ManyToManyField(Officer, related_name="decisions", verbose_name="承办执法人员")
    channel = models.CharField("报送方式", max_length=6, choices=Channel.choices, default=Channel.FORM)

    sensitive_fields = ("party_id_number",)

    class Meta:
        verbose_name = "执法决定公示"
        verbose_name_plural = "执法决定公示"
        ordering = ["-published_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["body", "number"], name="uniq_enforcement_decision_number")]
        indexes = [models.Index(fields=["org_path", "published_on"], name="enf_decision_scope_pub")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("enforcement:decision_detail", args=[self.pk])

    def public_party(self) -> str:
        from sifa.core.masking import mask_name

        return mask_name(self.party_name) if self.party_is_person else self.party_name


# ------------------------------------------------------------------------------------------ 案卷评查

class SheetCategory(models.TextChoices):
    SUBJECT = "subject", "执法主体"
    EVIDENCE = "evidence", "证据"
    PROCEDURE = "procedure", "程序"
    LAW = "law", "法律适用"
    DOCUMENTS = "documents", "文书"


class ScoreSheet(ScopedModel):
    """评分表: items with the most each may deduct; grades by thresholds (省定, configurable)."""

    name = models.CharField("评分表名称", max_length=100)
    full_marks = models.DecimalField("满分", max_digits=5, decimal_places=1, default=100)
    excellent_from = models.DecimalField("优秀分数线", max_digits=5, decimal_places=1, default=90)
    pass_from = models.DecimalField("合格分数线", max_digits=5, decimal_places=1, default=60)

    class Meta:
        verbose_name = "评分表"
        verbose_name_plural = "评分表"
        ordering = ["org_path", "name"]

    def __str__(self):
        return self.name


class SheetItem(ScopedModel):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="items", verbose_name="评分表")
    category = models.CharField("评分类别", max_length=10, choices=SheetCategory.choices)
    text = models.CharField("评查内容", max_length=200)
    points = models.DecimalField("最高扣分", max_digits=5, decimal_places=1)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "评分项"
        verbose_name_plural = "评分项"
        ordering = ["sheet_id", "order", "id"]

    def __str__(self):
        return f"{self.get_category_display()}：{self.text}"


class CampaignStatus(models.TextChoices):
    SAMPLING = "sampling", "抽取案卷"
    REVIEWING = "reviewing", "评查中"
    NOTIFIED = "notified", "已通报"
    CLOSED = "closed", "整改完成"


class Campaign(ScopedModel):
    title = models.CharField("评查活动名称", max_length=200)
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.PROTECT, related_name="campaigns", verbose_name="评分表")
    files_from = models.DateField("抽查案卷起始日期")
    files_to = models.DateField("抽查案卷截止日期")
    started_on = models.DateField("开始日期")
    status = models.CharField("状态", max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.SAMPLING)
    notice_number = models.CharField("通报文号", max_length=60, blank=True)
    notified_on = models.DateField("通报日期", null=True, blank=True)
    rectify_due = models.DateField("整改期限", null=True, blank=True)
    closed_on = models.DateField("整改完成日期", null=True, blank=True)

    class Meta:
        verbose_name = "案卷评查活动"
        verbose_name_plural = "案卷评查活动"
        ordering = ["-started_on", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("enforcement:campaign_detail", args=[self.pk])


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    QUALIFIED = "qualified", "合格"
    UNQUALIFIED = "unqualified", "不合格"


class FileReview(ScopedModel):
    """One sampled case file (案卷) of a campaign: its score, grade and rectification."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="files", verbose_name="评查活动")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="reviewed_files", verbose_name="执法主体")
    category = models.CharField("案卷类别", max_length=12, choices=Category.choices)
    file_number = models.CharField("案卷号（决定书文号）", max_length=80)
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="reviews", verbose_name="执法决定")
    sampled_on = models.DateField("抽取日期")
    reviewed_on = models.DateField("评查日期", null=True, blank=True)
    score = models.DecimalField("得分", max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField("等次", max_length=12, choices=Grade.choices, blank=True)
    comments = models.TextField("评查意见", blank=True)
    needs_rectification = models.BooleanField("需整改", default=False)
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    rectification = models.TextField("整改情况", blank=True)

    class Meta:
        verbose_name = "评查案卷"
        verbose_name_plural = "评查案卷"
        ordering = ["campaign_id", "body_id", "category", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "body", "file_number"],
                                               name="uniq_enforcement_review_file")]
        indexes = [models.Index(fields=["org_path", "rectified_on"], name="enf_filereview_rectified_on"),
                   models.Index(fields=["org_path", "reviewed_on"], name="enf_review_scope_reviewed")]

    def __str__(self):
        return f"{self.body} {self.file_number}"


class Deduction(ScopedModel):
    review = models.ForeignKey(FileReview, on_delete=models.CASCADE, related_name="deductions",
                               verbose_name="评查案卷")
    item = models.ForeignKey(SheetItem, on_delete=models.PROTECT, related_name="deductions", verbose_name="评分项")
    points = models.DecimalField("扣分", max_digits=5, decimal_places=1)
    note = models.CharField("扣分理由", max_length=200, blank=True)

    class Meta:
        verbose_name = "扣分"
        verbose_name_plural = "扣分"
        ordering = ["review_id", "item__order", "id"]


# ------------------------------------------------------------------------- 监督员、专项监督、意见书

class SupervisorKind(models.TextChoices):
    INVITED = "invited", "特邀行政执法监督员"
    SOCIAL = "social", "行政执法社会监督员"


class ContactPoint(ScopedModel):
    """行政执法协调监督联系点 (seed 001: 2家)."""

    name = models.CharField("联系点名称", max_length=100)
    address = models.CharField("地址", max_length=200, blank=True)
    established_on = models.DateField("设立日期")
    closed_on = models.DateField("撤销日期", null=True, blank=True)

    class Meta:
        verbose_name = "执法监督联系点"
        verbose_name_plural = "执法监督联系点"
        ordering = ["org_path", "name"]
        indexes = [models.Index(fields=["org_path", "established_on"], name="enf_contactpoi_established_")]

    def __str__(self):
        return self.name


class Supervisor(ScopedModel):
    kind = models.CharField("类别", max_length=10, choices=SupervisorKind.choices)
    name = models.CharField("姓名", max_length=50)
    employer = models.CharField("工作单位及职务", max_length=100, blank=True)
    mobile = models.CharField("手机号码", max_length=11, blank=True)
    appointed_on = models.DateField("聘任日期")
    term_ends_on = models.DateField("聘期届满日期", null=True, blank=True)
    contact_point = models.ForeignKey(ContactPoint, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="supervisors", verbose_name="所在联系点")

    sensitive_fields = ("mobile",)

    class Meta:
        verbose_name = "执法监督员"
        verbose_name_plural = "执法监督员"
        ordering = ["org_path", "kind", "appointed_on", "id"]
        indexes = [models.Index(fields=["org_path", "appointed_on"], name="enf_supervisor_appointed_on")]

    def __str__(self):
        return f"{self.name}（{self.get_kind_display()}）"


class SpecialCheck(ScopedModel):
    """每月一主题的专项监督（排查） (seed 002: 排查17次)."""

    theme = models.CharField("监督主题", max_length=200)
    held_on = models.DateField("开展日期")
    findings = models.TextField("发现问题", blank=True)
    supervisors = models.ManyToManyField(Supervisor, blank=True, related_name="checks", verbose_name="参加的监督员")
    bodies = models.ManyToManyField(Body, blank=True, related_name="special_checks", verbose_name="被监督的执法主体")

    class Meta:
        verbose_name = "专项监督"
        verbose_name_plural = "专项监督"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org_path", "held_on"], name="enf_specialche_held_on")]

    def __str__(self):
        return f"{self.held_on:%Y年%m月} {self.theme}"


class OpinionSource(models.TextChoices):
    MONTHLY = "monthly", "月度专项监督"
    COMPLAINT = "complaint", "投诉举报"
    HOTLINE = "hotline", "12345热线"
    REVIEW = "review", "案卷评查"
    DISPUTE = "dispute", "复议应诉案件"


class OpinionStatus(models.TextChoices):
    ISSUED = "issued", "已发出"
    RECTIFYING = "rectifying", "整改中"
    REPLIED = "replied", "已反馈"
    RECHECKED = "rechecked", "已复查"
    CLOSED = "closed", "已销号"


OPEN_OPINIONS = (OpinionStatus.ISSUED, OpinionStatus.RECTIFYING)


class Opinion(ScopedModel):
    """行政执法监督意见书: 发出 → 整改中 → 已反馈 → 复查 → 已销号; 逾期 when not answered by the deadline."""

    number = models.CharField("文号", max_length=60)
    source = models.CharField("来源", max_length=10, choices=OpinionSource.choices)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="opinions", verbose_name="被监督单位")
    subject = models.CharField("事由", max_length=200)
    content = models.TextField("监督意见")
    issued_on = models.DateField("发出日期")
    due_on = models.DateField("整改期限")
    status = models.CharField("状态", max_length=12, choices=OpinionStatus.choices, default=OpinionStatus.ISSUED)
    special_check = models.ForeignKey(SpecialCheck, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="opinions", verbose_name="专项监督")
    supervisor = models.ForeignKey(Supervisor, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="opinions", verbose_name="提出问题的监督员")
    contact_point = models.ForeignKey(ContactPoint, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="opinions", verbose_name="反映问题的联系点")
    file_review = models.ForeignKey(FileReview, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="opinions", verbose_name="评查案卷")
    received_on = models.DateField("签收日期", null=True, blank=True)
    replied_on = models.DateField("反馈日期", null=True, blank=True)
    reply = models.TextField("整改反馈", blank=True)
    rechecked_on = models.DateField("复查日期", null=True, blank=True)
    recheck_note = models.TextField("复查意见", blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    replied_late = models.BooleanField("逾期反馈", default=False)

    class Meta:
        verbose_name = "行政执法监督意见书"
        verbose_name_plural = "行政执法监督意见书"
        ordering = ["-issued_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["number"], name="uniq_enforcement_opinion_number")]
        indexes = [models.Index(fields=["org_path", "issued_on"], name="enf_opinion_issued_on"),
                   models.Index(fields=["status", "due_on", "org_path"], name="enf_opinion_open_due")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("enforcement:opinion_detail", args=[self.pk])

    def overdue(self, today) -> bool:
        return self.status in OPEN_OPINIONS and self.due_on < today
