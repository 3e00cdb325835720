"""Records of the reconsideration line for the cross-org scope matrix, built through the actions and owned by the
given unit (a county's cases are the bureau's, but the matrix proves the scope on any unit)."""

import datetime as dt

from sifa.reconsideration import actions
from sifa.reconsideration.models import Agency, Outcome, SuspensionGround
from tests import factories
from tests.scope_factories import register

from . import builders


def _days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def agency(org, user) -> Agency:
    return Agency.objects.filter(org=org).first() or actions.add_agency(
        user, org=org, name=f"{org.name}矩阵执法局", credit_code=factories.credit_code("11"))


def decided_case(org, user):
    """A case accepted, paused and resumed, decided and served."""
    case = builders.application(user, org, agency(org, user), _days_ago(40))
    actions.accept(user, case, accepted_on=_days_ago(40))
    actions.suspend(user, case, started_on=_days_ago(30), ground=SuspensionGround.CONSULTATION)
    actions.resume(user, case, resumed_on=_days_ago(20))
    actions.decide(user, case, outcome=Outcome.REVOKED, closed_on=_days_ago(10), summary="撤销原行政行为")
    return actions.serve(user, case, served_on=_days_ago(8))


@register("reconsideration.agency")
def agency_record(org, user):
    return agency(org, user)


@register("reconsideration.case")
def case(org, user):
    return [decided_case(org, user), builders.application(user, org, agency(org, user), _days_ago(1))]


@register("reconsideration.suspension")
def suspension(org, user):
    return list(decided_case(org, user).suspensions.all())


@register("reconsideration.committeemember")
def committee_member(org, user):
    return actions.appoint_member(user, org=org, name="矩阵委员", appointed_on=_days_ago(100))


@register("reconsideration.reviewsettings")
def review_settings(org, user):
    return actions.configure(user, org=org)
