"""法治乡村: 民主法治示范村 (申报 → 命名 → 复核) and the villages' 法律明白人 / 法治带头人."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import action_checks as checks
from sifa.core import audit
from sifa.core.identifiers import validate_mobile, validate_resident_id
from sifa.core.models import OrgUnit
from sifa.core.record_writer import RecordWriter

from ..models import Assessment, Backbone, BackboneKind, BackboneSource, Level, ModelVillage, VillageStatus
from .common import LINE_NAME, owner_for, village_of

VILLAGE_FIELDS = ("village", "level", "year", "status", "applied_on", "named_on", "naming_body", "rechecked_on",
                  "recheck_note", "revoked_on")
BACKBONE_FIELDS = ("kind", "name", "id_number", "mobile", "village", "source", "training_hours", "assessment",
                   "registered_on", "left_on")
MAX_TRAINING_HOURS = 500
VILLAGES = RecordWriter(ModelVillage, fields=VILLAGE_FIELDS, line=LINE_NAME, related=("village",))
BACKBONES = RecordWriter(Backbone, fields=BACKBONE_FIELDS, line=LINE_NAME)


@transaction.atomic
def apply_model_village(actor, *, village, level: str, year: int, applied_on: dt.date,
                        org: OrgUnit | None = None) -> ModelVillage:
    """申报 a village for 民主法治示范村 at one level."""
    village = village_of(village)
    org = owner_for(actor, village, org)
    level = checks.choice(level, Level, "级别")
    if applied_on is None:
        raise ValidationError("请填写申报日期。")
    checks.not_future(applied_on, "申报日期")
    if not 2000 <= int(year or 0) <= applied_on.year + 1:
        raise ValidationError(f"创建年度“{year}”不正确。")
    if ModelVillage.objects.filter(village=village, level=level).exists():
        raise ValidationError(f"“{village.name}”已申报（或已命名）{Level(level).label}民主法治示范村，不能重复申报。")
    record = ModelVillage.objects.create(org=org, village=village, level=level, year=int(year), applied_on=applied_on,
                                         created_by=actor)
    audit.action(actor, "申报民主法治示范村", record, after=VILLAGES.snapshot(record))
    return record


@transaction.atomic
def name_model_village(actor, record: ModelVillage, *, named_on: dt.date, naming_body: str = "") -> ModelVillage:
    """命名: the naming body's decision received."""
    record, before = VILLAGES.lock_for_change(record, actor)
    if record.status != VillageStatus.APPLIED:
        raise ValidationError(f"该示范村当前为“{record.get_status_display()}”，不能再登记命名。")
    checks.not_future(named_on, "命名日期")
    checks.not_before(named_on, record.applied_on, "命名日期", "申报日期")
    record.status, record.named_on, record.naming_body = VillageStatus.NAMED, named_on, (naming_body or "")[:100]
    record.save()
    audit.action(actor, "命名民主法治示范村", record, before=before, after=VILLAGES.snapshot(record))
    return record


@transaction.atomic
def recheck_model_village(actor, record: ModelVillage, *, rechecked_on: dt.date, passed: bool,
                          note: str = "") -> ModelVillage:
    """复核: kept, or revoked from the re-check date."""
    record, before = VILLAGES.lock_for_change(record, actor)
    if record.status != VillageStatus.NAMED:
        raise ValidationError("只有已命名的示范村才能复核。")
    checks.not_future(rechecked_on, "复核日期")
    checks.not_before(rechecked_on, record.named_on, "复核日期", "命名日期")
    if not passed and not (note or "").strip():
        raise ValidationError("复核未通过的，请填写复核意见。")
    record.rechecked_on, record.recheck_note = rechecked_on, (note or "").strip()[:200]
    if not passed:
        record.status, record.revoked_on = VillageStatus.REVOKED, rechecked_on
    record.save()
    audit.action(actor, "复核民主法治示范村", record, before=before, after=VILLAGES.snapshot(record))
    return record


@transaction.atomic
def register_backbone(actor, *, kind: str, name: str, id_number: str, village, source: str,
                      registered_on: dt.date, mobile: str = "", training_hours=0,
                      assessment: str = Assessment.PENDING, org: OrgUnit | None = None) -> Backbone:
    """登记 a 法律明白人 or 法治带头人 of a village. One person serves one village: an ID already registered
    (and not withdrawn) in another village is refused."""
    village = village_of(village)
    org = owner_for(actor, village, org)
    kind = checks.choice(kind, BackboneKind, "类别")
    try:
        id_number = validate_resident_id(id_number)
    except ValidationError as exc:
        raise ValidationError(f"身份证号：{' '.join(exc.messages)}")
    mobile = validate_mobile(mobile) if (mobile or "").strip() else ""
    if registered_on is None:
        raise ValidationError("请填写登记日期。")
    checks.not_future(registered_on, "登记日期")
    hours = int(training_hours or 0)
    if not 0 <= hours <= MAX_TRAINING_HOURS:
        raise ValidationError(f"培训学时应为0至{MAX_TRAINING_HOURS}。")
    active = Backbone.objects.select_for_update().filter(id_number=id_number, left_on__isnull=True)
    if active.exclude(village=village).exists():
        raise ValidationError("该身份证号已在其他村（社区）登记为法律明白人或法治带头人，同一人不能在两个村登记；"
                              "如已迁出，请原村先登记退出。")
    if active.filter(village=village, kind=kind).exists():
        raise ValidationError(f"该人员已是本村（社区）的{BackboneKind(kind).label}，不能重复登记。")
    person = Backbone.objects.create(
        org=org, kind=kind, name=checks.required(name, "姓名", 50), id_number=id_number, mobile=mobile,
        village=village, township_code=village.code[:9], source=checks.choice(source, BackboneSource, "人员来源"),
        training_hours=hours, assessment=checks.choice(assessment, Assessment, "考核"), registered_on=registered_on,
        created_by=actor)
    audit.action(actor, f"登记{person.get_kind_display()}", person, after=BACKBONES.snapshot(person))
    return person


@transaction.atomic
def assess_backbone(actor, person: Backbone, *, assessment: str, training_hours=None) -> Backbone:
    person, before = BACKBONES.lock_for_change(person, actor)
    person.assessment = checks.choice(assessment, Assessment, "考核")
    if training_hours not in (None, ""):
        hours = int(training_hours)
        if not 0 <= hours <= MAX_TRAINING_HOURS:
            raise ValidationError(f"培训学时应为0至{MAX_TRAINING_HOURS}。")
        person.training_hours = hours
    person.save()
    audit.action(actor, "考核法律明白人", person, before=before, after=BACKBONES.snapshot(person))
    return person


@transaction.atomic
def withdraw_backbone(actor, person: Backbone, *, left_on: dt.date) -> Backbone:
    person, before = BACKBONES.lock_for_change(person, actor)
    if person.left_on is not None:
        raise ValidationError("该人员已登记退出。")
    checks.not_future(left_on, "退出日期")
    checks.not_before(left_on, person.registered_on, "退出日期", "登记日期")
    person.left_on = left_on
    person.save()
    audit.action(actor, "登记法律明白人退出", person, before=before, after=BACKBONES.snapshot(person))
    return person
