"""Dimensions an indicator can be filtered and broken down by.

Every record indicator has the two org dimensions, `township` (乡镇（街道）: the township-level division of the
owning unit) and `org` (下级机构: the direct child of the evaluated unit that owns the record), and whatever
choice fields its line declares (纠纷类型, 来源, 层级…). Every dimension has a bucket for records that fall in no
named value (本级 / 未填写), so a breakdown of an additive indicator always sums to its total.
"""

from __future__ import annotations

from django.db.models import Q

from .errors import DimensionError
from .orgscope import TOWNSHIP_CODE_LENGTH, OrgScope, division_name, townships_under

OWN_LEVEL = "本级"
NOT_FILLED = "未填写"


class Dimension:
    name: str = ""
    label: str = ""
    #: True when the dimension selects records by their owning unit (its filter narrows the org paths).
    by_org = False

    def bind(self, model) -> Dimension:
        return self

    def group_column(self) -> str:
        raise NotImplementedError

    def key_of(self, column_value, scope: OrgScope) -> str:
        raise NotImplementedError

    def buckets(self, scope: OrgScope) -> list[tuple[str, str]]:
        """Ordered (key, label) pairs shown even when zero ("管制0人"); the catch-all bucket comes last."""
        raise NotImplementedError

    def label_for(self, key: str, scope: OrgScope) -> str:
        return dict(self.buckets(scope)).get(key, key)

    def validate(self, value: str, scope: OrgScope) -> str:
        keys = {k for k, _ in self.buckets(scope)}
        if value not in keys:
            raise DimensionError(f"“{self.label}”没有取值“{value}”。")
        return value

    # by_org dimensions
    def paths(self, value: str, scope: OrgScope) -> list[str]:
        raise NotImplementedError

    # field dimensions
    def filter_q(self, value: str) -> Q:
        raise NotImplementedError

    def signature(self) -> str:
        return f"{type(self).__name__}:{self.name}"


class TownshipDimension(Dimension):
    name = "township"
    label = "乡镇（街道）"
    by_org = True

    def group_column(self) -> str:
        return "org_path"

    def key_of(self, column_value, scope):
        return scope.township_of_path(column_value)

    def buckets(self, scope):
        code = scope.org.division_id
        towns = townships_under(code)
        if len(code) >= TOWNSHIP_CODE_LENGTH:
            return towns
        own = f"{division_name(code)}{OWN_LEVEL}" if len(code) == 6 else "县级及以上机构"
        return [*towns, ("", own)]

    def paths(self, value, scope):
        return [u.path for u in scope.units if scope.township_of_path(u.path) == value]

    def validate(self, value, scope):
        if value and not (value.isdigit() and len(value) == TOWNSHIP_CODE_LENGTH):
            raise DimensionError(f"乡镇（街道）代码“{value}”格式不正确：应为9位行政区划代码。")
        return super().validate(value, scope)


class SubOrgDimension(Dimension):
    name = "org"
    label = "下级机构"
    by_org = True

    def group_column(self) -> str:
        return "org_path"

    def key_of(self, column_value, scope):
        return scope.child_code_for_path(column_value)

    def buckets(self, scope):
        return [*((u.code, u.name) for u in scope.children()), ("", f"{scope.org.name}{OWN_LEVEL}")]

    def paths(self, value, scope):
        if not value:
            return [scope.org.path]
        return [u.path for u in scope.units if scope.child_code_for_path(u.path) == value]


class ChoiceDimension(Dimension):
    """A field with choices (TextChoices, IntegerChoices or a BooleanField): one bucket per choice, plus 未填写."""

    def __init__(self, field: str, label: str = ""):
        self.name = field
        self.field_name = field
        self._label = label
        self._choices: list[tuple[str, str]] | None = None

    @property
    def label(self):  # noqa: D401 - declared or the field's verbose name once bound
        return self._label or self.name

    def bind(self, model):
        field = model._meta.get_field(self.field_name)
        choices = [(str(value), str(label)) for value, label in (field.choices or [])]
        if not choices and field.get_internal_type() == "BooleanField":
            choices = [("True", "是"), ("False", "否")]
        if not choices:
            raise TypeError(f"{model._meta.label}.{self.field_name} 没有取值清单（choices），不能作为指标维度。")
        bound = ChoiceDimension(self.field_name, self._label or str(field.verbose_name))
        bound._choices = choices
        bound._field = field
        return bound

    def group_column(self):
        return self.field_name

    def key_of(self, column_value, scope):
        return "" if column_value is None or column_value == "" else str(column_value)

    def buckets(self, scope):
        return [*self._choices, ("", NOT_FILLED)]

    def validate(self, value, scope):
        labels = {label: key for key, label in self._choices}
        return super().validate(labels.get(value, value), scope)

    def filter_q(self, value):
        if value == "":
            q = Q(**{f"{self.field_name}__isnull": True})
            if self._field.get_internal_type() in {"CharField", "TextField"}:
                q |= Q(**{self.field_name: ""})
            return q
        if self._field.get_internal_type() == "BooleanField":
            return Q(**{self.field_name: value == "True"})
        return Q(**{self.field_name: self._field.to_python(value)})


class RelatedDimension(Dimension):
    """A foreign key to a scoped reference record (被申请人, 被告…): one bucket per referenced record inside the
    evaluated subtree, by its name, plus 未填写. Declared as `RelatedDimension("respondent")`."""

    def __init__(self, field: str, label: str = ""):
        self.name = field
        self.field_name = field
        self._label = label
        self._related = None

    @property
    def label(self):
        return self._label or self.name

    def bind(self, model):
        field = model._meta.get_field(self.field_name)
        if not field.many_to_one:
            raise TypeError(f"{model._meta.label}.{self.field_name} 不是外键，不能作为关联维度。")
        bound = RelatedDimension(self.field_name, self._label or str(field.verbose_name))
        bound._related = field.related_model
        return bound

    def group_column(self):
        return f"{self.field_name}_id"

    def key_of(self, column_value, scope):
        return "" if column_value is None else str(column_value)

    def buckets(self, scope):
        records = self._related.objects.all()
        if hasattr(self._related, "org_path"):
            records = records.filter(org_path__startswith=scope.org.path)
        return [*((str(r.pk), str(r)) for r in records.order_by("pk")), ("", NOT_FILLED)]

    def validate(self, value, scope):
        names = {label: key for key, label in self.buckets(scope)}
        return super().validate(names.get(value, value), scope)

    def filter_q(self, value):
        if value == "":
            return Q(**{f"{self.field_name}__isnull": True})
        return Q(**{f"{self.field_name}_id": int(value)})


BUILTIN = (TownshipDimension(), SubOrgDimension())


def declared(spec) -> Dimension:
    """A line declares a dimension as a field name or as a Dimension instance."""
    if isinstance(spec, Dimension):
        return spec
    if isinstance(spec, str):
        return ChoiceDimension(spec)
    if isinstance(spec, tuple) and len(spec) == 2:
        return ChoiceDimension(*spec)
    raise TypeError(f"无法识别的维度声明：{spec!r}")
