"""Records of the notary line for the cross-org scope matrix: a 公证处 unit under the given office, an item with
its fee tiers, and matters (one issued after a pause, one still open)."""

import datetime as dt

from sifa.core import actions as core_actions
from sifa.core.models import OrgKind, OrgUnit
from sifa.notary import actions
from sifa.notary.models import NotaryItem
from tests.mediation.builders import resident_id
from tests.scope_factories import register


def _days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def _office(org):
    code = f"{org.code}-GZC"
    return OrgUnit.objects.filter(code=code).first() or core_actions.create_org_unit(
        None, code=code, name=f"{org.name}公证处", kind=OrgKind.NOTARY_OFFICE, division=org.division, parent=org)


def _items(org, user):
    office = _office(org)
    found = list(NotaryItem.objects.filter(org=office).order_by("pk"))
    if found:
        return found
    return [actions.create_item(user, org=office, name="出生公证", category="personal", base_fee="80", copy_fee="20",
                                one_visit=True, online=True, effective_from=dt.date(2020, 1, 1)),
            actions.create_item(user, org=office, name="合同公证", category="contract", value_based=True, min_fee="200",
                                tiers=[("500000", "3"), (None, "1")], effective_from=dt.date(2020, 1, 1))]


def _matters(org, user):
    birth, _contract = _items(org, user)
    office = birth.org
    issued = actions.register_matter(user, org=office, item=birth, accepted_on=_days_ago(60), notary="李公证员",
                                     applicant_name="王某", applicant_id=resident_id())
    pause = actions.pause(user, issued, reason="supplement", started_on=_days_ago(58))
    actions.resume(user, issued, ended_on=_days_ago(55))
    actions.issue(user, issued, issued_on=_days_ago(50))
    open_matter = actions.register_matter(user, org=office, item=birth, accepted_on=_days_ago(2), notary="李公证员",
                                          applicant_name="李某", applicant_id=resident_id())
    return issued, open_matter, pause


@register("notary.notaryitem")
def item(org, user):
    return _items(org, user)


@register("notary.feetier")
def fee_tier(org, user):
    return list(_items(org, user)[1].tiers.all())


@register("notary.notarymatter")
def matter(org, user):
    return list(_matters(org, user)[:2])


@register("notary.pause")
def pause(org, user):
    return _matters(org, user)[2]
