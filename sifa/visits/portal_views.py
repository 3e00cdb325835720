"""The public side of 远程会见预约: a family signed in by SMS chooses a place and a free slot on a phone-sized
page and books it (once per form, however often the button is pressed); a full slot is refused with 已约满.
The receipt shows the 查询码 and the status, and lets the family cancel before the day."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from sifa.portal.apply import apply_page, default_payload, own_tracking
from sifa.portal.citizens import citizen_required
from sifa.portal.models import TrackingCode
from sifa.portal.pages import render_page
from sifa.portal.tracking import public_view

from . import actions
from .forms import PortalBookingForm, hosts, slot_label
from .models import OPEN_STATUSES, Booking

BOOK_LIMIT = (5, 24 * 60 * 60)  # bookings per citizen per day


def _host(request):
    value = request.POST.get("host") or request.GET.get("host") or ""
    return hosts().filter(pk=value).first() if value.isdigit() else None


def _places(form, host) -> dict:
    """The places to choose from and the chosen place's bookable slots, the chosen slot ticked."""
    places = list(hosts())
    host = host or getattr(getattr(form, "cleaned_data", {}).get("slot"), "org", None)
    host = host or (places[0] if len(places) == 1 else None)
    slots = list(actions.bookable_slots(host)) if host is not None else []
    selected = str(form["slot"].value() or "")
    choices = [{"pk": s.pk, "label": slot_label(s, with_place=False), "room": s.room.name, "checked": str(s.pk) == selected}
               for s in slots]
    return {"places": places, "host": host, "slots": choices}


@citizen_required
def book(request):
    host = _host(request)
    form = PortalBookingForm(request.POST or None, host=host)

    def submit(data) -> str:
        booking = actions.book_online(citizen_mobile=request.citizen.mobile, **form.action_data())
        return reverse("visits_portal:receipt", args=[booking.tracking_code])

    return apply_page(request, form, submit, template="visits/portal_book.html", scope="visits-book",
                      limit=BOOK_LIMIT, limit_message="今天提交的预约已达上限，请明天再试或拨打会见室电话预约。",
                      context=lambda form: _places(form, host), payload=lambda form: default_payload(form.action_data()),
                      error_field=lambda exc: "slot" if exc.code == "full" else None)


def _own(request, code) -> tuple[TrackingCode, Booking]:
    tracking = own_tracking(request, code, actions.PORTAL_KIND, missing="未找到该预约。")
    return tracking, tracking.target


@citizen_required
def receipt(request, code):
    """回执: only the family who booked (same mobile) sees it."""
    tracking, booking = _own(request, code)
    return render_page(request, "visits/portal_receipt.html", {
        "item": public_view(tracking), "booking": booking, "slot": booking.slot,
        "can_cancel": booking.status in OPEN_STATUSES})


@require_POST
@citizen_required
def cancel(request, code):
    _, booking = _own(request, code)
    try:
        actions.cancel_by_citizen(booking, citizen_mobile=request.citizen.mobile)
    except (ValidationError, PermissionDenied) as exc:
        return render_page(request, "portal/message.html", {"title": "不能取消", "text": " ".join(
            getattr(exc, "messages", [str(exc)]))}, status=400)
    return redirect("visits_portal:receipt", code=code)
