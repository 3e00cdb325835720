"""Staff pages of the 队伍建设 line: thin over core.listing, core.steps.form_page and actions.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sifa.core.listing import (
    ChoiceFilter,
    Column,
    DateRangeFilter,
    RecordDetailView,
    RecordListView,
    get_scoped_or_404,
)
from sifa.core.roles import has_capability
from sifa.core.steps import form_page

from . import forms as f
from .models import Clue, ClueStatus, Problem, ProblemStatus, Rule, SelfReport, TeamActivity


def _require_write(request) -> None:
    if not has_capability(request.user, "write_records"):
        raise PermissionDenied("您的角色不能办理队伍建设业务。")


def _create(form_class, title: str, back: str, success: str):
    def view(request):
        _require_write(request)
        form = form_class(request.POST or None, user=request.user)
        return form_page(request, form, lambda data: form.call().get_absolute_url(), title=title,
                         back=reverse(back), success=success)
    return view


def _change(model, form_class, title: str, success: str):
    def view(request, pk):
        _require_write(request)
        obj = get_scoped_or_404(model.objects.for_user(request.user), model, pk)
        form = form_class(request.POST or None, user=request.user, obj=obj)
        return form_page(request, form, lambda data: form.call().get_absolute_url(), title=f"{title}：{obj}",
                         back=obj.get_absolute_url(), success=success)
    return view


class _Detail(RecordDetailView):
    template_name = "team/detail.html"
    action: tuple = ()       # (url name, label, open status) of the one change the record takes

    def extra_context(self, request, obj):
        if not self.action or not has_capability(request.user, "write_records"):
            return {}
        url_name, label, status = self.action
        if obj.status != status:
            return {}
        return {"action_url": reverse(url_name, args=[obj.pk]), "action_label": label}


# -------------------------------------------------------------------------------------------------- 教育活动

class ActivityList(RecordListView):
    model = TeamActivity
    title = "队伍教育活动"
    template_name = "team/activity_list.html"
    columns = [Column("held_on"), Column("kind"), Column("title", link=True), Column("organizer"),
               Column("participants")]
    search_fields = ["title", "organizer"]
    search_placeholder = "名称或举办单位"
    filters = [ChoiceFilter("kind"), DateRangeFilter("held_on")]
    default_sort = ["-held_on"]
    detail_url_name = "team:activity_detail"
    ledger_kind = "team_activities"


class ActivityDetail(_Detail):
    model = TeamActivity
    list_url_name = "team:activity_list"
    fields = [Column("kind"), Column("held_on"), Column("title"), Column("organizer"), Column("participants"),
              Column("note")]


activity_create = _create(f.ActivityForm, "登记教育活动", "team:activity_list", "已登记教育活动。")


# -------------------------------------------------------------------------------------------------- 查摆问题

class ProblemList(RecordListView):
    model = Problem
    title = "查摆问题整改"
    template_name = "team/problem_list.html"
    columns = [Column("description", link=True), Column("category"), Column("status"), Column("found_on"),
               Column("due_on"), Column("rectified_on")]
    search_fields = ["description", "measures"]
    search_placeholder = "问题描述或整改措施"
    filters = [ChoiceFilter("status"), ChoiceFilter("category"), DateRangeFilter("found_on")]
    default_sort = ["due_on"]
    detail_url_name = "team:problem_detail"


class ProblemDetail(_Detail):
    model = Problem
    list_url_name = "team:problem_list"
    fields = [Column("description"), Column("category"), Column("status"), Column("found_on"), Column("due_on"),
              Column("rectified_on"), Column("measures")]
    action = ("team:problem_rectify", "登记整改完毕", ProblemStatus.PENDING)


problem_create = _create(f.ProblemForm, "登记查摆问题", "team:problem_list", "已登记查摆问题。整改完毕后请登记整改结果。")
problem_rectify = _change(Problem, f.RectifyForm, "登记整改完毕", "已登记整改完毕。")


# -------------------------------------------------------------------------------------------------- 主动说明问题

class SelfReportList(RecordListView):
    model = SelfReport
    title = "主动说明问题"
    template_name = "team/selfreport_list.html"
    columns = [Column("reported_on"), Column("officer", link=True), Column("is_regular"), Column("matter")]
    search_fields = ["officer"]
    search_placeholder = "干警姓名"
    filters = [ChoiceFilter("is_regular"), DateRangeFilter("reported_on")]
    default_sort = ["-reported_on"]
    detail_url_name = "team:selfreport_detail"


class SelfReportDetail(_Detail):
    model = SelfReport
    list_url_name = "team:selfreport_list"
    fields = [Column("reported_on"), Column("officer"), Column("is_regular"), Column("matter")]


selfreport_create = _create(f.SelfReportForm, "登记主动说明问题", "team:selfreport_list", "已登记。")


# -------------------------------------------------------------------------------------------------- 问题线索

class ClueList(RecordListView):
    model = Clue
    title = "问题线索"
    template_name = "team/clue_list.html"
    columns = [Column("received_on"), Column("source", link=True), Column("status"), Column("closed_on")]
    search_fields = ["source"]
    search_placeholder = "线索来源"
    filters = [ChoiceFilter("status"), DateRangeFilter("received_on")]
    default_sort = ["-received_on"]
    detail_url_name = "team:clue_detail"


class ClueDetail(_Detail):
    model = Clue
    list_url_name = "team:clue_list"
    fields = [Column("received_on"), Column("source"), Column("summary"), Column("status"), Column("closed_on"),
              Column("result")]
    action = ("team:clue_close", "线索办结", ClueStatus.HANDLING)


clue_create = _create(f.ClueForm, "登记问题线索", "team:clue_list", "已登记问题线索。")
clue_close = _change(Clue, f.CloseClueForm, "线索办结", "已办结。")


# -------------------------------------------------------------------------------------------------- 规章制度

class RuleList(RecordListView):
    model = Rule
    title = "规章制度"
    template_name = "team/rule_list.html"
    columns = [Column("adopted_on"), Column("title", link=True), Column("kind"), Column("doc_number")]
    search_fields = ["title", "doc_number"]
    search_placeholder = "制度名称或文号"
    filters = [ChoiceFilter("kind"), DateRangeFilter("adopted_on")]
    default_sort = ["-adopted_on"]
    detail_url_name = "team:rule_detail"


class RuleDetail(_Detail):
    model = Rule
    list_url_name = "team:rule_list"
    fields = [Column("title"), Column("kind"), Column("adopted_on"), Column("doc_number")]


rule_create = _create(f.RuleForm, "登记规章制度", "team:rule_list", "已登记规章制度。")
