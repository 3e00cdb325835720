"""System checks over the declared indicators: every reference resolves, every dimension binds, and every
record indicator's model has the index its aggregate needs — (org_path, <date field>) — so one county's figure
is a few index range scans, not a table scan."""

from django.core import checks
from django.core.exceptions import FieldDoesNotExist

from . import registry
from .declarations import RecordIndicator, Stock
from .errors import IndicatorError


def _leading_index_fields(model) -> list[list[str]]:
    found = [list(index.fields) for index in model._meta.indexes]
    found += [list(fields) for fields in getattr(model._meta, "index_together", ())]
    return found


def _has_index(model, date_field: str) -> bool:
    return any(fields[:2] == ["org_path", date_field] for fields in _leading_index_fields(model))


@checks.register()
def check_indicators(app_configs=None, **kwargs):
    problems = []
    for indicator in registry.all_indicators():
        try:
            indicator.model_labels()
            indicator.dimension_names()
            indicator.describe()
        except (LookupError, FieldDoesNotExist, IndicatorError, TypeError, ValueError) as exc:
            problems.append(checks.Error(f"指标“{indicator.code}”声明有误：{exc}", obj=indicator.code,
                                         id="indicators.E001"))
            continue
        if isinstance(indicator, RecordIndicator):
            date_field = indicator.start if isinstance(indicator, Stock) else indicator.date
            if not _has_index(indicator.model, date_field):
                problems.append(checks.Warning(
                    f"指标“{indicator.code}”的模型 {indicator.model._meta.label} 缺少 (org_path, {date_field}) 索引，"
                    "大数据量下汇总会变慢。",
                    hint=f'在 Meta.indexes 中加入 models.Index(fields=["org_path", "{date_field}"], name=...)。',
                    obj=indicator.code, id="indicators.W001"))
    return problems
