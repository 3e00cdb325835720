"""人民调解文书: generated from the case, from the default or a bureau's own template; bad templates refused."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document

from sifa.core.models import AuditEvent
from sifa.mediation import actions, documents
from sifa.mediation.models import DocumentKind, DocumentTemplate

D = dt.date


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


@pytest.fixture
def settled(open_dispute, office_user):
    session = actions.record_session(office_user, open_dispute, held_on=D(2021, 3, 5), place="城关村调解室",
                                     minutes="申请人：排水沟被堵。\n被申请人：同意疏通。<b>不是标签</b>",
                                     mediators=[open_dispute.lead_mediator], recorder="王记录")
    actions.record_agreement(office_user, open_dispute, terms="一、李四于3月11日前疏通排水沟；\n二、赔偿500元。",
                             signed_on=D(2021, 3, 8), perform_by=D(2021, 3, 11), performance_method="现金支付")
    actions.close_dispute(office_user, open_dispute, result="调解成功", closed_on=D(2021, 3, 8))
    open_dispute.refresh_from_db()
    return open_dispute, session


def _custom_template(body: str) -> bytes:
    doc = Document()
    doc.add_paragraph(body)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_three_documents_from_default_templates(settled, office_user):
    dispute, session = settled
    name, content = documents.generate(office_user, dispute, DocumentKind.AGREEMENT)
    text = _text(content)
    assert name == "人民调解协议书-（2021）城关村调字第1号.docx"
    assert "人民调解协议书" in text and "（2021）城关村调字第1号" in text
    assert "申请人：张三，男" in text and "被申请人：李四" in text
    assert "一、李四于3月11日前疏通排水沟" in text and "于2021年3月11日前履行完毕" in text
    assert "城关村人民调解委员会（印）" in text
    # ID numbers are not printed on any document
    for party in dispute.parties.all():
        assert party.id_number not in text
    minutes = _text(documents.generate(office_user, dispute, DocumentKind.MINUTES, session)[1])
    assert "调解笔录" in minutes and "2021年3月5日（第1次调解）" in minutes and "被申请人：同意疏通。不是标签" in minutes
    assert "<b>" not in minutes  # markup typed into free text is stripped when saved (core.richtext)
    application = _text(documents.generate(office_user, dispute, DocumentKind.APPLICATION)[1])
    assert "人民调解申请书" in application and "两家因排水沟发生争执" in application
    assert AuditEvent.objects.filter(event="export", verb="生成人民调解协议书", object_id=str(dispute.pk)).exists()


def test_agreement_document_needs_an_agreement(open_dispute, office_user):
    with pytest.raises(ValidationError, match="尚未登记调解协议"):
        documents.generate(office_user, open_dispute, DocumentKind.AGREEMENT)


def test_bureau_template_applies_to_its_subtree_and_office_template_overrides(settled, office_user, bureau_user, tree):
    dispute, _ = settled
    actions.upload_template(bureau_user, org=tree["bureau"], kind="agreement", filename="县局协议书.docx",
                              content=_custom_template("砀山县协议 {{ number }} {{ committee_name }}"))
    assert _text(documents.generate(office_user, dispute, "agreement")[1]) == "砀山县协议 （2021）城关村调字第1号 城关村人民调解委员会"
    actions.upload_template(office_user, org=tree["office_a"], kind="agreement", filename="所协议书.docx",
                              content=_custom_template("砀城所协议 {{ agreement.signed_on }}"))
    assert _text(documents.generate(office_user, dispute, "agreement")[1]) == "砀城所协议 2021年3月8日"
    # uploading again replaces the unit's template
    actions.upload_template(office_user, org=tree["office_a"], kind="agreement", filename="所协议书2.docx",
                              content=_custom_template("第二版 {{ number }}"))
    assert DocumentTemplate.objects.filter(org=tree["office_a"], kind="agreement").count() == 1


@pytest.mark.parametrize("content, filename, message", [
    (b"not a zip at all", "x.docx", "Word文档"),
    (b"PK\x03\x04broken", "x.docx", "损坏"),
    (None, "x.doc", ".docx"),
    ("{{ no_such_field }}", "x.docx", "字段写法有误"),
    ("{% for p in parties %}未闭合", "x.docx", "字段写法有误"),
    ("{{ ''.__class__.__mro__ }}", "x.docx", "字段写法有误"),
])
def test_bad_templates_are_refused_and_nothing_is_stored(office_user, tree, content, filename, message):
    if content is None or isinstance(content, str):
        content = _custom_template(content or "{{ number }}")
    with pytest.raises(ValidationError, match=message):
        actions.upload_template(office_user, org=tree["office_a"], kind="agreement", filename=filename,
                                  content=content)
    assert DocumentTemplate.objects.count() == 0


def test_template_of_another_office_cannot_be_uploaded(other_office_user, tree):
    with pytest.raises(PermissionDenied):
        actions.upload_template(other_office_user, org=tree["office_a"], kind="minutes", filename="a.docx",
                                  content=_custom_template("{{ number }}"))


def test_defaults_render_the_sample_strictly():
    for kind in DocumentKind.values:
        template = documents.default_template(kind)
        documents.validate_template(template)
        rendered = _text(documents.render(template, documents.SAMPLE_CONTEXT, strict=True))
        assert "张某" in rendered and "2021年3月" in rendered, kind  # the sample's party and dates are filled in
