"""Break-glass reveal of one sensitive field (SECURITY.md B3): /sensitive/<app_label.model>/<pk>/<field>/.

GET shows the field (masked, or clear during a grant) and the reason form; POST with a reason opens a 3-hour
grant; a POST whose reason is refused is audited as a failed UNMASK. Out-of-scope records answer 404 and leave a DENIED audit row, exactly like records that do not exist."""

from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import unmask
from .denial import deny
from .forms import UnmaskReasonForm


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return None


@require_http_methods(["GET", "HEAD", "POST"])
def sensitive_field(request, label: str, pk: str, field: str):
    try:
        model = unmask.sensitive_model(label)
        unmask.field_label(model, field)
    except unmask.NotSensitive:
        return deny(request, status=404, object_type=label, object_id=pk, reason=f"请求未登记的敏感字段 {field}")
    obj = unmask.scoped_object(request.user, model, pk)
    if obj is None:
        return deny(request, status=404, object_type=model._meta.label_lower, object_id=pk,
                    reason=f"查看范围外记录的敏感字段 {field}")
    if not unmask.may_unmask(request.user, model):
        return deny(request, status=403, object_type=model._meta.label_lower, object_id=pk,
                    message="您的角色无权解除脱敏。如确有工作需要，请联系具备权限的人员。",
                    reason=f"无解除脱敏权限，字段 {field}")
    form = UnmaskReasonForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            unmask.grant_unmask(request.user, obj, field, form.cleaned_data["reason"])
            return redirect(_safe_next(request) or request.path)
        unmask.record_refusal(request.user, obj, field, "; ".join(form.errors.get("reason", [])) or "事由不合格")
        status = 400
    template = "core/unmask/_panel.html" if request.headers.get("HX-Request") else "core/unmask/field.html"
    return render(request, template, {
        "obj": obj, "model_name": model._meta.verbose_name, "field": field,
        "display": unmask.reveal(request.user, obj, field), "form": form, "next": _safe_next(request),
    }, status=status)
