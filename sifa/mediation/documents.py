"""人民调解文书 as .docx: 人民调解申请书, 调解笔录 and 人民调解协议书, rendered from a case with docxtpl.

Templates: the one a unit or its nearest ancestor uploaded (DocumentTemplate), else the default shipped in
document_templates/. Templates are rendered (core.documents) in a Jinja sandbox over plain dicts and strings only, with XML
escaping, so an uploaded template can neither reach Python objects nor break the document with a stray "<".
The parties' ID numbers are not part of any document (the official formats carry sex, age and address).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils import timezone
from docxtpl import Listing
from jinja2 import TemplateError

from sifa.core import audit, masking
from sifa.core.documents import DOCX_CONTENT_TYPE, cn_date, render  # noqa: F401 - DOCX_CONTENT_TYPE: views
from sifa.core.identifiers import ResidentID, parse_resident_id
from sifa.core.models import OrgUnit
from sifa.core.models.audit import AuditEventType

from .default_templates import FILE_NAMES, TEMPLATE_DIR
from .models import Dispute, DocumentKind, DocumentTemplate, PartyKind, Session

MAX_TEMPLATE_BYTES = 2 * 1024 * 1024

# The fields a template may use, shown to the people who edit templates.
FIELDS = {
    "number": "案号", "summary": "纠纷简要情况", "dispute_type": "纠纷类型", "source": "纠纷来源",
    "amount": "涉及金额（元）", "applied_on": "申请日期", "accepted_on": "受理日期", "closed_on": "结案日期",
    "committee_name": "调委会名称", "org_name": "受理机构", "mediators": "调解员（顿号分隔）", "copies": "协议份数",
    "parties": "当事人列表，每项有 side（地位）、name、sex、age、address、phone",
    "session": "调解笔录：seq、held_on、place、method、mediators、recorder、minutes",
    "agreement": "调解协议：form、terms、performance_method、perform_by、signed_on",
    "today": "生成日期",
}


def _age(resident_id: str, on: dt.date) -> str:
    try:
        info: ResidentID = parse_resident_id(resident_id)
    except ValidationError:
        return ""
    born = info.birth_date
    return str(on.year - born.year - ((on.month, on.day) < (born.month, born.day)))


def _party(p, on: dt.date) -> dict:
    person = p.kind == PartyKind.PERSON and p.id_number
    return {"side": p.get_side_display(), "name": p.name, "kind": p.get_kind_display(),
            "sex": parse_resident_id(p.id_number).sex if person else "",
            "age": _age(p.id_number, on) if person else "", "address": p.address,
            # the parties' copies leave the office: the number is masked as on every page (SECURITY.md E2)
            "phone": masking.mask_value(type(p), "mobile", p.mobile)}


def context_for(dispute: Dispute, session: Session | None = None) -> dict:
    """Plain values only: the sandbox never sees a model instance."""
    on = dispute.applied_on
    names = "、".join(m.name for m in dispute.mediators.all())
    ctx = {
        "number": dispute.number or "（受理后编号）", "summary": Listing(dispute.summary),
        "dispute_type": dispute.get_dispute_type_display(), "source": dispute.get_source_display(),
        "amount": f"{dispute.amount:,.2f}" if dispute.amount is not None else "",
        "applied_on": cn_date(dispute.applied_on), "accepted_on": cn_date(dispute.accepted_on),
        "closed_on": cn_date(dispute.closed_on), "committee_name": dispute.committee.name if dispute.committee else "",
        "org_name": dispute.org.name, "mediators": names, "copies": str(dispute.parties.count() + 1),
        "parties": [_party(p, on) for p in dispute.parties.all()], "today": cn_date(timezone.localdate()),
        "session": {}, "agreement": {},
    }
    if session is not None:
        ctx["session"] = {"seq": str(session.seq), "held_on": cn_date(session.held_on), "place": session.place,
                          "method": session.get_method_display(), "recorder": session.recorder,
                          "mediators": "、".join(m.name for m in session.mediators.all()),
                          "minutes": Listing(session.minutes)}
    agreement = getattr(dispute, "agreement", None)
    if agreement is not None:
        ctx["agreement"] = {"form": agreement.get_form_display(), "terms": Listing(agreement.terms),
                            "performance_method": agreement.performance_method or "按协议约定",
                            "perform_by": cn_date(agreement.perform_by), "signed_on": cn_date(agreement.signed_on)}
    return ctx


SAMPLE_CONTEXT = {
    "number": "（2021）城关村调字第1号", "summary": "双方因排水沟发生争执", "dispute_type": "邻里纠纷",
    "source": "当事人申请", "amount": "500.00", "applied_on": "2021年3月1日", "accepted_on": "2021年3月1日",
    "closed_on": "2021年3月8日", "committee_name": "城关村人民调解委员会", "org_name": "城关村人民调解委员会",
    "mediators": "柏某、王某", "copies": "3", "today": "2021年3月8日",
    "parties": [{"side": "申请人", "name": "张某", "kind": "自然人", "sex": "男", "age": "41", "address": "城关村",
                 "phone": "13800000000"},
                {"side": "被申请人", "name": "李某", "kind": "自然人", "sex": "女", "age": "39", "address": "城关村",
                 "phone": ""}],
    "session": {"seq": "1", "held_on": "2021年3月5日", "place": "村调解室", "method": "现场调解", "recorder": "王某",
                "mediators": "柏某", "minutes": "双方陈述事实。"},
    "agreement": {"form": "书面协议", "terms": "李某赔偿张某500元。", "performance_method": "现金",
                  "perform_by": "2021年3月11日", "signed_on": "2021年3月8日"},
}


def _ancestor_units(org: OrgUnit) -> list[str]:
    return [code for code in org.path.strip("/").split("/") if code]


def template_for(org: OrgUnit, kind: str) -> tuple[bytes, str]:
    """(template bytes, where it came from): the nearest uploaded template up the tree, else the default."""
    uploaded = (DocumentTemplate.objects.filter(kind=kind, org__code__in=_ancestor_units(org))
                .order_by("-org_path").first())
    if uploaded is not None:
        return bytes(uploaded.content), f"{uploaded.org.name}上传的模板"
    return (TEMPLATE_DIR / FILE_NAMES[kind]).read_bytes(), "系统默认模板"


def default_template(kind: str) -> bytes:
    return (TEMPLATE_DIR / FILE_NAMES[kind]).read_bytes()


def generate(user, dispute: Dispute, kind: str, session: Session | None = None) -> tuple[str, bytes]:
    """Render one document for `dispute` (already fetched in the user's scope); the export is audited."""
    kind = DocumentKind(kind)
    if kind == DocumentKind.AGREEMENT and not hasattr(dispute, "agreement"):
        raise ValidationError("该纠纷尚未登记调解协议，不能生成人民调解协议书。")
    if kind == DocumentKind.MINUTES and session is None:
        raise ValidationError("请选择要生成笔录的调解记录。")
    template, _ = template_for(dispute.org, kind)
    try:
        content = render(template, context_for(dispute, session))
    except (TemplateError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise ValidationError(f"文书模板有误，无法生成：{exc}。请联系管理员重新上传模板。")
    name = f"{kind.label}-{dispute.number or dispute.pk}"
    if session is not None:
        name += f"-第{session.seq}次"
    audit.record(AuditEventType.EXPORT, user=user, obj=dispute, verb=f"生成{kind.label}")
    return name + ".docx", content


def validate_template(content: bytes) -> None:
    """A usable .docx whose fields all exist: it must render the sample case without error."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise ValidationError(f"模板文件不能超过{MAX_TEMPLATE_BYTES // 1024 // 1024}MB。")
    if not content.startswith(b"PK\x03\x04"):
        raise ValidationError("模板必须是Word文档（.docx）。旧版.doc文件请在Word中另存为.docx后上传。")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ValidationError("该文件不是Word文档（.docx）。")
            if sum(info.file_size for info in archive.infolist()) > 20 * MAX_TEMPLATE_BYTES:
                raise ValidationError("模板文件解压后过大。")
    except zipfile.BadZipFile:
        raise ValidationError("模板文件已损坏，无法打开。")
    try:
        render(content, SAMPLE_CONTEXT, strict=True)
    except TemplateError as exc:
        message = getattr(exc, "message", None) or str(exc)
        raise ValidationError(f"模板中的字段写法有误：{message}。可用字段见页面说明。")
    except Exception:
        raise ValidationError("模板无法解析，请确认是用Word或WPS保存的.docx文件。")
