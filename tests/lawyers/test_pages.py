"""Staff pages through the Django client: register a firm and a lawyer, sign an adviser contract and record a
service, open a check-up campaign, form a team, record a visit and download its report; refusals are shown on
the form with nothing written."""

import io

import pytest
from django.urls import reverse
from docx import Document

from sifa.lawyers.models import CheckupCampaign, CheckupVisit, CounselContract, Firm, Lawyer
from tests import factories
from tests.lawyers import builders


@pytest.fixture
def staff(client, bureau_user):
    client.force_login(bureau_user)
    return client


def test_staff_register_a_firm_and_a_lawyer(staff):
    code = builders.firm_code()
    done = staff.post(reverse("lawyers:firm_create"), {"name": "安徽砀山永正律师事务所", "credit_code": code,
                                                       "form": "general", "partners": 3, "director": "王主任",
                                                       "address": "砀山县人民路1号"})
    firm = Firm.objects.get()
    assert done.status_code == 302 and done.url == firm.get_absolute_url()
    bad = staff.post(reverse("lawyers:lawyer_create"), {"name": "李律师", "category": "full_time",
                                                        "licence_number": "1341320152", "licensed_on": "2015-07-01",
                                                        "firm": firm.pk})
    assert bad.status_code == 400 and "应为17位数字" in bad.content.decode() and not Lawyer.objects.exists()
    ok = staff.post(reverse("lawyers:lawyer_create"), {"name": "李律师", "category": "full_time",
                                                       "licence_number": builders.licence(), "firm": firm.pk,
                                                       "licensed_on": "2015-07-01", "areas": ["civil", "labour"]})
    lawyer = Lawyer.objects.get()
    assert ok.status_code == 302 and lawyer.area_labels() == "婚姻家事、劳动争议"
    page = staff.get(lawyer.get_absolute_url()).content.decode()
    assert "诚信分" in page and "安徽砀山永正律师事务所" in page
    listing = staff.get(reverse("lawyers:lawyer_list")).content.decode()
    assert "李律师" in listing


def test_staff_adviser_contract_and_checkup_report(staff, bureau_user, lawyer, firm):
    staff.post(reverse("lawyers:contract_create"), {
        "adviser": lawyer.pk, "client_kind": "enterprise", "client_name": "砀山县梨园果业有限公司",
        "client_credit_code": factories.credit_code("91"), "started_on": "2024-01-01", "ended_on": "2024-12-31",
        "fee": "8000"})
    contract = CounselContract.objects.get()
    staff.post(reverse("lawyers:contract_service", args=[contract.pk]),
               {"kind": "contract", "served_on": "2024-03-05", "count": 3})
    assert "审查合同 3件次" in staff.get(contract.get_absolute_url()).content.decode()
    staff.post(reverse("lawyers:campaign_create"), {"name": "法治体检进企业", "started_on": "2024-03-01",
                                                    "ended_on": "2024-06-30"})
    campaign = CheckupCampaign.objects.get()
    staff.post(reverse("lawyers:team_create", args=[campaign.pk]),
               {"name": "第一团队", "firm": firm.pk, "lawyers": [lawyer.pk]})
    team = campaign.teams.get()
    staff.post(reverse("lawyers:visit_create", args=[campaign.pk]), {
        "team": team.pk, "enterprise": "砀山县梨园果业有限公司", "credit_code": factories.credit_code("91"),
        "visited_on": "2024-03-20", "consultations": 4, "problems": 2, "contracts": 3, "opinions": 5,
        "findings": "未签订书面劳动合同", "advice": "规范用工"})
    visit = CheckupVisit.objects.get()
    detail = staff.get(campaign.get_absolute_url()).content.decode()
    assert "解答法律咨询4次" in detail and "体检报告（.docx）" in detail
    report = staff.get(reverse("lawyers:visit_report", args=[visit.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(report.content)).paragraphs)
    assert "企业法治体检报告" in text and "未签订书面劳动合同" in text


def test_an_office_clerk_cannot_reach_the_bureaus_register(client, office_user, lawyer):
    client.force_login(office_user)
    assert client.get(lawyer.get_absolute_url()).status_code == 404
    assert "张律师" not in client.get(reverse("lawyers:lawyer_list")).content.decode()


def test_staff_receive_and_close_a_complaint(staff, lawyer):
    from sifa.lawyers.models import Complaint

    staff.post(reverse("lawyers:complaint_create", args=[lawyer.pk]),
               {"complainant": "王某", "summary": "未按约定出庭", "received_on": "2024-03-01"})
    complaint = Complaint.objects.get()
    bad = staff.post(reverse("lawyers:complaint_close", args=[complaint.pk]),
                     {"outcome": "warning", "closed_on": "2024-04-01"})
    assert bad.status_code == 400 and "决定书文号" in bad.content.decode()
    done = staff.post(reverse("lawyers:complaint_close", args=[complaint.pk]),
                      {"outcome": "warning", "closed_on": "2024-04-01", "decision_number": "砀司罚决字〔2024〕1号"})
    assert done.url == lawyer.get_absolute_url()
    assert "警告" in staff.get(lawyer.get_absolute_url()).content.decode()
