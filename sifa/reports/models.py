"""What staff write into a work report, kept per org unit and period: the free-text sections (存在问题, 下步打算),
the title and 落款 if they differ from the generated ones, and their own wording of generated sentences.
Figures are never stored here: a sentence keeps its placeholders, so its figures stay computed (an override is
stored as an override, and shown as one). Uploaded boundary GeoJSON for the dashboard map lives here too."""

from django.db import models

from sifa.core.models import ScopedModel

PERCENT_DECIMALS_CHOICES = [(0, "取整（如98%）"), (1, "保留1位小数"), (2, "保留2位小数")]


class WorkReport(ScopedModel):
    period_key = models.CharField("统计期间", max_length=40)
    period_start = models.DateField("期间起")
    period_end = models.DateField("期间止")
    title = models.CharField("标题", max_length=100, blank=True, help_text="留空则按机构和期间自动生成")
    signer = models.CharField("落款单位", max_length=100, blank=True, help_text="留空则为机构名称")
    signed_on = models.DateField("成文日期", null=True, blank=True, help_text="留空则为生成报告当日")
    problems = models.TextField("存在问题", blank=True)
    plans = models.TextField("下步打算", blank=True)
    percent_decimals = models.PositiveSmallIntegerField("百分比小数位数", default=0,
                                                        choices=PERCENT_DECIMALS_CHOICES)
    version = models.PositiveIntegerField("版本", default=1)
    updated_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name="最后修改人")

    class Meta:
        verbose_name = "工作总结"
        verbose_name_plural = "工作总结"
        ordering = ["org_path", "-period_start"]
        constraints = [models.UniqueConstraint(fields=["org", "period_key"], name="uniq_workreport_org_period")]

    def __str__(self):
        return f"{self.org.name} {self.period_key} 工作总结"


class SentenceEdit(ScopedModel):
    """A writer's wording of one generated sentence (or a paragraph's lead), placeholders kept."""

    report = models.ForeignKey(WorkReport, on_delete=models.CASCADE, related_name="edits", verbose_name="工作总结")
    key = models.CharField("句子", max_length=120, help_text="<段落代码>:<句子代码>")
    text = models.TextField("修改后的句子")
    template = models.TextField("修改时的系统句式", help_text="用于提示系统句式此后是否已变化")
    edited_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  verbose_name="修改人")

    class Meta:
        verbose_name = "报告句子修改"
        verbose_name_plural = "报告句子修改"
        ordering = ["report", "key"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="uniq_sentence_edit")]

    def __str__(self):
        return f"{self.report} · {self.key}"


class Boundary(ScopedModel):
    """The boundary GeoJSON a unit uploaded for its dashboard map (e.g. the county with its townships)."""

    name = models.CharField("名称", max_length=100)
    geojson = models.TextField("GeoJSON")
    feature_count = models.PositiveIntegerField("要素数")
    codes = models.JSONField("区划代码", default=list)
    size = models.PositiveIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name="上传人")

    class Meta:
        verbose_name = "边界数据"
        verbose_name_plural = "边界数据"
        ordering = ["org_path"]
        constraints = [models.UniqueConstraint(fields=["org"], name="uniq_boundary_org")]

    def __str__(self):
        return f"{self.org.name} · {self.name}"


class KindReport(ScopedModel):
    """One report of a kind (sifa.reports.kinds) for an org and period: the bureau's layout of its chapters
    (order, dropped, added), the free-text parts the kind asks for, and — for the 法治政府建设年度报告 — the
    subject (the government or department it reports for), its 报送 date and its 公开 date and address."""

    kind = models.CharField("报告类型", max_length=40)
    period_key = models.CharField("统计期间", max_length=40)
    period_start = models.DateField("期间起")
    period_end = models.DateField("期间止")
    layout = models.JSONField("章节编排", default=list, blank=True,
                              help_text="[{key, title, text}]：按顺序列出保留的章节；自行添加的章节 key 以 custom- 开头")
    texts = models.JSONField("撰稿人填写的部分", default=dict, blank=True)
    subject = models.CharField("报告主体", max_length=100, blank=True, help_text="如“砀山县人民政府”；留空为本机构")
    submitted_on = models.DateField("报送日期", null=True, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    published_url = models.URLField("公开网址", max_length=300, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    updated_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name="最后修改人")

    class Meta:
        verbose_name = "各类报告"
        verbose_name_plural = "各类报告"
        ordering = ["org_path", "kind", "-period_start"]
        constraints = [models.UniqueConstraint(fields=["org", "kind", "period_key"], name="uniq_kindreport")]

    def __str__(self):
        return f"{self.org.name} {self.period_key} {self.kind}"
class TargetComparison(models.TextChoices):
    """How a figure is held against its target (败诉率 < 10%, 律师万人比 ≥ 2.9, 出庭应诉率 = 100%)."""

    AT_LEAST = "gte", "≥"
    ABOVE = "gt", ">"
    AT_MOST = "lte", "≤"
    BELOW = "lt", "<"
    EQUAL = "eq", "="


class Target(ScopedModel):
    """The bureau's own target for one indicator (optionally filtered by dimensions) in one year, held by the
    cockpit against the computed figure. Written only through actions.set_target / remove_target."""

    indicator_code = models.CharField("指标代码", max_length=100)
    dims = models.JSONField("维度筛选", default=dict, blank=True)
    dims_key = models.CharField("维度筛选（规范文本）", max_length=300, blank=True, editable=False)
    comparison = models.CharField("比较方式", max_length=3, choices=TargetComparison.choices)
    value = models.DecimalField("目标值", max_digits=20, decimal_places=4)
    year = models.PositiveSmallIntegerField("年度")
    note = models.CharField("依据或说明", max_length=200, blank=True, help_text="如“市委社建委考核指标”")
    set_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name="设定人")

    class Meta:
        verbose_name = "目标值"
        verbose_name_plural = "目标值"
        ordering = ["org_path", "-year", "indicator_code", "dims_key"]
        constraints = [models.UniqueConstraint(fields=["org", "indicator_code", "dims_key", "year"],
                                               name="uniq_target_org_indicator_dims_year")]

    def __str__(self):
        return f"{self.org.name} {self.year}年 {self.indicator_code} {self.get_comparison_display()}{self.value_display}"

    @property
    def value_display(self) -> str:
        """The value as entered: 2.9, 100, 10 (no trailing zeros, never an exponent)."""
        return f"{self.value.normalize():f}"
