"""法律咨询: questions asked by hotline, in person or online, their answers, and 转介 to legal aid or to
people's mediation through that line's own action."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit, notify
from sifa.core.action_checks import choice, not_before, not_future, positive_int, required
from sifa.core.action_checks import today as _today
from sifa.core.identifiers import validate_mobile
from sifa.core.masking import mask_mobile, masked_snapshot
from sifa.core.models import OrgKind, OrgUnit

from ..models import Channel, Consultation, ConsultChannel, ConsultStatus, Referral, Topic
from ..workflow import CONSULTATION_WORKFLOW
from .applications import register_application
from .base import QUESTION_KIND, can_write, staff_of, tell

CONSULT_FIELDS = ("channel", "asked_on", "topic", "persons", "status", "answered_on", "referral", "mobile")


def _consult_org(org: OrgUnit) -> None:
    if not org.active:
        raise ValidationError(f"“{org}”已停用。")


@transaction.atomic
def record_consultation(actor, *, org: OrgUnit, channel: str, asked_on: dt.date, topic: str, question: str,
                        answer: str = "", persons: int = 1, is_migrant_worker: bool = False, asker_name: str = "",
                        mobile: str = "", answered_by: str = "") -> Consultation:
    """登记 a consultation answered on the spot (12348 hotline, walk-in, duty point). Without an answer it waits
    in the list (待答复)."""
    can_write(actor, org)
    _consult_org(org)
    not_future(asked_on, "咨询日期")
    answer = (answer or "").strip()
    consultation = Consultation.objects.create(
        org=org, channel=choice(channel, ConsultChannel, "咨询渠道"), asked_on=asked_on,
        topic=choice(topic, Topic, "咨询类别"), question=required(question, "咨询内容", 5000),
        persons=positive_int(persons, "咨询人次", 1000), is_migrant_worker=bool(is_migrant_worker),
        asker_name=(asker_name or "").strip()[:50], mobile=validate_mobile(mobile) if (mobile or "").strip() else "",
        status=ConsultStatus.ANSWERED if answer else ConsultStatus.WAITING, answer=answer[:5000],
        answered_on=asked_on if answer else None,
        answered_by=(answered_by or getattr(actor, "display_name", "")).strip()[:50] if answer else "",
        created_by=actor)
    audit.action(actor, "登记法律咨询", consultation, after=masked_snapshot(consultation, CONSULT_FIELDS))
    return consultation


@transaction.atomic
def submit_online_question(*, org: OrgUnit, mobile: str, topic: str, question: str,
                           asker_name: str = "") -> Consultation:
    """A citizen's online question (portal); staff answer it and the citizen reads the answer on the portal."""
    from sifa.portal.citizens import mobile_digest
    from sifa.portal.tracking import issue_tracking_code

    mobile = validate_mobile(mobile)
    if org.kind not in (OrgKind.LEGAL_AID_CENTER, OrgKind.COUNTY_BUREAU, OrgKind.PLS_CENTER,
                        OrgKind.JUSTICE_OFFICE, OrgKind.PLS_STATION):
        raise ValidationError("请选择答复咨询的公共法律服务机构。")
    _consult_org(org)
    consultation = Consultation.objects.create(
        org=org, channel=ConsultChannel.ONLINE, asked_on=_today(), topic=choice(topic, Topic, "咨询类别"),
        question=required(question, "咨询内容", 2000), asker_name=(asker_name or "").strip()[:50], mobile=mobile,
        status=ConsultStatus.WAITING, asker_digest=mobile_digest(mobile))
    consultation.tracking_code = issue_tracking_code(consultation, QUESTION_KIND, mobile).code
    consultation.save(update_fields=["tracking_code"])
    audit.record("action", obj=consultation, verb="网上法律咨询", after=masked_snapshot(consultation, CONSULT_FIELDS),
                 username=f"公众:{mask_mobile(mobile)}")
    tell(staff_of(org), "新的网上法律咨询", consultation.question[:60], consultation_url(consultation))
    return consultation


def consultation_url(consultation: Consultation) -> str:
    return notify.record_link("legalaid:consultation_detail", consultation.pk)


@transaction.atomic
def answer_consultation(actor, consultation: Consultation, *, answer: str, answered_on: dt.date) -> Consultation:
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    can_write(actor, consultation.org)
    CONSULTATION_WORKFLOW.check(consultation, "answer", actor)
    not_future(answered_on, "答复日期")
    not_before(answered_on, consultation.asked_on, "答复日期", "咨询日期")
    before = masked_snapshot(consultation, CONSULT_FIELDS)
    consultation.answer = required(answer, "答复内容", 5000)
    consultation.answered_on = answered_on
    consultation.answered_by = actor.display_name[:50]
    consultation.status = ConsultStatus.ANSWERED
    consultation.save()
    audit.action(actor, "答复法律咨询", consultation, before=before, after=masked_snapshot(consultation, CONSULT_FIELDS))
    return consultation


MEDIATION_SOURCE = {ConsultChannel.HOTLINE: "hotline"}


@transaction.atomic
def refer_consultation(actor, consultation: Consultation, *, referral: str, note: str = "",
                       application: dict | None = None, dispute: dict | None = None) -> Consultation:
    """转介 after answering: to legal aid (an application is registered from `application`, the same fields as
    register_application), to people's mediation (a dispute is registered through the mediation line's own
    action from `dispute` = {org, parties, summary, dispute_type}), to a lawyer or another department."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    can_write(actor, consultation.org)
    CONSULTATION_WORKFLOW.check(consultation, "refer", actor)
    if consultation.referral not in ("", Referral.NONE):
        raise ValidationError("该咨询已转介。")
    referral = choice(referral, Referral, "转介")
    if referral == Referral.NONE:
        raise ValidationError("请选择转介去向。")
    before = masked_snapshot(consultation, CONSULT_FIELDS)
    if referral == Referral.LEGAL_AID:
        if not application:
            raise ValidationError("转法律援助须填写法律援助申请信息。")
        fields = dict(application)
        fields.setdefault("org", consultation.org)
        fields.setdefault("received_on", consultation.answered_on or consultation.asked_on)
        fields.setdefault("channel", Channel.PHONE if consultation.channel == ConsultChannel.HOTLINE else Channel.VISIT)
        app = register_application(actor, **fields)
        app.consultation = consultation
        app.save(update_fields=["consultation"])
    elif referral == Referral.MEDIATION:
        consultation.referred_dispute = _refer_to_mediation(actor, consultation, dispute)
    elif not (note or "").strip():
        raise ValidationError("请填写转介说明（建议委托的律师事务所或应反映的部门）。")
    consultation.referral = referral
    consultation.referral_note = (note or "").strip()[:200]
    consultation.save()
    audit.action(actor, "法律咨询转介", consultation, before=before, after=masked_snapshot(consultation, CONSULT_FIELDS))
    return consultation


def _refer_to_mediation(actor, consultation: Consultation, dispute: dict | None):
    """The mediation line's own registration (register_dispute) makes the case, as a 12348 referral or a
    referral from another department, so it obeys every rule of that line."""
    from django.apps import apps

    if not apps.is_installed("sifa.mediation"):
        raise ValidationError("本系统未启用人民调解模块，无法转人民调解。")
    from sifa.mediation import actions as mediation_actions
    from sifa.mediation.models import Source

    if not dispute:
        raise ValidationError("转人民调解须填写纠纷情况和双方当事人。")
    data = dict(dispute)
    source = Source.HOTLINE if consultation.channel == ConsultChannel.HOTLINE else Source.OTHER_REFERRAL
    referrer = "12348公共法律服务热线" if source == Source.HOTLINE else consultation.org.name
    return mediation_actions.register_dispute(
        actor, org=data.pop("org", consultation.org), parties=data.pop("parties", []), source=source,
        referred_by=referrer, applied_on=data.pop("applied_on", consultation.answered_on or consultation.asked_on),
        **data)
