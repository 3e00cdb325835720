"""Lawsuits through their actions and pages: answer period, hearings and the head's appearance (once per case
and level), judgment and 败诉, appeal as a second-instance record, 败诉整改, co-defendants of a 复议维持 case,
seed 002's 败诉率 14/198 = 7.07%, and the 行政应诉季度通报."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from sifa.core.models import AuditEvent
from sifa.indicators import engine
from sifa.litigation import actions, bulletin
from sifa.litigation.models import DefendantRole, HeadPost, Lawsuit, Level, Outcome, Status
from sifa.reconsideration.models import Outcome as ReviewOutcome
from tests import factories
from tests.reconsideration import builders

D = dt.date
MARCH_1 = D(2024, 3, 1)


def _suit(user, bureau, agency, number="（2024）皖1321行初1号", filed=MARCH_1, **extra):
    return actions.register(user, org=bureau, number=number, court="砀山县人民法院", plaintiff="王某", cause="不服处罚",
                            agency=agency, filed_on=filed, notice_received_on=filed + dt.timedelta(days=2), **extra)


def test_a_lawsuit_from_notice_to_rectification(tree, bureau_user, agencies):
    suit = _suit(bureau_user, tree["bureau"], agencies["market"])
    assert (suit.status, suit.answer_due) == (Status.ANSWERING, D(2024, 3, 18))  # 15 days from 3 March, off Sunday
    actions.answer(bureau_user, suit, answered_on=D(2024, 3, 12))
    actions.record_hearing(bureau_user, suit, held_on=D(2024, 4, 10))
    actions.record_hearing(bureau_user, suit, held_on=D(2024, 5, 10), head_present=True, head_name="李局长",
                           head_post=HeadPost.CHIEF)
    actions.record_hearing(bureau_user, suit, held_on=D(2024, 5, 20), head_present=True, head_name="赵副局长",
                           head_post=HeadPost.DEPUTY)
    suit.refresh_from_db()
    assert (suit.first_hearing_on, suit.head_appeared, suit.head_name) == (D(2024, 4, 10), True, "李局长")
    actions.close(bureau_user, suit, outcome=Outcome.REVOKED, closed_on=D(2024, 6, 1))
    actions.record_service(bureau_user, suit, served_on=D(2024, 6, 3))
    suit.refresh_from_db()
    assert (suit.lost, suit.appeal_due) == (True, D(2024, 6, 18))
    second = actions.appeal(bureau_user, suit, number="（2024）皖13行终5号", court="宿州市中级人民法院",
                            filed_on=D(2024, 6, 20), notice_received_on=D(2024, 6, 21))
    assert (second.level, second.previous_id) == (Level.SECOND, suit.pk)
    actions.rectify(bureau_user, suit, reported_on=D(2024, 6, 30), report="完善执法程序")
    assert Lawsuit.objects.get(pk=suit.pk).rectified_on == D(2024, 6, 30)


def test_duplicate_case_number_is_refused_and_nothing_written(tree, bureau_user, agencies):
    _suit(bureau_user, tree["bureau"], agencies["market"])
    before = (Lawsuit.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match="案号“（2024）皖1321行初1号”已登记"):
        _suit(bureau_user, tree["bureau"], agencies["resources"])
    assert (Lawsuit.objects.count(), AuditEvent.objects.count()) == before


def test_a_sued_upholding_decision_makes_the_county_government_co_defendant(tree, bureau_user, agencies):
    case = builders.closed_case(bureau_user, tree["bureau"], agencies["market"], D(2024, 2, 1), D(2024, 3, 1),
                                ReviewOutcome.UPHELD)
    suit = _suit(bureau_user, tree["bureau"], agencies["market"], reconsideration=case)
    roles = {d.agency.name: d.role for d in suit.defendants.select_related("agency")}
    assert roles == {"砀山县市场监督管理局": DefendantRole.DEFENDANT, "砀山县人民政府": DefendantRole.CO_DEFENDANT}


@pytest.fixture
def dongyang(db):
    """东阳市 2021 一审: 180 filed in 2021, 198 closed in 2021 (含旧存 40 filed in 2020), 14 lost."""
    tree = factories.county_tree("330783", "东阳市")
    user = factories.user(tree["bureau"], role="section_staff")
    agency = builders.agencies(tree["bureau"], user)["market"]
    outcomes = [Outcome.REVOKED] * 10 + [Outcome.UNLAWFUL] * 4 + [Outcome.WITHDRAWN] * 60 + [Outcome.DISMISSED] * 124
    for n in range(220):
        filed = D(2020, 11, 2) if n < 40 else D(2021, 2, 1)
        suit = _suit(user, tree["bureau"], agency, number=f"（{filed.year}）浙0783行初{n}号", filed=filed)
        if n < 198:
            actions.close(user, suit, outcome=outcomes[n], closed_on=D(2021, 6, 1))
    return tree


def test_seed_002_loss_rate(dongyang):
    assert engine.evaluate("litigation.first_received", "330783", "2021").value == 180
    assert engine.evaluate("litigation.first_closed", "330783", "2021").value == 198
    assert engine.evaluate("litigation.first_closed_carried", "330783", "2021").value == 40
    rate = engine.evaluate("litigation.loss_rate", "330783", "2021")
    assert rate.value == Decimal("7.07")
    assert rate.note == "14/198（一审败诉14件 ÷ 一审审结（含旧存）198件）"


def test_quarterly_bulletin_by_agency(tree, bureau_user, agencies, client):
    for n, agency in enumerate([agencies["market"], agencies["market"], agencies["resources"]]):
        suit = _suit(bureau_user, tree["bureau"], agency, number=f"（2024）皖1321行初{n + 1}号", filed=D(2024, 1, 8))
        actions.record_hearing(bureau_user, suit, held_on=D(2024, 3, 1), head_present=n != 2, head_name="局长",
                               head_post=HeadPost.CHIEF)
    name, content = bulletin.build(bureau_user, tree["bureau"], 2024, 1)
    doc = Document(io.BytesIO(content))
    cells = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert name == "2024年第一季度行政应诉情况通报.docx"
    assert cells[0][:4] == ["被告单位", "收案", "开庭审理", "负责人出庭"]
    assert ["砀山县市场监督管理局", "2", "2", "2"] == cells[1][:4]
    assert ["砀山县自然资源和规划局", "1", "1", "0"] == cells[2][:4]
    assert cells[-1][:5] == ["合计", "3", "3", "2", "66.67"]
    builders.sign_in(client, bureau_user)
    response = client.post(reverse("litigation:bulletin"), {"year": "2024", "quarter": "1"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_lawsuit_pages_and_a_step_as_a_user_would(tree, bureau_user, agencies, client, other_office_user):
    suit = _suit(bureau_user, tree["bureau"], agencies["market"])
    builders.sign_in(client, bureau_user)
    assert "（2024）皖1321行初1号" in client.get(reverse("litigation:lawsuit_list")).content.decode()
    page = client.get(reverse("litigation:lawsuit_detail", args=[suit.pk])).content.decode()
    assert "提交答辩状" in page and "登记开庭" in page
    bad = client.post(reverse("litigation:lawsuit_step", args=[suit.pk, "answer"]), {"answered_on": "2024-03-01"})
    assert bad.status_code == 400 and "提交答辩状日期（2024-03-01）不能早于收到应诉通知日期（2024-03-03）" in bad.content.decode()
    ok = client.post(reverse("litigation:lawsuit_step", args=[suit.pk, "answer"]), {"answered_on": "2024-03-10"})
    assert ok.status_code == 302 and Lawsuit.objects.get(pk=suit.pk).status == Status.PENDING
    builders.sign_in(client, other_office_user)
    assert client.get(reverse("litigation:lawsuit_detail", args=[suit.pk])).status_code == 404


def test_t5_reminders_and_the_case_page_links_the_later_lawsuit(tree, bureau_user, agencies, client):
    from django.core.management import call_command

    from sifa.core.models import Notification

    case = builders.closed_case(bureau_user, tree["bureau"], agencies["market"], D(2024, 2, 1), D(2024, 3, 1),
                                ReviewOutcome.UPHELD)
    suit = _suit(bureau_user, tree["bureau"], agencies["market"], reconsideration=case)  # answer due 2024-03-18
    call_command("remind_disputes", date="2024-03-11", stdout=io.StringIO())
    assert Notification.objects.filter(user=bureau_user, title=f"{suit.number}：答辩期限还有5个工作日").count() == 1
    call_command("remind_disputes", date="2024-03-12", stdout=io.StringIO())
    assert Notification.objects.filter(title__contains="还有5个工作日").count() == 1
    page = builders.sign_in(client, bureau_user).get(reverse("reconsideration:case_detail", args=[case.pk]))
    assert suit.number in page.content.decode()
