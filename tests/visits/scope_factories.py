"""Records of the remote-visit line for the cross-org scope matrix, built through the actions."""

import datetime as dt

from sifa.core.models import Role
from sifa.visits import actions
from sifa.visits.models import Room
from tests import factories
from tests.scope_factories import register

from .builders import family


def _room(org, user):
    found = Room.objects.filter(org=org, name="矩阵会见室").first()
    if found:
        return found
    clerk = factories.user(org, role=Role.OFFICE_STAFF, username=f"mx_visit_{org.pk}")
    return actions.create_room(clerk, org=org, name="矩阵会见室", location="二楼", capacity=3)


def _slot(org, user):
    room = _room(org, user)
    slot = room.slots.first()
    if slot:
        return slot
    day = dt.date.today() + dt.timedelta(days=5)
    return actions.open_slots(user, room, first_day=day, last_day=day, weekdays=range(7),
                              times=[(dt.time(9), dt.time(9, 30))])[0]


@register("visits.room")
def room(org, user):
    return _room(org, user)


@register("visits.slot")
def slot(org, user):
    return _slot(org, user)


@register("visits.booking")
def booking(org, user):
    return actions.book_by_staff(user, _slot(org, user), **family())
