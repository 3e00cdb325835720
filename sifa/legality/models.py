"""合法性审查与备案审查 (DOMAIN.md §11): review items submitted by townships and county agencies, the drafts
they carry with the machine check's findings, the opinions, and the normative documents' 三统一 registration,
报备, 备案审查 and 动态清理.

A township's item is owned by its 司法所 (which reviews it, DOMAIN §11 “乡镇合法性审查 is done by the 司法所”);
an agency's item by the county bureau. The agencies are the county's one list, `reconsideration.Agency`.

Field changes happen only through sifa.legality.actions.
"""

from django.db import models
from django.urls import reverse

from sifa.core.models import ScopedModel


class ItemType(models.TextChoices):
    GOV_NORMATIVE = "gov_normative", "政府规范性文件"
    DEPT_NORMATIVE = "dept_normative", "部门规范性文件"
    MAJOR_DECISION = "major_decision", "重大行政决策"
    CONTRACT = "contract", "政府合同"
    PARTY = "party", "党内文件（协助）"
    TOWNSHIP = "township", "乡镇事项"
    OTHER = "other", "其他"


NORMATIVE_TYPES = {ItemType.GOV_NORMATIVE, ItemType.DEPT_NORMATIVE}


class ItemStatus(models.TextChoices):
    SUBMITTED = "submitted", "待受理"
    REVIEWING = "reviewing", "审查中"
    SUPPLEMENT = "supplement", "补充材料中"
    OPINED = "opined", "已出具意见"
    CLOSED = "closed", "已办结"
    RETURNED = "returned", "退回"


OPEN_STATUSES = {ItemStatus.SUBMITTED, ItemStatus.REVIEWING, ItemStatus.SUPPLEMENT}
CLOSED_STATUSES = {ItemStatus.OPINED, ItemStatus.CLOSED}


class Opinion(models.TextChoices):
    LAWFUL = "lawful", "合法"
    LAWFUL_IF_AMENDED = "amend", "修改后合法"
    UNLAWFUL = "unlawful", "不合法"
    OUT_OF_SCOPE = "out_of_scope", "不属审查范围"


class Adoption(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "未采纳"


class CompetitionConclusion(models.TextChoices):
    NONE = "", "未作结论"
    PASSED = "passed", "不含排除、限制竞争内容"
    AMEND = "amend", "含排除、限制竞争内容，需修改"
    EXCEPTION = "exception", "属于《公平竞争审查条例》第十二条例外情形"
    NOT_APPLICABLE = "na", "不涉及市场主体经济活动"


class ReviewItem(ScopedModel):
    """One item sent for legality review. Dates are the workflow; the review's due date is computed by rules.py
    (working days, paused while materials are being supplemented)."""

    title = models.CharField("送审事项名称", max_length=200)
    item_type = models.CharField("类型", max_length=20, choices=ItemType.choices)
    township = models.ForeignKey("core.Division", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name="送审乡镇")
    agency = models.ForeignKey("reconsideration.Agency", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="legality_items", verbose_name="送审机关")
    basis = models.TextField("制定依据", blank=True)
    drafting_notes = models.TextField("起草说明", blank=True)
    comment_done = models.BooleanField("已征求意见", default=False)
    expert_done = models.BooleanField("已专家论证", default=False)
    risk_done = models.BooleanField("已风险评估", default=False)
    submitted_on = models.DateField("送审日期")
    status = models.CharField("状态", max_length=12, choices=ItemStatus.choices, default=ItemStatus.SUBMITTED)
    received_on = models.DateField("收件（受理）日期", null=True, blank=True)
    review_due = models.DateField("审查期限", null=True, blank=True)
    reviewer_name = models.CharField("审查人", max_length=50, blank=True)
    adviser_name = models.CharField("法律顾问", max_length=50, blank=True)
    adviser_opinion = models.TextField("法律顾问意见", blank=True)
    pauses = models.JSONField("补充材料期间", default=list, blank=True)
    supplement_items = models.TextField("补充材料事项", blank=True)
    opinion = models.CharField("审查意见", max_length=15, choices=Opinion.choices, blank=True)
    opinion_reasons = models.TextField("意见理由", blank=True)
    opinion_number = models.CharField("意见书编号", max_length=60, blank=True)
    opinion_on = models.DateField("意见日期", null=True, blank=True)
    review_days = models.PositiveIntegerField("审查用时（工作日，扣除补充材料）", null=True, blank=True)
    competition = models.CharField("公平竞争审查结论", max_length=10, choices=CompetitionConclusion.choices,
                                   blank=True, default="")
    adoption = models.CharField("采纳情况", max_length=12, choices=Adoption.choices, blank=True)
    adoption_note = models.TextField("采纳说明", blank=True)
    adoption_on = models.DateField("采纳登记日期", null=True, blank=True)
    returned_on = models.DateField("退回日期", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    # 重大行政决策 (令713号): the five steps
    comment_from = models.DateField("公众参与开始", null=True, blank=True)
    comment_to = models.DateField("公众参与截止", null=True, blank=True)
    expert_on = models.DateField("专家论证日期", null=True, blank=True)
    risk_on = models.DateField("风险评估日期", null=True, blank=True)
    collective_on = models.DateField("集体讨论日期", null=True, blank=True)
    collective_result = models.CharField("集体讨论结果", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "合法性审查事项"
        ordering = ["-submitted_on", "-id"]
        indexes = [
            models.Index(fields=["org_path", "submitted_on"], name="lg_item_scope_submitted"),
            models.Index(fields=["org_path", "opinion_on"], name="lg_item_scope_opinion"),
            models.Index(fields=["org_path", "received_on"], name="lg_item_scope_received"),
            models.Index(fields=["org_path", "adoption_on"], name="lg_item_scope_adoption"),
            models.Index(fields=["status", "review_due", "org_path"], name="lg_item_open_due"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("legality:item_detail", args=[self.pk])

    @property
    def submitter(self) -> str:
        if self.agency_id:
            return self.agency.name
        return self.township.name if self.township_id else ""

    @property
    def is_major(self) -> bool:
        return self.item_type == ItemType.MAJOR_DECISION


class DraftKind(models.TextChoices):
    DRAFT = "draft", "送审稿"
    SUPPLEMENT = "supplement", "补充材料"
    FINAL = "final", "最终文本"


class Draft(ScopedModel):
    """A text of an item: the file's name and digest and the text read from it (what the check and the
    reviewer read)."""

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="drafts", verbose_name="审查事项")
    kind = models.CharField("文本类型", max_length=12, choices=DraftKind.choices, default=DraftKind.DRAFT)
    file_name = models.CharField("文件名", max_length=200)
    sha256 = models.CharField("摘要", max_length=64)
    size = models.PositiveIntegerField("大小（字节）")
    text = models.TextField("文本")
    checked_ms = models.PositiveIntegerField("机审用时（毫秒）", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "送审文本"
        ordering = ["item_id", "id"]

    def __str__(self):
        return self.file_name


class FindingKind(models.TextChoices):
    CITED_LAW = "cited_law", "引用法律法规有误"
    LICENSE = "no_basis_license", "无依据设定行政许可"
    PENALTY = "no_basis_penalty", "无依据设定行政处罚"
    ENFORCEMENT = "no_basis_enforcement", "无依据设定行政强制"
    FEE = "no_basis_fee", "无依据设定收费"
    RIGHTS = "rights_obligations", "减损权利或增加义务"
    COMPETITION = "competition", "排除、限制竞争"
    FORM = "form", "形式缺陷"


class FindingStatus(models.TextChoices):
    OPEN = "open", "待审查人判断"
    ACCEPTED = "accepted", "采纳"
    DISMISSED = "dismissed", "不采纳"


class Finding(ScopedModel):
    """One machine finding on a draft: a hint for the reviewer, who accepts or dismisses it (never decides)."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="findings", verbose_name="送审文本")
    kind = models.CharField("类型", max_length=24, choices=FindingKind.choices)
    submitted_on = models.DateField("送审日期")
    sentence = models.TextField("原文")
    reason = models.TextField("理由")
    article = models.CharField("相关条文", max_length=100, blank=True)
    status = models.CharField("判断", max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN)
    decided_note = models.CharField("说明", max_length=500, blank=True)
    decided_by_name = models.CharField("判断人", max_length=50, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "机审提示"
        ordering = ["draft_id", "id"]
        indexes = [models.Index(fields=["org_path", "submitted_on"], name="lg_finding_scope_submitted")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.sentence[:30]}"


class DocKind(models.TextChoices):
    GOVERNMENT = "government", "政府规范性文件"
    DEPARTMENT = "department", "部门规范性文件"


class FilingConclusion(models.TextChoices):
    PASSED = "passed", "通过"
    CORRECTED = "corrected", "纠错"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    AMENDED = "amended", "修改"
    REPEALED = "repealed", "废止"
    EXPIRED = "expired", "失效"


class NormativeDoc(ScopedModel):
    """A normative document under 三统一 (统一登记、统一编号、统一印发) and 备案审查. Owned by the county bureau."""

    item = models.ForeignKey(ReviewItem, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="normative_docs", verbose_name="合法性审查事项")
    kind = models.CharField("文件类别", max_length=12, choices=DocKind.choices)
    title = models.CharField("文件名称", max_length=200)
    issuer = models.CharField("制定机关", max_length=100)
    agency = models.ForeignKey("reconsideration.Agency", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="normative_docs", verbose_name="制定机关（名录）")
    doc_number = models.CharField("文号", max_length=60, blank=True)
    registration_number = models.CharField("登记号", max_length=60)
    published_on = models.DateField("公布日期")
    valid_until = models.DateField("有效期至", null=True, blank=True)
    filing_bodies = models.CharField("备案机关", max_length=200)
    filing_due = models.DateField("报备期限")
    filed_on = models.DateField("报备日期", null=True, blank=True)
    filing_complete = models.BooleanField("报备材料齐全规范", default=True)
    conclusion = models.CharField("备案审查结论", max_length=10, choices=FilingConclusion.choices, blank=True)
    conclusion_on = models.DateField("备案审查日期", null=True, blank=True)
    conclusion_note = models.TextField("纠错意见", blank=True)
    validity = models.CharField("清理状态", max_length=10, choices=Validity.choices, default=Validity.VALID)
    validity_on = models.DateField("清理日期", null=True, blank=True)
    validity_note = models.CharField("清理说明", max_length=200, blank=True)
    text = models.TextField("正文", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "规范性文件"
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["org_path", "published_on"], name="lg_doc_scope_published"),
                   models.Index(fields=["org_path", "filed_on"], name="lg_doc_scope_filed"),
                   models.Index(fields=["org_path", "validity_on"], name="lg_doc_scope_validity")]
        constraints = [models.UniqueConstraint(fields=["registration_number"], name="uniq_legality_registration")]

    def __str__(self):
        return f"{self.title}（{self.registration_number}）"

    def get_absolute_url(self):
        return reverse("legality:doc_detail", args=[self.pk])

    @property
    def filed_on_time(self) -> bool:
        return self.filed_on is not None and self.filed_on <= self.filing_due


class LegalitySettings(ScopedModel):
    """The bureau's configurable rules: the provincial 登记号 format and the periods (DOMAIN §11: provincial,
    待核). One row per bureau; without one the defaults apply."""

    registration_pattern = models.CharField(
        "登记号格式（正则表达式）", max_length=200,
        default=r"^[\u4e00-\u9fa5]{1,8}规〔(19|20)\d{2}〕\d{1,4}号$")
    registration_example = models.CharField("登记号示例", max_length=60, default="砀政规〔2024〕1号")
    review_days = models.PositiveSmallIntegerField("审查期限（工作日）", default=15)
    filing_days = models.PositiveSmallIntegerField("报备期限（日）", default=30)

    class Meta:
        verbose_name = verbose_name_plural = "合法性审查设置"
        constraints = [models.UniqueConstraint(fields=["org"], name="uniq_legality_settings_org")]

    def __str__(self):
        return f"{self.org} 合法性审查设置"
