"""What every legal-aid action shares: the line's name and audit fields, the write check, the row lock,
who to tell and the rule for a step taken after its legal time limit."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.core.exceptions import ValidationError

from sifa.core import notify
from sifa.core.action_checks import ensure_can_write
from sifa.core.masking import masked_snapshot
from sifa.core.models import OrgUnit, Role, User
from sifa.core.notify import notify_users
from sifa.core.record_writer import RecordWriter

from ..models import Application, Assignment, Document, Objection, Progress
from ..workflow import WORKFLOW

LINE = "法律援助"
CASE_LINE_CODE = "legalaid"
APPLICATION_FIELDS = ("number", "status", "channel", "category", "org_id", "received_on", "centre_received_on",
                      "decision", "decided_on", "decision_due", "assign_due", "assigned_on", "closed_on",
                      "closure_method", "quality_grade", "subsidy_amount", "satisfaction", "review_basis",
                      "exemption", "household_income", "recipients")
PROVIDER_FIELDS = ("name", "kind", "licence_number", "licence_status", "practice_since", "specialities",
                   "max_open_cases", "in_rotation", "mobile", "service_org_id")
CHILDREN = (Assignment, Progress, Document, Objection)
PORTAL_KIND = "legalaid"
QUESTION_KIND = "legalaid_question"


def can_write(actor, org: OrgUnit) -> None:
    ensure_can_write(actor, org, LINE)


#: lock(app, actor, step=""): the application locked for the transaction once scope and the workflow allow the step
APPLICATIONS = RecordWriter(Application, fields=APPLICATION_FIELDS, workflow=WORKFLOW, line=LINE, readable=False)
lock = APPLICATIONS.lock


def snapshot(app: Application) -> dict:
    return masked_snapshot(app, APPLICATION_FIELDS)


def application_url(app: Application) -> str:
    return notify.record_link("legalaid:application_detail", app.pk)


#: tell(users, title, body="", link=""): notify each of `users` once, under the line's name.
tell = partial(notify_users, category=LINE)


def staff_of(org: OrgUnit) -> list[User]:
    return list(User.objects.filter(org=org, role__in=[Role.SECTION_STAFF, Role.OFFICE_STAFF], is_active=True))


def within_limit(day: dt.date, due: dt.date | None, late_reason: str, what: str) -> bool:
    """True if on time; a late step needs a reason (the limit is the centre's duty, the step still counts)."""
    if due is None or day <= due:
        return True
    if not (late_reason or "").strip():
        raise ValidationError(f"已超过{what}的法定期限（应于{due:%Y-%m-%d}前完成），请填写逾期原因。")
    return False


def move_to(app: Application, org: OrgUnit) -> None:
    app.org = org
    app.save()
    for model in CHILDREN:
        model.objects.filter(application=app).update(org=org, org_path=org.path, region_code=org.division_id)
