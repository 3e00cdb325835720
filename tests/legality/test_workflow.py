"""The review item's workflow through the actions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core.models import AuditEvent
from sifa.legality import actions
from sifa.legality.models import Finding, FindingStatus, ItemStatus, NormativeDoc, ReviewItem

from . import builders


def test_township_item_review_findings_opinion_adoption(office_user, tree):
    item = builders.item(office_user, tree["office_a"])
    assert item.township == tree["town_a"] and item.status == ItemStatus.SUBMITTED
    draft = actions.add_draft(office_user, item, file_name="办法.txt", data=builders.DRAFT.encode())
    kinds = {f.kind for f in draft.findings.all()}
    assert {"no_basis_license", "no_basis_penalty", "competition", "form"} <= kinds
    item = actions.accept(office_user, item, received_on=dt.date(2021, 3, 2))
    assert item.review_due == dt.date(2021, 3, 23)  # 15 working days
    item = actions.request_supplement(office_user, item, requested_on=dt.date(2021, 3, 4), items="起草说明")
    assert item.review_due is None
    item = actions.receive_supplement(office_user, item, received_on=dt.date(2021, 3, 10))
    assert item.review_due == dt.date(2021, 3, 27) or item.review_due > dt.date(2021, 3, 23)
    with pytest.raises(ValidationError, match="未判断"):
        actions.issue_opinion(office_user, item, opinion="amend", reasons="x", opinion_on=dt.date(2021, 3, 15))
    findings = list(Finding.objects.filter(draft__item=item))
    with pytest.raises(ValidationError, match="理由"):
        actions.decide_finding(office_user, findings[0], accepted=False)
    actions.decide_finding(office_user, findings[0], accepted=False, note="属于上位法已有规定")
    for finding in findings[1:]:
        actions.decide_finding(office_user, finding, accepted=True)
    assert Finding.objects.filter(status=FindingStatus.DISMISSED).count() == 1
    item = actions.issue_opinion(office_user, item, opinion="amend", reasons="建议删除第二、三、四条。",
                                 opinion_on=dt.date(2021, 3, 15), competition="amend")
    assert item.status == ItemStatus.OPINED and item.opinion_number.startswith("砀城合审〔2021〕")
    with pytest.raises(ValidationError, match="理由"):
        actions.record_adoption(office_user, item, adoption="partly", adoption_on=dt.date(2021, 3, 20))
    item = actions.record_adoption(office_user, item, adoption="adopted", adoption_on=dt.date(2021, 3, 20),
                                   final_name="定稿.txt", final_data="第一条 村民建房应当符合规划。".encode())
    assert item.status == ItemStatus.CLOSED and item.drafts.filter(kind="final").exists()
    assert AuditEvent.objects.filter(verb="出具合法性审查意见").count() == 1


def test_opinion_outside_scope_writes_nothing(office_user, other_office_user, tree):
    item = builders.item(office_user, tree["office_a"])
    actions.accept(office_user, item, received_on=dt.date(2021, 3, 2))
    with pytest.raises(PermissionDenied):
        actions.issue_opinion(other_office_user, item, opinion="lawful", reasons="x", opinion_on=dt.date(2021, 3, 5))
    assert ReviewItem.objects.get(pk=item.pk).opinion == ""


def test_major_decision_steps_and_guard(office_user, tree):
    item = builders.item(office_user, tree["office_a"], item_type="major_decision", title="砀城镇老街改造方案")
    with pytest.raises(ValidationError, match="不少于30日"):
        actions.record_major_step(office_user, item, step="comment", on=dt.date(2021, 2, 1),
                                  until=dt.date(2021, 2, 20))
    actions.record_major_step(office_user, item, step="comment", on=dt.date(2021, 1, 1), until=dt.date(2021, 1, 31))
    actions.record_major_step(office_user, item, step="expert", on=dt.date(2021, 2, 5))
    actions.record_major_step(office_user, item, step="risk", on=dt.date(2021, 2, 10))
    with pytest.raises(ValidationError, match="未经合法性审查"):
        actions.record_major_step(office_user, item, step="collective", on=dt.date(2021, 3, 2))
    actions.accept(office_user, item, received_on=dt.date(2021, 3, 2))
    with pytest.raises(ValidationError, match="不少于7个工作日"):
        actions.issue_opinion(office_user, item, opinion="lawful", reasons="合法", opinion_on=dt.date(2021, 3, 5))
    item = actions.issue_opinion(office_user, item, opinion="lawful", reasons="合法", opinion_on=dt.date(2021, 3, 12))
    item = actions.record_major_step(office_user, item, step="collective", on=dt.date(2021, 3, 15), result="通过")
    assert item.collective_on == dt.date(2021, 3, 15)


def test_registration_filing_conclusion_cleanup(bureau_user, tree):
    with pytest.raises(ValidationError, match="不符合本省统一登记格式"):
        actions.register_document(bureau_user, org=tree["bureau"], kind="government", title="办法", issuer="砀山县人民政府",
                                  registration_number="砀政规2021-1", published_on=dt.date(2021, 3, 1))
    assert not NormativeDoc.objects.exists()
    doc = actions.register_document(bureau_user, org=tree["bureau"], kind="government", title="砀山县农村建房管理办法",
                                    issuer="砀山县人民政府", registration_number="砀政规〔2021〕1号",
                                    published_on=dt.date(2021, 3, 1), valid_until=dt.date(2026, 2, 27))
    assert "人民代表大会常务委员会" in doc.filing_bodies and doc.filing_due == dt.date(2021, 3, 31)
    with pytest.raises(ValidationError, match="已被使用"):
        actions.register_document(bureau_user, org=tree["bureau"], kind="department", title="另一", issuer="县教育局",
                                  registration_number="砀政规〔2021〕1号", published_on=dt.date(2021, 3, 1))
    doc = actions.file_document(bureau_user, doc, filed_on=dt.date(2021, 4, 6))
    assert not doc.filed_on_time
    doc = actions.conclude_filing(bureau_user, doc, conclusion="passed", concluded_on=dt.date(2021, 4, 20))
    assert list(actions.public_documents()) == []  # past its 有效期
    NormativeDoc.objects.filter(pk=doc.pk).update(valid_until=None)
    assert list(actions.public_documents()) == [doc]
    actions.clean_up(bureau_user, doc, validity="repealed", cleaned_on=dt.date(2021, 12, 1))
    assert list(actions.public_documents()) == []


def test_a_township_document_is_filed_with_the_county_government(office_user, tree):
    doc = actions.register_document(office_user, org=tree["office_a"], kind="government", title="砀城镇村规民约指导意见",
                                    issuer="砀城镇人民政府", registration_number="砀城规〔2021〕1号",
                                    published_on=dt.date(2021, 3, 1))
    assert doc.org == tree["office_a"] and doc.filing_bodies == "砀山县人民政府"
