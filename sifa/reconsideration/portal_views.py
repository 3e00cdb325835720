"""The public side of the reconsideration line: a signed-in citizen (mobile + one-time code) files a 复议
application once per form, gets a 查询码, and follows the 受理 decision and deadlines on the receipt page and the
portal's 我的申请 / 办理进度查询 pages; documents are announced by SMS (actions._text_applicant)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from sifa.portal.apply import apply_page, own_tracking
from sifa.portal.citizens import citizen_required
from sifa.portal.pages import render_page
from sifa.portal.tracking import public_view

from . import actions, documents
from .forms import PortalApplicationForm
from .views import docx_response

APPLY_LIMIT = (3, 24 * 60 * 60)  # applications per citizen per day


@citizen_required
def apply(request):
    form = PortalApplicationForm(request.POST or None)

    def submit(data) -> str:
        fields = {k: v for k, v in data.items() if k not in ("agree", "respondent")}
        case = actions.submit_online(org=data["respondent"].org, respondent=data["respondent"],
                                     applicant_mobile=request.citizen.mobile, filed_on=actions.today(), **fields)
        return reverse("reconsideration_portal:receipt", args=[case.tracking_code])

    return apply_page(request, form, submit, template="reconsideration/portal_apply.html",
                      scope="reconsideration-apply", limit=APPLY_LIMIT,
                      limit_message="今天提交的行政复议申请已达上限，请明天再试或到司法局窗口申请。")


@citizen_required
def receipt(request, code):
    """回执 and progress: only the citizen who applied (same mobile) sees it."""
    tracking = own_tracking(request, code, actions.PORTAL_KIND)
    case = tracking.target
    return render_page(request, "reconsideration/portal_receipt.html",
                       {"item": public_view(tracking), "case": case,
                                        "documents": documents.public_documents(case, tracking_code=code)})


@citizen_required
def document(request, code, kind):
    """A document served on the applicant (the decision only after 送达), for the citizen who applied."""
    case = own_tracking(request, code, actions.PORTAL_KIND).target
    try:
        return docx_response(*documents.generate(None, case, kind, public=True))
    except ValidationError as exc:
        raise Http404(exc.messages[0])
