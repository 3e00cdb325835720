"""Staff pages of the publicity line: thin over core.listing, the forms and actions.py."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sifa.core.listing import (
    ChoiceFilter,
    Column,
    DateRangeFilter,
    OrgFilter,
    RecordDetailView,
    get_scoped_or_404,
)
from sifa.core.roles import has_capability
from sifa.core.steps import WritableListView, form_page, put_errors

from . import actions, needs, quizsheet
from . import forms as f
from .models import (
    TARGET_PER_VILLAGE,
    Activity,
    Attempt,
    Backbone,
    BackboneKind,
    DutyList,
    Level,
    MediaPost,
    ModelVillage,
    Plan,
    QuestionBank,
    Venue,
    VillageStatus,
)


def _require(request, capability: str, what: str = "普法与依法治理") -> None:
    if not has_capability(request.user, capability):
        raise PermissionDenied(f"您的角色不能办理{what}业务。")


def _handle(request, form, handler, success: str):
    """A posted form that runs one action: the redirect on success, else None with the refusal on the form (the
    page is then shown again with status 400)."""
    if request.method != "POST" or form is None:
        return None
    if form.is_valid():
        try:
            url = handler(form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            put_errors(form, exc)
        else:
            messages.success(request, success(form) if callable(success) else success)
            return redirect(url)
    return None


class _List(WritableListView):
    template_name = "publicity/list.html"
    create_url_name = ""
    create_label = "登记"

    def extra_context(self, request):
        context = super().extra_context(request)
        context.update(create_url=reverse(self.create_url_name) if self.create_url_name else "",
                       create_label=self.create_label)
        return context


class ActivityList(_List):
    model = Activity
    title = "普法活动"
    columns = [Column("held_on", link=True), Column("title"), Column("form"), Column("topic"), Column("audience"),
               Column("village__name", "村（社区）"), Column("organiser"), Column("attendance"), Column("materials"),
               Column("consultations")]
    search_fields = ["title", "place", "organiser"]
    search_placeholder = "活动名称、地点或责任单位"
    filters = [ChoiceFilter("form"), ChoiceFilter("topic"), ChoiceFilter("audience"), DateRangeFilter("held_on"),
               OrgFilter()]
    default_sort = ["-held_on"]
    detail_url_name = "publicity:activity_detail"
    ledger_kind = "publicity_activities"
    create_url_name = "publicity:activity_create"
    create_label = "登记活动"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("village")


class ActivityDetail(RecordDetailView):
    model = Activity
    list_url_name = "publicity:activity_list"
    fields = [Column("held_on"), Column("title"), Column("form"), Column("topic"), Column("audience"),
              Column("village__name", "村（社区）"), Column("place"), Column("organiser"), Column("org__name", "登记单位"),
              Column("attendance"), Column("materials"), Column("giveaways"), Column("banners"), Column("boards"),
              Column("consultations"), Column("duty_item__content", "落实的责任清单事项"), Column("note")]

    def get_title(self, obj):
        return obj.title


def activity_create(request):
    """现场登记: one form a 司法所 clerk fills on a phone at the event."""
    _require(request, "write_records")
    form = f.ActivityForm(request.POST or None, user=request.user)
    response = _handle(request, form, lambda data: reverse("publicity:activity_detail", args=[form.call().pk]),
                       "已登记普法活动。")
    if response:
        return response
    status = 400 if request.method == "POST" else 200
    return render(request, "publicity/activity_form.html", {"form": form, "title": "登记普法活动"}, status=status)


class PostList(_List):
    model = MediaPost
    title = "新媒体普法信息"
    columns = [Column("published_on", link=True), Column("platform"), Column("account"), Column("title"),
               Column("topic"), Column("posts")]
    search_fields = ["title", "account"]
    filters = [ChoiceFilter("platform"), ChoiceFilter("topic"), DateRangeFilter("published_on"), OrgFilter()]
    default_sort = ["-published_on"]
    detail_url_name = "publicity:post_detail"
    ledger_kind = "publicity_posts"
    create_url_name = "publicity:post_create"


class PostDetail(RecordDetailView):
    model = MediaPost
    list_url_name = "publicity:post_list"
    fields = [Column("published_on"), Column("platform"), Column("account"), Column("title"), Column("topic"),
              Column("posts"), Column("url"), Column("org__name", "登记单位")]


def post_create(request):
    _require(request, "write_records")
    form = f.PostForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: reverse("publicity:post_detail", args=[form.call().pk]),
                     title="登记新媒体普法信息", back=reverse("publicity:post_list"))


class VenueList(_List):
    model = Venue
    title = "法治阵地"
    columns = [Column("name", link=True), Column("kind"), Column("level"), Column("village__name", "村（社区）"),
               Column("built_on"), Column("org__name", "登记单位")]
    search_fields = ["name"]
    filters = [ChoiceFilter("kind"), ChoiceFilter("level"), OrgFilter()]
    default_sort = ["-built_on"]
    detail_url_name = "publicity:venue_detail"
    create_url_name = "publicity:venue_create"


class VenueDetail(RecordDetailView):
    model = Venue
    list_url_name = "publicity:venue_list"
    fields = [Column("name"), Column("kind"), Column("level"), Column("village__name", "村（社区）"), Column("built_on"),
              Column("org__name", "登记单位")]


def venue_create(request):
    _require(request, "write_records")
    form = f.VenueForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: reverse("publicity:venue_detail", args=[form.call().pk]),
                     title="登记法治阵地", back=reverse("publicity:venue_list"))


# --- 法治乡村 -------------------------------------------------------------------------------------------------


def attainment(user) -> dict:
    """法律明白人 per village against the target (≥3): the villages of the user's area below it, listed."""
    villages = list(f.villages_for(user).select_related("parent"))
    counts = dict(Backbone.objects.for_user(user).filter(kind=BackboneKind.UNDERSTANDER, left_on__isnull=True)
                  .values_list("village").annotate(n=Count("id")).order_by())
    below = [{"village": v, "count": counts.get(v.code, 0), "missing": TARGET_PER_VILLAGE - counts.get(v.code, 0)}
             for v in villages if counts.get(v.code, 0) < TARGET_PER_VILLAGE]
    met = len(villages) - len(below)
    return {"villages": len(villages), "met": met, "below": below, "target": TARGET_PER_VILLAGE,
            "rate": round(100 * met / len(villages), 2) if villages else None}


def villages_page(request):
    _require(request, "read_records", "法治乡村")
    records = ModelVillage.objects.for_user(request.user).select_related("village", "village__parent")
    in_force = records.filter(status=VillageStatus.NAMED)
    by_level = [{"level": label, "count": in_force.filter(level=value).count()} for value, label in Level.choices]
    return render(request, "publicity/villages.html", {
        "title": "法治乡村", "records": records.order_by("-year", "level", "village__code")[:300], "by_level": by_level,
        "attainment": attainment(request.user),
        "people": dict(Backbone.objects.for_user(request.user).filter(left_on__isnull=True).values_list("kind")
                       .annotate(n=Count("id")).order_by()),
        "can_write": has_capability(request.user, "write_records"),
    })


def model_village_create(request):
    _require(request, "write_records")
    form = f.ModelVillageForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: reverse("publicity:model_village_detail", args=[form.call().pk]),
                     title="申报民主法治示范村", back=reverse("publicity:villages"))


class ModelVillageDetail(RecordDetailView):
    model = ModelVillage
    list_url_name = "publicity:villages"
    template_name = "publicity/model_village_detail.html"
    fields = [Column("village__name", "村（社区）"), Column("level"), Column("year"), Column("status"),
              Column("applied_on"), Column("named_on"), Column("naming_body"), Column("rechecked_on"),
              Column("recheck_note"), Column("revoked_on")]

    def extra_context(self, request, obj):
        context = super().extra_context(request, obj)
        can = has_capability(request.user, "write_records")
        context.update(name_form=f.NameForm() if can and obj.status == VillageStatus.APPLIED else None,
                       recheck_form=f.RecheckForm() if can and obj.status == VillageStatus.NAMED else None)
        return context

    def post(self, request, *args, **kwargs):
        obj = self.get_object(request)
        step = request.POST.get("step")
        form = f.NameForm(request.POST) if step == "name" else f.RecheckForm(request.POST)
        if form.is_valid():
            try:
                if step == "name":
                    actions.name_model_village(request.user, obj, **form.cleaned_data)
                else:
                    actions.recheck_model_village(request.user, obj, **form.cleaned_data)
                messages.success(request, "已保存。")
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.error(request, "请检查填写的内容。")
        return redirect(reverse("publicity:model_village_detail", args=[obj.pk]))


class BackboneList(_List):
    model = Backbone
    title = "法律明白人与法治带头人"
    columns = [Column("name", link=True), Column("kind"), Column("village__name", "村（社区）"), Column("id_number"),
               Column("mobile"), Column("source"), Column("training_hours"), Column("assessment"),
               Column("registered_on"), Column("left_on")]
    search_fields = ["name", "id_number"]
    search_placeholder = "姓名或完整身份证号"
    filters = [ChoiceFilter("kind"), ChoiceFilter("source"), ChoiceFilter("assessment"), OrgFilter()]
    default_sort = ["village_id", "kind"]
    detail_url_name = "publicity:backbone_detail"
    ledger_kind = "publicity_backbones"
    create_url_name = "publicity:backbone_create"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("village")


class BackboneDetail(RecordDetailView):
    model = Backbone
    list_url_name = "publicity:backbone_list"
    fields = [Column("name"), Column("kind"), Column("id_number"), Column("mobile"), Column("village__name", "村（社区）"),
              Column("source"), Column("training_hours"), Column("assessment"), Column("registered_on"),
              Column("left_on"), Column("org__name", "登记单位")]


def backbone_create(request):
    _require(request, "write_records")
    form = f.BackboneForm(request.POST or None, user=request.user)
    return form_page(request, form, lambda data: reverse("publicity:backbone_detail", args=[form.call().pk]),
                     title="登记法律明白人（法治带头人）", back=reverse("publicity:backbone_list"),
                     intro="优先从村（社区）干部、人民调解员、网格员、党员和“五老”人员中推荐；同一人只能在一个村登记。")


# --- 普法责任制 -----------------------------------------------------------------------------------------------


def plan_list(request):
    _require(request, "read_records", "普法责任制")
    plans = Plan.objects.for_user(request.user).order_by("-year")
    return render(request, "publicity/plan_list.html", {
        "title": "普法责任制", "plans": plans, "can_write": has_capability(request.user, "write_records")})


def plan_create(request):
    _require(request, "write_records")
    form = f.PlanForm(request.POST or None)
    return form_page(request, form, lambda data: reverse("publicity:plan_detail", args=[
        actions.adopt_plan(request.user, org=request.user.org, **data).pk]),
        title="登记年度普法计划", back=reverse("publicity:plan_list"))


def plan_detail(request, pk: int):
    _require(request, "read_records", "普法责任制")
    plan = get_scoped_or_404(Plan.objects.for_user(request.user), Plan, pk)
    can = has_capability(request.user, "write_records")
    form = f.DutyItemForm(request.POST or None, user=request.user) if can else None
    response = _handle(request, form, lambda data: actions.add_duty_item(request.user, plan, **data) and
                       reverse("publicity:plan_detail", args=[plan.pk]), "已加入责任清单。")
    if response:
        return response
    status = 400 if request.method == "POST" and form is not None else 200
    lists = [{"list": d, "rows": actions.progress(d)} for d in plan.duty_lists.select_related("agency").order_by("agency__name")]
    for entry in lists:
        entry["planned"] = sum(r["planned"] for r in entry["rows"])
        entry["done"] = sum(min(r["done"], r["planned"]) for r in entry["rows"])
    return render(request, "publicity/plan_detail.html", {"title": plan.title, "plan": plan, "lists": lists,
                                                           "form": form}, status=status)


def duty_detail(request, pk: int):
    _require(request, "read_records", "普法责任制")
    duty = get_scoped_or_404(DutyList.objects.for_user(request.user).select_related("plan", "agency"), DutyList, pk)
    can = has_capability(request.user, "write_records") and duty.evaluated_on is None
    form = f.EvaluateForm(request.POST or None) if can else None
    response = _handle(request, form, lambda data: actions.evaluate(request.user, duty, **data) and
                       reverse("publicity:duty_detail", args=[duty.pk]), "已完成年度考核。")
    if response:
        return response
    status = 400 if request.method == "POST" and form is not None else 200
    rows = actions.progress(duty)
    return render(request, "publicity/duty_detail.html", {"title": str(duty), "duty": duty, "rows": rows, "form": form},
                  status=status)


# --- 精准普法 -------------------------------------------------------------------------------------------------


def _period(request) -> tuple[dt.date, dt.date, f.PeriodForm]:
    today = timezone.localdate()
    default_start = (today.replace(day=1) - dt.timedelta(days=365)).replace(day=1)
    form = f.PeriodForm(request.GET or {"start": default_start, "end": today})
    if form.is_valid() and form.cleaned_data["start"] <= form.cleaned_data["end"]:
        return form.cleaned_data["start"], form.cleaned_data["end"], form
    return default_start, today, f.PeriodForm({"start": default_start, "end": today})


def needs_page(request):
    """The leaders' page: the county map, the townships' needs ranked with their evidence, and how far the
    activities followed them."""
    _require(request, "read_records", "精准普法")
    start, end, form = _period(request)
    towns = needs.compute(request.user, start, end)
    county = needs.county_ranking(towns)
    chart = {
        "townships": [{"code": t.code, "name": t.name, "weight": t.weight, "top": [n.label for n in t.top],
                       "match": t.match_rate} for t in towns if t.code],
        "topics": [{"name": n.label, "value": n.weight} for n in county[:10]],
        "map_url": (reverse("reports:map_geojson") + f"?org={request.user.org.code}") if request.user.org_id else "",
    }
    return render(request, "publicity/needs.html", {
        "title": "精准普法需求分析", "towns": towns, "county": county[:10], "form": form, "start": start, "end": end,
        "match_rate": needs.match_rate(towns), "chart": chart,
    })


# --- 学法考法 -------------------------------------------------------------------------------------------------


def bank_list(request):
    _require(request, "read_records", "学法考法")
    banks = QuestionBank.objects.for_user(request.user).annotate(n=Count("questions", distinct=True))
    attempts = Attempt.objects.for_user(request.user).filter(submitted_at__isnull=False)
    by_unit = (attempts.values("bank__title", "unit_name")
               .annotate(sheets=Count("id"), passed=Count("id", filter=Q(passed=True))).order_by("bank__title", "-sheets"))
    rows = [dict(r, rate=round(100 * r["passed"] / r["sheets"], 1) if r["sheets"] else None) for r in by_unit]
    return render(request, "publicity/bank_list.html", {"title": "学法考法", "banks": banks, "by_unit": rows})


class BankDetail(RecordDetailView):
    model = QuestionBank
    list_url_name = "publicity:bank_list"
    template_name = "publicity/bank_detail.html"
    fields = [Column("code"), Column("title"), Column("audience"), Column("year"), Column("minutes"),
              Column("per_quiz"), Column("pass_score"), Column("active")]

    def extra_context(self, request, obj):
        context = super().extra_context(request, obj)
        context["questions"] = list(obj.questions.all())
        return context




def official_quiz(request, pk: int):
    """领导干部学法考法: a signed-in official takes an officials' bank within its time limit."""
    _require(request, "read_records", "学法考法")
    bank = QuestionBank.objects.filter(pk=pk, audience="officials", active=True).first()
    if bank is None:
        raise Http404("没有这个考试。")
    if request.method == "POST" and "start" in request.POST:
        try:
            attempt = actions.start_attempt(bank, unit_name="", participant=request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
            return redirect(reverse("publicity:bank_list"))
        return redirect(reverse("publicity:official_attempt", args=[attempt.pk]))
    return render(request, "publicity/official_start.html", {"title": bank.title, "bank": bank})


def official_attempt(request, pk: int):
    attempt = Attempt.objects.select_related("bank").filter(pk=pk, participant=request.user).first()
    if attempt is None:
        raise Http404("未找到该答卷。")
    sheet = quizsheet.handle(request, attempt)
    if sheet.done:
        return redirect(reverse("publicity:official_attempt", args=[attempt.pk]))
    return render(request, "publicity/official_attempt.html", {"title": attempt.bank.title, **sheet.context},
                  status=sheet.status)
