"""承办: progress reports and the case file's documents (uploaded by staff, or by the applicant on the portal
while the application is reviewed)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sifa.core import audit, uploads
from sifa.core.action_checks import choice, not_before, not_future, required
from sifa.core.masking import mask_mobile

from ..models import Application, Document, DocumentKind, Progress, ProgressKind, Status
from .base import lock


@transaction.atomic
def record_progress(actor, app: Application, *, happened_on: dt.date, kind: str, note: str) -> Progress:
    app = lock(app, actor, "progress")
    not_future(happened_on, "日期")
    not_before(happened_on, app.assigned_on, "日期", "指派日期")
    progress = Progress.objects.create(application=app, org=app.org, happened_on=happened_on,
                                       kind=choice(kind, ProgressKind, "办理事项"), note=required(note, "情况", 5000),
                                       created_by=actor)
    if app.status == Status.ASSIGNED:
        app.status = Status.IN_PROGRESS
        app.save(update_fields=["status", "updated_at"])
    audit.action(actor, "登记办理进展", app, after={"kind": progress.kind, "on": str(happened_on)})
    return progress


def _store_document(app: Application, kind: str, uploaded, actor, from_portal: bool) -> Document:
    kind = choice(kind, DocumentKind, "材料类型")
    stored = uploads.store(uploaded, folder="legalaid")
    try:
        document = Document.objects.create(
            application=app, org=app.org, kind=kind, original_name=stored.original_name,
            stored_name=stored.name, content_type=stored.content_type, size=stored.size, sha256=stored.sha256,
            from_portal=from_portal, created_by=actor)
    except Exception:
        uploads.delete(stored.name)
        raise
    return document


MAX_DOCUMENTS = 50


@transaction.atomic
def add_document(actor, app: Application, *, kind: str, uploaded) -> Document:
    """案卷材料: uploaded through the staff pages (size cap, magic-byte allowlist, metadata stripped)."""
    app = lock(app, actor, "document")
    if app.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError(f"每件案件最多上传{MAX_DOCUMENTS}份材料。")
    document = _store_document(app, kind, uploaded, actor, from_portal=False)
    audit.action(actor, "上传案件材料", app, after={"kind": document.kind, "size": document.size})
    return document


PORTAL_DOCUMENT_KINDS = (DocumentKind.IDENTITY, DocumentKind.ECONOMIC, DocumentKind.EVIDENCE,
                         DocumentKind.APPLICATION_FORM, DocumentKind.OTHER)
PORTAL_MAX_DOCUMENTS = 10


@transaction.atomic
def add_portal_document(app: Application, *, mobile: str, kind: str, uploaded) -> Document:
    """A document the applicant uploads on the portal for their own application, while it is being reviewed."""
    from sifa.portal.citizens import mobile_digest
    from sifa.portal.tracking import codes_for

    app = Application.objects.select_for_update().get(pk=app.pk)
    if not codes_for(app).filter(mobile_digest=mobile_digest(mobile)).exists():
        raise PermissionDenied("只能为本人的申请上传材料。")
    if app.status not in (Status.FORWARDING, Status.RECEIVED):
        raise ValidationError("申请已审查完毕，如需补充材料请联系法律援助中心。")
    if choice(kind, DocumentKind, "材料类型") not in PORTAL_DOCUMENT_KINDS:
        raise ValidationError("请选择身份证明、经济困难证明、案件材料等申请材料类型。")
    if app.documents.filter(from_portal=True).count() >= PORTAL_MAX_DOCUMENTS:
        raise ValidationError(f"网上最多上传{PORTAL_MAX_DOCUMENTS}份材料，其余材料请到窗口提交。")
    document = _store_document(app, kind, uploaded, None, from_portal=True)
    audit.record("action", obj=app, verb="申请人上传材料", after={"kind": document.kind, "size": document.size},
                 username=f"公众:{mask_mobile(mobile)}")
    return document
