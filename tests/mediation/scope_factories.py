"""Records of the mediation line for the cross-org scope matrix: every model, built through the actions and owned
by the given office (its committee's unit lies under it)."""

import datetime as dt

from sifa.mediation import actions, documents
from sifa.mediation.models import CommitteeType, DisputeType, MediationCommittee, Source
from tests.scope_factories import register

from . import builders


def _days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def _committee(org, user):
    found = MediationCommittee.objects.filter(org__parent=org, name=f"{org.name}矩阵调委会").first()
    if found:
        return found
    return actions.create_committee(user, parent=org, name=f"{org.name}矩阵调委会",
                                    committee_type=CommitteeType.TOWNSHIP, member_count=5)


def _mediator(org, user):
    committee = _committee(org, user)
    return committee.mediators.first() or actions.create_mediator(user, committee=committee, name="矩阵调解员",
                                                                  id_number=builders.resident_id(),
                                                                  mobile="13800000002")


def _settled(org, user):
    """A closed, successful case with every kind of record attached."""
    mediator = _mediator(org, user)
    dispute = actions.open_case(user, org=org, parties=builders.parties(), committee=mediator.committee,
                                accepted_on=_days_ago(20), mediators=[mediator], summary="矩阵纠纷",
                                dispute_type=DisputeType.NEIGHBOUR, source=Source.APPLICATION)
    session = actions.record_session(user, dispute, held_on=_days_ago(18), minutes="笔录", mediators=[mediator])
    agreement = actions.record_agreement(user, dispute, terms="赔偿", signed_on=_days_ago(15))
    actions.close_dispute(user, dispute, result="succeeded", closed_on=_days_ago(15))
    follow_up = actions.record_follow_up(user, dispute, visited_on=_days_ago(10), method="phone", content="已履行")
    confirmation = actions.apply_confirmation(user, dispute, court="人民法院", applied_on=_days_ago(12))
    return dispute, session, agreement, follow_up, confirmation


@register("mediation.mediationcommittee")
def committee(org, user):
    return _committee(org, user)


@register("mediation.mediator")
def mediator(org, user):
    return _mediator(org, user)


@register("mediation.training")
def training(org, user):
    return actions.add_training(user, _mediator(org, user), title="调解技能培训", held_on=_days_ago(30))


@register("mediation.honour")
def honour(org, user):
    return actions.add_honour(user, mediator=_mediator(org, user), title="优秀人民调解员", level="county",
                              year=dt.date.today().year - 1)


@register("mediation.brandroom")
def brand_room(org, user):
    m = _mediator(org, user)
    return actions.create_brand_room(user, committee=m.committee, name="矩阵调解室", mediator=m)


@register("mediation.screening")
def screening(org, user):
    return actions.record_screening(user, org=org, held_on=_days_ago(5), scope="全镇", found_count=1,
                                    prevented_count=1)


@register("mediation.dispute")
def dispute(org, user):
    return list(_settled(org, user)[:1]) + [actions.register_dispute(
        user, org=org, parties=builders.parties(), summary="待受理", dispute_type=DisputeType.OTHER,
        source=Source.APPLICATION, applied_on=_days_ago(1))]


@register("mediation.party")
def party(org, user):
    return list(_settled(org, user)[0].parties.all())


@register("mediation.session")
def session(org, user):
    return _settled(org, user)[1]


@register("mediation.agreement")
def agreement(org, user):
    return _settled(org, user)[2]


@register("mediation.followup")
def follow_up(org, user):
    return _settled(org, user)[3]


@register("mediation.judicialconfirmation")
def confirmation(org, user):
    return _settled(org, user)[4]


@register("mediation.petitiontransfer")
def petition_transfer(org, user):
    return actions.receive_transfer(user, org=org, received_on=_days_ago(3), person_name="来访人",
                                    id_number=builders.resident_id(), matter="欠薪")


@register("mediation.documenttemplate")
def document_template(org, user):
    return actions.upload_template(user, org=org, kind="agreement", filename="协议书.docx",
                                     content=documents.default_template("agreement"))


@register("mediation.attachment")
def attachment(org, user):
    dispute = _settled(org, user)[0]
    return actions.add_attachment(user, dispute, filename="证据.pdf", content=b"%PDF-1.4\n%%EOF")
