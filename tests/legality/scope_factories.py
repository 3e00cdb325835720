"""Records of the legality line for the cross-org scope matrix, built through the actions and owned by the given
unit."""

import datetime as dt
import itertools

from sifa.legality import actions
from tests.scope_factories import register

from . import builders


def _item(org, user):
    item = builders.item(user, org, submitted_on=dt.date.today() - dt.timedelta(days=5), item_type="other",
                         agency=None) if org.kind != "county_bureau" else None
    if item is None:
        from tests.reconsideration.scope_factories import agency

        item = builders.item(user, org, submitted_on=dt.date.today() - dt.timedelta(days=5), item_type="other",
                             agency=agency(org, user))
    return item


@register("legality.reviewitem")
def review_item(org, user):
    return _item(org, user)


@register("legality.draft")
def draft(org, user):
    return actions.add_draft(user, _item(org, user), file_name="d.txt", data=builders.DRAFT.encode())


@register("legality.finding")
def finding(org, user):
    return list(draft(org, user).findings.all())


# 登记号 take 1–4 digits: a serial of its own, valid however large the database's ids grow
_REGISTRATIONS = itertools.count(1)


@register("legality.normativedoc")
def normative_doc(org, user):
    return actions.register_document(user, org=org, kind="department", title="矩阵文件", issuer="县司法局",
                                     registration_number=f"矩规〔2021〕{next(_REGISTRATIONS)}号", published_on=dt.date(2021, 3, 1))


@register("legality.legalitysettings")
def legality_settings(org, user):
    return actions.configure(user, org=org, registration_pattern=r"^.+号$", registration_example="砀政规〔2024〕1号",
                             review_days=15, filing_days=30)
