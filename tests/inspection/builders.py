"""Small fixtures of the 法治督察 line, built through the actions."""

from __future__ import annotations

import datetime as dt

from sifa.inspection import actions
from sifa.inspection.models import InspectionKind, SubjectKind


def days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def started(user, org, township=None, agency=None, kind=InspectionKind.PATROL, on: dt.date | None = None,
            topic="法治建设第一责任人职责落实情况"):
    on = on or days_ago(60)
    inspection = actions.plan(user, org=org, kind=kind,
                              subject_kind=SubjectKind.TOWNSHIP if township is not None else SubjectKind.AGENCY,
                              township=township, agency=agency, topic=topic, planned_on=on)
    return actions.start(user, inspection, started_on=on)


def finding(user, inspection, found_on: dt.date, due_on: dt.date | None = None, category="decision",
            description="重大行政决策未经合法性审查"):
    return actions.add_finding(user, inspection, description=description, category=category, found_on=found_on,
                               due_on=due_on)
