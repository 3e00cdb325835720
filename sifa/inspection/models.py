"""法治督察 and 述法 (DOMAIN.md §15; 厅字〔2019〕28号《法治政府建设与责任落实督察工作规定》; seed 002: 党委巡察结合督、
重点单位专门督、重点领域专题督, 督察整改“回头看”; seed 004: 党政主要负责人述法工作专题会议).

An `Inspection` (督察) looks at one township or one county agency (reconsideration.Agency, the county's one list);
its `Finding`s (问题) each carry a 整改 deadline, and a `Recheck` (整改“回头看”) either confirms the rectification
or sends the finding back to 待整改 with a new deadline. A `DutyMeeting` (述法会议) hears `DutyReport`s (述法) of
the 党政主要负责人 of townships and departments. Records are owned by the bureau's unit (the 依法治县办 sits in
it) or a 司法所. Field changes happen only through sifa.inspection.actions.
"""

from django.db import models
from django.urls import reverse

from sifa.core.models import ScopedModel


class InspectionKind(models.TextChoices):
    PATROL = "patrol", "党委巡察结合督"
    SPECIAL = "special", "重点单位专门督"
    TOPICAL = "topical", "重点领域专题督"


class SubjectKind(models.TextChoices):
    TOWNSHIP = "township", "乡镇（街道）"
    AGENCY = "agency", "县直部门"


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", "计划"
    ONGOING = "ongoing", "督察中"
    RECTIFYING = "rectifying", "整改中"
    CLOSED = "closed", "已办结"


OPEN_INSPECTIONS = (InspectionStatus.PLANNED, InspectionStatus.ONGOING, InspectionStatus.RECTIFYING)


class Inspection(ScopedModel):
    number = models.CharField("督察编号", max_length=60)
    kind = models.CharField("督察方式", max_length=10, choices=InspectionKind.choices)
    subject_kind = models.CharField("督察对象类别", max_length=10, choices=SubjectKind.choices)
    township = models.ForeignKey("core.Division", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="inspections", verbose_name="被督察乡镇（街道）")
    agency = models.ForeignKey("reconsideration.Agency", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="inspections", verbose_name="被督察部门")
    topic = models.CharField("督察主题", max_length=200)
    planned_on = models.DateField("计划日期")
    started_on = models.DateField("进驻日期", null=True, blank=True)
    ended_on = models.DateField("督察结束日期", null=True, blank=True)
    feedback_on = models.DateField("反馈日期", null=True, blank=True)
    leader = models.CharField("督察组组长", max_length=50, blank=True)
    inspectors = models.CharField("督察组成员", max_length=300, blank=True)
    status = models.CharField("状态", max_length=12, choices=InspectionStatus.choices, default=InspectionStatus.PLANNED)
    closed_on = models.DateField("办结日期", null=True, blank=True)

    class Meta:
        verbose_name = "法治督察"
        verbose_name_plural = "法治督察"
        ordering = ["-planned_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["number"], name="uniq_inspection_number")]
        indexes = [models.Index(fields=["org_path", "started_on"], name="insp_scope_started",
                                include=["kind", "subject_kind"])]

    def __str__(self):
        return f"{self.number} {self.subject_name}"

    def get_absolute_url(self):
        return reverse("inspection:inspection_detail", args=[self.pk])

    @property
    def subject_name(self) -> str:
        if self.subject_kind == SubjectKind.TOWNSHIP and self.township_id:
            return self.township.name
        return self.agency.name if self.agency_id else ""


class FindingCategory(models.TextChoices):
    DUTY = "duty", "第一责任人职责履行"
    DECISION = "decision", "依法决策"
    NORMATIVE = "normative", "规范性文件与合法性审查"
    ENFORCEMENT = "enforcement", "行政执法"
    DISPUTES = "disputes", "行政复议与应诉"
    PUBLICITY = "publicity", "普法与法治宣传"
    OTHER = "other", "其他"


class FindingStatus(models.TextChoices):
    PENDING = "pending", "待整改"
    OVERDUE = "overdue", "逾期"
    RECTIFIED = "rectified", "已整改"


OPEN_FINDINGS = (FindingStatus.PENDING, FindingStatus.OVERDUE)


class Finding(ScopedModel):
    """督察发现的问题: 待整改 → 已整改, or 逾期 when the deadline passed unrectified (the daily check or a step);
    the 回头看 may send a rectified finding back to 待整改 with a new deadline."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings",
                                   verbose_name="法治督察")
    description = models.TextField("问题描述")
    category = models.CharField("问题类别", max_length=12, choices=FindingCategory.choices)
    found_on = models.DateField("发现日期")
    due_on = models.DateField("整改期限")
    status = models.CharField("状态", max_length=10, choices=FindingStatus.choices, default=FindingStatus.PENDING)
    overdue_on = models.DateField("逾期日期", null=True, blank=True)
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    result = models.TextField("整改结果", blank=True)
    rectified_late = models.BooleanField("逾期整改", default=False)
    rechecked_on = models.DateField("最近回头看日期", null=True, blank=True)
    confirmed = models.BooleanField("回头看确认整改到位", default=False)

    class Meta:
        verbose_name = "督察问题"
        verbose_name_plural = "督察问题"
        ordering = ["inspection_id", "id"]
        indexes = [models.Index(fields=["org_path", "found_on"], name="insp_finding_found",
                                include=["category", "status"]),
                   models.Index(fields=["org_path", "rectified_on"], name="insp_finding_rectified"),
                   models.Index(fields=["status", "due_on", "org_path"], name="insp_finding_open_due")]

    def __str__(self):
        text = self.description.strip().splitlines()[0] if self.description.strip() else ""
        return text[:30] + ("…" if len(text) > 30 else "")

    def get_absolute_url(self):
        return reverse("inspection:finding_detail", args=[self.pk])


class RecheckResult(models.TextChoices):
    DONE = "done", "整改到位"
    NOT_DONE = "not_done", "整改未到位"


class Recheck(ScopedModel):
    """整改“回头看” of one finding (seed 002): 整改到位, or 未到位 and back to 待整改 with a new deadline."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="rechecks", verbose_name="督察问题")
    checked_on = models.DateField("回头看日期")
    result = models.CharField("回头看结果", max_length=10, choices=RecheckResult.choices)
    note = models.TextField("回头看情况", blank=True)
    new_due_on = models.DateField("重新整改期限", null=True, blank=True)

    class Meta:
        verbose_name = "整改回头看"
        verbose_name_plural = "整改回头看"
        ordering = ["finding_id", "checked_on", "id"]
        indexes = [models.Index(fields=["org_path", "checked_on"], name="insp_recheck_checked",
                                include=["result"])]

    def __str__(self):
        return f"{self.checked_on:%Y-%m-%d} 回头看：{self.get_result_display()}"


class DutyMeeting(ScopedModel):
    """党政主要负责人述法工作专题会议 (seed 004)."""

    name = models.CharField("会议名称", max_length=200)
    held_on = models.DateField("会议日期")
    host = models.CharField("主持人", max_length=50, blank=True)
    note = models.TextField("会议情况", blank=True)

    class Meta:
        verbose_name = "述法会议"
        verbose_name_plural = "述法会议"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org_path", "held_on"], name="insp_meeting_held")]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.name}"

    def get_absolute_url(self):
        return reverse("inspection:meeting_detail", args=[self.pk])


class ReporterPost(models.TextChoices):
    PARTY = "party", "党委（党组）书记"
    GOVERNMENT = "government", "政府（行政）主要负责人"


class Assessment(models.TextChoices):
    GOOD = "good", "好"
    FAIRLY_GOOD = "fairly_good", "较好"
    AVERAGE = "average", "一般"
    POOR = "poor", "差"


class DutyReport(ScopedModel):
    """One 述法: who reported (the 党政主要负责人 of a township or a department), at which meeting, the 评议."""

    meeting = models.ForeignKey(DutyMeeting, on_delete=models.CASCADE, related_name="reports",
                                verbose_name="述法会议")
    reporter = models.CharField("述法人", max_length=50)
    post = models.CharField("职务类别", max_length=12, choices=ReporterPost.choices)
    subject_kind = models.CharField("所在单位类别", max_length=10, choices=SubjectKind.choices)
    township = models.ForeignKey("core.Division", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="duty_reports", verbose_name="乡镇（街道）")
    agency = models.ForeignKey("reconsideration.Agency", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="duty_reports", verbose_name="部门")
    held_on = models.DateField("述法日期")
    assessment = models.CharField("评议等次", max_length=12, choices=Assessment.choices)
    notes = models.TextField("述法要点及评议意见", blank=True)

    class Meta:
        verbose_name = "述法"
        verbose_name_plural = "述法"
        ordering = ["meeting_id", "id"]
        indexes = [models.Index(fields=["org_path", "held_on"], name="insp_report_held",
                                include=["assessment", "subject_kind"])]

    def __str__(self):
        return f"{self.unit_name}{self.reporter}述法"

    @property
    def unit_name(self) -> str:
        if self.subject_kind == SubjectKind.TOWNSHIP and self.township_id:
            return self.township.name
        return self.agency.name if self.agency_id else ""
