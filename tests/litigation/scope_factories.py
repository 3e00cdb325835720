"""Records of the litigation line for the cross-org scope matrix, built through the actions."""

import datetime as dt

from sifa.litigation import actions
from sifa.litigation.models import HeadPost, Outcome
from tests.reconsideration.scope_factories import agency
from tests.scope_factories import register


def _days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def lawsuit(org, user):
    """One judged lawsuit per unit, shared by the lawsuit, defendant and hearing factories."""
    from sifa.litigation.models import Lawsuit

    found = Lawsuit.objects.filter(org=org).first()
    if found is not None:
        return found
    suit = actions.register(user, org=org, number=f"（2026）矩阵行初{org.pk}号", court="县人民法院", plaintiff="原告甲",
                            cause="不服行政处罚", agency=agency(org, user), filed_on=_days_ago(60),
                            notice_received_on=_days_ago(58))
    actions.answer(user, suit, answered_on=_days_ago(50))
    actions.record_hearing(user, suit, held_on=_days_ago(30), head_present=True, head_name="局长甲",
                           head_post=HeadPost.CHIEF)
    return actions.close(user, suit, outcome=Outcome.REVOKED, closed_on=_days_ago(20))


@register("litigation.lawsuit")
def lawsuit_record(org, user):
    return lawsuit(org, user)


@register("litigation.defendant")
def defendant(org, user):
    return list(lawsuit(org, user).defendants.all())


@register("litigation.hearing")
def hearing(org, user):
    return list(lawsuit(org, user).hearings.all())
