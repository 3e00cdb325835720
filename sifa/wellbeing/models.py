"""心理评估与预警: the psychological assessments of 社区矫正对象 and the early warnings drawn from them (issue #7
item 7; seed 002's 心理健康智能场景: 基础数据采集、心理状态分析、矫正方案补充、违纪预警干预).

Questionnaires and warning rules are data (Questionnaire/Factor/Item, WarningRule), loaded from files by the
bureau; they are configuration of the platform, not records of a unit. Assessments, risk factors, warnings,
interventions and follow-ups are records of a subject, owned by the subject's 司法所, and — psychological data
being sensitive personal information (医疗健康, SECURITY.md E1) — visible only to corrections roles of that scope
(the corrections line's `CorrectionsQuerySet.for_user`). Scores and answers are listed in `sensitive_fields`:
lists never show them, and every page that shows them writes a READ_SENSITIVE audit row.

Changes happen only through sifa.wellbeing.actions.
"""

from __future__ import annotations

from django.db import models

from sifa.corrections.models import CorrectionsRecord, Subject


class Questionnaire(models.Model):
    """A scale defined as data: its items, factors (item → factor), answer range and positive-screen rules."""

    code = models.CharField("量表代码", max_length=30, unique=True)
    name = models.CharField("量表名称", max_length=100)
    instructions = models.TextField("指导语", blank=True)
    source = models.TextField("计分依据", blank=True)
    scale_min = models.PositiveSmallIntegerField("最低分", default=1)
    scale_max = models.PositiveSmallIntegerField("最高分", default=5)
    scale_labels = models.JSONField("选项", default=list)
    positive_item_min = models.PositiveSmallIntegerField("阳性项目最低分", default=2)
    rules = models.JSONField("阳性筛查规则", default=list)
    wording_source = models.CharField("题目文字来源", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "心理测评量表"
        verbose_name_plural = "心理测评量表"
        ordering = ["code"]

    def __str__(self):
        return self.name


class Factor(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="factors")
    code = models.CharField("因子代码", max_length=30)
    name = models.CharField("因子名称", max_length=30)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "量表因子"
        verbose_name_plural = "量表因子"
        ordering = ["questionnaire", "order"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "code"], name="wb_factor_unique")]

    def __str__(self):
        return self.name


class Item(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField("题号")
    text = models.CharField("题目", max_length=200)
    factor = models.ForeignKey(Factor, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")

    class Meta:
        verbose_name = "量表题目"
        verbose_name_plural = "量表题目"
        ordering = ["questionnaire", "number"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "number"], name="wb_item_unique")]

    def __str__(self):
        return f"{self.number}. {self.text}"


class Assessment(CorrectionsRecord):
    """One completed questionnaire of a subject, with its scores (computed by questionnaires.score)."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="assessments",
                                verbose_name="社区矫正对象")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+", verbose_name="量表")
    assessed_on = models.DateField("测评日期")
    assessor = models.CharField("测评人", max_length=50, blank=True)
    answers = models.JSONField("答卷", default=list)
    total_score = models.PositiveSmallIntegerField("总分")
    positive_items = models.PositiveSmallIntegerField("阳性项目数")
    factor_means = models.JSONField("因子分", default=dict)
    positive = models.BooleanField("筛查阳性", default=False)
    positive_reasons = models.JSONField("阳性依据", default=list, blank=True)
    note = models.TextField("备注", blank=True)

    sensitive_fields = ("answers", "total_score", "positive_items", "factor_means", "positive_reasons", "note")
    sensitive_masks = {f: "text" for f in sensitive_fields}
    unmask_capability = "read_tracks"  # corrections officers only
    detail_url_name = "wellbeing:assessment_detail"

    class Meta:
        verbose_name = "心理测评"
        verbose_name_plural = "心理测评"
        ordering = ["-assessed_on", "-id"]
        indexes = [models.Index(fields=["org_path", "assessed_on"], name="wb_assess_scope_date")]

    def __str__(self):
        return f"{self.subject.name} {self.assessed_on}心理测评"


class RiskKind(models.TextChoices):
    UNEMPLOYED = "unemployment", "失业、无业"
    FAMILY = "family_conflict", "家庭矛盾"
    BEREAVEMENT = "bereavement", "近亲属亡故"
    FINANCIAL = "financial", "经济困难、债务纠纷"
    ILLNESS = "illness", "重大疾病"
    OTHER = "other_risk", "其他风险因素"


class RiskFactor(CorrectionsRecord):
    """A 风险因素 recorded by staff (失业、家庭矛盾、近亲属亡故…), in force until resolved."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="risk_factors",
                                verbose_name="社区矫正对象")
    kind = models.CharField("风险因素", max_length=20, choices=RiskKind.choices)
    noted_on = models.DateField("发现日期")
    resolved_on = models.DateField("消除日期", null=True, blank=True)
    note = models.TextField("情况说明", blank=True)

    sensitive_fields = ("note",)
    sensitive_masks = {"note": "text"}
    detail_url_name = "wellbeing:subject"

    class Meta:
        verbose_name = "风险因素"
        verbose_name_plural = "风险因素"
        ordering = ["-noted_on", "-id"]

    def __str__(self):
        return f"{self.subject.name} {self.get_kind_display()}"

    def detail_pk(self):
        return self.subject_id


class RiskLevel(models.TextChoices):
    LOW = "low", "低"
    MEDIUM = "medium", "中"
    HIGH = "high", "高"


LEVEL_RANK = {RiskLevel.LOW: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2}


class WarningRule(models.Model):
    """An early-warning rule as data: it fires when every signal of `all_of` is present and at least
    `min_any` of `any_of` are; the subject's risk level is the highest level among the rules that fire."""

    code = models.CharField("规则代码", max_length=40, unique=True)
    name = models.CharField("规则名称", max_length=100)
    level = models.CharField("风险等级", max_length=10, choices=[c for c in RiskLevel.choices if c[0] != "low"])
    all_of = models.JSONField("须同时具备的信号", default=list, blank=True)
    any_of = models.JSONField("任选信号", default=list, blank=True)
    min_any = models.PositiveSmallIntegerField("任选信号至少", default=0)
    active = models.BooleanField("启用", default=True)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "预警规则"
        verbose_name_plural = "预警规则"
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class WarningStatus(models.TextChoices):
    OPEN = "open", "待干预"
    INTERVENING = "intervening", "干预中"
    CLOSED = "closed", "已解除"


class EarlyWarning(CorrectionsRecord):
    """An early warning of a subject: the level and the reasons the rules gave, then its handling."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="wellbeing_warnings",
                                verbose_name="社区矫正对象")
    level = models.CharField("风险等级", max_length=10, choices=RiskLevel.choices)
    rules = models.JSONField("触发规则", default=list)
    reasons = models.JSONField("预警理由", default=list)
    raised_on = models.DateField("预警日期")
    evaluated_on = models.DateField("最近评估日期")
    status = models.CharField("状态", max_length=12, choices=WarningStatus.choices, default=WarningStatus.OPEN,
                              db_index=True)
    closed_on = models.DateField("解除日期", null=True, blank=True)

    sensitive_fields = ("reasons",)
    sensitive_masks = {"reasons": "text"}
    detail_url_name = "wellbeing:warning_detail"

    class Meta:
        verbose_name = "心理预警"
        verbose_name_plural = "心理预警"
        ordering = ["-raised_on", "-id"]
        indexes = [models.Index(fields=["org_path", "raised_on"], name="wb_warning_scope_date"),
                   models.Index(fields=["org_path", "closed_on"], name="wb_warning_scope_closed")]

    def __str__(self):
        return f"{self.subject.name} {self.raised_on}{self.get_level_display()}风险预警"


class InterventionKind(models.TextChoices):
    TALK = "talk", "个别谈话教育"
    COUNSELLING = "counselling", "心理咨询疏导"
    REFERRAL = "referral", "转介专业心理机构"
    FAMILY = "family", "家庭走访、亲情帮教"
    HELP = "help", "就业、生活帮扶"
    PLAN = "plan", "矫正方案补充"


class Intervention(CorrectionsRecord):
    warning = models.ForeignKey(EarlyWarning, on_delete=models.CASCADE, related_name="interventions",
                                verbose_name="心理预警")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+", verbose_name="社区矫正对象")
    kind = models.CharField("干预方式", max_length=15, choices=InterventionKind.choices)
    done_on = models.DateField("干预日期")
    measures = models.TextField("干预措施")
    plan_supplement = models.TextField("矫正方案补充内容", blank=True)

    sensitive_fields = ("measures", "plan_supplement")
    sensitive_masks = {"measures": "text", "plan_supplement": "text"}
    detail_url_name = "wellbeing:warning_detail"

    class Meta:
        verbose_name = "预警干预"
        verbose_name_plural = "预警干预"
        ordering = ["-done_on", "-id"]
        indexes = [models.Index(fields=["org_path", "done_on"], name="wb_intervention_scope_date")]

    def __str__(self):
        return f"{self.subject.name} {self.done_on}{self.get_kind_display()}"

    def detail_pk(self):
        return self.warning_id


class FollowUpResult(models.TextChoices):
    IMPROVED = "improved", "好转"
    STABLE = "stable", "稳定"
    WORSE = "worse", "未见好转"


class FollowUp(CorrectionsRecord):
    warning = models.ForeignKey(EarlyWarning, on_delete=models.CASCADE, related_name="follow_ups", verbose_name="心理预警")
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+", verbose_name="社区矫正对象")
    followed_on = models.DateField("回访日期")
    result = models.CharField("回访结果", max_length=10, choices=FollowUpResult.choices)
    content = models.TextField("回访情况")

    sensitive_fields = ("content",)
    sensitive_masks = {"content": "text"}
    detail_url_name = "wellbeing:warning_detail"

    class Meta:
        verbose_name = "预警回访"
        verbose_name_plural = "预警回访"
        ordering = ["-followed_on", "-id"]
        indexes = [models.Index(fields=["org_path", "followed_on"], name="wb_followup_scope_date")]

    def __str__(self):
        return f"{self.subject.name} {self.followed_on}回访"

    def detail_pk(self):
        return self.warning_id
