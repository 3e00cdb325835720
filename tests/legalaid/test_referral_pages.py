"""Referring a 法律咨询 from its detail page: to people's mediation (the dispute is registered by the mediation
line), to legal aid (an application form prefilled from the consultation), to a lawyer or a department."""

import datetime as dt

import pytest

from sifa.legalaid import actions
from sifa.legalaid.models import Consultation, Referral
from sifa.mediation.models import Dispute, Source

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(client, la):
    client.force_login(la["clerk"])
    return client


@pytest.fixture
def consultation(la):
    return actions.record_consultation(la["clerk"], org=la["centre"], channel="hotline", asked_on=dt.date(2021, 3, 1),
                                       topic="property", question="邻居长期占用通道", answer="可申请人民调解",
                                       asker_name="张三", mobile="13800000001")


def _form(**extra) -> dict:
    return {"dispute_type": "neighbour", "summary": "邻居占用通道", "applicant_name": "张三",
            "applicant_id_number": builders.resident_id(), "applicant_mobile": "13800000001",
            "respondent_name": "李四", "respondent_id_number": builders.resident_id(), "note": "12348热线转办",
            **extra}


def test_the_detail_page_offers_every_referral(clerk, consultation):
    page = clerk.get(f"/legalaid/consultations/{consultation.pk}/").content.decode()
    assert 'href="#step-mediation"' in page and 'id="step-mediation"' in page
    assert f'action="/legalaid/consultations/{consultation.pk}/mediation/"' in page
    assert f"/legalaid/applications/new/?consultation={consultation.pk}" in page
    assert f'action="/legalaid/consultations/{consultation.pk}/refer/"' in page
    assert "纠纷类型" in page and "邻居长期占用通道" in page  # the form is prefilled from the consultation


def test_referral_to_mediation_registers_a_dispute(clerk, consultation):
    response = clerk.post(f"/legalaid/consultations/{consultation.pk}/mediation/", _form())
    assert response.status_code == 302, response.content.decode()
    dispute = Dispute.objects.get()
    consultation.refresh_from_db()
    assert consultation.referral == Referral.MEDIATION and consultation.referred_dispute == dispute
    assert dispute.source == Source.HOTLINE and dispute.status == "pending" and dispute.parties.count() == 2
    page = clerk.get(f"/legalaid/consultations/{consultation.pk}/").content.decode()
    assert f"/mediation/disputes/{dispute.pk}/" in page
    # referred once only: the step is gone
    again = clerk.post(f"/legalaid/consultations/{consultation.pk}/mediation/", _form())
    assert again.status_code in (400, 404) and Dispute.objects.count() == 1


def test_bad_referral_input_is_refused_in_chinese_and_writes_nothing(clerk, consultation):
    response = clerk.post(f"/legalaid/consultations/{consultation.pk}/mediation/",
                          _form(dispute_type="", respondent_name=""))
    assert response.status_code == 400
    text = response.content.decode()
    assert "纠纷类型" in text and "被申请人" in text
    response = clerk.post(f"/legalaid/consultations/{consultation.pk}/mediation/",
                          _form(applicant_id_number="341321199001011230"))
    assert response.status_code == 400 and "身份证" in response.content.decode()
    assert not Dispute.objects.exists()
    assert Consultation.objects.get(pk=consultation.pk).referral == Referral.NONE


def test_referral_to_a_lawyer_needs_a_note(clerk, consultation):
    response = clerk.post(f"/legalaid/consultations/{consultation.pk}/refer/", {"referral": "lawyer", "note": ""})
    assert response.status_code == 400
    response = clerk.post(f"/legalaid/consultations/{consultation.pk}/refer/",
                          {"referral": "lawyer", "note": "建议委托砀城律师事务所"})
    assert response.status_code == 302
    assert Consultation.objects.get(pk=consultation.pk).referral == Referral.LAWYER


def test_another_office_cannot_refer(client, other_office_user, consultation):
    client.force_login(other_office_user)
    assert client.post(f"/legalaid/consultations/{consultation.pk}/mediation/", _form()).status_code == 404
    assert not Dispute.objects.exists()
