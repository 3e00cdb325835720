"""Staff pages of the track line: alerts and their 核查 (with the offline map), uploads of points, permitted areas,
screening runs (a background job) and the second screen. Corrections officers only (`read_tracks`): anyone else
gets 403 and a "denied" audit row; a record outside one's scope answers 404. Every change through actions.py."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse

from sifa.core import audit, jobs
from sifa.core.access import forbid
from sifa.core.listing import get_scoped_or_404
from sifa.core.models.audit import AuditEventType
from sifa.core.roles import has_capability
from sifa.corrections import access
from sifa.corrections.models import Subject

from . import actions, areas, evidence
from . import forms as f
from .models import (
    Alert,
    AlertKind,
    AlertStatus,
    AreaKind,
    PermittedArea,
    PoliceList,
    ScreeningRun,
    TrackSource,
)

MAX_UPLOAD = 200 * 1024 * 1024


def _require(request, model) -> None:
    user = request.user
    if not (has_capability(user, "read_tracks") and access.can_write(user)):
        forbid(model, "非社区矫正工作人员访问行踪轨迹页面", "行踪轨迹信息仅限负责的社区矫正工作人员查看。")


def _errors(form, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


def _file(form, name="file"):
    upload = form.cleaned_data[name]
    if upload.size > MAX_UPLOAD:
        raise ValidationError(f"文件超过{MAX_UPLOAD // 1024 // 1024}MB，请分批上传或由网关接口提交。")
    return upload.read(), upload.name


# --- alerts ----------------------------------------------------------------------------------------------------


def alert_list(request):
    _require(request, Alert)
    qs = Alert.objects.for_user(request.user).select_related("subject", "org")
    status = request.GET.get("status", "open")
    kind = request.GET.get("kind", "")
    if status in AlertStatus.values:
        qs = qs.filter(status=status)
    if kind in AlertKind.values:
        qs = qs.filter(kind=kind)
    page = Paginator(qs.order_by("-occurred_on", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "tracks/alert_list.html", {
        "title": "轨迹预警核查", "page": page, "status": status, "kind": kind,
        "statuses": AlertStatus.choices, "kinds": AlertKind.choices})


def alert_detail(request, pk):
    _require(request, Alert)
    alert = get_scoped_or_404(Alert.objects.for_user(request.user).select_related("subject", "org", "sanction"),
                              Alert, pk, user=request.user, where=request.path)
    confirm_form = f.ConfirmForm(prefix="c")
    exclude_form = f.ExcludeForm(prefix="x")
    if request.method == "POST":
        try:
            if "confirm" in request.POST:
                confirm_form = f.ConfirmForm(request.POST, prefix="c")
                if confirm_form.is_valid():
                    d = confirm_form.cleaned_data
                    actions.confirm_alert(request.user, alert, finding=d["finding"], handover=d["handover"],
                                          ground=d["ground"])
                    messages.success(request, "已登记核查属实" + ("，并已提出考核奖惩，待县级决定。" if d["handover"] else "。"))
                    return redirect("tracks:alert_detail", pk=alert.pk)
            elif "exclude" in request.POST:
                exclude_form = f.ExcludeForm(request.POST, prefix="x")
                if exclude_form.is_valid():
                    actions.exclude_alert(request.user, alert, reason=exclude_form.cleaned_data["reason"])
                    messages.success(request, "已排除该预警。")
                    return redirect("tracks:alert_detail", pk=alert.pk)
        except ValidationError as exc:
            _errors(confirm_form if "confirm" in request.POST else exclude_form, exc)
    map_data = None
    if alert.kind == AlertKind.DEPARTURE and alert.evidence.get("points"):
        county = access.county_of(alert.org)
        try:
            doc, crs, name = areas.county_boundary(county)
            outline = areas.outline(doc, crs)
        except ValidationError:
            outline, name = None, ""
        points = evidence.path(alert)
        map_data = {"outline": outline, "area": name, "points": points,
                    "ends": [points[0], points[-1]] if points else []}
        audit.record(AuditEventType.READ_SENSITIVE, user=request.user, obj=alert.subject, verb="查看预警轨迹证据",
                     reason=f"预警{alert.pk}的{len(alert.evidence['points'])}个定位点")
    return render(request, "tracks/alert_detail.html", {
        "title": f"{alert.get_kind_display()}：{alert.subject.name}", "alert": alert, "map_data": map_data,
        "confirm_form": confirm_form, "exclude_form": exclude_form})


# --- ingestion -------------------------------------------------------------------------------------------------


def upload(request):
    _require(request, TrackSource)
    sources = list(TrackSource.objects.for_user(request.user).filter(active=True))
    form = f.UploadForm(sources=sources)
    source_form = f.SourceForm(prefix="s")
    if request.method == "POST":
        if "new_source" in request.POST:
            source_form = f.SourceForm(request.POST, prefix="s")
            if source_form.is_valid():
                try:
                    actions.create_source(request.user, **source_form.cleaned_data)
                    messages.success(request, "轨迹来源已新建。")
                    return redirect("tracks:upload")
                except ValidationError as exc:
                    _errors(source_form, exc)
        else:
            form = f.UploadForm(request.POST, request.FILES, sources=sources)
            if form.is_valid():
                try:
                    data, name = _file(form)
                    source = actions.source_for(request.user, form.cleaned_data["source"])
                    result = actions.import_points(request.user, source=source, data=data, name=name)
                    messages.success(request, f"已导入：收到{result['received']}个点，新存储{result['stored']}个，"
                                              f"已存在{result['duplicates']}个。")
                    return redirect("tracks:upload")
                except ValidationError as exc:
                    _errors(form, exc)
    return render(request, "tracks/upload.html", {"title": "定位数据导入", "form": form, "source_form": source_form,
                                                  "sources": sources})


# --- permitted areas -------------------------------------------------------------------------------------------


def area_list(request):
    _require(request, PermittedArea)
    boundary_form = f.BoundaryForm(prefix="b")
    extra_form = f.ExtraAreaForm(prefix="e")
    if request.method == "POST":
        try:
            if "boundary" in request.POST:
                boundary_form = f.BoundaryForm(request.POST, request.FILES, prefix="b")
                if boundary_form.is_valid():
                    data, _ = _file(boundary_form)
                    actions.upload_county_boundary(request.user, data=data, crs=boundary_form.cleaned_data["crs"],
                                                   name=boundary_form.cleaned_data["name"])
                    messages.success(request, "执行地边界已更新。")
                    return redirect("tracks:area_list")
            elif "extra" in request.POST:
                extra_form = f.ExtraAreaForm(request.POST, request.FILES, prefix="e")
                if extra_form.is_valid():
                    d = extra_form.cleaned_data
                    key = d["subject"].strip()
                    subject = Subject.objects.for_user(request.user).filter(number=key).first() or \
                        Subject.objects.for_user(request.user).filter(id_number=key.upper()).first()
                    if subject is None:
                        raise ValidationError(f"找不到档案编号或身份证号码为“{key}”的对象（或不在您的管辖范围内）。")
                    data, _ = _file(extra_form)
                    actions.add_extra_area(request.user, subject, data=data, crs=d["crs"], name=d["name"],
                                           basis=d["basis"], valid_from=d["valid_from"], valid_to=d["valid_to"])
                    messages.success(request, "准许活动区域已设置。")
                    return redirect("tracks:area_list")
        except ValidationError as exc:
            _errors(boundary_form if "boundary" in request.POST else extra_form, exc)
    rows = PermittedArea.objects.for_user(request.user).filter(active=True).select_related("subject", "org")
    county = access.county_of(access.scope_root(request.user))
    uploaded = rows.filter(kind=AreaKind.COUNTY).exists()
    return render(request, "tracks/area_list.html", {
        "title": "准许活动区域", "rows": rows, "boundary_form": boundary_form, "extra_form": extra_form,
        "county": county, "uploaded": uploaded, "county_level": access.is_county_level(request.user)})


# --- screening runs --------------------------------------------------------------------------------------------


def run_list(request):
    _require(request, ScreeningRun)
    form = f.RunForm()
    org = access.scope_root(request.user)
    if request.method == "POST":
        if "silence" in request.POST:
            job = jobs.submit("失联检查", "sifa.tracks.tasks.check_silence", {"org": org.pk}, request.user)
            return redirect("core:job_detail", pk=job.pk)
        form = f.RunForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            if d["end"] < d["start"]:
                form.add_error("end", "排查截止日不能早于起始日。")
            else:
                job = jobs.submit(f"轨迹排查 {d['start']}至{d['end']}", "sifa.tracks.tasks.run_screening",
                                  {"org": org.pk, "start": str(d["start"]), "end": str(d["end"]),
                                   "buffer_m": d["buffer_m"], "min_minutes": d["min_minutes"]}, request.user)
                return redirect("core:job_detail", pk=job.pk)
    runs = ScreeningRun.objects.for_user(request.user).select_related("org", "run_by")[:100]
    return render(request, "tracks/run_list.html", {"title": "轨迹排查", "form": form, "runs": runs})


def run_detail(request, pk):
    _require(request, ScreeningRun)
    run = get_scoped_or_404(ScreeningRun.objects.for_user(request.user), ScreeningRun, pk, user=request.user,
                            where=request.path)
    alerts = Alert.objects.for_user(request.user).filter(run=run).select_related("subject")
    return render(request, "tracks/run_detail.html", {"title": str(run), "run": run, "alerts": alerts})


# --- second screen ---------------------------------------------------------------------------------------------


def police_list(request):
    _require(request, PoliceList)
    form = f.PoliceListForm()
    if request.method == "POST":
        form = f.PoliceListForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                data, name = _file(form)
                imported = actions.import_police_list(request.user, data=data, name=name,
                                                      provider=form.cleaned_data["provider"],
                                                      received_on=form.cleaned_data["received_on"])
                messages.success(request, f"名单{imported.rows}人，比中在矫对象{imported.hits}人，已推送司法所核查。")
                return redirect(reverse("tracks:alert_list") + "?kind=offence")
            except ValidationError as exc:
                _errors(form, exc)
    lists = PoliceList.objects.for_user(request.user)[:50]
    return render(request, "tracks/police_list.html", {"title": "二次排查（涉案人员名单比对）", "form": form,
                                                       "lists": lists})


def map_json(data) -> str:
    return json.dumps(data, ensure_ascii=False)
