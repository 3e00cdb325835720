"""公证网上预申请 on the portal (互联网+公证): a signed-in citizen picks an item the office offers online, gets a
查询码, and comes to the office once with the materials."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from sifa.portal import idempotency, ratelimit
from sifa.portal.citizens import citizen_required
from sifa.portal.models import TrackingCode
from sifa.portal.pages import render_page
from sifa.portal.tracking import public_view

from . import actions
from .forms import PreApplicationForm

LIMIT = (5, 24 * 60 * 60)


@citizen_required
def apply(request):
    template = "notary/portal_apply.html"
    form = PreApplicationForm(request.POST or None)
    token = request.POST.get("form_token", "")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def handler() -> str:
            if not ratelimit.hit("notary-apply", request.citizen.digest, *LIMIT):
                raise ValidationError("今天提交的预申请已达上限，请明天再试。")
            matter = actions.submit_pre_application(org=data["item"].org, mobile=request.citizen.mobile, **data)
            return reverse("notary_portal:receipt", args=[matter.tracking_code])

        payload = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
        try:
            return idempotency.respond(request, token, payload, handler)
        except ratelimit.RateLimitUnavailable:
            form.add_error(None, "系统繁忙，请稍后再试。")
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
    status = 400 if request.method == "POST" else 200
    token = token if idempotency.TOKEN_RE.match(token) else idempotency.new_form_token()
    return render_page(request, template, {"form": form, "form_token": token}, status=status)


@citizen_required
def receipt(request, code):
    tracking = TrackingCode.objects.filter(code=code, kind=actions.PORTAL_KIND,
                                           mobile_digest=request.citizen.digest).first()
    if tracking is None or tracking.target is None:
        raise Http404("未找到该申请。")
    return render_page(request, "notary/portal_receipt.html", {"item": public_view(tracking),
                                                                "matter": tracking.target})
