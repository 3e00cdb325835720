"""The public pages: apply for legal aid with documents (once per form however often it is sent; refused
applicants see the reason and nothing is written), follow the status, upload more, rate once; ask a question
and read the answer; another citizen reaches none of it."""

import re

import pytest
from django.core.cache import cache

from sifa.legalaid import actions
from sifa.legalaid.models import Application, Consultation, Document
from sifa.portal.models import TrackingCode
from tests.portal.conftest import MOBILE, portal_login

from . import builders, files


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def citizen(client, tree):
    assert portal_login(client).status_code == 302
    return client


def _token(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)


def _form(la, token, **extra):
    data = {"form_token": token, "org": la["centre"].pk, "category": "labour_arbitration", "civil_matter": "labour",
            "summary": "在工地干活半年，老板拖欠工资三万元", "name": "李建国", "id_number": builders.resident_id(seq=901),
            "is_migrant_worker": "on", "exemption": "a42_3", "pledge": "on",
            "identity": files.upload(files.jpeg_with_exif(), "身份证.jpg", "image/jpeg")}
    data.update(extra)
    return data


def test_the_pages_need_an_sms_sign_in(client, tree):
    for url in ("/portal/legalaid/apply/", "/portal/legalaid/ask/", "/portal/legalaid/mine/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/portal/login/")


def test_apply_once_with_documents_and_follow_the_case(citizen, la):
    token = _token(citizen, "/portal/legalaid/apply/")
    first = citizen.post("/portal/legalaid/apply/", _form(la, token))
    assert first.status_code == 302, first.content.decode()
    again = citizen.post("/portal/legalaid/apply/", _form(la, token))  # double click
    assert again.status_code == 302 and again.url == first.url
    app = Application.objects.get()
    assert app.channel == "online" and app.status == "received" and app.review_basis == "exempt"
    assert app.mobile == MOBILE and Document.objects.filter(from_portal=True).count() == 1
    page = citizen.get(first.url).content.decode()
    assert "法律援助中心审查中" in page and app.tracking_code in page and "身份证.jpg" in page
    doc = Document.objects.get()
    download = citizen.get(f"/portal/legalaid/case/{app.tracking_code}/documents/{doc.pk}/")
    assert download.status_code == 200 and b"GPS" not in b"".join(download.streaming_content)
    # more materials while under review; a hostile file is refused on the page
    bad = citizen.post(first.url, {"step": "upload", "kind": "evidence",
                                   "file": files.upload(*files.HOSTILE["svg_script"])})
    assert bad.status_code == 400 and "只能上传PDF、JPG、PNG" in bad.content.decode()
    assert citizen.post(first.url, {"step": "upload", "kind": "evidence",
                                    "file": files.upload(files.pdf(), "欠条.pdf")}).status_code == 302
    assert Document.objects.count() == 2


def test_an_applicant_above_the_standard_is_told_why_and_nothing_is_written(citizen, la):
    token = _token(citizen, "/portal/legalaid/apply/")
    response = citizen.post("/portal/legalaid/apply/", _form(la, token, exemption="", household_size="1",
                                                            household_income="8000"))
    assert response.status_code == 400 and "高于本地经济困难标准" in response.content.decode()
    assert Application.objects.count() == 0 and Document.objects.count() == 0 and TrackingCode.objects.count() == 0


def test_another_citizen_reaches_nothing(citizen, la, client):
    token = _token(citizen, "/portal/legalaid/apply/")
    url = citizen.post("/portal/legalaid/apply/", _form(la, token)).url
    doc = Document.objects.get()
    citizen.post("/portal/logout/")
    assert portal_login(citizen, "13700001111").status_code == 302
    assert citizen.get(url).status_code == 404
    code = Application.objects.get().tracking_code
    assert citizen.get(f"/portal/legalaid/case/{code}/documents/{doc.pk}/").status_code == 404


def test_rating_a_closed_case_once(citizen, la):
    token = _token(citizen, "/portal/legalaid/apply/")
    url = citizen.post("/portal/legalaid/apply/", _form(la, token)).url
    app = Application.objects.get()
    clerk = la["clerk"]
    import datetime as dt

    today = dt.date.today()
    actions.decide(clerk, app, decision="grant", decided_on=today)
    actions.assign(clerk, app, assigned_on=today, provider=la["junior"])
    for kind in ("closing_report", "award"):
        actions.add_document(clerk, app, kind=kind, uploaded=files.upload(files.pdf(), "a.pdf"))
    actions.close_case(clerk, app, closed_on=today, method="arbitration", outcome="裁决支付工资")
    assert "提交评价" in citizen.get(url).content.decode()
    assert citizen.post(url, {"step": "rate", "satisfaction": "satisfied"}).status_code == 302
    app.refresh_from_db()
    assert app.satisfaction == "satisfied"
    assert "提交评价" not in citizen.get(url).content.decode()
    assert citizen.post(url, {"step": "rate", "satisfaction": "basic"}).status_code == 400


def test_ask_a_question_and_read_the_answer(citizen, la):
    token = _token(citizen, "/portal/legalaid/ask/")
    data = {"form_token": token, "org": la["centre"].pk, "topic": "marriage", "question": "离婚后抚养费怎么算？"}
    first = citizen.post("/portal/legalaid/ask/", data)
    assert first.status_code == 302 and citizen.post("/portal/legalaid/ask/", data).url == first.url
    question = Consultation.objects.get()
    assert question.channel == "online" and question.status == "waiting"
    assert "尚未答复" in citizen.get(first.url).content.decode()
    import datetime as dt

    actions.answer_consultation(la["clerk"], question, answer="一般为月总收入的20%至30%。", answered_on=dt.date.today())
    page = citizen.get(first.url).content.decode()
    assert "一般为月总收入的20%至30%" in page
    assert "网上法律咨询" in citizen.get("/portal/legalaid/mine/").content.decode()
    changed = citizen.post("/portal/legalaid/ask/", {**data, "question": "换了内容"})
    assert changed.status_code == 422 and Consultation.objects.count() == 1
