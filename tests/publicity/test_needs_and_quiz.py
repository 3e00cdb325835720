"""精准普法 needs from the records Sifa already holds, and 学法考法's timed quizzes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sifa.indicators import engine
from sifa.legalaid import actions as legalaid
from sifa.mediation import actions as mediation
from sifa.publicity import actions, needs
from sifa.publicity.models import Attempt, Topic
from tests.mediation import builders as mediation_builders

from .builders import QUIZ_BANK, activity

D = dt.date


@pytest.fixture
def signal(tree, bureau_user, office_user, other_office_user, villages):
    """砀城: wage consultations (migrant workers) and family disputes; 周寨: traffic consultations."""
    for n in range(4):
        legalaid.record_consultation(office_user, org=tree["office_a"], channel="hotline", asked_on=D(2024, 3, 1 + n),
                                     topic="wages", question="老板拖欠工资怎么办", persons=2, is_migrant_worker=True)
    legalaid.record_consultation(office_user, org=tree["office_a"], channel="visit", asked_on=D(2024, 3, 9),
                                 topic="marriage", question="离婚财产如何分割")
    for n in range(2):
        mediation.register_dispute(office_user, org=tree["office_a"], parties=mediation_builders.parties(),
                                   summary="赡养纠纷", dispute_type="marriage_family", source="application",
                                   applied_on=D(2024, 3, 10 + n))
    legalaid.record_consultation(other_office_user, org=tree["office_b"], channel="hotline",
                                 asked_on=D(2024, 3, 2), topic="traffic", question="交通事故赔偿")
    activity(office_user, village=villages["yangmiao"], topic=Topic.LABOUR, held_on=D(2024, 3, 20))
    activity(office_user, village=villages["litun"], topic=Topic.CONSTITUTION, held_on=D(2024, 3, 21))
    return tree


def test_needs_ranked_per_township_with_evidence_and_match_rate(signal, bureau_user):
    towns = {t.name: t for t in needs.compute(bureau_user, D(2024, 1, 1), D(2024, 6, 30))}
    dangcheng = towns["砀城镇"]
    assert [(n.label, n.weight) for n in dangcheng.ranked] == [("劳动就业与欠薪维权", 8), ("婚姻家庭与继承", 3)]
    assert dangcheng.top[0].evidence == "法律咨询8人次（其中农民工8人次）"
    assert dangcheng.top[1].evidence == "法律咨询1人次，调解纠纷2件"
    assert (dangcheng.activities, dangcheng.matched, dangcheng.match_rate) == (2, 1, 50.0)
    assert [n.label for n in towns["周寨镇"].top] == ["道路交通安全"]


def test_a_township_clerk_sees_their_own_needs_only(signal, office_user):
    assert [t.name for t in needs.compute(office_user, D(2024, 1, 1), D(2024, 6, 30))] == ["砀城镇"]


def test_the_needs_page(signal, client, bureau_user):
    client.force_login(bureau_user)
    page = client.get(reverse("publicity:needs"), {"start": "2024-01-01", "end": "2024-06-30"}).content.decode()
    assert "劳动就业与欠薪维权" in page and "依据：法律咨询8人次（其中农民工8人次）" in page
    assert "匹配率50.0%" in page and 'id="needs-data"' in page and "vendor/echarts.min.js" in page


@pytest.fixture
def bank(tree, bureau_user, use_small_engine):
    return actions.import_bank(bureau_user, org=tree["bureau"], data=QUIZ_BANK)


def test_a_bank_refuses_an_article_the_corpus_lacks(tree, bureau_user, use_small_engine):
    data = QUIZ_BANK | {"code": "bad", "questions": [dict(QUIZ_BANK["questions"][0], article="民法典第九千条")]}
    with pytest.raises(ValidationError, match="法规库中没有这些条文：民法典第九千条"):
        actions.import_bank(bureau_user, org=tree["bureau"], data=data)


def test_a_timed_quiz_scored_and_a_late_sheet_refused(bank):
    start = timezone.now() - dt.timedelta(minutes=30)
    late = actions.start_attempt(bank, unit_name="砀城镇", citizen_digest="c1", now=start, seed=1)
    with pytest.raises(ValidationError, match="答题时间已到（限时5分钟），本次答卷未被接受"):
        actions.submit_attempt(late, answers={}, now=start + dt.timedelta(minutes=6))
    assert Attempt.objects.get(pk=late.pk).submitted_at is None
    on_time = actions.start_attempt(bank, unit_name="砀城镇", citizen_digest="c1", now=start, seed=2)
    questions = actions.questions_of(on_time)
    answers = {str(q.pk): q.answer for q in questions[:2]} | {str(questions[2].pk): "B"}
    done = actions.submit_attempt(on_time, answers=answers, now=start + dt.timedelta(minutes=4))
    assert (done.score, done.passed) == (67, True)
    with pytest.raises(ValidationError, match="已提交"):
        actions.submit_attempt(on_time, answers=answers, now=start + dt.timedelta(minutes=4))
    assert engine.evaluate("publicity.quiz_sheets", "341321", str(start.year)).value == 1
    assert engine.evaluate("publicity.quiz_pass_rate", "341321", str(start.year)).value == 100


def test_an_officials_bank_needs_a_signed_in_official(bank, bureau_user):
    bank.audience = "officials"
    bank.save()
    with pytest.raises(Exception, match="仅限领导干部和公职人员"):
        actions.start_attempt(bank, unit_name="", citizen_digest="c1")
    attempt = actions.start_attempt(bank, unit_name="", participant=bureau_user)
    assert attempt.unit_name == "砀山县司法局"


def test_an_official_takes_the_officials_quiz_on_the_staff_pages(bank, bureau_user, client):
    bank.audience = "officials"
    bank.save()
    client.force_login(bureau_user)
    started = client.post(reverse("publicity:official_quiz", args=[bank.pk]), {"start": "1"})
    attempt = Attempt.objects.get(participant=bureau_user)
    assert started.status_code == 302 and attempt.unit_name == "砀山县司法局"
    answers = {f"q{q.pk}": q.answer for q in actions.questions_of(attempt)}
    client.post(reverse("publicity:official_attempt", args=[attempt.pk]), answers)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (100, True)
    page = client.get(reverse("publicity:bank_list")).content.decode()
    assert "砀山县司法局" in page.split('id="by-unit"')[1]
