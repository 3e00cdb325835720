import datetime as dt

import pytest

from sifa.core.models import Role
from sifa.visits import actions
from tests import factories


@pytest.fixture
def clerk(tree):
    return factories.user(tree["office_a"], role=Role.OFFICE_STAFF, username="visit_clerk", mobile="13700000001")


@pytest.fixture
def room(clerk, tree):
    return actions.create_room(clerk, org=tree["office_a"], name="远程会见室", location="砀城司法所二楼", capacity=2)


@pytest.fixture
def slot(clerk, room):
    """A two-family slot a week from today, 09:00–09:30."""
    day = dt.date.today() + dt.timedelta(days=7)
    return actions.open_slots(clerk, room, first_day=day, last_day=day, weekdays=range(7),
                              times=[(dt.time(9), dt.time(9, 30))])[0]
