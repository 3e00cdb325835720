"""Public portal pages (phone-first): front page, SMS sign-in, 我的申请, tracking-code lookup, privacy notice.
Nothing here reads staff data: citizens see their own tracking codes and the public status of their applications."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from sifa.core.middleware import client_ip

from . import otp, ratelimit, services, tracking
from .citizens import citizen_required, portal_view, sign_in, sign_out
from .forms import CodeForm, LookupForm, MobileForm
from .models import TrackingCode
from .pages import render_page

LOOKUP_LIMIT_PER_IP = (20, 600)


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/portal/") and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return reverse("portal:mine")


@portal_view
def home(request):
    return render_page(request, "portal/home.html", {"services": services.listed()})


@portal_view
def privacy(request):
    return render_page(request, "portal/privacy.html")


@portal_view
@require_http_methods(["GET", "POST"])
def login(request):
    if request.citizen is not None and request.method == "GET":
        return redirect(_next_url(request))
    step = "mobile"
    mobile_form = MobileForm(request.POST if request.POST.get("action") == "send" else None)
    code_form = CodeForm(request.POST if request.POST.get("action") == "verify" else None)
    if request.method == "POST" and request.POST.get("action") == "send":
        if mobile_form.is_valid():
            try:
                mobile = otp.send_code(mobile_form.cleaned_data["mobile"], client_ip(request))
            except otp.OtpError as exc:
                mobile_form.add_error(None, str(exc))
            else:
                step = "code"
                code_form = CodeForm(initial={"mobile": mobile})
                messages.success(request, f"验证码已发送至 {mobile[:3]}****{mobile[-4:]}，5分钟内有效。")
    elif request.method == "POST" and request.POST.get("action") == "verify":
        step = "code"
        if code_form.is_valid():
            try:
                mobile = otp.verify_code(code_form.cleaned_data["mobile"], code_form.cleaned_data["code"],
                                         client_ip(request))
            except otp.OtpError as exc:
                code_form.add_error(None, str(exc))
            else:
                sign_in(request, mobile)
                return redirect(_next_url(request))
    elif request.method == "POST":
        mobile_form.add_error(None, "请求无效，请重新操作。")
    masked = ""
    if step == "code":
        raw = code_form["mobile"].value() or ""
        masked = f"{raw[:3]}****{raw[-4:]}" if len(raw) == 11 else ""
    return render_page(request, "portal/login.html", {"step": step, "mobile_form": mobile_form, "code_form": code_form,
                                                 "masked_mobile": masked, "next": _next_url(request)})


@portal_view
@require_POST
def logout(request):
    sign_out(request)
    messages.info(request, "您已退出。")
    return redirect("portal:home")


def _my_codes(citizen):
    return TrackingCode.objects.filter(mobile_digest=citizen.digest).order_by("-created_at", "-id")


@citizen_required
def mine(request):
    items = [tracking.public_view(t) for t in _my_codes(request.citizen)[:200]]
    return render_page(request, "portal/mine.html", {"items": items})


@citizen_required
def mine_export(request):
    """个人信息副本 (PIPL Art 45): the citizen's own applications as a JSON file."""
    data = {
        "说明": "本文件为您在本平台提交事项的记录副本。",
        "手机号码": request.citizen.masked,
        "导出时间": timezone.localtime().strftime("%Y-%m-%d %H:%M:%S"),
        "事项": [{"查询码": v["code"], "事项类型": v["kind"], "办理状态": v["status"],
                "提交时间": timezone.localtime(v["submitted"]).strftime("%Y-%m-%d %H:%M")}
               for v in map(tracking.public_view, _my_codes(request.citizen))],
    }
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = content_disposition_header(True, "我的申请记录.json")
    return response


@portal_view
@require_http_methods(["GET", "POST"])
def lookup(request):
    form = LookupForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            allowed = ratelimit.hit("portal-lookup-ip", client_ip(request) or "-", *LOOKUP_LIMIT_PER_IP)
        except ratelimit.RateLimitUnavailable:
            allowed = False
            form.add_error(None, otp.BUSY)
        else:
            if not allowed:
                form.add_error(None, "查询过于频繁，请10分钟后再试。")
        if allowed:
            found = tracking.lookup(form.cleaned_data["code"], form.cleaned_data["last4"])
            if found is None:
                form.add_error(None, "未查到该事项：请核对查询码和手机号码后4位。")
            else:
                result = tracking.public_view(found)
    return render_page(request, "portal/lookup.html", {"form": form, "result": result})

