"""Staff pages of 远程会见预约: phone booking, confirmation and attendance steps, rooms and slots, masking,
roles and scope."""

import datetime as dt
import re

import pytest

from sifa.core.models import Role
from sifa.visits.models import Booking, Slot
from tests import factories

from .builders import family

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, clerk):
    client.force_login(clerk)
    return client


def test_phone_booking_then_confirm(staff_client, slot):
    form = {"slot": slot.pk, "channel": "phone", **family(elderly="on")}
    response = staff_client.post("/visits/bookings/new/", form)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.channel == "phone" and booking.special
    page = staff_client.get(f"/visits/bookings/{booking.pk}/").content.decode()
    assert "王小明" not in page and "王*明" in page and not re.search(r"\d{17}[\dX]", page)
    assert staff_client.post(f"/visits/bookings/{booking.pk}/confirm/", {"confirmed_on": dt.date.today()}).status_code == 302
    assert Booking.objects.get().status == "confirmed"


def test_phone_booking_of_a_full_slot(staff_client, slot):
    for _ in range(2):
        assert staff_client.post("/visits/bookings/new/", {"slot": slot.pk, "channel": "phone", **family()}).status_code == 302
    response = staff_client.post("/visits/bookings/new/", {"slot": slot.pk, "channel": "phone", **family()})
    assert response.status_code == 400
    assert "选择一个有效的选项" in response.content.decode() or "已约满" in response.content.decode()
    assert Booking.objects.count() == 2


def test_open_slots_on_the_room_page(staff_client, room):
    response = staff_client.post(f"/visits/rooms/{room.pk}/open/", {
        "first_day": "2031-03-03", "last_day": "2031-03-07", "weekdays": ["0", "2", "4"],
        "times": "09:00-09:30，14:30-15:00"})
    assert response.status_code == 302 and Slot.objects.count() == 6
    bad = staff_client.post(f"/visits/rooms/{room.pk}/open/", {
        "first_day": "2031-03-03", "last_day": "2031-03-07", "weekdays": ["0"], "times": "9点到10点"})
    assert bad.status_code == 400 and "格式不正确" in bad.content.decode()


def test_roles_and_scope(client, tree, slot):
    from sifa.visits import actions

    clerk = factories.user(tree["office_a"], role=Role.OFFICE_STAFF)
    booking = actions.book_by_staff(clerk, slot, **family())
    client.force_login(factories.user(tree["office_a"], role=Role.MEDIATOR))
    assert client.get("/visits/").status_code == 403
    client.force_login(factories.user(tree["office_b"], role=Role.OFFICE_STAFF))
    assert client.get(f"/visits/bookings/{booking.pk}/").status_code == 404
    assert booking.number not in client.get("/visits/").content.decode()
