"""智选律师 on the portal: the directory, a lawyer's page and QR code, the 评价办法, and a citizen's rating of a
service they really received (one-time code sign-in), once per service; a lawyer who no longer practises."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sifa.lawyers import actions
from sifa.lawyers.models import Rating
from sifa.portal.citizens import COOKIE_NAME  # noqa: F401  (the portal's own session cookie)

D = dt.date
MOBILE = "13912345678"


@pytest.fixture
def served(lawyer, bureau_user):
    turn = actions.record_duty(bureau_user, lawyer, on_date=D(2024, 3, 4), visitors=2, consultations=2, matters=1)
    mine = actions.add_visitor(bureau_user, turn, name="来访人", mobile=MOBILE, matter="拖欠工资")
    return turn, mine


def _sign_in(client, mobile=MOBILE):
    from sifa.portal import citizens

    session = citizens.SessionStore()
    session["mobile"], session["login_at"] = mobile, __import__("time").time()
    session.save()
    client.cookies[citizens.COOKIE_NAME] = session.session_key


def test_directory_lawyer_page_and_qr_code(client, lawyer, served):
    page = client.get(reverse("lawyers_portal:directory"))
    assert page.status_code == 200 and "张律师" in page.content.decode()
    detail = client.get(reverse("lawyers_portal:lawyer", args=[lawyer.code])).content.decode()
    assert "信访值班" in detail and "诚信分" in detail and "13413" in detail
    qr = client.get(reverse("lawyers_portal:qr", args=[lawyer.code]))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    method = client.get(reverse("lawyers_portal:method")).content.decode()
    assert "基础分80分" in method and "第1.0版" in method


def test_a_lawyer_who_no_longer_practises_says_so(client, lawyer, bureau_user):
    actions.end_practice(bureau_user, lawyer, on=D(2024, 1, 2), reason="注销")
    page = client.get(reverse("lawyers_portal:lawyer", args=[lawyer.code])).content.decode()
    assert "不在执业状态" in page and "诚信分" not in page
    assert "张律师" not in client.get(reverse("lawyers_portal:directory")).content.decode()


def test_rating_needs_sign_in_a_real_service_and_only_once(client, lawyer, served):
    url = reverse("lawyers_portal:rate", args=[lawyer.code])
    assert client.get(url).status_code == 302  # to the SMS sign-in
    _sign_in(client)
    page = client.get(url).content.decode()
    assert "信访值班接待" in page
    service = f"duty:{served[1].pk}"
    done = client.post(url, {"service": service, "score": "5", "comment": "很耐心"})
    assert "感谢您的评价" in done.content.decode()
    rating = Rating.objects.get()
    assert (rating.score, rating.service_id, len(rating.mobile_digest)) == (5, served[1].pk, 64)
    assert "未找到您" in client.get(url).content.decode()  # nothing left to rate
    with pytest.raises(ValidationError, match="只能评价一次"):
        actions.rate(MOBILE, lawyer, service="duty", service_id=served[1].pk, score=1)


def test_a_rating_without_a_matching_service_is_refused(lawyer, served):
    with pytest.raises(ValidationError, match="只能对本人接受过的服务进行评价"):
        actions.rate("13700000000", lawyer, service="duty", service_id=served[1].pk, score=1)
    with pytest.raises(ValidationError, match="1至5星"):
        actions.rate(MOBILE, lawyer, service="duty", service_id=served[1].pk, score=9)
    assert not Rating.objects.exists()


def test_a_legal_aid_client_rates_the_lawyer_legal_aid_assigned(tree, bureau_user):
    """The firm and lawyer legal aid listed are adopted into the register; the client of a case closed by that
    lawyer may rate it (by the mobile on the application), once; nobody else may."""
    from sifa.legalaid import actions as legalaid
    from tests.lawyers import builders
    from tests.legalaid import builders as aid
    from tests.legalaid import files

    la = aid.centre_for(tree)
    firm = builders.firm(bureau_user, tree["bureau"], name=la["firm"].name)
    lawyer = builders.lawyer(bureau_user, firm, name="李明", licence_number=la["junior"].licence_number)
    app = aid.civil_application(la)
    legalaid.decide(la["clerk"], app, decision="grant", decided_on=D(2021, 3, 2))
    legalaid.assign(la["clerk"], app, assigned_on=D(2021, 3, 3), provider=la["junior"])
    for kind in ("closing_report", "judgment"):
        legalaid.add_document(la["clerk"], app, kind=kind, uploaded=files.upload(files.pdf(), "文书.pdf"))
    legalaid.close_case(la["clerk"], app, closed_on=D(2021, 5, 1), method="judgment", outcome="胜诉")
    client_mobile = aid.applicant()["mobile"]
    [(kind, pk, text)] = actions.rateable_services(lawyer, client_mobile)
    assert (kind, pk) == ("legal_aid", app.pk) and "法律援助案件" in text
    actions.rate(client_mobile, lawyer, service=kind, service_id=pk, score=4)
    with pytest.raises(ValidationError, match="只能评价一次"):
        actions.rate(client_mobile, lawyer, service=kind, service_id=pk, score=5)
    from sifa.lawyers import credit

    assert credit.public_record(lawyer).legal_aid_cases == 1
