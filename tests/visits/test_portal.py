"""The public booking page: SMS sign-in, one booking per form, 已约满 for a full slot, the receipt with its
查询码 (only for the family who booked), cancelling before the day, and the staff inbox."""

import re

import pytest
from django.core.cache import cache

from sifa.core.models import Notification
from sifa.portal.models import TrackingCode
from sifa.visits import actions
from sifa.visits.models import Booking, BookingStatus
from tests.portal.conftest import MOBILE, portal_login

from .builders import family

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen(client, tree):
    assert portal_login(client).status_code == 302
    return client


def _token(client, host):
    page = client.get("/portal/visits/", {"host": host.pk})
    assert page.status_code == 200
    return re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)


def _form(the_slot, token, **extra):
    data = {k: v for k, v in family().items() if k != "applicant_mobile"}
    return {"form_token": token, "host": the_slot.org_id, "slot": the_slot.pk, "consent": "on", **data, **extra}


def test_the_page_needs_sms_sign_in(client, tree):
    response = client.get("/portal/visits/")
    assert response.status_code == 302 and response.url.startswith("/portal/login/")


def test_book_once_get_a_code_and_staff_are_told(citizen, slot, clerk):
    page = citizen.get("/portal/visits/", {"host": slot.org_id}).content.decode()
    assert "余2" in page and "砀城司法所" in page
    form = _form(slot, _token(citizen, slot.org), far="on")
    first = citizen.post("/portal/visits/", form)
    assert first.status_code == 302
    again = citizen.post("/portal/visits/", form)   # double click
    assert again.url == first.url and Booking.objects.count() == 1
    booking = Booking.objects.get()
    assert booking.channel == "online" and booking.applicant_mobile == MOBILE and booking.special
    code = TrackingCode.objects.get(kind="visits")
    receipt = citizen.get(first.url).content.decode()
    assert code.code in receipt and "等待工作人员核实" in receipt and "路途遥远" in receipt
    assert Notification.objects.filter(user=clerk, title="新的远程会见预约").exists()
    lookup = citizen.post("/portal/lookup/", {"code": code.code, "last4": MOBILE[-4:]}).content.decode()
    assert "等待工作人员核实" in lookup and "王小明" not in lookup


def test_a_full_slot_is_refused_and_nothing_written(citizen, slot, clerk):
    actions.book_by_staff(clerk, slot, **family())
    actions.book_by_staff(clerk, slot, **family())
    response = citizen.post("/portal/visits/", _form(slot, _token(citizen, slot.org)))
    assert response.status_code == 400 and "该时段已约满" in response.content.decode()
    assert Booking.objects.count() == 2 and not TrackingCode.objects.exists()
    assert "余0" not in citizen.get("/portal/visits/", {"host": slot.org_id}).content.decode()


@pytest.mark.parametrize("bad, message", [
    ({"applicant_id_number": "341321199001010000"}, "校验位"),
    ({"visitors": "9"}, "5"),
    ({"consent": ""}, "必填"),
    ({"slot": "999999"}, "所选时段已不可预约"),
])
def test_bad_input_redisplays_in_chinese(citizen, slot, bad, message):
    response = citizen.post("/portal/visits/", _form(slot, _token(citizen, slot.org), **bad))
    assert response.status_code == 400 and message in response.content.decode()
    assert not Booking.objects.exists()


def test_receipt_is_the_familys_own_and_cancel_frees_the_place(client, citizen, slot):
    first = citizen.post("/portal/visits/", _form(slot, _token(citizen, slot.org)))
    code = TrackingCode.objects.get(kind="visits").code
    citizen.post(f"/portal/visits/receipt/{code}/cancel/")
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    assert "已取消" in citizen.get(first.url).content.decode()
    citizen.post("/portal/logout/")
    assert portal_login(citizen, "13811112222").status_code == 302
    assert citizen.get(first.url).status_code == 404
    assert citizen.post(f"/portal/visits/receipt/{code}/cancel/").status_code == 404


def test_portal_lists_the_service(client, slot):
    assert "预约远程会见" in client.get("/portal/").content.decode()
