"""考核奖惩: 表扬, 警告, 治安管理处罚 and the proposals of 撤销缓刑/假释 or 收监执行, from the 司法所's proposal to the
county's decision and, for a revocation, the court's ruling."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit, inputs
from sifa.core.inputs import choice, not_before, not_future, optional, required, today
from sifa.core.masking import masked_snapshot

from .. import access, rules
from ..models import (
    DECIDED_KINDS,
    REVOCATION_KINDS,
    Absconding,
    Category,
    ExitKind,
    RewardSanction,
    SanctionKind,
    SanctionStatus,
    Subject,
)
from ..workflow import SANCTION
from .base import (
    county_staff,
    decided_sanctions,
    in_period,
    link_to,
    lock_subject,
    past_date,
    supervised,
    tell,
)
from .exit import end_correction

SANCTION_FIELDS = ("kind", "ground", "status", "proposed_on", "decided_on", "submitted_to", "ruling_due", "ruled_on")


def _check_ground(subject: Subject, kind: str, ground: str) -> None:
    if ground not in dict(rules.ground_choices(kind)):
        labels = "；".join(label for _, label in rules.ground_choices(kind))
        raise ValidationError(f"{SanctionKind(kind).label}的依据情形不正确，应为：{labels}。")
    category = rules.KIND_CATEGORY.get(kind)
    if category and subject.category != category:
        raise ValidationError(f"{SanctionKind(kind).label}只适用于{Category(category).label}的社区矫正对象"
                              f"（该对象为{subject.get_category_display()}）。")
    if ground in rules.PRIOR_REQUIRED:
        prior_kind, count = rules.PRIOR_REQUIRED[ground]
        have = decided_sanctions(subject, prior_kind).count()
        if have < count:
            raise ValidationError(f"依据“{rules.ground_label(kind, ground)}”的，须已受到{count}次"
                                  f"{SanctionKind(prior_kind).label}（现有{have}次）。")
    if ground in rules.ABSENCE_DAYS:
        low, high = rules.ABSENCE_DAYS[ground]
        spans = [a.days_lost for a in Absconding.objects.filter(subject=subject)]
        if not any(d >= low and (high is None or d <= high) for d in spans):
            span = f"{low}至{high}日" if high else f"{low}日以上"
            raise ValidationError(f"依据“{rules.ground_label(kind, ground)}”的，须有脱离监管{span}的失联记录。")


@transaction.atomic
def propose_sanction(actor, subject: Subject, *, kind: str, ground: str, facts: str,
                     proposed_on: dt.date | None = None) -> RewardSanction:
    """提出 a commendation or a sanction with its legal ground (司法所核实，县级决定或提请)."""
    subject = supervised(subject, actor, "提出考核奖惩")
    kind = choice(kind, SanctionKind, "奖惩类别")
    _check_ground(subject, kind, ground)
    proposed_on = inputs.date(proposed_on or today(), "提出日期")
    in_period(subject, proposed_on, "提出日期")
    if RewardSanction.objects.filter(subject=subject, kind=kind, status=SanctionStatus.PROPOSED).exists():
        raise ValidationError(f"该对象已有待决定的{SanctionKind(kind).label}，请先办结。")
    sanction = RewardSanction.objects.create(subject=subject, org=subject.org, kind=kind, ground=ground,
                                             facts=required(facts, "事实", 2000), proposed_on=proposed_on,
                                             proposed_by=actor, created_by=actor)
    audit.action(actor, f"提出{sanction.get_kind_display()}", sanction, after=masked_snapshot(sanction, SANCTION_FIELDS))
    tell(county_staff(subject.org), f"{sanction.get_kind_display()}待决定：{subject.name}",
          sanction.ground_label, link_to(sanction))
    return sanction


@transaction.atomic
def decide_sanction(actor, sanction: RewardSanction, *, approve: bool, decided_on: dt.date | None = None,
                    document_no: str = "", submitted_to: str = "", note: str = "") -> RewardSanction:
    """The county decides 表扬/训诫/警告, or submits the others to the police, the court or the deciding organ
    (the court rules on a revocation within 30 days, 第四十八条)."""
    sanction = RewardSanction.objects.select_for_update().select_related("subject").get(pk=sanction.pk)
    access.ensure_county(actor, sanction.org, "考核奖惩")
    SANCTION.check(sanction, "decide")
    decided_on = inputs.date(decided_on or today(), "决定日期")
    not_future(decided_on, "决定日期")
    not_before(decided_on, sanction.proposed_on, "决定日期", "提出日期")
    if not approve and not (note or "").strip():
        raise ValidationError("不予实施的，请填写理由。")
    before = masked_snapshot(sanction, SANCTION_FIELDS)
    sanction.decided_by, sanction.decided_on = actor, decided_on
    sanction.document_no, sanction.note = optional(document_no, "文书编号", 60), optional(note, "说明", 500)
    if not approve:
        sanction.status = SanctionStatus.DECLINED
    elif sanction.kind in DECIDED_KINDS:
        sanction.status = SanctionStatus.DECIDED
    else:
        sanction.status = SanctionStatus.SUBMITTED
        sanction.submitted_to = optional(submitted_to, "提请机关", 100) or rules.SUBMITTED_TO[sanction.kind]
        if sanction.kind in REVOCATION_KINDS:
            sanction.ruling_due = rules.ruling_due(decided_on)
    sanction.save()
    audit.action(actor, f"{'决定' if approve else '不予实施'}{sanction.get_kind_display()}", sanction, before=before,
                 after=masked_snapshot(sanction, SANCTION_FIELDS))
    tell([sanction.proposed_by, sanction.subject.worker],
          f"{sanction.get_kind_display()}：{sanction.subject.name}（{sanction.get_status_display()}）", "",
          link_to(sanction))
    return sanction


@transaction.atomic
def record_ruling(actor, sanction: RewardSanction, *, upheld: bool, ruled_on: dt.date,
                  ruling_no: str = "") -> RewardSanction:
    """The police's or the court's answer. A revocation or 收监 upheld ends the correction (第四十五条)."""
    sanction = RewardSanction.objects.select_for_update().select_related("subject").get(pk=sanction.pk)
    access.ensure_county(actor, sanction.org, "登记裁决结果")
    SANCTION.check(sanction, "ruling")
    ruled_on = past_date(ruled_on, "裁决日期", sanction.decided_on, "提请日期")
    before = masked_snapshot(sanction, SANCTION_FIELDS)
    sanction.status = SanctionStatus.UPHELD if upheld else SanctionStatus.DISMISSED
    sanction.ruled_on, sanction.ruling_no = ruled_on, optional(ruling_no, "裁定（决定）书文号", 100)
    if upheld and sanction.kind in REVOCATION_KINDS and not sanction.ruling_no:
        raise ValidationError("撤销缓刑、假释或收监执行的，请填写裁定（决定）书文号。")
    sanction.save()
    audit.action(actor, "登记裁决结果", sanction, before=before, after=masked_snapshot(sanction, SANCTION_FIELDS))
    if upheld and sanction.kind in REVOCATION_KINDS:
        exit_kind = {SanctionKind.REVOKE_PROBATION: ExitKind.PROBATION_REVOKED,
                     SanctionKind.REVOKE_PAROLE: ExitKind.PAROLE_REVOKED,
                     SanctionKind.COMMIT: ExitKind.COMMITTED}[sanction.kind]
        end_correction(actor, lock_subject(sanction.subject), exit_kind, ruled_on, basis=sanction.ruling_no)
    return sanction
