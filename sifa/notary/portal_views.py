"""公证网上预申请 on the portal (互联网+公证): a signed-in citizen picks an item the office offers online, gets a
查询码, and comes to the office once with the materials. The page is the portal's apply skeleton
(sifa.portal.apply): once per form, a daily limit per citizen, bad input shown again in Chinese."""

from django.urls import reverse

from sifa.portal.apply import apply_page, own_tracking
from sifa.portal.citizens import citizen_required
from sifa.portal.pages import render_page
from sifa.portal.tracking import public_view

from . import actions
from .forms import PreApplicationForm

LIMIT = (5, 24 * 60 * 60)


@citizen_required
def apply(request):
    def submit(data) -> str:
        matter = actions.submit_pre_application(org=data["item"].org, mobile=request.citizen.mobile, **data)
        return reverse("notary_portal:receipt", args=[matter.tracking_code])

    return apply_page(request, PreApplicationForm(request.POST or None), submit, template="notary/portal_apply.html",
                      scope="notary-apply", limit=LIMIT, limit_message="今天提交的预申请已达上限，请明天再试。")


@citizen_required
def receipt(request, code):
    tracking = own_tracking(request, code, actions.PORTAL_KIND)
    return render_page(request, "notary/portal_receipt.html", {"item": public_view(tracking),
                                                                "matter": tracking.target})
