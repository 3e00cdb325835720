"""行政应诉: every lawsuit against a county agency or the county government, which the 司法局 coordinates
(DOMAIN.md §10). A `Lawsuit` is one case at one 审级 (its own 案号): an appeal is a new Lawsuit linked to the
first, so "one appearance of the agency head per case per level counts" (法释〔2020〕3号第7条) is one flag
per record. Defendants are the county's agencies (reconsideration.Agency); when a 复议维持 decision is sued, the
county government is a 共同被告 (《行政诉讼法》第26条第2款) and the lawsuit links that reconsideration case.

Records are owned by the county bureau's unit. Field changes happen only through sifa.litigation.actions.
"""

from django.db import models
from django.urls import reverse

from sifa.core.models import ScopedModel


class Level(models.TextChoices):
    FIRST = "first", "一审"
    SECOND = "second", "二审"
    RETRIAL = "retrial", "再审"


class Status(models.TextChoices):
    ANSWERING = "answering", "待答辩"
    PENDING = "pending", "审理中"
    CLOSED = "closed", "已审结"


class Outcome(models.TextChoices):
    """结案 (《行政诉讼法》第60、62、69–78条)."""

    DISMISSED = "dismissed", "判决驳回诉讼请求"
    REVOKED = "revoked", "判决撤销"
    VARIED = "varied", "判决变更"
    UNLAWFUL = "unlawful", "判决确认违法"
    VOID = "void", "判决确认无效"
    PERFORM = "perform", "判决履行"
    PAYMENT = "payment", "判决给付"
    COMPENSATION = "compensation", "判决赔偿"
    SUIT_REJECTED = "suit_rejected", "裁定驳回起诉"
    WITHDRAWN = "withdrawn", "准许撤诉"
    MEDIATED = "mediated", "调解"


# 败诉 (DOMAIN §10, 口径待核): judgments against the agency.
LOSSES = {Outcome.REVOKED, Outcome.VARIED, Outcome.UNLAWFUL, Outcome.VOID, Outcome.PERFORM, Outcome.PAYMENT,
          Outcome.COMPENSATION}
# 驳回 as seed 000 counts it (判决驳回 or 裁定驳回起诉, DOMAIN §17 歧义7).
REJECTIONS = {Outcome.DISMISSED, Outcome.SUIT_REJECTED}


class HeadPost(models.TextChoices):
    """法释〔2020〕3号第2条: the agency's 正职, 副职 or the 分管 leader."""

    CHIEF = "chief", "正职负责人"
    DEPUTY = "deputy", "副职负责人"
    IN_CHARGE = "in_charge", "分管负责人"


class DefendantRole(models.TextChoices):
    DEFENDANT = "defendant", "被告"
    CO_DEFENDANT = "co_defendant", "共同被告"


class Lawsuit(ScopedModel):
    number = models.CharField("案号", max_length=80)
    level = models.CharField("审级", max_length=10, choices=Level.choices, default=Level.FIRST)
    court = models.CharField("受理法院", max_length=100)
    plaintiff = models.CharField("原告（上诉人）", max_length=200)
    cause = models.CharField("案由（被诉行政行为）", max_length=200)
    agency = models.ForeignKey("reconsideration.Agency", on_delete=models.PROTECT, related_name="lawsuits",
                               verbose_name="被告（作出行政行为的机关）")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.ANSWERING)
    filed_on = models.DateField("立案日期")
    notice_received_on = models.DateField("收到应诉通知日期")
    answer_due = models.DateField("答辩期限")
    answered_on = models.DateField("提交答辩状日期", null=True, blank=True)
    agent = models.CharField("委托代理人", max_length=100, blank=True)
    first_hearing_on = models.DateField("首次开庭日期", null=True, blank=True)
    head_appeared = models.BooleanField("负责人出庭应诉", default=False)
    head_name = models.CharField("出庭负责人", max_length=50, blank=True)
    head_post = models.CharField("出庭负责人职务", max_length=10, choices=HeadPost.choices, blank=True)
    closed_on = models.DateField("审结日期", null=True, blank=True)
    outcome = models.CharField("裁判结果", max_length=15, choices=Outcome.choices, blank=True)
    lost = models.BooleanField("败诉", default=False)
    served_on = models.DateField("裁判文书送达日期", null=True, blank=True)
    appeal_due = models.DateField("上诉期限", null=True, blank=True)
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="appeal",
                                    verbose_name="原审案件")
    reconsideration = models.ForeignKey("reconsideration.Case", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="lawsuits", verbose_name="关联复议案件")
    performed_on = models.DateField("履行完毕日期", null=True, blank=True)
    rectified_on = models.DateField("败诉整改报告日期", null=True, blank=True)
    rectification = models.TextField("败诉整改情况", blank=True)
    source_system = models.CharField("来源系统", max_length=50, blank=True)

    class Meta:
        verbose_name = "行政诉讼案件"
        verbose_name_plural = "行政诉讼案件"
        ordering = ["-filed_on", "-id"]
        indexes = [
            models.Index(fields=["org_path", "filed_on"], name="lit_suit_scope_filed", include=["level", "status", "agency_id"]),
            models.Index(fields=["org_path", "first_hearing_on"], name="lit_suit_scope_heard",
                         include=["level", "head_appeared", "head_post", "agency_id"]),
            models.Index(fields=["org_path", "closed_on"], name="lit_suit_scope_closed",
                         include=["level", "outcome", "lost", "agency_id"]),
            models.Index(fields=["status", "answer_due", "org_path"], name="lit_suit_open_due"),
        ]
        constraints = [models.UniqueConstraint(fields=["number"], name="uniq_lawsuit_number")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("litigation:lawsuit_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return self.number


class Defendant(ScopedModel):
    lawsuit = models.ForeignKey(Lawsuit, on_delete=models.CASCADE, related_name="defendants", verbose_name="诉讼案件")
    agency = models.ForeignKey("reconsideration.Agency", on_delete=models.PROTECT, related_name="defences",
                               verbose_name="被告机关")
    role = models.CharField("诉讼地位", max_length=15, choices=DefendantRole.choices, default=DefendantRole.DEFENDANT)

    class Meta:
        verbose_name = "被告"
        verbose_name_plural = "被告"
        ordering = ["lawsuit_id", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["lawsuit", "agency"], name="uniq_lawsuit_defendant")]

    def __str__(self):
        return f"{self.get_role_display()} {self.agency}"


class Hearing(ScopedModel):
    """One court session (开庭) and who spoke for the agency."""

    lawsuit = models.ForeignKey(Lawsuit, on_delete=models.CASCADE, related_name="hearings", verbose_name="诉讼案件")
    held_on = models.DateField("开庭日期")
    head_present = models.BooleanField("负责人出庭", default=False)
    head_name = models.CharField("出庭负责人", max_length=50, blank=True)
    head_post = models.CharField("职务", max_length=10, choices=HeadPost.choices, blank=True)
    agents = models.CharField("出庭代理人", max_length=100, blank=True)

    class Meta:
        verbose_name = "开庭记录"
        verbose_name_plural = "开庭记录"
        ordering = ["lawsuit_id", "held_on", "id"]

    def __str__(self):
        return f"{self.lawsuit} {self.held_on}开庭"
