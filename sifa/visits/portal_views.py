"""The public side of 远程会见预约: a family signed in by SMS chooses a place and a free slot on a phone-sized
page and books it (once per form, however often the button is pressed); a full slot is refused with 已约满.
The receipt shows the 查询码 and the status, and lets the family cancel before the day."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from sifa.portal import idempotency, ratelimit
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


def _render(request, form, token, host, status=200):
    places = list(hosts())
    host = host or (places[0] if len(places) == 1 else None)
    slots = list(actions.bookable_slots(host)) if host is not None else []
    selected = str(form["slot"].value() or "")
    choices = [{"pk": s.pk, "label": slot_label(s, with_place=False), "room": s.room.name, "checked": str(s.pk) == selected}
               for s in slots]
    return render_page(request, "visits/portal_book.html", {
        "form": form, "form_token": token, "places": places, "host": host, "slots": choices}, status=status)


@citizen_required
def book(request):
    host = _host(request)
    if request.method != "POST":
        return _render(request, PortalBookingForm(host=host), idempotency.new_form_token(), host)
    form = PortalBookingForm(request.POST, host=host)
    token = request.POST.get("form_token", "")
    if form.is_valid():
        data = form.action_data()

        def submit() -> str:
            if not ratelimit.hit("visits-book", request.citizen.digest, *BOOK_LIMIT):
                raise ValidationError("今天提交的预约已达上限，请明天再试或拨打会见室电话预约。")
            booking = actions.book_online(citizen_mobile=request.citizen.mobile, **data)
            return reverse("visits_portal:receipt", args=[booking.tracking_code])

        payload = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
        try:
            return idempotency.respond(request, token, payload, submit)
        except ratelimit.RateLimitUnavailable:
            form.add_error(None, "系统繁忙，请稍后再试。")
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("slot" if exc.code == "full" else None, message)
    token = token if idempotency.TOKEN_RE.match(token) else idempotency.new_form_token()
    return _render(request, form, token, host or getattr(form.cleaned_data.get("slot"), "org", None), status=400)


def _own(request, code) -> tuple[TrackingCode, Booking]:
    tracking = TrackingCode.objects.filter(code=code, kind=actions.PORTAL_KIND,
                                           mobile_digest=request.citizen.digest).first()
    booking = tracking.target if tracking is not None else None
    if booking is None:
        raise Http404("未找到该预约。")
    return tracking, booking


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
