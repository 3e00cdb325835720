"""/api/v1/visits/: slots with places left, phone bookings, confirmation, cancellation and attendance."""

import datetime as dt

import pytest
from django.test import Client

from sifa.core.models import AuditEvent, Role
from sifa.core.models.audit import AuditEventType
from sifa.visits import actions
from sifa.visits.models import Booking, BookingStatus
from tests import factories
from tests.api.client import ApiClient, issue

from .builders import family

pytestmark = pytest.mark.django_db


def _api(user) -> ApiClient:
    return ApiClient(Client(), issue(user))


@pytest.fixture
def api(clerk):
    return _api(clerk)


@pytest.fixture
def outsider(tree):
    return factories.user(tree["office_b"], role=Role.OFFICE_STAFF, username="visit_outsider")


def test_token_is_required(slot):
    response = ApiClient(Client()).get("visits/slots")
    assert response.status_code == 401 and "令牌" in response.json()["message"]


def test_slots_show_the_places_left(api, clerk, slot):
    actions.book_by_staff(clerk, slot, **family())
    page = api.get("visits/slots").json()
    assert page["total"] == 1
    assert page["items"][0]["capacity"] == 2 and page["items"][0]["taken"] == 1 and page["items"][0]["remaining"] == 1
    actions.book_by_staff(clerk, slot, **family(prisoner_name="李小强"))
    assert api.get("visits/slots", available="true").json()["total"] == 0
    assert api.get(f"visits/slots/{slot.pk}").json()["remaining"] == 0


def test_booking_workflow_through_the_api(api, slot):
    data = family(elderly=True)
    response = api.post("visits/bookings", {"slot": slot.pk, **data})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["special"] is True and body["status"] == BookingStatus.APPLIED
    assert data["applicant_id_number"] not in response.content.decode()
    assert body["applicant_mobile"] == "139****6666" and body["prisoner_name"] == "王*明"
    assert [s["step"] for s in body["steps"]] == ["confirm", "cancel"]
    response = api.post(f"visits/bookings/{body['id']}/confirm", {})
    assert response.status_code == 200 and response.json()["status"] == BookingStatus.CONFIRMED
    assert [s["step"] for s in response.json()["steps"]] == ["attend", "no_show", "cancel"]
    # attendance before the day is refused by the action
    response = api.post(f"visits/bookings/{body['id']}/attendance", {"attended": 3})
    assert response.status_code == 422 and "不能晚于今天" in response.json()["message"]
    response = api.post(f"visits/bookings/{body['id']}/cancel", {"reason": "家属行程变化"})
    assert response.status_code == 200 and response.json()["status"] == BookingStatus.CANCELLED
    assert AuditEvent.objects.filter(verb="取消远程会见预约", object_id=str(body["id"])).exists()


def test_attendance_is_recorded(clerk, api, room):
    day = dt.date.today() - dt.timedelta(days=1)
    past = actions.open_slots(clerk, room, first_day=day, last_day=day, weekdays=range(7),
                              times=[(dt.time(9), dt.time(9, 30))])[0]
    booking = actions.book_by_staff(clerk, past, applied_on=day - dt.timedelta(days=3), **family())
    actions.confirm(clerk, booking, confirmed_on=day - dt.timedelta(days=2))
    response = api.post(f"visits/bookings/{booking.pk}/attendance", {"attended": 2})
    assert response.status_code == 200, response.content
    assert response.json()["attended"] == 2 and response.json()["status"] == BookingStatus.HELD


def test_a_full_slot_and_bad_input_write_nothing(api, clerk, slot):
    actions.book_by_staff(clerk, slot, **family())
    actions.book_by_staff(clerk, slot, **family(prisoner_name="李小强"))
    response = api.post("visits/bookings", {"slot": slot.pk, **family(prisoner_name="赵小刚")})
    assert response.status_code == 422 and "约满" in response.json()["message"]
    response = api.post("visits/bookings", {"slot": slot.pk, **family(applicant_id_number="341321199001011230")})
    assert response.status_code == 422 and response.json()["message"]
    response = api.post("visits/bookings", {"slot": slot.pk, "visitors": 0, "relation": "neighbour"})
    assert response.status_code == 422
    message = response.json()["message"]
    assert "会见人数" in message and "可选范围" in message and "必填" in message
    assert Booking.objects.count() == 2


def test_another_office_sees_nothing(outsider, clerk, slot):
    booking = actions.book_by_staff(clerk, slot, **family())
    api = _api(outsider)
    assert api.get("visits/bookings").json()["total"] == 0 and api.get("visits/slots").json()["total"] == 0
    assert api.get(f"visits/bookings/{booking.pk}").status_code == 404
    assert api.post(f"visits/bookings/{booking.pk}/cancel", {"reason": "越权"}).status_code == 404
    response = api.post("visits/bookings", {"slot": slot.pk, **family(prisoner_name="赵小刚")})
    assert response.status_code == 422 and "数据范围" in response.json()["message"]
    assert AuditEvent.objects.filter(event=AuditEventType.DENIED, object_id=str(booking.pk)).count() == 2
    booking.refresh_from_db()
    assert booking.status == BookingStatus.APPLIED and Booking.objects.count() == 1
