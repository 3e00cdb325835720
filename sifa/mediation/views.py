"""Staff pages of the mediation line. Thin: parse a form, call an action, show the result; scope comes from
`objects.for_user` (through core.listing), rules and audit from actions.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views import View
from django.views.decorators.http import require_POST

from sifa.core import audit, deadlines
from sifa.core.listing import (
    ChoiceFilter,
    Column,
    DateRangeFilter,
    OrgFilter,
    RecordDetailView,
    RecordListView,
    get_scoped_or_404,
)
from sifa.core.models.audit import AuditEventType
from sifa.core.roles import has_capability
from sifa.core.steps import StepDetailView, WritableListView, form_page, put_errors

from . import actions, attachments, documents
from . import forms as f
from .models import (
    OPEN_STATUSES,
    Attachment,
    Dispute,
    DocumentKind,
    DocumentTemplate,
    MediationCommittee,
    Mediator,
    PartyKind,
    PartySide,
    PetitionRoute,
    PetitionTransfer,
    Screening,
    Session,
    TransferStatus,
)
from .workflow import WORKFLOW


def _require_write(request) -> None:
    if not has_capability(request.user, "write_records"):
        raise PermissionDenied("您的角色不能办理人民调解业务。")


def _docx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=documents.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- disputes ---


class DisputeList(WritableListView):
    model = Dispute
    title = "纠纷台账"
    template_name = "mediation/dispute_list.html"
    columns = [
        Column("reference", "案号", link=True), Column("dispute_type"), Column("source"), Column("status"),
        Column("level"), Column("committee__name", "调委会"), Column("applied_on"), Column("accepted_on"),
        Column("due_on"), Column("closed_on"),
    ]
    search_fields = ["number", "summary"]
    search_placeholder = "案号或纠纷情况"
    filters = [ChoiceFilter("status"), ChoiceFilter("dispute_type"), ChoiceFilter("source"), ChoiceFilter("level"),
               ChoiceFilter("difficult"), DateRangeFilter("accepted_on"), DateRangeFilter("closed_on"), OrgFilter()]
    default_sort = ["-applied_on"]
    detail_url_name = "mediation:dispute_detail"
    ledger_kind = "mediation_disputes"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("committee")


class DisputeDetail(StepDetailView):
    """The case page; its 办理 buttons are the steps mediation/workflow.py offers in the case's state."""

    model = Dispute
    workflow = WORKFLOW
    template_name = "mediation/dispute_detail.html"
    list_url_name = "mediation:dispute_list"
    step_url_name = "mediation:dispute_step"
    fields = [
        Column("status"), Column("dispute_type"), Column("source"), Column("referred_by"), Column("referral_ref"),
        Column("summary"), Column("amount"), Column("committee__name", "受理调委会"), Column("level"),
        Column("lead_mediator__name", "主持调解员"), Column("applied_on"), Column("accepted_on"), Column("due_on"),
        Column("closed_on"), Column("close_note"), Column("difficult"), Column("group_dispute"),
        Column("criminal_risk"), Column("abnormal_death"), Column("method"), Column("court_feedback"),
        Column("court_reported_on"), Column("tracking_code"),
    ]

    def get_title(self, obj):
        return obj.number or "待受理纠纷"

    def get_object(self, request):
        queryset = self.scope_queryset(request).select_related("committee", "lead_mediator", "org")
        return get_scoped_or_404(queryset, Dispute, self.kwargs["pk"])

    def extra_context(self, request, obj):
        context = super().extra_context(request, obj)
        return {
            **context, "dispute": obj, "today": timezone.localdate(), "due_note": deadlines.estimate_note(obj.due_on),
            "parties": obj.parties.all(), "mediators": obj.mediators.all(),
            "sessions": obj.sessions.prefetch_related("mediators"), "follow_ups": obj.follow_ups.all(),
            "agreement": getattr(obj, "agreement", None), "confirmation": getattr(obj, "confirmation", None),
            "transfer": getattr(obj, "petition_transfer", None),
            "attachments": obj.attachments.defer("content").select_related("session"),
            "attachment_form": f.AttachmentForm(dispute=obj) if context["can_write"] and obj.accepted_on else None,
            "document_kinds": DocumentKind,
        }


class DisputeCreate(View):
    template_name = "mediation/dispute_form.html"

    def _render(self, request, form, parties, status=200):
        return render(request, self.template_name, {"form": form, "parties": parties, "sides": PartySide.choices,
                                                    "kinds": PartyKind.choices}, status=status)

    def get(self, request):
        _require_write(request)
        parties = f.PartyFormSet(prefix="p", initial=[{"side": PartySide.APPLICANT}, {"side": PartySide.RESPONDENT}])
        return self._render(request, f.DisputeForm(user=request.user), parties)

    def post(self, request):
        _require_write(request)
        form = f.DisputeForm(request.POST, user=request.user)
        parties = f.PartyFormSet(request.POST, prefix="p")
        if form.is_valid() and parties.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    if data["committee"] is not None:
                        dispute = actions.open_case(
                            request.user, org=data["org"], parties=f.party_rows(parties),
                            committee=data["committee"], accepted_on=data["applied_on"],
                            mediators=list(data["mediators"]), **form.fields_for_action())
                    else:
                        dispute = actions.register_dispute(request.user, org=data["org"],
                                                           parties=f.party_rows(parties), **form.fields_for_action())
            except (ValidationError, PermissionDenied) as exc:
                put_errors(form, exc)
            else:
                messages.success(request, f"纠纷已登记{'并受理，案号' + dispute.number if dispute.number else ''}。")
                return redirect("mediation:dispute_detail", pk=dispute.pk)
        return self._render(request, form, parties, status=400)


@require_POST
def attachment_upload(request, pk):
    _require_write(request)
    dispute = get_scoped_or_404(Dispute.objects.for_user(request.user), Dispute, pk, verb="上传附件")
    form = f.AttachmentForm(request.POST, request.FILES, dispute=dispute)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > attachments.max_bytes():
            messages.error(request, f"文件不能超过{attachments.max_bytes() // 1024 // 1024}MB。")
        else:
            try:
                actions.add_attachment(request.user, dispute, filename=upload.name, content=upload.read(),
                                       session=form.cleaned_data["session"], note=form.cleaned_data["note"])
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "附件已上传。")
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("mediation:dispute_detail", pk=dispute.pk)


def attachment_download(request, pk, attachment_pk):
    dispute = get_scoped_or_404(Dispute.objects.for_user(request.user), Dispute, pk, verb="下载附件")
    item = get_scoped_or_404(Attachment.objects.for_user(request.user).filter(dispute=dispute), Attachment,
                             attachment_pk, verb="下载附件")
    audit.record(AuditEventType.EXPORT, user=request.user, obj=dispute, verb="下载附件", after={"name": item.name})
    response = HttpResponse(bytes(item.content), content_type=item.content_type)
    response["Content-Disposition"] = content_disposition_header(True, item.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def dispute_document(request, pk, kind, session_pk=None):
    if kind not in DocumentKind.values:
        raise Http404("没有这种文书。")
    dispute = get_scoped_or_404(Dispute.objects.for_user(request.user), Dispute, pk, verb="生成文书")
    session = None
    if session_pk is not None:
        session = get_scoped_or_404(Session.objects.for_user(request.user).filter(dispute=dispute), Session,
                                    session_pk, verb="生成文书")
    try:
        name, content = documents.generate(request.user, dispute, kind, session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mediation:dispute_detail", pk=dispute.pk)
    return _docx_response(name, content)


# --- committees and mediators ---


def _create_page(request, form_class, act, *, title: str, back: str, success: str, done=None):
    """新建调委会, 登记排查, 接收移交: one form whose cleaned data go to one action (core.steps.form_page)."""
    _require_write(request)
    form = form_class(request.POST or None, user=request.user)

    def handler(data):
        obj = act(request.user, data)
        return done(obj) if done else reverse(back)

    return form_page(request, form, handler, title=title, back=reverse(back), success=success)


def committee_create(request):
    return _create_page(request, f.CommitteeForm, lambda user, data: actions.create_committee(user, **data),
                        title="新建人民调解委员会", back="mediation:committee_list", success="调委会已新建。",
                        done=lambda c: reverse("mediation:committee_detail", args=[c.pk]))


def screening_create(request):
    return _create_page(request, f.ScreeningForm, lambda user, data: actions.record_screening(user, **data),
                        title="登记矛盾纠纷排查", back="mediation:screening_list", success="排查记录已登记。")


def transfer_create(request):
    return _create_page(request, f.TransferForm, lambda user, data: actions.receive_transfer(user, **data),
                        title="接收援律访调移交", back="mediation:transfer_list", success="已接收，请分流办理。",
                        done=lambda t: reverse("mediation:transfer_detail", args=[t.pk]))


class CommitteeList(WritableListView):
    model = MediationCommittee
    title = "人民调解委员会"
    template_name = "mediation/committee_list.html"
    columns = [Column("name", link=True), Column("committee_type"), Column("level"), Column("sector"),
               Column("member_count"), Column("has_female_member"), Column("director"),
               Column("established_on"), Column("dissolved_on")]
    search_fields = ["name", "director", "sector"]
    filters = [ChoiceFilter("committee_type"), ChoiceFilter("level"), OrgFilter()]
    detail_url_name = "mediation:committee_detail"
    ledger_kind = "mediation_committees"


class CommitteeDetail(RecordDetailView):
    model = MediationCommittee
    template_name = "mediation/committee_detail.html"
    list_url_name = "mediation:committee_list"
    fields = [Column("committee_type"), Column("level"), Column("sector"), Column("member_count"),
              Column("has_female_member"), Column("director"), Column("phone"), Column("address"),
              Column("established_on"), Column("dissolved_on"), Column("org__parent__name", "上级单位")]

    def extra_context(self, request, obj):
        can_write = has_capability(request.user, "write_records")
        return {"committee": obj, "can_write": can_write,
                "mediators": obj.mediators.order_by("left_on", "name"), "rooms": obj.brand_rooms.all(),
                "honours": obj.honours.all(),
                "open_count": obj.disputes.filter(status__in=OPEN_STATUSES).count(),
                "edit_form": f.CommitteeEditForm(initial=_committee_initial(obj)) if can_write else None,
                "mediator_form": f.MediatorForm() if can_write else None,
                "room_form": f.BrandRoomForm(committee=obj) if can_write else None,
                "honour_form": f.HonourForm(initial={"title": "优秀人民调解组织"}) if can_write else None}


def _committee_initial(c: MediationCommittee) -> dict:
    return {k: getattr(c, k) for k in ("name", "level", "sector", "member_count", "has_female_member", "director",
                                       "phone", "address", "established_on", "dissolved_on")}


def _form_post(request, form, call, success: str, target: str, **kwargs):
    """Validate `form`, call the action, and come back to `target` with a message either way."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, success)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label + '：' if label else ''}{' '.join(errors)}")
    return redirect(target, **kwargs)


@require_POST
def committee_step(request, pk, step):
    _require_write(request)
    committee = get_scoped_or_404(MediationCommittee.objects.for_user(request.user), MediationCommittee, pk,
                                  verb="修改")
    user, back = request.user, {"target": "mediation:committee_detail", "pk": committee.pk}
    if step == "edit":
        return _form_post(request, f.CommitteeEditForm(request.POST),
                          lambda d: actions.update_committee(user, committee, **d), "调委会信息已保存。", **back)
    if step == "mediator":
        return _form_post(request, f.MediatorForm(request.POST),
                          lambda d: actions.create_mediator(user, committee=committee, **d), "调解员已聘任。", **back)
    if step == "room":
        return _form_post(request, f.BrandRoomForm(request.POST, committee=committee),
                          lambda d: actions.create_brand_room(user, committee=committee, **d), "品牌调解室已设立。",
                          **back)
    if step == "honour":
        return _form_post(request, f.HonourForm(request.POST),
                          lambda d: actions.add_honour(user, committee=committee, **d), "荣誉已登记。", **back)
    raise Http404("没有这个操作。")


class MediatorList(RecordListView):
    model = Mediator
    title = "人民调解员"
    columns = [Column("name", link=True), Column("sex"), Column("committee__name", "所在调委会"),
               Column("position"), Column("employment"), Column("specialities"), Column("is_expert"),
               Column("mobile"), Column("joined_on"), Column("left_on")]
    search_fields = ["name", "specialities"]
    filters = [ChoiceFilter("employment"), ChoiceFilter("position"), ChoiceFilter("is_expert"), OrgFilter()]
    detail_url_name = "mediation:mediator_detail"
    ledger_kind = "mediation_mediators"

    def scope_queryset(self, request):
        return super().scope_queryset(request).select_related("committee")


class MediatorDetail(RecordDetailView):
    model = Mediator
    template_name = "mediation/mediator_detail.html"
    list_url_name = "mediation:mediator_list"
    fields = [Column("committee__name", "所在调委会"), Column("sex"), Column("position"), Column("employment"),
              Column("specialities"), Column("is_expert"), Column("joined_on"), Column("left_on")]

    def extra_context(self, request, obj):
        can_write = has_capability(request.user, "write_records")
        initial = {k: getattr(obj, k) for k in ("name", "sex", "employment", "position", "specialities",
                                                "is_expert", "joined_on", "left_on")}
        return {"mediator": obj, "can_write": can_write, "trainings": obj.trainings.all(),
                "honours": obj.honours.all(), "case_count": obj.disputes.count(),
                "edit_form": f.MediatorEditForm(initial=initial) if can_write else None,
                "training_form": f.TrainingForm() if can_write else None,
                "honour_form": f.HonourForm() if can_write else None}


@require_POST
def mediator_step(request, pk, step):
    _require_write(request)
    mediator = get_scoped_or_404(Mediator.objects.for_user(request.user), Mediator, pk, verb="修改")
    user, back = request.user, {"target": "mediation:mediator_detail", "pk": mediator.pk}
    if step == "edit":
        def update(data):
            # blank identifiers in the edit form mean "unchanged": they are never pre-filled in clear text
            changes = {k: v for k, v in data.items() if k not in ("id_number", "mobile") or v}
            actions.update_mediator(user, mediator, **changes)
        return _form_post(request, f.MediatorEditForm(request.POST), update, "调解员信息已保存。", **back)
    if step == "training":
        return _form_post(request, f.TrainingForm(request.POST),
                          lambda d: actions.add_training(user, mediator, **d), "培训已登记。", **back)
    if step == "honour":
        return _form_post(request, f.HonourForm(request.POST),
                          lambda d: actions.add_honour(user, mediator=mediator, **d), "荣誉已登记。", **back)
    raise Http404("没有这个操作。")


# --- sweeps ---


class ScreeningList(WritableListView):
    model = Screening
    title = "矛盾纠纷排查"
    template_name = "mediation/screening_list.html"
    columns = [Column("held_on", link=True), Column("org__name", "排查单位"), Column("scope"), Column("topic"),
               Column("found_count"), Column("prevented_count"), Column("participants")]
    search_fields = ["scope", "topic", "risks"]
    filters = [DateRangeFilter("held_on"), OrgFilter()]
    detail_url_name = "mediation:screening_detail"
    ledger_kind = "mediation_screenings"


class ScreeningDetail(RecordDetailView):
    model = Screening
    list_url_name = "mediation:screening_list"
    fields = [Column("held_on"), Column("org__name", "排查单位"), Column("scope"), Column("topic"),
              Column("found_count"), Column("prevented_count"), Column("participants"), Column("risks")]


# --- 援律访调 ---


class TransferList(WritableListView):
    model = PetitionTransfer
    title = "援律访调"
    template_name = "mediation/transfer_list.html"
    columns = [Column("received_on", link=True), Column("person_name"), Column("from_unit"), Column("status"),
               Column("route"), Column("handler"), Column("routed_on"), Column("done_on")]
    search_fields = ["matter", "handler"]
    filters = [ChoiceFilter("status"), ChoiceFilter("route"), DateRangeFilter("received_on"), OrgFilter()]
    detail_url_name = "mediation:transfer_detail"


class TransferDetail(RecordDetailView):
    model = PetitionTransfer
    template_name = "mediation/transfer_detail.html"
    list_url_name = "mediation:transfer_list"
    fields = [Column("received_on"), Column("from_unit"), Column("person_name"), Column("matter"),
              Column("status"), Column("route"), Column("routed_on"), Column("handler"), Column("result"),
              Column("done_on")]

    def extra_context(self, request, obj):
        can_write = has_capability(request.user, "write_records")
        return {"transfer": obj, "can_write": can_write,
                "route_form": f.RouteForm(user=request.user) if can_write and obj.status == TransferStatus.RECEIVED
                else None,
                "done_form": f.TransferDoneForm() if can_write and obj.status == TransferStatus.ROUTED else None}


@require_POST
def transfer_step(request, pk, step):
    _require_write(request)
    transfer = get_scoped_or_404(PetitionTransfer.objects.for_user(request.user), PetitionTransfer, pk, verb="修改")
    user, back = request.user, {"target": "mediation:transfer_detail", "pk": transfer.pk}
    if step == "route":
        def route(d):
            case = None
            if d["route"] == PetitionRoute.JOINT:
                if d["committee"] is None:
                    raise ValidationError("联合调解须选择受理的调委会。")
                case = {"summary": transfer.matter, "dispute_type": d["dispute_type"] or "other",
                        "committee": d["committee"],
                        "parties": [{"side": PartySide.APPLICANT, "name": transfer.person_name,
                                     "id_number": transfer.id_number, "mobile": transfer.mobile},
                                    {"side": PartySide.RESPONDENT, "name": d["respondent_name"],
                                     "id_number": d["respondent_id"]}]}
            actions.route_transfer(user, transfer, route=d["route"], routed_on=d["routed_on"], handler=d["handler"],
                                   case=case)
        return _form_post(request, f.RouteForm(request.POST, user=user), route, "已分流。", **back)
    if step == "done":
        return _form_post(request, f.TransferDoneForm(request.POST),
                          lambda d: actions.complete_transfer(user, transfer, **d), "已办结。", **back)
    raise Http404("没有这个操作。")


# --- document templates ---


class TemplateSettings(View):
    template_name = "mediation/templates.html"

    def _context(self, request, form=None):
        org = request.user.org
        rows = []
        for kind in DocumentKind:
            own = DocumentTemplate.objects.filter(org=org, kind=kind).first()
            _, source = documents.template_for(org, kind)
            rows.append({"kind": kind, "source": source, "own": own})
        return {"rows": rows, "form": form or f.TemplateUploadForm(), "fields": documents.FIELDS, "org": org}

    def get(self, request):
        _require_write(request)
        return render(request, self.template_name, self._context(request))

    def post(self, request):
        _require_write(request)
        form = f.TemplateUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > documents.MAX_TEMPLATE_BYTES:
                form.add_error("file", "模板文件不能超过2MB。")
            else:
                try:
                    actions.upload_template(request.user, org=request.user.org, kind=form.cleaned_data["kind"],
                                              filename=upload.name, content=upload.read())
                except ValidationError as exc:
                    put_errors(form, exc)
                else:
                    messages.success(request, "模板已上传，本单位及下级单位生成文书时将使用该模板。")
                    return redirect("mediation:templates")
        return render(request, self.template_name, self._context(request, form), status=400)


def template_download(request, kind):
    _require_write(request)
    if kind not in DocumentKind.values:
        raise Http404("没有这种文书。")
    content, _ = documents.template_for(request.user.org, kind)
    return _docx_response(f"{DocumentKind(kind).label}模板.docx", content)


@require_POST
def template_delete(request, pk):
    _require_write(request)
    template = get_scoped_or_404(DocumentTemplate.objects.for_user(request.user), DocumentTemplate, pk, verb="删除")
    try:
        actions.delete_template(request.user, template)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已删除本单位模板，恢复使用上级或系统默认模板。")
    return redirect("mediation:templates")
