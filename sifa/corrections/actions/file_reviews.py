"""卷宗评查: the county reviews a subject's file against the checklist; a file found wanting is rectified."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sifa.core import audit
from sifa.core.inputs import choice, optional, required

from .. import access, rules
from ..access import ensure_can_write
from ..models import FileReview, ReviewKind, ReviewResult, ReviewStatus, Subject
from ..workflow import FILE_REVIEW
from .base import link_to, office_staff, past_date, tell, writable


def _review_items(items: dict) -> tuple[dict, str]:
    known = dict(rules.FILE_CHECKLIST)
    cleaned = {}
    for code, label in rules.FILE_CHECKLIST:
        value = (items or {}).get(code) or rules.ITEM_GOOD
        if value not in rules.ITEM_VALUES:
            raise ValidationError(f"“{label}”的评查结果“{value}”不正确（{'、'.join(rules.ITEM_VALUES)}）。")
        cleaned[code] = value
    unknown = set(items or {}) - set(known)
    if unknown:
        raise ValidationError(f"评查项目“{'、'.join(sorted(unknown))}”不在卷宗评查清单中。")
    values = set(cleaned.values())
    result = (ReviewResult.FAILED if rules.ITEM_MISSING in values else
              ReviewResult.FLAWED if rules.ITEM_FLAWED in values else ReviewResult.GOOD)
    return cleaned, result


@transaction.atomic
def review_file(actor, subject: Subject, *, kind: str, reviewed_on: dt.date, reviewers: str, items: dict,
                findings: str = "") -> FileReview:
    """卷宗自查/互查/上级评查 against the checklist. A flawed or failed file gets a rectification deadline."""
    ensure_can_write(actor, subject.org)
    kind = choice(kind, ReviewKind, "评查类别")
    if kind == ReviewKind.SUPERIOR and not access.is_county_level(actor):
        raise PermissionDenied("上级评查须由县级社区矫正机构组织。")
    reviewed_on = past_date(reviewed_on, "评查日期", subject.effective_on, "判决生效日期")
    cleaned, result = _review_items(items)
    findings = optional(findings, "发现问题", 5000)
    if result != ReviewResult.GOOD and not findings:
        raise ValidationError("评查发现瑕疵或缺失的，请填写发现的问题。")
    review = FileReview.objects.create(
        subject=subject, org=subject.org, kind=kind, reviewed_on=reviewed_on,
        reviewers=required(reviewers, "评查人", 100), items=cleaned, result=result, findings=findings,
        status=ReviewStatus.CLOSED if result == ReviewResult.GOOD else ReviewStatus.RECTIFYING,
        rectify_by=None if result == ReviewResult.GOOD else reviewed_on + dt.timedelta(days=rules.RECTIFY_DAYS),
        created_by=actor)
    audit.action(actor, f"卷宗{review.get_kind_display()}", review,
                 after={"result": result, "reviewed_on": str(reviewed_on)})
    if review.status == ReviewStatus.RECTIFYING:
        tell([subject.worker, *office_staff(subject.org)], f"卷宗须整改：{subject.name}",
              f"请于{review.rectify_by:%Y-%m-%d}前整改。", link_to(review))
    return review


@transaction.atomic
def rectify_file(actor, review: FileReview, *, rectified_on: dt.date, rectification: str) -> FileReview:
    review = writable(FileReview.objects.select_for_update().get(pk=review.pk), actor, FILE_REVIEW, "rectify")
    rectified_on = past_date(rectified_on, "整改完成日期", review.reviewed_on, "评查日期")
    review.status, review.rectified_on = ReviewStatus.RECTIFIED, rectified_on
    review.rectification = required(rectification, "整改情况", 2000)
    review.save()
    audit.action(actor, "卷宗整改", review, after={"rectified_on": str(rectified_on)})
    return review
