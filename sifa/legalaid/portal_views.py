"""The public side of the legal-aid line, on the portal: a signed-in citizen applies for legal aid with documents
(once per form, however often the button is pressed), follows the status, adds materials while it is reviewed,
downloads what they uploaded and rates the closed case once; asks a legal question and reads the answer.
Everything is keyed to the citizen's verified mobile: another citizen's code answers 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from sifa.core import uploads
from sifa.portal import idempotency, ratelimit
from sifa.portal.citizens import citizen_required
from sifa.portal.models import TrackingCode
from sifa.portal.pages import render_page
from sifa.portal.tracking import public_view

from . import actions
from .models import ClosureMethod, Status
from .portal_forms import ApplyForm, AskForm, RateForm, SupplementForm

APPLY_LIMIT = (3, 24 * 60 * 60)
ASK_LIMIT = (10, 24 * 60 * 60)


def _token(request) -> str:
    token = request.POST.get("form_token", "")
    return token if idempotency.TOKEN_RE.match(token) else idempotency.new_form_token()


def _submit(request, form, scope: str, limit: tuple, payload: dict, handler, template: str, extra: dict):
    """Run `handler` once per form token (SECURITY.md G3) under a per-citizen daily limit; on bad input show the
    form again with the reason and status 400."""
    def once() -> str:
        if not ratelimit.hit(scope, request.citizen.digest, *limit):
            raise ValidationError("今天的提交次数已达上限，请明天再试，或拨打12348咨询。")
        return handler()

    try:
        return idempotency.respond(request, request.POST.get("form_token"), payload, once)
    except ratelimit.RateLimitUnavailable:
        form.add_error(None, "系统繁忙，请稍后再试。")
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
    return render_page(request, template, {"form": form, "form_token": _token(request), **extra}, status=400)


@citizen_required
def apply(request):
    template = "legalaid/portal_apply.html"
    if request.method != "POST":
        return render_page(request, template, {"form": ApplyForm(), "form_token": idempotency.new_form_token()})
    form = ApplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_page(request, template, {"form": form, "form_token": _token(request)}, status=400)

    def handler() -> str:
        app = actions.submit_online_application(mobile=request.citizen.mobile, **form.action_fields())
        for kind, uploaded in form.uploads():
            actions.add_portal_document(app, mobile=request.citizen.mobile, kind=kind, uploaded=uploaded)
        return reverse("legalaid_portal:case", args=[app.tracking_code])

    return _submit(request, form, "legalaid-apply", APPLY_LIMIT, form.payload(), handler, template, {})


def _own(request, code: str, kind: str):
    tracking = TrackingCode.objects.filter(code=code, kind=kind, mobile_digest=request.citizen.digest).first()
    if tracking is None or tracking.target is None:
        raise Http404("未找到该事项。")
    return tracking, tracking.target


TIMELINE = (("received_on", "受理申请"), ("centre_received_on", "法律援助中心收到"), ("decided_on", "作出审查决定"),
            ("assigned_on", "指派承办人员"), ("closed_on", "办结"))


@citizen_required
def case(request, code):
    """我的法律援助申请: status in public wording, the dates of each step, the citizen's own uploads, a form
    for more materials while it is reviewed, and the rating once it is closed."""
    tracking, app = _own(request, code, actions.PORTAL_KIND)
    supplement = SupplementForm(request.POST or None, request.FILES or None) if request.POST.get("step") == "upload" \
        else SupplementForm()
    rate = RateForm(request.POST or None) if request.POST.get("step") == "rate" else RateForm()
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("step") == "upload" and supplement.is_valid():
                actions.add_portal_document(app, mobile=request.citizen.mobile, kind=supplement.cleaned_data["kind"],
                                            uploaded=supplement.cleaned_data["file"])
                messages.success(request, "材料已上传。")
                return redirect("legalaid_portal:case", code=code)
            if request.POST.get("step") == "rate" and rate.is_valid():
                actions.rate_online(app, mobile=request.citizen.mobile, **rate.cleaned_data)
                messages.success(request, "感谢您的评价。")
                return redirect("legalaid_portal:case", code=code)
        except ValidationError as exc:
            target = supplement if request.POST.get("step") == "upload" else rate
            for message in exc.messages:
                target.add_error(None, message)
        except PermissionDenied:
            raise Http404("未找到该事项。")
        status = 400
    app.refresh_from_db()
    steps = [(label, getattr(app, field)) for field, label in TIMELINE if getattr(app, field)]
    return render_page(request, "legalaid/portal_case.html", {
        "item": public_view(tracking), "app": app, "steps": steps,
        "documents": app.documents.filter(from_portal=True),
        "can_upload": app.status in (Status.FORWARDING, Status.RECEIVED),
        "can_rate": app.status in (Status.CLOSED, Status.TERMINATED) and not app.satisfaction,
        "closure": ClosureMethod(app.closure_method).label if app.closure_method else "",
        "supplement": supplement, "rate": rate}, status=status)


@citizen_required
def document(request, code, doc_id):
    """A file the citizen uploaded, back to that citizen only, as an attachment."""
    _tracking, app = _own(request, code, actions.PORTAL_KIND)
    doc = app.documents.filter(pk=doc_id, from_portal=True).first()
    if doc is None:
        raise Http404("未找到该文件。")
    return uploads.download_response(doc.stored_name, doc.original_name, doc.content_type)


@citizen_required
def ask(request):
    template = "legalaid/portal_ask.html"
    if request.method != "POST":
        return render_page(request, template, {"form": AskForm(), "form_token": idempotency.new_form_token()})
    form = AskForm(request.POST)
    if not form.is_valid():
        return render_page(request, template, {"form": form, "form_token": _token(request)}, status=400)
    data = form.cleaned_data

    def handler() -> str:
        question = actions.submit_online_question(mobile=request.citizen.mobile, **data)
        return reverse("legalaid_portal:question", args=[question.tracking_code])

    payload = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    return _submit(request, form, "legalaid-ask", ASK_LIMIT, payload, handler, template, {})


@citizen_required
def question(request, code):
    tracking, consultation = _own(request, code, actions.QUESTION_KIND)
    return render_page(request, "legalaid/portal_question.html", {"item": public_view(tracking),
                                                                   "question": consultation})


@citizen_required
def mine(request):
    """The citizen's legal-aid applications and questions, with links to their pages."""
    codes = TrackingCode.objects.filter(mobile_digest=request.citizen.digest,
                                        kind__in=[actions.PORTAL_KIND, actions.QUESTION_KIND]).order_by("-created_at")
    items = []
    for tracking in codes[:100]:
        view = public_view(tracking)
        name = "legalaid_portal:case" if tracking.kind == actions.PORTAL_KIND else "legalaid_portal:question"
        items.append({**view, "url": reverse(name, args=[tracking.code])})
    return render_page(request, "legalaid/portal_mine.html", {"items": items})


