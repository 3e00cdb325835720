"""A record's 操作记录 in the words of the people who read it: one renderer for every line's detail page.

An audit row keeps what an action changed as stored values (`{"status": "received", "org": 10, "level":
"strict", "held_on": "2021-03-05"}`); the history panel shows them as a reader understands them:

    field labels     the model field's verbose_name (a key that is no field of the record — `method` of a visit
                     written on the subject's row — is looked up among the models of the same line)
    choices          their Chinese label (状态：已受理, 管理类别：严管)
    foreign keys     the related record by name (所属机构：砀城司法所), found in one query per model
    dates, times     Chinese form (2021年3月5日, 2021年3月5日 09:30)
    booleans, lists  是/否, items joined by 、

Sensitive fields arrive masked (core.audit.snapshot) and stay so. Nothing here writes."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
EMPTY = "（空）"


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_datetime(moment: dt.datetime) -> str:
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{chinese_date(moment.date())} {moment:%H:%M}"


def field_for(model, key: str):
    """The model field `key` (or `key` without `_id`) names on `model`, else on another model of the same app
    (an action may record a related record's fields on the row of the record it belongs to); None if no field."""
    names = (key, key.removesuffix("_id"))
    for name in names:
        try:
            return model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
    for other in model._meta.app_config.get_models():
        for name in names:
            try:
                field = other._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if hasattr(field, "verbose_name"):
                return field
    return None


def label(model, key: str) -> str:
    field = field_for(model, key)
    if field is not None and hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return key


def _scalar(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return chinese_datetime(value)
    if isinstance(value, dt.date):
        return chinese_date(value)
    if isinstance(value, str):
        if DATE_RE.match(value):
            try:
                return chinese_date(dt.date.fromisoformat(value))
            except ValueError:
                return value
        if DATETIME_RE.match(value):
            try:
                return chinese_datetime(dt.datetime.fromisoformat(value))
            except ValueError:
                return value
    if isinstance(value, list | tuple):
        return "、".join(_scalar(v) for v in value if v not in (None, ""))
    if isinstance(value, dict):
        return "；".join(f"{k}：{_scalar(v)}" for k, v in value.items())
    return str(value)


def _related_name(field, value) -> str | None:
    if not getattr(field, "is_relation", False) or field.related_model is None:
        return None
    if isinstance(value, str) and not value.isdigit():
        return None       # already a name (readable snapshots store str(related))
    obj = field.related_model._default_manager.filter(pk=value).first()
    return str(obj) if obj is not None else None


def readable(model, key: str, value, *, workflow=None) -> str:
    """One stored value of `key` as the history panel shows it ("" for nothing)."""
    if value is None or value == "":
        return ""
    if workflow is not None and key == workflow.state_field:
        return str(workflow.state_label(value))
    field = field_for(model, key)
    if field is not None:
        choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
        if choices:
            if isinstance(value, list | tuple):
                return "、".join(str(choices.get(v, v)) for v in value)
            if value in choices:
                return str(choices[value])
        name = _related_name(field, value)
        if name is not None:
            return name
    return _scalar(value)


OWNERSHIP = ("org", "org_path", "created_by", "created_at", "updated_at")


def in_reading_order(model, keys) -> list[str]:
    """The keys of a before/after snapshot in the record's own field order, who owns the record last — the same
    on every database (PostgreSQL's JSONB does not keep the order an action wrote them in)."""
    order = {field.name: rank for rank, field in enumerate(model._meta.get_fields())} if model else {}

    def rank(key):
        name = key.removesuffix("_id")
        return (name in OWNERSHIP, order.get(key, order.get(name, len(order))), key)

    return sorted(keys, key=rank)


def describe(model, before, after, *, sensitive=(), workflow=None, mask=None) -> list[str]:
    """「标签：旧 → 新」 (or 「标签：值」 for a value set for the first time) for each key of `after` that changed."""
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    lines = []
    for key in in_reading_order(model, after):
        old, new = before.get(key), after.get(key)
        if key in before and old == new:
            continue
        if key in sensitive:
            shown = [str(mask(model, key, v)) if mask and v not in (None, "") else (v or "") for v in (old, new)]
        else:
            shown = [readable(model, key, v, workflow=workflow) for v in (old, new)]
        if key in before:
            lines.append(f"{label(model, key)}：{shown[0] or EMPTY} → {shown[1] or EMPTY}")
        else:
            lines.append(f"{label(model, key)}：{shown[1] or EMPTY}")
    return lines
