"""The public side of the mediation line, on the portal: a signed-in citizen applies for mediation (once per
form, however often the button is pressed) and gets a 查询码; status is then shown by the portal's own
我的申请 and 办理进度查询 pages."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from sifa.portal import idempotency, ratelimit
from sifa.portal.citizens import citizen_required
from sifa.portal.models import TrackingCode
from sifa.portal.pages import render_page
from sifa.portal.tracking import public_view

from . import actions
from .forms import PortalApplicationForm

APPLY_LIMIT = (5, 24 * 60 * 60)  # applications per citizen per day


def _render(request, form, token, status=200):
    return render_page(request, "mediation/portal_apply.html", {"form": form, "form_token": token}, status=status)


@citizen_required
def apply(request):
    if request.method != "POST":
        return _render(request, PortalApplicationForm(), idempotency.new_form_token())
    form = PortalApplicationForm(request.POST)
    token = request.POST.get("form_token", "")
    if form.is_valid():
        data = form.cleaned_data

        def submit() -> str:
            if not ratelimit.hit("mediation-apply", request.citizen.digest, *APPLY_LIMIT):
                raise ValidationError("今天提交的调解申请已达上限，请明天再试或到司法所窗口申请。")
            dispute = actions.submit_application(org=data["org"], parties=form.parties(), summary=data["summary"],
                                                 dispute_type=data["dispute_type"],
                                                 applicant_mobile=request.citizen.mobile)
            return reverse("mediation_portal:receipt", args=[dispute.tracking_code])

        payload = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
        try:
            return idempotency.respond(request, token, payload, submit)
        except ratelimit.RateLimitUnavailable:
            form.add_error(None, "系统繁忙，请稍后再试。")
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
    return _render(request, form, token if idempotency.TOKEN_RE.match(token) else idempotency.new_form_token(),
                   status=400)


@citizen_required
def receipt(request, code):
    """回执: only the citizen who applied (same mobile) sees it."""
    tracking = TrackingCode.objects.filter(code=code, kind=actions.PORTAL_KIND,
                                           mobile_digest=request.citizen.digest).first()
    if tracking is None:
        raise Http404("未找到该申请。")
    return render_page(request, "mediation/portal_receipt.html", {"item": public_view(tracking)})
