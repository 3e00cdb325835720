"""法律援助与法律咨询: the records of the legal-aid line (DOMAIN.md §3, §14; 《法律援助法》).

An application (申请) or an official notification (通知辩护/代理) is one `Application`. It is owned by the unit
that holds it: a 司法所 (工作站) that took it in until it is forwarded, then the 法律援助中心 that reviews it,
decides (第43条: 7日内), assigns it (3日内; notified cases 第36条: 3日内) to a 律师事务所 / 基层法律服务所 and
its lawyer or 基层法律服务工作者, follows it to 结案, grades the file (案卷质量评查) and pays the subsidy from
the rate table. 值班律师 work is recorded against duty stations at courts, procuratorates and detention centres;
法律咨询 (12348 hotline, walk-in, online) is a `Consultation`.

Field changes happen only through sifa.legalaid.actions.
"""

from django.db import models

from sifa.core.access import Assignee
from sifa.core.models import ScopedModel

# --- choices -------------------------------------------------------------------------------------------------------


class Channel(models.TextChoices):
    VISIT = "visit", "来访申请"
    ONLINE = "online", "网上申请"
    PHONE = "phone", "电话申请"
    NOTICE = "notice", "办案机关通知"


class Category(models.TextChoices):
    """案件类别 (《法律援助法》第22条 forms of service)."""

    CRIMINAL_DEFENCE = "criminal_defence", "刑事辩护"
    CRIMINAL_AGENCY = "criminal_agency", "刑事代理"
    CIVIL = "civil", "民事诉讼代理"
    ADMINISTRATIVE = "administrative", "行政诉讼代理"
    STATE_COMPENSATION = "state_compensation", "国家赔偿代理"
    LABOUR_ARBITRATION = "labour_arbitration", "劳动争议仲裁代理"
    NON_LITIGATION = "non_litigation", "非诉讼代理"
    DOCUMENT = "document", "代拟法律文书"


class CaseArea(models.TextChoices):
    """刑事/民事/行政: how every report splits legal-aid cases."""

    CRIMINAL = "criminal", "刑事"
    CIVIL = "civil", "民事"
    ADMINISTRATIVE = "administrative", "行政"


AREA_OF = {
    Category.CRIMINAL_DEFENCE: CaseArea.CRIMINAL, Category.CRIMINAL_AGENCY: CaseArea.CRIMINAL,
    Category.CIVIL: CaseArea.CIVIL, Category.LABOUR_ARBITRATION: CaseArea.CIVIL,
    Category.NON_LITIGATION: CaseArea.CIVIL, Category.DOCUMENT: CaseArea.CIVIL,
    Category.ADMINISTRATIVE: CaseArea.ADMINISTRATIVE, Category.STATE_COMPENSATION: CaseArea.ADMINISTRATIVE,
}


class CivilMatter(models.TextChoices):
    """《法律援助法》第31条: the civil and administrative matters legal aid covers."""

    STATE_COMPENSATION = "state_compensation", "依法请求国家赔偿"
    SOCIAL_INSURANCE = "social_insurance", "请求给予社会保险待遇或者社会救助"
    PENSION = "pension", "请求发给抚恤金"
    MAINTENANCE = "maintenance", "请求给付赡养费、抚养费、扶养费"
    LABOUR = "labour", "请求确认劳动关系或者支付劳动报酬"
    CAPACITY = "capacity", "请求认定公民无民事行为能力或者限制民事行为能力"
    PERSONAL_INJURY = "personal_injury", "请求工伤事故、交通事故、食品药品安全事故、医疗事故人身损害赔偿"
    ENVIRONMENT = "environment", "请求环境污染、生态破坏损害赔偿"
    OTHER = "other", "法律、法规、规章规定的其他情形"


class ReviewBasis(models.TextChoices):
    """How the applicant's economic situation was established (第41、42、32条)."""

    INFO_SHARING = "info_sharing", "信息共享核查"
    PLEDGE = "pledge", "个人诚信承诺"
    EXEMPT = "exempt", "免予核查（第四十二条）"
    UNLIMITED = "unlimited", "不受经济困难条件限制（第三十二条）"
    NOTIFIED = "notified", "办案机关通知（无需审查经济状况）"


class Exemption(models.TextChoices):
    """第42条 免予核查 (a…d) and 第32条 不受经济困难条件限制 (e…i). The 农民工讨薪/工伤 green channel is
    第42条第三项."""

    SPECIFIC_GROUP = "a42_1", "无固定生活来源的未成年人、老年人、残疾人等特定群体（第四十二条第一项）"
    ASSISTANCE = "a42_2", "社会救助、司法救助或者优抚对象（第四十二条第二项）"
    MIGRANT_WORKER = "a42_3", "申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员（第四十二条第三项）"
    OTHER_42 = "a42_4", "法律、法规、规章规定的其他人员（第四十二条第四项）"
    MARTYR = "a32_1", "英雄烈士近亲属为维护英雄烈士的人格权益（第三十二条第一项）"
    HEROISM = "a32_2", "因见义勇为行为主张相关民事权益（第三十二条第二项）"
    ACQUITTED = "a32_3", "再审改判无罪请求国家赔偿（第三十二条第三项）"
    ABUSE = "a32_4", "遭受虐待、遗弃或者家庭暴力的受害人主张相关权益（第三十二条第四项）"
    OTHER_32 = "a32_5", "法律、法规规定的其他情形（第三十二条第五项）"


class NotifyingOrgan(models.TextChoices):
    POLICE = "police", "公安机关"
    PROCURATORATE = "procuratorate", "人民检察院"
    COURT = "court", "人民法院"


class Circumstance(models.TextChoices):
    """Why the organ must notify (第25条 应当通知辩护, 第28条 强制医疗)."""

    MINOR = "minor", "未成年人"
    SENSORY_DISABILITY = "sensory_disability", "视力、听力、言语残疾人"
    MENTAL = "mental", "不能完全辨认自己行为的成年人"
    LIFE_OR_DEATH = "life_or_death", "可能被判处无期徒刑、死刑的人"
    DEATH_REVIEW = "death_review", "申请法律援助的死刑复核案件被告人"
    ABSENTIA = "absentia", "缺席审判案件的被告人"
    ORDINARY_TRIAL = "ordinary_trial", "适用普通程序审判案件的被告人（第二十五条第二款）"
    COMPULSORY_MEDICAL = "compulsory_medical", "强制医疗案件的被申请人或者被告人（第二十八条）"


# 《法律援助法》第26条: these defendants get a lawyer with three years or more of practice.
SENIOR_LAWYER_CIRCUMSTANCES = {Circumstance.LIFE_OR_DEATH, Circumstance.DEATH_REVIEW}


class Stage(models.TextChoices):
    INVESTIGATION = "investigation", "侦查阶段"
    PROSECUTION = "prosecution", "审查起诉阶段"
    TRIAL = "trial", "审判阶段"
    DEATH_REVIEW = "death_review", "死刑复核阶段"


class Status(models.TextChoices):
    FORWARDING = "forwarding", "待转交法律援助机构"
    RECEIVED = "received", "待审查"
    GRANTED = "granted", "决定给予，待指派"
    PROVISIONAL = "provisional", "先行提供，待指派"
    REFUSED = "refused", "决定不予法律援助"
    ASSIGNED = "assigned", "已指派，待承办"
    IN_PROGRESS = "in_progress", "承办中"
    CLOSED = "closed", "已结案"
    TERMINATED = "terminated", "终止法律援助"
    WITHDRAWN = "withdrawn", "撤回申请"


AWAITING_ASSIGNMENT = {Status.GRANTED, Status.PROVISIONAL}
ASSIGNED_STATUSES = {Status.ASSIGNED, Status.IN_PROGRESS}
FINAL_STATUSES = {Status.REFUSED, Status.CLOSED, Status.TERMINATED, Status.WITHDRAWN}


class Decision(models.TextChoices):
    GRANT = "grant", "给予法律援助"
    REFUSE = "refuse", "不予法律援助"
    PROVISIONAL = "provisional", "先行提供法律援助（第四十四条）"


class ClosureMethod(models.TextChoices):
    JUDGMENT = "judgment", "判决"
    RULING = "ruling", "裁定"
    MEDIATION = "mediation", "调解"
    SETTLEMENT = "settlement", "和解"
    ARBITRATION = "arbitration", "仲裁裁决"
    WITHDRAWAL = "withdrawal", "撤诉（撤回申请）"
    NON_LITIGATION = "non_litigation", "非诉讼办结"
    DOCUMENT = "document", "文书已代拟"


class TerminationReason(models.TextChoices):
    """《法律援助法》第48条."""

    NO_LONGER_POOR = "no_longer_poor", "受援人以欺骗或者其他不正当手段获得法律援助"
    FAKE = "fake", "受援人故意隐瞒与案件有关的重要事实或者提供虚假证据"
    MISUSE = "misuse", "受援人利用法律援助从事违法活动"
    IMPROVED = "improved", "受援人的经济状况发生变化，不再符合法律援助条件"
    ENDED = "ended", "案件终止审理或者被撤销"
    OWN_LAWYER = "own_lawyer", "受援人自行委托律师或者其他代理人"
    REQUEST = "request", "受援人有正当理由要求终止法律援助"
    OTHER = "other", "法律法规规定的其他情形"


class DocumentKind(models.TextChoices):
    APPLICATION_FORM = "application_form", "法律援助申请表"
    IDENTITY = "identity", "身份证明"
    ECONOMIC = "economic", "经济困难证明或诚信承诺书"
    EVIDENCE = "evidence", "与案件有关的材料"
    NOTICE = "notice", "通知辩护（代理）公函"
    CLOSING_REPORT = "closing_report", "结案报告"
    JUDGMENT = "judgment", "判决书、裁定书"
    MEDIATION = "mediation", "调解书、调解协议"
    SETTLEMENT = "settlement", "和解协议"
    AWARD = "award", "仲裁裁决书"
    WITHDRAWAL = "withdrawal", "准予撤诉裁定书或撤回申请书"
    WORK_PRODUCT = "work_product", "代理词、辩护词或代拟的法律文书"
    FEEDBACK = "feedback", "受援人意见反馈表"
    OTHER = "other", "其他材料"


class QualityGrade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class ProgressKind(models.TextChoices):
    MEETING = "meeting", "会见受援人"
    FILE_REVIEW = "file_review", "阅卷"
    INVESTIGATION = "investigation", "调查取证"
    HEARING = "hearing", "出庭"
    NEGOTIATION = "negotiation", "调解、和解"
    OPINION = "opinion", "提交辩护（代理）意见"
    OTHER = "other", "其他"


class ServiceOrgKind(models.TextChoices):
    LAW_FIRM = "law_firm", "律师事务所"
    LEGAL_SERVICE_FIRM = "legal_service_firm", "基层法律服务所"
    AID_CENTRE = "aid_centre", "法律援助机构"
    OTHER = "other", "其他社会组织"


class ProviderKind(models.TextChoices):
    LAWYER = "lawyer", "律师"
    AID_LAWYER = "aid_lawyer", "法律援助机构律师"
    LEGAL_WORKER = "legal_worker", "基层法律服务工作者"
    VOLUNTEER = "volunteer", "法律援助志愿者"


LAWYER_KINDS = {ProviderKind.LAWYER, ProviderKind.AID_LAWYER}
LICENSED_KINDS = {ProviderKind.LAWYER, ProviderKind.AID_LAWYER, ProviderKind.LEGAL_WORKER}


class LicenceStatus(models.TextChoices):
    ACTIVE = "active", "正常执业"
    SUSPENDED = "suspended", "停止执业"
    REVOKED = "revoked", "吊销执业证书"
    CANCELLED = "cancelled", "注销执业证书"


class ObjectionOutcome(models.TextChoices):
    PENDING = "pending", "审查中"
    UPHELD = "upheld", "维持法律援助机构的决定"
    CORRECTED = "corrected", "责令法律援助机构改正"


class StationKind(models.TextChoices):
    COURT = "court", "人民法院"
    PROCURATORATE = "procuratorate", "人民检察院"
    DETENTION = "detention", "看守所"


class HelpKind(models.TextChoices):
    """值班律师 legal help (刑诉法第36条, 《法律援助法》第30条)."""

    CONSULT = "consult", "提供法律咨询"
    PROCEDURE = "procedure", "提供程序选择建议"
    MEASURES = "measures", "申请变更强制措施"
    OPINION = "opinion", "对案件处理提出意见"
    PLEA = "plea", "认罪认罚具结书签署在场"
    OTHER = "other", "其他法律帮助"


class ConsultChannel(models.TextChoices):
    HOTLINE = "hotline", "12348热线"
    VISIT = "visit", "来访"
    ONLINE = "online", "网上咨询"
    DUTY_STATION = "duty_station", "值班站（点）"
    LIAISON = "liaison", "联络点"


class Topic(models.TextChoices):
    MARRIAGE = "marriage", "婚姻家庭继承"
    WAGES = "wages", "劳动报酬（讨薪）"
    LABOUR = "labour", "劳动关系、工伤与社会保险"
    CONTRACT = "contract", "合同与借贷"
    TORT = "tort", "人身与财产损害赔偿"
    TRAFFIC = "traffic", "道路交通事故"
    PROPERTY = "property", "房产物业与土地"
    CONSUMER = "consumer", "消费者权益"
    ADMINISTRATIVE = "administrative", "行政争议"
    CRIMINAL = "criminal", "刑事"
    LEGAL_AID = "legal_aid", "法律援助申请事项"
    OTHER = "other", "其他"


class Referral(models.TextChoices):
    NONE = "none", "无需转介"
    LEGAL_AID = "legal_aid", "转法律援助"
    MEDIATION = "mediation", "转人民调解"
    LAWYER = "lawyer", "建议委托律师"
    DEPARTMENT = "department", "告知向有关部门反映"


class ConsultStatus(models.TextChoices):
    WAITING = "waiting", "待答复"
    ANSWERED = "answered", "已答复"


# --- configuration: the tables a bureau edits ----------------------------------------------------------------------


class HardshipStandard(ScopedModel):
    """经济困难标准 of a county (《法律援助法》第34条: set by the province, often “当地最低生活保障标准的N倍”).
    It applies to its unit's subtree from `effective_from`; a later one replaces it."""

    monthly_income_per_capita = models.DecimalField("家庭人均月收入上限（元）", max_digits=10, decimal_places=2)
    basis = models.CharField("依据", max_length=200)
    effective_from = models.DateField("施行日期")

    class Meta:
        verbose_name = "经济困难标准"
        verbose_name_plural = "经济困难标准"
        ordering = ["-effective_from", "-id"]

    def __str__(self):
        return f"{self.effective_from:%Y-%m-%d}起 人均月收入{self.monthly_income_per_capita}元以下"


class SubsidyRate(ScopedModel):
    """法律援助办案补贴标准: one row per case category and period, edited by the bureau."""

    category = models.CharField("案件类别", max_length=30, choices=Category.choices)
    base_amount = models.DecimalField("基本补贴（元/件）", max_digits=10, decimal_places=2)
    extra_person_amount = models.DecimalField("每增加一名受援人增加（元）", max_digits=10, decimal_places=2, default=0)
    effective_from = models.DateField("施行日期")
    effective_to = models.DateField("停止日期", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "办案补贴标准"
        verbose_name_plural = "办案补贴标准"
        ordering = ["category", "-effective_from", "-id"]

    def __str__(self):
        return f"{self.get_category_display()} {self.base_amount}元（{self.effective_from:%Y-%m-%d}起）"


# --- providers ----------------------------------------------------------------------------------------------------


class ServiceOrg(ScopedModel):
    """A 律师事务所, 基层法律服务所 or the centre itself, to which cases are assigned (第27条)."""

    name = models.CharField("机构名称", max_length=100)
    kind = models.CharField("机构类型", max_length=20, choices=ServiceOrgKind.choices)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    active = models.BooleanField("承接法律援助", default=True)

    class Meta:
        verbose_name = "法律援助服务机构"
        verbose_name_plural = "法律援助服务机构"
        ordering = ["org_path", "name"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="uniq_legalaid_serviceorg_name")]

    def __str__(self):
        return self.name


class Provider(ScopedModel):
    """A lawyer, 基层法律服务工作者 or volunteer on the centre's roster. `specialities` holds CaseArea values
    separated by commas; the rotation only offers a case to people of its area."""

    service_org = models.ForeignKey(ServiceOrg, on_delete=models.PROTECT, related_name="providers",
                                    verbose_name="所在机构")
    name = models.CharField("姓名", max_length=50)
    kind = models.CharField("人员类别", max_length=20, choices=ProviderKind.choices)
    licence_number = models.CharField("执业证号", max_length=30, blank=True, db_index=True)
    licence_status = models.CharField("执业状态", max_length=12, choices=LicenceStatus.choices,
                                      default=LicenceStatus.ACTIVE)
    practice_since = models.DateField("首次执业日期", null=True, blank=True)
    specialities = models.CharField("擅长领域", max_length=60, default="criminal,civil,administrative",
                                    help_text="刑事、民事、行政中的一项或多项")
    max_open_cases = models.PositiveSmallIntegerField("同时承办案件上限", default=10)
    in_rotation = models.BooleanField("参与轮流指派", default=True)
    mobile = models.CharField("手机号码", max_length=11, blank=True)
    user = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name="平台账号")

    sensitive_fields = ("mobile",)

    class Meta:
        verbose_name = "法律援助人员"
        verbose_name_plural = "法律援助人员"
        ordering = ["org_path", "name"]
        constraints = [models.UniqueConstraint(fields=["licence_number"], name="uniq_legalaid_provider_licence",
                                               condition=~models.Q(licence_number=""))]

    def __str__(self):
        return self.name

    def speciality_set(self) -> set[str]:
        return {s for s in self.specialities.split(",") if s}

    def speciality_labels(self) -> str:
        return "、".join(CaseArea(s).label for s in CaseArea.values if s in self.speciality_set())


# --- applications -------------------------------------------------------------------------------------------------


class Application(ScopedModel):
    """A legal-aid application or official notification, from intake to 结案 (one record per case)."""

    number = models.CharField("案号", max_length=60, blank=True, db_index=True)
    channel = models.CharField("申请方式", max_length=10, choices=Channel.choices)
    category = models.CharField("案件类别", max_length=30, choices=Category.choices)
    case_area = models.CharField("案件领域", max_length=20, choices=CaseArea.choices, editable=False)
    civil_matter = models.CharField("援助事项（第三十一条）", max_length=30, choices=CivilMatter.choices, blank=True)
    summary = models.TextField("案情摘要")
    opposing_party = models.CharField("对方当事人", max_length=100, blank=True)
    handling_organ = models.CharField("办案机关（法院、仲裁机构等）", max_length=100, blank=True)
    amount = models.DecimalField("涉案金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    # the applicant (受援人)
    name = models.CharField("申请人姓名", max_length=50)
    id_number = models.CharField("身份证号码", max_length=18)
    sex = models.CharField("性别", max_length=2, blank=True, editable=False)
    birth_date = models.DateField("出生日期", null=True, blank=True, editable=False)
    mobile = models.CharField("联系电话", max_length=11, blank=True)
    address = models.CharField("住所", max_length=200, blank=True)
    recipients = models.PositiveIntegerField("受援人数", default=1, help_text="群体性讨薪等案件的受援人数（人次）")
    is_minor = models.BooleanField("未成年人", default=False, editable=False)
    is_elderly = models.BooleanField("老年人", default=False, editable=False)
    is_woman = models.BooleanField("妇女", default=False, editable=False)
    is_disabled = models.BooleanField("残疾人", default=False)
    is_migrant_worker = models.BooleanField("农民工", default=False)
    is_military = models.BooleanField("军人军属", default=False)
    is_dv_victim = models.BooleanField("家庭暴力受害人", default=False)
    # economic situation (经济状况, sensitive)
    review_basis = models.CharField("经济状况审查方式", max_length=15, choices=ReviewBasis.choices)
    exemption = models.CharField("免予核查或不受限情形", max_length=10, choices=Exemption.choices, blank=True)
    household_size = models.PositiveSmallIntegerField("家庭人口", null=True, blank=True)
    household_income = models.DecimalField("家庭月收入（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    financial_note = models.TextField("经济状况说明", blank=True)
    hardship_standard = models.ForeignKey(HardshipStandard, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+", verbose_name="适用经济困难标准")
    # official notification (通知辩护/代理)
    notifying_organ = models.CharField("通知机关类别", max_length=15, choices=NotifyingOrgan.choices, blank=True)
    notifier = models.CharField("通知机关", max_length=100, blank=True)
    notice_number = models.CharField("通知书文号", max_length=100, blank=True)
    circumstance = models.CharField("应当通知的情形", max_length=25, choices=Circumstance.choices, blank=True)
    stage = models.CharField("诉讼阶段", max_length=15, choices=Stage.choices, blank=True)
    discovered_on = models.DateField("发现应当通知情形日期", null=True, blank=True)
    notified_on = models.DateField("发出通知日期", null=True, blank=True)
    notice_late = models.BooleanField("办案机关逾期通知", default=False)
    # workflow
    status = models.CharField("状态", max_length=15, choices=Status.choices, db_index=True)
    received_on = models.DateField("受理日期")
    centre_received_on = models.DateField("法律援助机构收到日期", null=True, blank=True)
    intake_org = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                   verbose_name="受理窗口")
    decision_due = models.DateField("审查决定期限", null=True, blank=True)
    decision = models.CharField("审查决定", max_length=15, choices=Decision.choices, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decision_reason = models.TextField("决定理由", blank=True)
    decided_on_time = models.BooleanField("按期决定", null=True, blank=True)
    assign_due = models.DateField("指派期限", null=True, blank=True)
    assigned_on = models.DateField("指派日期", null=True, blank=True)
    assigned_on_time = models.BooleanField("按期指派", null=True, blank=True)
    late_reason = models.TextField("逾期原因", blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    closure_method = models.CharField("结案方式", max_length=20, choices=ClosureMethod.choices, blank=True)
    outcome = models.TextField("办理结果", blank=True)
    recovered_amount = models.DecimalField("挽回经济损失（元）", max_digits=14, decimal_places=2, null=True,
                                           blank=True)
    termination_reason = models.CharField("终止原因", max_length=20, choices=TerminationReason.choices, blank=True)
    quality_grade = models.CharField("案卷质量等次", max_length=10, choices=QualityGrade.choices, blank=True)
    graded_on = models.DateField("评查日期", null=True, blank=True)
    grade_note = models.TextField("评查意见", blank=True)
    subsidy_rate = models.ForeignKey(SubsidyRate, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name="适用补贴标准")
    subsidy_amount = models.DecimalField("办案补贴（元）", max_digits=10, decimal_places=2, null=True, blank=True)
    satisfaction = models.CharField("受援人满意度", max_length=15, choices=Satisfaction.choices, blank=True)
    satisfaction_on = models.DateField("评价日期", null=True, blank=True)
    satisfaction_note = models.CharField("评价意见", max_length=500, blank=True)
    tracking_code = models.CharField("查询码", max_length=40, blank=True, db_index=True)
    consultation = models.ForeignKey("Consultation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="applications", verbose_name="来源咨询")

    sensitive_fields = ("id_number", "mobile", "address", "household_income", "financial_note")
    sensitive_masks = {"household_income": "text", "financial_note": "text"}
    # The lawyer (or 基层法律服务工作者) of the assignment in force reads the case, though it is the centre's.
    assignee_fields = (Assignee("assignments__provider__user", assignments__active=True),)

    class Meta:
        verbose_name = "法律援助案件"
        verbose_name_plural = "法律援助案件"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["org_path", "received_on"], name="la_app_scope_received",
                         include=["case_area", "category", "channel", "circumstance", "is_migrant_worker", "notifying_organ", "recipients", "review_basis", "stage"]),
            models.Index(fields=["org_path", "decided_on"], name="la_app_scope_decided",
                         include=["case_area", "category", "channel", "decided_on_time", "decision"]),
            models.Index(fields=["org_path", "assigned_on"], name="la_app_scope_assigned",
                         include=["assigned_on_time", "case_area", "category", "channel"]),
            models.Index(fields=["org_path", "closed_on"], name="la_app_scope_closed",
                         include=["case_area", "category", "channel", "closure_method", "recovered_amount", "status"]),
            models.Index(fields=["org_path", "graded_on"], name="la_app_scope_graded",
                         include=["case_area", "category", "quality_grade", "subsidy_amount"]),
            models.Index(fields=["org_path", "satisfaction_on"], name="la_app_scope_rated",
                         include=["case_area", "satisfaction"]),
            # the dashboard's 超期/临期 sources: applications awaiting a decision or an assignment
            models.Index(fields=["status", "decision_due", "org_path"], name="la_app_open_decision_due"),
            models.Index(fields=["status", "assign_due", "org_path"], name="la_app_open_assign_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["notifier", "notice_number"], name="uniq_legalaid_notice",
                                    condition=~models.Q(notice_number="")),
        ]

    def __str__(self):
        return self.number or f"法律援助登记#{self.pk}"

    @property
    def is_notice(self) -> bool:
        return self.channel == Channel.NOTICE

    @property
    def current_assignment(self):
        return self.assignments.filter(active=True).select_related("service_org", "provider").first()


class Assignment(ScopedModel):
    """指派: the case to a service organisation and its person. A replaced assignment stays, inactive."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments",
                                    verbose_name="法律援助案件")
    service_org = models.ForeignKey(ServiceOrg, on_delete=models.PROTECT, related_name="assignments",
                                    verbose_name="承办机构")
    provider = models.ForeignKey(Provider, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="assignments", verbose_name="承办人")
    assigned_on = models.DateField("指派日期")
    by_rotation = models.BooleanField("轮流指派", default=False)
    active = models.BooleanField("有效", default=True)
    ended_on = models.DateField("更换日期", null=True, blank=True)
    end_reason = models.CharField("更换原因", max_length=200, blank=True)

    assignee_fields = (Assignee("provider__user", active=True),)

    class Meta:
        verbose_name = "指派记录"
        verbose_name_plural = "指派记录"
        ordering = ["application_id", "assigned_on", "id"]

    def __str__(self):
        return f"{self.application} → {self.provider or self.service_org}"


class Progress(ScopedModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="progress",
                                    verbose_name="法律援助案件")
    happened_on = models.DateField("日期")
    kind = models.CharField("办理事项", max_length=20, choices=ProgressKind.choices)
    note = models.TextField("情况")

    assignee_fields = (Assignee("application__assignments__provider__user", application__assignments__active=True),)

    class Meta:
        verbose_name = "办理进展"
        verbose_name_plural = "办理进展"
        ordering = ["application_id", "happened_on", "id"]

    def __str__(self):
        return f"{self.application} {self.happened_on} {self.get_kind_display()}"


class Document(ScopedModel):
    """An uploaded file of a case, kept in private storage under a random name and served only through a
    scoped view (staff of the owning unit, or the applicant signed in on the portal)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents",
                                    verbose_name="法律援助案件")
    kind = models.CharField("材料类型", max_length=20, choices=DocumentKind.choices)
    original_name = models.CharField("原文件名", max_length=200)
    stored_name = models.CharField(max_length=200, editable=False)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64, editable=False)
    from_portal = models.BooleanField("申请人网上提交", default=False)

    assignee_fields = (Assignee("application__assignments__provider__user", application__assignments__active=True),)

    class Meta:
        verbose_name = "案件材料"
        verbose_name_plural = "案件材料"
        ordering = ["application_id", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.original_name}"


class Objection(ScopedModel):
    """异议 against 不予法律援助 or 终止 (第49条): the 司法行政部门 decides within five days."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="objections",
                                    verbose_name="法律援助案件")
    received_on = models.DateField("收到异议日期")
    reason = models.TextField("异议理由")
    due_on = models.DateField("审查期限")
    outcome = models.CharField("审查结果", max_length=12, choices=ObjectionOutcome.choices,
                               default=ObjectionOutcome.PENDING)
    decided_on = models.DateField("审查决定日期", null=True, blank=True)
    note = models.TextField("审查意见", blank=True)

    class Meta:
        verbose_name = "法律援助异议"
        verbose_name_plural = "法律援助异议"
        ordering = ["-received_on", "-id"]

    def __str__(self):
        return f"{self.application} 异议"


# --- 值班律师 ----------------------------------------------------------------------------------------------------


class DutyStation(ScopedModel):
    """法律援助工作站 at a court, procuratorate or detention centre, where 值班律师 sit."""

    name = models.CharField("工作站名称", max_length=100)
    kind = models.CharField("派驻机关", max_length=15, choices=StationKind.choices)
    address = models.CharField("地址", max_length=200, blank=True)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "值班律师工作站"
        verbose_name_plural = "值班律师工作站"
        ordering = ["org_path", "name"]

    def __str__(self):
        return self.name


class DutyShift(ScopedModel):
    station = models.ForeignKey(DutyStation, on_delete=models.PROTECT, related_name="shifts",
                                verbose_name="工作站")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="shifts", verbose_name="值班律师")
    on_date = models.DateField("值班日期")

    assignee_fields = ("provider__user",)  # the 值班律师 sees their own shifts

    class Meta:
        verbose_name = "值班排班"
        verbose_name_plural = "值班排班"
        ordering = ["-on_date", "station_id"]
        constraints = [models.UniqueConstraint(fields=["station", "provider", "on_date"],
                                               name="uniq_legalaid_shift")]

    def __str__(self):
        return f"{self.on_date} {self.station} {self.provider}"


class LegalHelp(ScopedModel):
    """法律帮助 given by a 值班律师 on duty; a 认罪认罚 help record is one case (件), `persons` counts 人次."""

    station = models.ForeignKey(DutyStation, on_delete=models.PROTECT, related_name="helps", verbose_name="工作站")
    station_kind = models.CharField("派驻机关", max_length=15, choices=StationKind.choices, editable=False)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="helps", verbose_name="值班律师")
    helped_on = models.DateField("日期")
    kind = models.CharField("帮助类型", max_length=15, choices=HelpKind.choices)
    is_plea = models.BooleanField("认罪认罚案件", default=False)
    persons = models.PositiveIntegerField("帮助人次", default=1)
    case_reference = models.CharField("案号或文书号", max_length=100, blank=True)
    note = models.TextField("帮助情况", blank=True)

    assignee_fields = ("provider__user",)  # and the help they gave on duty

    class Meta:
        verbose_name = "值班律师法律帮助"
        verbose_name_plural = "值班律师法律帮助"
        ordering = ["-helped_on", "-id"]
        indexes = [models.Index(fields=["org_path", "helped_on"], name="la_help_scope_date",
                         include=["kind", "persons", "station_kind"])]

    def __str__(self):
        return f"{self.helped_on} {self.get_kind_display()}"


# --- 法律咨询 ----------------------------------------------------------------------------------------------------


class Consultation(ScopedModel):
    """One consultation (件) through the 12348 hotline, a visit, the website or a duty point; `persons` counts
    the people served (人次) when a group comes together."""

    channel = models.CharField("咨询渠道", max_length=15, choices=ConsultChannel.choices)
    asked_on = models.DateField("咨询日期")
    topic = models.CharField("咨询类别", max_length=20, choices=Topic.choices)
    question = models.TextField("咨询内容")
    persons = models.PositiveIntegerField("咨询人次", default=1)
    is_migrant_worker = models.BooleanField("农民工", default=False)
    asker_name = models.CharField("咨询人", max_length=50, blank=True)
    mobile = models.CharField("联系电话", max_length=11, blank=True)
    status = models.CharField("状态", max_length=10, choices=ConsultStatus.choices, default=ConsultStatus.ANSWERED)
    answer = models.TextField("答复内容", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.CharField("答复人", max_length=50, blank=True)
    referral = models.CharField("转介", max_length=15, choices=Referral.choices, default=Referral.NONE)
    referral_note = models.CharField("转介说明", max_length=200, blank=True)
    referred_dispute = models.ForeignKey("mediation.Dispute", null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+", verbose_name="转人民调解纠纷")
    asker_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    tracking_code = models.CharField("查询码", max_length=40, blank=True, db_index=True)

    sensitive_fields = ("mobile",)

    class Meta:
        verbose_name = "法律咨询"
        verbose_name_plural = "法律咨询"
        ordering = ["-asked_on", "-id"]
        indexes = [models.Index(fields=["org_path", "asked_on"], name="la_consult_scope_date",
                         include=["channel", "is_migrant_worker", "persons", "referral", "topic"])]

    def __str__(self):
        return f"{self.asked_on} {self.get_channel_display()}咨询"
