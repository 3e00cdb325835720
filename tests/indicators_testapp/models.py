"""A miniature business line for the indicator engine's tests: disputes with intake and closure dates, a type,
an outcome, persons involved and a person key; and supervision orders for stocks (在册)."""

from django.db import models

from sifa.core.models import ScopedModel


class CaseType(models.TextChoices):
    MARRIAGE = "marriage", "婚姻家庭"
    NEIGHBOUR = "neighbour", "邻里纠纷"
    LAND = "land", "土地纠纷"


class Outcome(models.TextChoices):
    SUCCESS = "success", "调解成功"
    FAILED = "failed", "调解不成"


class Case(ScopedModel):
    intake_date = models.DateField("受理日期")
    closure_date = models.DateField("结案日期", null=True, blank=True)
    case_type = models.CharField("纠纷类型", max_length=20, choices=CaseType.choices, blank=True)
    outcome = models.CharField("调解结果", max_length=20, choices=Outcome.choices, blank=True)
    persons = models.PositiveIntegerField("涉及人次", default=1)
    person_key = models.CharField("当事人标识", max_length=32, blank=True)
    urgent = models.BooleanField("是否紧急", default=False)

    class Meta:
        app_label = "indicators_testapp"
        verbose_name = "测试纠纷"
        indexes = [models.Index(fields=["org_path", "intake_date"], name="itest_case_scope_intake"),
                   models.Index(fields=["org_path", "closure_date"], name="itest_case_scope_closure")]

    def __str__(self):
        return f"测试纠纷#{self.pk}"


class Category(models.TextChoices):
    PROBATION = "probation", "缓刑"
    PAROLE = "parole", "假释"
    CONTROL = "control", "管制"
    MEDICAL = "medical", "暂予监外执行"


class Supervision(ScopedModel):
    category = models.CharField("矫正类别", max_length=20, choices=Category.choices)
    start_date = models.DateField("入矫日期")
    end_date = models.DateField("解矫日期", null=True, blank=True)

    class Meta:
        app_label = "indicators_testapp"
        verbose_name = "测试矫正对象"
        indexes = [models.Index(fields=["org_path", "start_date"], name="itest_sup_scope_start")]

    def __str__(self):
        return f"测试矫正对象#{self.pk}"
