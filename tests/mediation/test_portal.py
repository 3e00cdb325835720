"""The public application: validated IDs, one record per form however often it is sent, a tracking code, the
staff inbox, and completing the other side's ID before 受理."""

import datetime as dt
import re

import pytest
from django.core.cache import cache

from sifa.core.models import Notification
from sifa.mediation import actions
from sifa.mediation.models import Dispute, DisputeStatus, Party
from sifa.portal.models import TrackingCode
from tests.portal.conftest import MOBILE, portal_login

from . import builders


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen(client, tree):
    assert portal_login(client).status_code == 302
    return client


def _form(tree, token, **extra):
    return {"form_token": token, "org": tree["office_a"].pk, "dispute_type": "neighbour",
            "summary": "邻居在我家门前堆放杂物，多次协商未果", "applicant_name": "张三",
            "applicant_id": builders.resident_id(seq=900), "respondent_name": "李四", "respondent_kind": "person",
            "respondent_id": "", "voluntary": "on", **extra}


def _token(client):
    page = client.get("/portal/mediation/apply/")
    assert page.status_code == 200


    return re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)


def test_application_page_needs_sms_sign_in(client, tree):
    response = client.get("/portal/mediation/apply/")
    assert response.status_code == 302 and response.url.startswith("/portal/login/")


def test_apply_once_get_a_code_and_staff_are_told(citizen, tree, office_user):
    token = _token(citizen)
    first = citizen.post("/portal/mediation/apply/", _form(tree, token))
    assert first.status_code == 302
    again = citizen.post("/portal/mediation/apply/", _form(tree, token))  # double click / reload
    assert again.status_code == 302 and again.url == first.url
    assert Dispute.objects.count() == 1
    dispute = Dispute.objects.get()
    assert dispute.status == DisputeStatus.PENDING and dispute.applicant_mobile == MOBILE
    code = TrackingCode.objects.get(kind="mediation")
    assert dispute.tracking_code == code.code
    receipt = citizen.get(first.url).content.decode()
    assert code.code in receipt and "已提交，等待受理" in receipt
    assert Notification.objects.filter(user=office_user, title="新的人民调解申请").exists()
    # the public lookup shows the status in public wording
    lookup = citizen.post("/portal/lookup/", {"code": code.code, "last4": MOBILE[-4:]}).content.decode()
    assert "已提交，等待受理" in lookup


def test_invalid_id_redisplays_and_writes_nothing(citizen, tree):
    response = citizen.post("/portal/mediation/apply/", _form(tree, _token(citizen), applicant_id="341321198001010000"))
    assert response.status_code == 400
    assert "身份证号码校验位不正确" in response.content.decode()
    assert Dispute.objects.count() == 0 and TrackingCode.objects.count() == 0
    # the corrected form can be sent with the same token
    token = _token(citizen)
    bad = citizen.post("/portal/mediation/apply/", _form(tree, token, respondent_id="123"))
    assert bad.status_code == 400 and Dispute.objects.count() == 0
    assert citizen.post("/portal/mediation/apply/", _form(tree, token)).status_code == 302
    assert Dispute.objects.count() == 1


def test_another_citizen_cannot_open_the_receipt(citizen, client, tree):
    url = citizen.post("/portal/mediation/apply/", _form(tree, _token(citizen))).url
    citizen.post("/portal/logout/")
    assert portal_login(client, "13700000000").status_code == 302
    assert client.get(url).status_code == 404


def test_office_completes_the_respondent_before_accepting(citizen, tree, office_user, med):
    citizen.post("/portal/mediation/apply/", _form(tree, _token(citizen)))
    dispute = Dispute.objects.get()
    with pytest.raises(Exception, match="李四.*缺少身份证号码"):
        actions.accept_dispute(office_user, dispute, committee=med["village"], accepted_on=dt.date.today())
    respondent = Party.objects.get(dispute=dispute, side="respondent")
    actions.complete_party(office_user, respondent, kind="person", id_number=builders.resident_id(seq=901))
    actions.accept_dispute(office_user, dispute, committee=med["village"], accepted_on=dt.date.today())
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.ACCEPTED
    assert actions.public_status(dispute) == "已受理，调解员将与您联系"


def test_the_applicant_is_texted_the_tracking_code_once_and_only_after_commit(citizen, tree,
                                                                             django_capture_on_commit_callbacks):
    from sifa.core.notify import LoggingSMSBackend

    LoggingSMSBackend.sent.clear()
    token = _token(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        first = citizen.post("/portal/mediation/apply/", _form(tree, token))
        citizen.post("/portal/mediation/apply/", _form(tree, token))  # the same form again: no second text
    assert first.status_code == 302
    code = TrackingCode.objects.get(kind="mediation").code
    texts = [text for mobile, text in LoggingSMSBackend.sent if mobile == MOBILE and "查询码" in text]
    assert texts == [f"【司法行政】您的人民调解申请已提交，查询码{code}。凭查询码和手机号码后4位可在司法行政公众服务"
                     f"“办理进度查询”中查看进度。"]
    assert f"查询码已用短信发送到尾号{MOBILE[-4:]}的手机。" in citizen.get(first.url).content.decode()  # as the page says
    # a refused form texts nothing
    LoggingSMSBackend.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        citizen.post("/portal/mediation/apply/", _form(tree, _token(citizen), applicant_id="341321198001010000"))
    assert not LoggingSMSBackend.sent
