"""队伍建设: the bureau's own education and rectification (seed 000 (六)“认真加强队伍建设”: 政法队伍教育整顿、党史学习
教育、“三个以案”警示教育 — 政治轮训, 集中学习, 研讨交流, 集体活动; 查摆顽瘴痼疾 and their 整改; 干警主动向组织说明问题;
涉及本局的问题线索 and their 办结; 制定完善规章制度).

Five kinds of record, all owned by the bureau's units (ScopedModel). Only a 查摆问题 (待整改 → 已整改) and a 问题线索
(办理中 → 已办结) change state, each by one action; the others are entries of a register. Field changes happen only
through sifa.team.actions.
"""

from django.db import models
from django.urls import reverse

from sifa.core.models import ScopedModel


class ActivityKind(models.TextChoices):
    TRAINING = "training", "政治轮训"
    STUDY = "study", "集中学习"
    SEMINAR = "seminar", "研讨交流"
    COLLECTIVE = "collective", "集体活动"
    WARNING = "warning", "警示教育"
    OTHER = "other", "其他"


class TeamActivity(ScopedModel):
    """One education activity; a 政治轮训班 is one record per 期 the bureau's officers attended."""

    kind = models.CharField("活动类别", max_length=12, choices=ActivityKind.choices)
    held_on = models.DateField("活动日期")
    title = models.CharField("名称（主题）", max_length=200)
    organizer = models.CharField("举办单位", max_length=100, blank=True)
    participants = models.PositiveIntegerField("参加人数", default=0)
    note = models.TextField("活动情况", blank=True)

    class Meta:
        verbose_name = "队伍教育活动"
        verbose_name_plural = "队伍教育活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org_path", "held_on"], name="team_activity_held", include=["kind"])]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("team:activity_detail", args=[self.pk])


class ProblemCategory(models.TextChoices):
    CHRONIC = "chronic", "顽瘴痼疾"
    OTHER = "other", "其他查摆问题"


class ProblemStatus(models.TextChoices):
    PENDING = "pending", "待整改"
    RECTIFIED = "rectified", "已整改"


class Problem(ScopedModel):
    """查摆问题 (教育整顿中查摆的顽瘴痼疾等): 待整改 until its 整改 is recorded; the deadline is on the home page."""

    description = models.TextField("问题描述")
    category = models.CharField("问题类别", max_length=10, choices=ProblemCategory.choices,
                                default=ProblemCategory.CHRONIC)
    found_on = models.DateField("查摆日期")
    due_on = models.DateField("整改期限")
    status = models.CharField("状态", max_length=10, choices=ProblemStatus.choices, default=ProblemStatus.PENDING)
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    measures = models.TextField("整改措施及结果", blank=True)

    class Meta:
        verbose_name = "查摆问题"
        verbose_name_plural = "查摆问题"
        ordering = ["-found_on", "-id"]
        indexes = [models.Index(fields=["org_path", "found_on"], name="team_problem_found",
                                include=["category", "status"]),
                   models.Index(fields=["status", "due_on", "org_path"], name="team_problem_open_due")]

    def __str__(self):
        text = self.description.strip().splitlines()[0] if self.description.strip() else ""
        return text[:30] + ("…" if len(text) > 30 else "")

    def get_absolute_url(self):
        return reverse("team:problem_detail", args=[self.pk])


class SelfReport(ScopedModel):
    """干警主动向组织说明自身存在问题. The matter is personal: masked in lists and exports."""

    reported_on = models.DateField("说明日期")
    officer = models.CharField("干警姓名", max_length=50)
    is_regular = models.BooleanField("正式干警", default=True)
    matter = models.TextField("说明事项", blank=True)
    sensitive_fields = ("matter",)

    class Meta:
        verbose_name = "主动说明问题"
        verbose_name_plural = "主动说明问题"
        ordering = ["-reported_on", "-id"]
        indexes = [models.Index(fields=["org_path", "reported_on"], name="team_selfreport_on")]

    def __str__(self):
        return f"{self.reported_on:%Y-%m-%d} {self.officer}主动说明问题"

    def get_absolute_url(self):
        return reverse("team:selfreport_detail", args=[self.pk])


class ClueStatus(models.TextChoices):
    HANDLING = "handling", "办理中"
    CLOSED = "closed", "已办结"


class Clue(ScopedModel):
    """涉及本局的问题线索: received, then 已办结 with its result."""

    received_on = models.DateField("收到日期")
    source = models.CharField("线索来源", max_length=100)
    summary = models.TextField("线索摘要")
    status = models.CharField("状态", max_length=10, choices=ClueStatus.choices, default=ClueStatus.HANDLING)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    result = models.TextField("办理结果", blank=True)
    sensitive_fields = ("summary", "result")

    class Meta:
        verbose_name = "问题线索"
        verbose_name_plural = "问题线索"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["org_path", "received_on"], name="team_clue_received", include=["status"])]

    def __str__(self):
        return f"{self.received_on:%Y-%m-%d} {self.source}线索"

    def get_absolute_url(self):
        return reverse("team:clue_detail", args=[self.pk])


class RuleKind(models.TextChoices):
    NEW = "new", "制定"
    REVISED = "revised", "修订"


class Rule(ScopedModel):
    """内部规章制度 the bureau adopted or revised."""

    title = models.CharField("制度名称", max_length=200)
    kind = models.CharField("制定或修订", max_length=10, choices=RuleKind.choices, default=RuleKind.NEW)
    adopted_on = models.DateField("印发日期")
    doc_number = models.CharField("文号", max_length=60, blank=True)

    class Meta:
        verbose_name = "规章制度"
        verbose_name_plural = "规章制度"
        ordering = ["-adopted_on", "-id"]
        indexes = [models.Index(fields=["org_path", "adopted_on"], name="team_rule_adopted", include=["kind"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("team:rule_detail", args=[self.pk])
