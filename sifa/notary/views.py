"""Staff pages of the notary line: the matters register with its step forms, and the office's list of matters
with the 最多跑一次 list and the fee schedule."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from sifa.core import deadlines
from sifa.core.listing import ChoiceFilter, Column, DateRangeFilter, OrgFilter
from sifa.core.roles import has_capability
from sifa.core.steps import Step, StepDetailView, WritableListView, form_page

from . import actions
from . import forms as f
from .models import NotaryItem, NotaryMatter
from .workflow import WORKFLOW


def _require_write(request) -> None:
    if not has_capability(request.user, "write_records"):
        raise PermissionDenied("您的角色不能办理公证业务。")


class MatterList(WritableListView):
    model = NotaryMatter
    title = "公证事项办理"
    template_name = "notary/matter_list.html"
    columns = [Column("number", "公证书编号", link=True), Column("item__name", "公证事项"), Column("category"),
               Column("channel"), Column("status"), Column("applicant_name"), Column("accepted_on"),
               Column("due_on"), Column("issued_on"), Column("on_time"), Column("fee")]
    search_fields = ["number", "applicant_name"]
    filters = [ChoiceFilter("status"), ChoiceFilter("category"), ChoiceFilter("channel"), ChoiceFilter("one_visit"),
               ChoiceFilter("foreign"), DateRangeFilter("accepted_on"), DateRangeFilter("issued_on"), OrgFilter()]
    default_sort = ["-applied_on"]
    detail_url_name = "notary:matter_detail"
    ledger_kind = "notary_matters"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("item")


class MatterDetail(StepDetailView):
    model = NotaryMatter
    template_name = "notary/matter_detail.html"
    list_url_name = "notary:matter_list"
    step_url_name = "notary:matter_step"
    workflow = WORKFLOW
    fields = [Column("status"), Column("item__name", "公证事项"), Column("category"), Column("one_visit"),
              Column("channel"), Column("foreign"), Column("use_place"), Column("purpose"), Column("applicant_name"),
              Column("applicant_id"), Column("applicant_mobile"), Column("copies"), Column("subject_value"),
              Column("fee"), Column("green_channel"), Column("applied_on"), Column("accepted_on"), Column("due_on"),
              Column("issued_on"), Column("on_time"), Column("late_reason"), Column("notary"), Column("visits"),
              Column("refusal_reason"), Column("closed_note"), Column("tracking_code")]

    def get_title(self, obj):
        return obj.number or f"{obj.item.name}（{obj.applicant_name}）"

    def extra_context(self, request, obj):
        return {**super().extra_context(request, obj), "pauses": obj.pauses.all(), "today": timezone.localdate(),
                "due_note": deadlines.estimate_note(obj.due_on)}


def matter_create(request):
    _require_write(request)
    form = f.MatterForm(request.POST or None, user=request.user)

    def handler(data):
        matter = actions.register_matter(request.user, **data)
        return reverse("notary:matter_detail", args=[matter.pk])

    return form_page(request, form, handler, title="受理公证", back=reverse("notary:matter_list"), success="已受理。",
                     intro="公证费按收费标准自动计算；自受理之日起15个工作日内出证（补充材料、核实期间不计）。")


class ItemList(WritableListView):
    model = NotaryItem
    title = "公证事项清单与收费"
    template_name = "notary/item_list.html"
    columns = [Column("name", link=True), Column("category"), Column("one_visit"), Column("online"),
               Column("base_fee"), Column("copy_fee"), Column("value_based"), Column("effective_from"),
               Column("withdrawn_on")]
    search_fields = ["name"]
    filters = [ChoiceFilter("category"), ChoiceFilter("one_visit"), ChoiceFilter("online"), OrgFilter()]
    default_sort = ["category", "name"]
    detail_url_name = "notary:item_detail"
    ledger_kind = "notary_items"


class ItemDetail(StepDetailView):
    model = NotaryItem
    template_name = "notary/item_detail.html"
    list_url_name = "notary:item_list"
    step_url_name = "notary:item_step"
    steps = {"edit": Step("修改清单与收费", f.ItemEditForm, "已保存。")}
    fields = [Column("category"), Column("one_visit"), Column("online"), Column("base_fee"), Column("copy_fee"),
              Column("value_based"), Column("min_fee"), Column("materials"), Column("effective_from"),
              Column("withdrawn_on")]

    def available_steps(self, obj):
        return ["edit"]

    def extra_context(self, request, obj):
        return {**super().extra_context(request, obj), "tiers": obj.tiers.all()}


def item_create(request):
    _require_write(request)
    form = f.ItemForm(request.POST or None, user=request.user)

    def handler(data):
        item = actions.create_item(request.user, **data)
        return reverse("notary:item_detail", args=[item.pk])

    return form_page(request, form, handler, title="新增公证事项", back=reverse("notary:item_list"))
