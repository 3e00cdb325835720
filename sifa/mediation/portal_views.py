"""The public side of the mediation line, on the portal: a signed-in citizen applies for mediation (once per
form, however often the button is pressed) and gets a 查询码; status is then shown by the portal's own
我的申请 and 办理进度查询 pages."""

from django.urls import reverse

from sifa.portal.apply import apply_page, own_tracking
from sifa.portal.citizens import citizen_required
from sifa.portal.pages import render_page
from sifa.portal.tracking import public_view

from . import actions
from .forms import PortalApplicationForm

APPLY_LIMIT = (5, 24 * 60 * 60)  # applications per citizen per day


@citizen_required
def apply(request):
    form = PortalApplicationForm(request.POST or None)

    def submit(data) -> str:
        dispute = actions.submit_application(org=data["org"], parties=form.parties(), summary=data["summary"],
                                             dispute_type=data["dispute_type"],
                                             applicant_mobile=request.citizen.mobile)
        return reverse("mediation_portal:receipt", args=[dispute.tracking_code])

    return apply_page(request, form, submit, template="mediation/portal_apply.html", scope="mediation-apply",
                      limit=APPLY_LIMIT, limit_message="今天提交的调解申请已达上限，请明天再试或到司法所窗口申请。")


@citizen_required
def receipt(request, code):
    """回执: only the citizen who applied (same mobile) sees it."""
    tracking = own_tracking(request, code, actions.PORTAL_KIND)
    return render_page(request, "mediation/portal_receipt.html", {"item": public_view(tracking)})
