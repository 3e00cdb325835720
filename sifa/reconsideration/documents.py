"""行政复议文书 as .docx: 受理通知书, 不予受理决定书, 补正通知书, 答复通知书, 中止/恢复审理通知书, 终止行政复议决定书,
行政复议决定书 and 行政复议调解书, each filled with the case's facts and numbered by the case number
(砀复〔2024〕12号, core.numbering).

The default templates are docxtpl documents built here in the 公文 layout (core.documents); `python -m
sifa.reconsideration.documents DIR` writes them out, so a bureau can edit the wording in Word or WPS. Every
document is produced for a user who reached the case through its scope, and the export is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH

from sifa.core import audit
from sifa.core.documents import DOCX_CONTENT_TYPE, cn_date, lines, official_document, render  # noqa: F401
from sifa.core.models.audit import AuditEventType

from .models import TERMINATIONS, Case, CaseStatus, Outcome

HEAD = ("{{ number }}", "申请人：{{ applicant }}", "被申请人：{{ respondent }}")
SIGN = ("", "{{ organ }}", "{{ date }}")


@dataclass(frozen=True)
class Kind:
    slug: str
    title: str
    body: tuple
    ready: object  # case -> bool: the step that produces the document has been taken
    public: bool = True


def _decided(case) -> bool:
    return case.outcome not in ("", Outcome.MEDIATED, *TERMINATIONS)


KINDS = {k.slug: k for k in (
    Kind("accept", "行政复议受理通知书", (
        "{{ applicant }}：",
        "你（单位）对{{ respondent }}{{ act }}不服，于{{ filed_on }}提出的行政复议申请，本机关于{{ received_on }}收到。"
        "经审查，该申请符合法定受理条件，本机关决定自{{ accepted_on }}起受理{% if deemed %}（受理审查期限届满，依法视为受理）{% endif %}，"
        "适用{{ procedure }}审理，并将于{{ decision_due }}前作出行政复议决定。"), lambda c: c.accepted_on is not None),
    Kind("decline", "不予受理行政复议申请决定书", (
        "申请人对被申请人{{ act }}不服，于{{ received_on }}向本机关提出行政复议申请。",
        "经审查，{{ decline_reason }}",
        "根据《中华人民共和国行政复议法》的规定，本机关决定不予受理。申请人如不服本决定，可以自收到本决定书之日起"
        "十五日内依法向人民法院提起行政诉讼。"), lambda c: c.declined_on is not None),
    Kind("correction", "行政复议申请补正通知书", (
        "{{ applicant }}：",
        "本机关于{{ received_on }}收到你（单位）的行政复议申请。经审查，申请材料不齐全或者表述不清楚，请于"
        "{{ correction_due }}前补正下列事项：",
        "{{ correction_items }}",
        "无正当理由逾期不补正的，视为放弃行政复议申请。"), lambda c: c.correction_requested_on is not None),
    Kind("reply", "提出行政复议答复通知书", (
        "{{ respondent }}：",
        "{{ applicant }}对你单位{{ act }}不服，向本机关提出行政复议申请，本机关已依法受理。现将行政复议申请书副本"
        "发送你单位，请自收到之日起{{ reply_days }}日内提出书面答复，并提交作出行政行为的证据、依据和其他有关材料。"),
     lambda c: c.copy_sent_on is not None, public=False),
    Kind("suspend", "行政复议中止审理通知书", (
        "{{ applicant }}、{{ respondent }}：",
        "本机关受理的{{ number }}行政复议案件，因{{ suspension_ground }}，根据《中华人民共和国行政复议法》第三十九条的"
        "规定，决定自{{ suspended_on }}起中止审理。中止的原因消除后，本机关将及时恢复审理。"),
     lambda c: c.suspensions.exists()),
    Kind("resume", "行政复议恢复审理通知书", (
        "{{ applicant }}、{{ respondent }}：",
        "本机关于{{ suspended_on }}中止审理的{{ number }}行政复议案件，中止原因已经消除，决定自{{ resumed_on }}起恢复审理。"),
     lambda c: c.suspensions.filter(resumed_on__isnull=False).exists()),
    Kind("terminate", "终止行政复议决定书", (
        "申请人对被申请人{{ act }}不服，于{{ received_on }}向本机关提出行政复议申请，本机关于{{ accepted_on }}依法受理。",
        "行政复议期间，{{ termination_ground }}。{{ summary }}",
        "根据《中华人民共和国行政复议法》第四十一条的规定，本机关决定终止行政复议。"),
     lambda c: c.outcome in TERMINATIONS),
    Kind("decision", "行政复议决定书", (
        "申请人对被申请人{{ act }}不服，于{{ received_on }}向本机关提出行政复议申请，本机关于{{ accepted_on }}依法受理，"
        "适用{{ procedure }}审理。",
        "申请人请求：{{ request }}",
        "{{ summary }}",
        "本机关决定：{{ outcome }}。",
        "申请人如不服本决定，可以自收到本决定书之日起十五日内依法向人民法院提起行政诉讼。"), _decided),
    Kind("mediation", "行政复议调解书", (
        "申请人对被申请人{{ act }}不服，于{{ received_on }}向本机关提出行政复议申请，本机关于{{ accepted_on }}依法受理。",
        "经本机关主持调解，双方当事人自愿达成如下协议：",
        "{{ summary }}",
        "本调解书经双方当事人签字，即具有法律效力。"), lambda c: c.outcome == Outcome.MEDIATED),
)}


@cache
def template(slug: str) -> bytes:
    """The default template of one document kind."""
    import io

    kind = KINDS[slug]
    doc = official_document(kind.title)
    lines(doc, HEAD[0], align=WD_ALIGN_PARAGRAPH.RIGHT)
    if slug in ("decline", "terminate", "decision", "mediation"):
        lines(doc, *HEAD[1:])
    lines(doc, *kind.body)
    lines(doc, *SIGN)
    for paragraph in doc.paragraphs[-2:]:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def context_for(case: Case) -> dict:
    """Plain values only: the sandbox never sees a model instance."""
    from . import rules

    pause = case.suspensions.order_by("-started_on").first()
    _, reply_rule = rules.copy_and_reply_rules(case.procedure)
    county = case.org.division.name if case.org.division_id else ""
    return {
        "number": case.number or "（受理后编号）", "applicant": case.applicant_name, "respondent": str(case.respondent),
        "act": f"作出的{case.act_description}", "request": case.request, "filed_on": cn_date(case.filed_on),
        "received_on": cn_date(case.received_on), "accepted_on": cn_date(case.accepted_on),
        "deemed": case.deemed_accepted, "procedure": case.get_procedure_display() or "普通程序",
        "decision_due": cn_date(case.decision_due), "decline_reason": case.decline_reason,
        "correction_items": case.correction_items, "correction_due": cn_date(case.correction_due),
        "reply_days": str(reply_rule.amount) + "个工作", "summary": case.decision_summary,
        "outcome": case.get_outcome_display(), "termination_ground": case.get_termination_ground_display(),
        "suspension_ground": pause.get_ground_display() if pause else "",
        "suspended_on": cn_date(pause.started_on) if pause else "", "resumed_on": cn_date(pause.resumed_on) if pause else "",
        "organ": f"{county}人民政府", "date": cn_date(case.closed_on or case.accepted_on or case.declined_on
                                                   or timezone.localdate()),
    }


def available(case: Case, public: bool = False) -> list[Kind]:
    """The documents the case's steps have produced; the citizen sees the decision only once it is served."""
    kinds = [k for k in KINDS.values() if k.ready(case)]
    if public:
        served = case.status == CaseStatus.SERVED
        kinds = [k for k in kinds if k.public and (served or k.slug not in ("decision", "mediation", "terminate"))]
    return kinds


def generate(user, case: Case, slug: str, *, public: bool = False) -> tuple[str, bytes]:
    """(file name, .docx bytes) of one document of a case the caller already fetched in its scope."""
    kind = KINDS.get(slug)
    if kind is None or kind not in available(case, public):
        raise ValidationError("该案件尚未形成此文书。")
    content = render(template(slug), context_for(case))
    audit.record(AuditEventType.EXPORT, user=user, obj=case, verb=f"生成{kind.title}",
                 username="公众:查询码" if user is None else "")
    return f"{kind.title}-{case.number or case.pk}.docx", content


def staff_documents(case: Case) -> list[dict]:
    return [{"name": k.title, "url": reverse("reconsideration:case_document", args=[case.pk, k.slug])}
            for k in available(case)]


def public_documents(case: Case, tracking_code: str) -> list[dict]:
    return [{"name": k.title, "url": reverse("reconsideration_portal:document", args=[tracking_code, k.slug])}
            for k in available(case, public=True)]


if __name__ == "__main__":  # python -m sifa.reconsideration.documents DIR: the default templates, to edit
    import sys
    from pathlib import Path

    import django

    django.setup()
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    for slug, kind in KINDS.items():
        (target / f"{kind.title}.docx").write_bytes(template(slug))
        print(kind.title)
