"""Records of the indicators app for the cross-org scope matrix: a historical baseline owned by the given unit."""

import datetime as dt

from sifa.indicators import actions, registry
from sifa.indicators.models import Baseline
from tests.scope_factories import register


@register("indicators.baseline")
def baseline(org, user):
    indicators = registry.all_indicators()
    if indicators:
        return actions.set_baseline(user, code=indicators[0].code, org=org, period="2020", value="12",
                                    source="2020年工作总结")
    # no line registered any indicator in this run: a baseline is still a scoped record worth probing
    return Baseline.objects.create(indicator_code="none.registered", org=org, period_key="2020",
                                   period_start=dt.date(2020, 1, 1), period_end=dt.date(2020, 12, 31), value=12,
                                   source="2020年工作总结", created_by=user, entered_by=user)
