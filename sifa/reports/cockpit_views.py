"""Pages of the rule-of-law cockpit: the cockpit itself, the leader's one-page brief (.docx), and the bureau's
targets (list, set, remove, load the defaults). Thin: read the selection, call cockpit / actions, render. Roles:
permissions.can_view_cockpit (403 otherwise); an org outside the viewer's scope answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sifa.indicators import registry as indicator_registry
from sifa.indicators import selection
from sifa.indicators.errors import IndicatorError, OutOfScope
from sifa.indicators.periods import PERIOD_FORMS_HELP

from . import actions, cockpit, cockpit_docx, permissions
from .forms import DefaultTargetsForm, TargetForm
from .models import Target
from .views import _guard, _org_choices, _refuse

cockpit_guard = _guard(permissions.can_view_cockpit, "您的角色不能查看法治驾驶舱。")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _query(sel) -> str:
    return urlencode({"org": sel.org.code, "period": sel.period.key})


@require_GET
@cockpit_guard
def cockpit_page(request):
    """Every line's key figures against last year and against the targets, each linked to its records."""
    sel = selection.read(request)
    context = {"sel": sel, "org_choices": _org_choices(request.user, sel.org), "period_help": PERIOD_FORMS_HELP,
               "period_value": sel.period.key if sel.period else request.GET.get("period", ""),
               "may_manage": permissions.can_manage_targets(request.user)}
    if not sel.ok:
        return render(request, "reports/cockpit.html", context, status=400)
    data = cockpit.data_for(sel.org, sel.period, user=request.user)
    context.update(data=data, query=_query(sel), counts=data.counts)
    return render(request, "reports/cockpit.html", context)


@require_GET
@cockpit_guard
def cockpit_brief(request):
    """The leader's one-page brief: title, period, the unmet targets first, then the figures table."""
    sel = selection.read(request)
    if sel.error:
        raise IndicatorError(sel.error)
    data = cockpit.data_for(sel.org, sel.period, user=request.user)
    payload = cockpit_docx.render(data)
    actions.record_cockpit_export(request.user, data)
    response = HttpResponse(payload, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, f"{cockpit_docx.title(data)}.docx")
    return response


# ------------------------------------------------------------------------------------------------ targets

def _names() -> dict:
    return {i.code: i for i in indicator_registry.all_indicators()}


@require_http_methods(["GET", "POST"])
@cockpit_guard
def targets_page(request):
    """The targets of the viewer's subtree, the form to set one, and the button that loads the defaults."""
    may_edit = permissions.can_manage_targets(request.user)
    choices = _org_choices(request.user)
    year = str(timezone.localdate().year)
    initial = {"org": request.user.org.code, "year": year}
    form = TargetForm(choices, request.POST or None, initial=initial) if may_edit else None
    defaults_form = DefaultTargetsForm(choices, initial=initial) if may_edit else None
    if request.method == "POST":
        if not may_edit:
            return _refuse(request, "您的角色不能设定目标值。", status=403)
        if form.is_valid():
            try:
                target = actions.set_target(request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"已保存目标值：{target.year}年 {target.get_comparison_display()}"
                                          f"{target.value_display}。")
                return redirect("reports:targets")
    names = _names()
    items = list(Target.objects.for_user(request.user).select_related("org", "set_by")
                 .order_by("-year", "org__path", "indicator_code", "dims_key")[:500])
    for item in items:
        indicator = names.get(item.indicator_code)
        item.indicator_name = indicator.name if indicator else "（指标已停用）"
        item.target_text = cockpit.target_text(item, indicator.unit if indicator else "")
    return render(request, "reports/cockpit_targets.html",
                  {"form": form, "defaults_form": defaults_form, "items": items, "may_edit": may_edit,
                   "defaults": cockpit.DEFAULT_TARGETS},
                  status=400 if form is not None and form.errors else 200)


@require_POST
@cockpit_guard
def targets_defaults(request):
    if not permissions.can_manage_targets(request.user):
        return _refuse(request, "您的角色不能设定目标值。", status=403)
    form = DefaultTargetsForm(_org_choices(request.user), request.POST)
    if not form.is_valid():
        return _refuse(request, "请选择机构和年度。", status=400)
    try:
        done, skipped = actions.load_default_targets(request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _refuse(request, "；".join(exc.messages), status=400)
    text = f"已载入默认目标{len(done)}项。"
    if skipped:
        text += "未载入：" + "；".join(skipped) + "。"
    messages.success(request, text)
    return redirect("reports:targets")


@require_POST
@cockpit_guard
def target_delete(request, pk: int):
    target = Target.objects.for_user(request.user).filter(pk=pk).first()
    if target is None:
        raise OutOfScope("该目标值不存在，或不在您的数据范围内。")
    try:
        actions.remove_target(request.user, target)
    except ValidationError as exc:
        return _refuse(request, "；".join(exc.messages), status=403)
    messages.success(request, "已删除目标值。")
    return redirect("reports:targets")
