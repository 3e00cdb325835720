"""公证: matters of a 公证处 (DOMAIN.md §4, 《公证法》).

`NotaryItem` is the office's own, editable list of what it certifies: each item belongs to one of the eleven
kinds of 公证法第11条, may be on the 最多跑一次 list and carries its fee (a fixed fee per certificate, a fee per
extra copy, and for matters valued by their subject a progressive rate table). A `NotaryMatter` is one
application: online pre-application, 受理, pauses (补充材料、核实、不可抗力 — time not counted, 第30条), and the
certificate (公证书) within fifteen working days net of pauses, or a refusal (第31条).

Field changes happen only through sifa.notary.actions.
"""

from django.db import models

from sifa.core.models import ScopedModel


class Category(models.TextChoices):
    """《公证法》第11条: the matters a natural person, legal person or other organisation may apply for."""

    CONTRACT = "contract", "合同"
    SUCCESSION = "succession", "继承"
    ENTRUSTMENT = "entrustment", "委托、声明、赠与、遗嘱"
    PARTITION = "partition", "财产分割"
    TENDER = "tender", "招标投标、拍卖"
    KINSHIP = "kinship", "婚姻状况、亲属关系、收养关系"
    PERSONAL = "personal", "出生、生存、死亡、身份、经历、学历、学位、职务、职称、有无违法犯罪记录"
    ARTICLES = "articles", "公司章程"
    EVIDENCE = "evidence", "保全证据"
    DOCUMENT = "document", "文书上的签名、印鉴、日期，文书的副本、影印本与原本相符"
    OTHER = "other", "自愿申请办理的其他公证事项"


class Channel(models.TextChoices):
    WINDOW = "window", "窗口受理"
    ONLINE = "online", "网上申请"
    DOORSTEP = "doorstep", "上门服务"


class Status(models.TextChoices):
    PRE_APPLIED = "pre_applied", "网上预申请，待受理"
    ACCEPTED = "accepted", "已受理，审查中"
    PAUSED = "paused", "中止计算期限（补充材料、核实）"
    ISSUED = "issued", "已出具公证书"
    REFUSED = "refused", "不予办理"
    WITHDRAWN = "withdrawn", "撤回申请"


OPEN_STATUSES = {Status.ACCEPTED, Status.PAUSED}
FINAL_STATUSES = {Status.ISSUED, Status.REFUSED, Status.WITHDRAWN}


class PauseReason(models.TextChoices):
    """《公证法》第30条: the time for these is not counted in the fifteen working days."""

    SUPPLEMENT = "supplement", "补充证明材料"
    VERIFY = "verify", "需要核实有关情况"
    FORCE_MAJEURE = "force_majeure", "不可抗力"


class RefusalReason(models.TextChoices):
    """《公证法》第31条."""

    INCAPACITY = "incapacity", "无民事行为能力人或者限制民事行为能力人没有监护人代理申请办理公证"
    NO_INTEREST = "no_interest", "当事人与申请公证的事项没有利害关系"
    NOT_NOTARIAL = "not_notarial", "申请公证的事项属专业技术鉴定、评估事项"
    DISPUTE = "dispute", "当事人之间对申请公证的事项有争议"
    FALSE = "false", "当事人虚构、隐瞒事实，或者提供虚假证明材料"
    INSUFFICIENT = "insufficient", "当事人提供的证明材料不充分或者拒绝补充证明材料"
    UNTRUE = "untrue", "申请公证的事项不真实、不合法"
    IMMORAL = "immoral", "申请公证的事项违背社会公德"
    NO_FEE = "no_fee", "当事人拒绝按照规定支付公证费"


class NotaryItem(ScopedModel):
    """One 公证事项 of the office's list: its 第11条 kind, whether it is 最多跑一次 and whether it may be applied
    for online, and its fee (收费标准)."""

    name = models.CharField("公证事项", max_length=100)
    category = models.CharField("事项类别（公证法第十一条）", max_length=20, choices=Category.choices)
    one_visit = models.BooleanField("列入“最多跑一次”清单", default=False)
    online = models.BooleanField("可网上申请", default=False)
    base_fee = models.DecimalField("基本收费（元/件）", max_digits=10, decimal_places=2, default=0)
    copy_fee = models.DecimalField("每增加一份副本（元）", max_digits=10, decimal_places=2, default=0)
    value_based = models.BooleanField("按标的额收费", default=False)
    min_fee = models.DecimalField("按标的额收费的最低收费（元）", max_digits=10, decimal_places=2, default=0)
    materials = models.TextField("所需材料", blank=True)
    effective_from = models.DateField("列入事项清单日期")
    withdrawn_on = models.DateField("停办日期", null=True, blank=True)

    class Meta:
        verbose_name = "公证事项"
        verbose_name_plural = "公证事项"
        ordering = ["org_path", "category", "name"]
        indexes = [models.Index(fields=["org_path", "effective_from"], name="nt_item_scope_from",
                         include=["category", "one_visit", "withdrawn_on"])]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="uniq_notary_item_name")]

    def __str__(self):
        return self.name

    @property
    def active(self) -> bool:
        return self.withdrawn_on is None


class FeeTier(ScopedModel):
    """A band of a progressive fee by subject value: the part of the value up to `upper_bound` (元) pays
    `rate_permille` ‰; the last band has no upper bound."""

    item = models.ForeignKey(NotaryItem, on_delete=models.CASCADE, related_name="tiers", verbose_name="公证事项")
    upper_bound = models.DecimalField("标的额上限（元）", max_digits=16, decimal_places=2, null=True, blank=True)
    rate_permille = models.DecimalField("费率（‰）", max_digits=7, decimal_places=3)

    class Meta:
        verbose_name = "累进收费档次"
        verbose_name_plural = "累进收费档次"
        ordering = ["item_id", models.F("upper_bound").asc(nulls_last=True)]

    def __str__(self):
        return f"{self.item} {self.upper_bound or '以上'} {self.rate_permille}‰"


class NotaryMatter(ScopedModel):
    number = models.CharField("公证书编号", max_length=60, blank=True, db_index=True)
    item = models.ForeignKey(NotaryItem, on_delete=models.PROTECT, related_name="matters", verbose_name="公证事项")
    category = models.CharField("事项类别", max_length=20, choices=Category.choices, editable=False)
    one_visit = models.BooleanField("最多跑一次事项", default=False, editable=False)
    channel = models.CharField("受理渠道", max_length=10, choices=Channel.choices)
    foreign = models.BooleanField("涉外（涉港澳台）", default=False)
    use_place = models.CharField("使用地", max_length=100, blank=True)
    purpose = models.CharField("用途", max_length=200, blank=True)
    applicant_name = models.CharField("申请人", max_length=100)
    applicant_id = models.CharField("申请人证件号码", max_length=18)
    applicant_mobile = models.CharField("联系电话", max_length=11, blank=True)
    copies = models.PositiveSmallIntegerField("公证书份数", default=1)
    subject_value = models.DecimalField("标的额（元）", max_digits=16, decimal_places=2, null=True, blank=True)
    fee = models.DecimalField("公证费（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    green_channel = models.BooleanField("绿色通道", default=False)
    status = models.CharField("状态", max_length=12, choices=Status.choices, db_index=True)
    applied_on = models.DateField("申请日期")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    due_on = models.DateField("出证期限", null=True, blank=True)
    issued_on = models.DateField("出证日期", null=True, blank=True)
    on_time = models.BooleanField("按期出证", null=True, blank=True)
    late_reason = models.TextField("逾期原因", blank=True)
    notary = models.CharField("承办公证员", max_length=50, blank=True)
    visits = models.PositiveSmallIntegerField("到场次数", default=0)
    refusal_reason = models.CharField("不予办理理由", max_length=20, choices=RefusalReason.choices, blank=True)
    closed_note = models.TextField("说明", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    tracking_code = models.CharField("查询码", max_length=40, blank=True, db_index=True)

    sensitive_fields = ("applicant_id", "applicant_mobile")

    class Meta:
        verbose_name = "公证事项办理"
        verbose_name_plural = "公证事项办理"
        ordering = ["-applied_on", "-id"]
        indexes = [
            models.Index(fields=["org_path", "applied_on"], name="nt_matter_scope_applied",
                         include=["category", "channel", "one_visit"]),
            models.Index(fields=["org_path", "accepted_on"], name="nt_matter_scope_accepted",
                         include=["category", "channel", "foreign", "one_visit"]),
            models.Index(fields=["org_path", "issued_on"], name="nt_matter_scope_issued",
                         include=["category", "channel", "fee", "foreign", "on_time", "one_visit"]),
            # the dashboard's 超期/临期 source: accepted matters by due date
            models.Index(fields=["status", "due_on", "org_path"], name="nt_matter_open_due"),
        ]

    def __str__(self):
        return self.number or f"{self.item} · {self.applied_on:%Y-%m-%d}"

    def pause_ranges(self) -> list[tuple]:
        return [(p.started_on, p.ended_on) for p in self.pauses.all()]


class Pause(ScopedModel):
    matter = models.ForeignKey(NotaryMatter, on_delete=models.CASCADE, related_name="pauses", verbose_name="公证事项")
    reason = models.CharField("中止原因", max_length=20, choices=PauseReason.choices)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "期限中止"
        verbose_name_plural = "期限中止"
        ordering = ["matter_id", "started_on", "id"]

    def __str__(self):
        return f"{self.matter} {self.get_reason_display()}"
