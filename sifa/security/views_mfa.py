"""The second sign-in step (see mfa.py): /accounts/mfa/ (enter a code) and /accounts/mfa/enrol/ (bind a phone)."""

from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import mfa


class CodeForm(forms.Form):
    code = forms.CharField(label="动态口令或恢复码", max_length=20,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                                         "autofocus": True}),
                           error_messages={"required": "请输入手机上显示的6位动态口令。"})


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("core:home")


def _locked_page(request):
    return render(request, "security/mfa_verify.html", {
        "locked": True, "minutes": mfa.LOCK_MINUTES, "failures": mfa.LOCK_AFTER_FAILURES}, status=403)


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    if request.user.is_verified():
        return redirect(_next(request))
    if mfa.confirmed_device(request.user) is None:
        return redirect(f"{reverse('security:mfa_enrol')}?next={_next(request)}")
    if mfa.locked(request.user):
        return _locked_page(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mfa.verify(request, form.cleaned_data["code"]):
            return redirect(_next(request))
        if mfa.locked(request.user):
            return _locked_page(request)
        form.add_error("code", "动态口令或恢复码不正确（每个口令只能使用一次）。"
                               f"连续{mfa.LOCK_AFTER_FAILURES}次错误将锁定{mfa.LOCK_MINUTES}分钟。")
    return render(request, "security/mfa_verify.html", {"form": form, "next": _next(request)},
                  status=400 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request):
    if mfa.confirmed_device(request.user) is not None:
        return redirect(f"{reverse('security:mfa_verify')}?next={_next(request)}")
    if mfa.locked(request.user):
        return _locked_page(request)
    device = mfa.pending_device(request.user) if request.method == "POST" else None
    device = device or mfa.start_enrolment(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mfa.verify(request, form.cleaned_data["code"], device=device):
            mfa.enrolled(request, device)
            return render(request, "security/mfa_recovery.html", {
                "codes": mfa.new_recovery_codes(request.user), "next": _next(request)})
        form.add_error("code", "动态口令不正确，请确认手机时间准确后，输入应用中当前显示的6位数字。")
    return render(request, "security/mfa_enrol.html", {
        "form": form, "qr": mfa.qr_svg(device), "secret": mfa.secret_text(device), "next": _next(request),
        "required": mfa.required(request.user)}, status=400 if form.errors else 200)
