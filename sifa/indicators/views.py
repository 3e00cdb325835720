"""Pages: the indicator browser, one indicator with its breakdowns, the records behind a value (drill-down), and
historical baselines. Every page reads its org within the viewer's scope; anything outside answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sifa.core.access import orgs_within_reach, record_denial, refused_object

from . import actions, engine, registry, selection
from .errors import IndicatorError, OutOfScope, UnknownIndicator
from .forms import BaselineForm
from .models import Baseline
from .orgscope import org_scope
from .periods import PERIOD_FORMS_HELP
from .permissions import can_manage_baselines, can_view

RECORDS_PER_PAGE = 50


def _refuse(request, message: str, status: int = 404):
    return render(request, "indicators/refused.html", {"message": message}, status=status)


def _guard(view):
    """Role check, then map the engine's errors: out of scope or unknown → 404, other bad input → 400."""
    def wrapped(request, *args, **kwargs):
        if not can_view(request.user):
            return _refuse(request, "您的角色不能查看统计指标。", status=403)
        try:
            return view(request, *args, **kwargs)
        except OutOfScope as exc:
            record_denial(request, **refused_object(request, kwargs), reason=str(exc))
            return _refuse(request, str(exc))
        except UnknownIndicator as exc:
            return _refuse(request, str(exc))
        except IndicatorError as exc:
            return _refuse(request, str(exc), status=400)
    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _org_choices(user) -> list[tuple[str, str]]:
    units = orgs_within_reach(user).values_list("code", "name", "path")
    base = user.org.path.count("/")
    return [(code, "　" * (path.count("/") - base) + name) for code, name, path in units]


def _form_context(request, sel, **extra) -> dict:
    return {"sel": sel, "org_choices": _org_choices(request.user), "period_help": PERIOD_FORMS_HELP,
            "period_value": sel.period.key if sel.period else request.GET.get("period", ""), **extra}


@require_GET
@_guard
def browser(request):
    """Every indicator for one org and period, with value, unit, 同比 and 环比, each linked to its records."""
    sel = selection.read(request)
    line = request.GET.get("line", "")
    groups: dict[str, list] = {}
    if sel.ok:
        scope = org_scope(sel.org)
        query = "?" + urlencode({"org": sel.org.code, "period": sel.period.key})
        for indicator in registry.all_indicators(line):
            current = indicator.evaluate(scope, sel.period, {})
            groups.setdefault(indicator.line or "其他", []).append({
                "result": current, "detail_url": reverse("indicators:detail", args=[indicator.code]) + query,
                "drill_url": current.drill_url() if current.model or current.numerator else "",
                "yoy": engine.compare_prepared(indicator, scope, sel.period, {}, engine.YOY, current),
                "mom": engine.compare_prepared(indicator, scope, sel.period, {}, engine.MOM, current),
            })
    context = _form_context(request, sel, groups=groups, lines=registry.lines(), line=line,
                            registered=bool(registry.all_indicators()))
    return render(request, "indicators/browser.html", context, status=400 if sel.error else 200)


@require_GET
@_guard
def detail(request, code):
    """One indicator: value, parts, 口径说明, 同比/环比, and its breakdown by every dimension."""
    indicator = registry.get(code)
    sel = selection.read(request)
    if sel.error:
        return render(request, "indicators/detail.html", _form_context(request, sel, indicator=indicator), status=400)
    indicator, scope, period, dims = engine.prepare(code, sel.org, sel.period, sel.dims, request.user)
    result = indicator.evaluate(scope, period, dims)
    breakdowns = []
    for name in indicator.dimension_names():
        if name in dims:
            continue
        table = indicator.breakdown(scope, period, name, dims)
        if len(table.rows) > 1:
            breakdowns.append(table)
    context = _form_context(request, sel, indicator=indicator, result=result, breakdowns=breakdowns,
                            yoy=engine.compare_prepared(indicator, scope, period, dims, engine.YOY, result),
                            mom=engine.compare_prepared(indicator, scope, period, dims, engine.MOM, result),
                            dim_items=_dim_items(indicator, scope, dims))
    return render(request, "indicators/detail.html", context)


def _dim_items(indicator, scope, dims) -> list[tuple[str, str]]:
    items = []
    for name, value in dims.items():
        dim = indicator.dimension(name)
        items.append((dim.label, dim.label_for(value, scope)))
    return items


def _drill_target(result, part: str):
    """The record-backed Result a drill-down lists: the value itself, or a named part of a derived one."""
    if part not in ("", "numerator", "denominator"):
        raise IndicatorError("part 应为 numerator（分子）或 denominator（分母）。")
    target = getattr(result, part) if part else result
    if target is None:
        raise IndicatorError("该指标没有这一部分。")
    if target.model is None and target.numerator is not None:
        return _drill_target(target, "numerator") if not part else target
    return target


@require_GET
@_guard
def records(request, code):
    """The records behind a value, in the viewer's scope, with the same filter the value was counted with."""
    indicator, scope, period, dims = selection.prepare(request, code)
    result = indicator.evaluate(scope, period, dims)
    target = _drill_target(result, request.GET.get("part", ""))
    if target.model is None:
        return _refuse(request, f"“{target.name}”由其他指标计算得出，请从其分子、分母查看明细。", status=400)
    part_indicator = target.indicator
    date_fields = part_indicator.date_fields()
    choice_fields = [n for n in part_indicator.dimension_names() if not part_indicator.dimension(n).by_org]
    qs = target.records(request.user).select_related("org").order_by(*(f"-{f}" for f in date_fields[:1]), "-pk")
    page = Paginator(qs, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    model_meta = part_indicator.model._meta
    rows = [{
        "text": str(obj),
        "url": obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "",
        "org": obj.org.name,
        "dates": [getattr(obj, f) for f in date_fields],
        "choices": [getattr(obj, f"get_{f}_display")() if hasattr(obj, f"get_{f}_display") else getattr(obj, f)
                    for f in choice_fields],
    } for obj in page.object_list]
    context = {
        "indicator": indicator, "result": result, "target": target, "page": page, "rows": rows,
        "date_headers": [str(model_meta.get_field(f).verbose_name) for f in date_fields],
        "choice_headers": [part_indicator.dimension(f).label for f in choice_fields],
        "model_name": model_meta.verbose_name, "querystring": request.GET.copy(),
        "dim_items": _dim_items(indicator, scope, dims),
    }
    context["querystring"].pop("page", None)
    return render(request, "indicators/records.html", context)


@require_http_methods(["GET", "POST"])
@_guard
def baselines(request):
    """Historical baselines of the viewer's subtree, and the form to enter one."""
    may_edit = can_manage_baselines(request.user)
    form = BaselineForm(request.user, request.POST or None) if may_edit else None
    if request.method == "POST":
        if not may_edit:
            return _refuse(request, "您的角色不能录入历史基数。", status=403)
        if form.is_valid():
            try:
                baseline = actions.set_baseline(request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"已保存历史基数：{baseline.period_key} {baseline.value_display}。")
                return redirect("indicators:baselines")
    items = list(Baseline.objects.for_user(request.user).select_related("org", "entered_by")
                 .order_by("indicator_code", "org__path", "-period_start")[:500])
    names = {i.code: i.name for i in registry.all_indicators()}
    for item in items:
        item.indicator_name = names.get(item.indicator_code, "（指标已停用）")
    return render(request, "indicators/baselines.html", {"form": form, "items": items, "may_edit": may_edit,
                                                          "period_help": PERIOD_FORMS_HELP},
                  status=400 if form is not None and form.errors else 200)


@require_POST
@_guard
def baseline_delete(request, pk: int):
    baseline = Baseline.objects.for_user(request.user).filter(pk=pk).first()
    if baseline is None:
        raise OutOfScope("该历史基数不存在，或不在您的数据范围内。")
    try:
        actions.delete_baseline(request.user, baseline)
    except ValidationError as exc:
        return _refuse(request, "；".join(exc.messages), status=403)
    messages.success(request, "已删除历史基数。")
    return redirect("indicators:baselines")
