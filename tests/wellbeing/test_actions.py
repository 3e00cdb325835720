"""Assessments, risk factors, warning rules and the warning → intervention → follow-up flow, through the
actions: bad input is refused in Chinese and writes nothing; every change is audited without scores."""

import datetime as dt
import sys
import types

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core.models import AuditEvent
from sifa.corrections import actions as corrections_actions
from sifa.wellbeing import actions, risk
from sifa.wellbeing.models import Assessment, EarlyWarning, RiskFactor, WarningRule, WarningStatus

from .answers import PUBLISHED, sheet, with_items
from .conftest import recent

pytestmark = pytest.mark.django_db
POSITIVE = with_items(PUBLISHED["抑郁"], 2)       # 抑郁 2.00: positive by the factor rule only
NEGATIVE = sheet()


@pytest.fixture
def quiet(subject, cor):
    """The subject with a report today: no missed-report signal, so only what a test adds counts."""
    corrections_actions.record_report(cor["a"], subject, reported_on=dt.date.today(), method="in_person")
    return subject


def test_assessment_is_scored_and_audited_without_scores(cor, quiet):
    a = actions.record_assessment(cor["a"], quiet, assessed_on=recent(5), answers=POSITIVE, assessor="李老师")
    assert (a.total_score, a.positive_items, a.positive) == (103, 13, True)
    assert a.factor_means["depression"] == "2.00" and a.answers[4] == 2  # item 5 belongs to 抑郁
    assert a.org == quiet.org
    row = AuditEvent.objects.filter(verb="登记心理测评").get()
    assert "103" not in str(row.after) and "answers" not in str(row.after)


@pytest.mark.parametrize(("answers", "message"), [
    ({**sheet(), 17: 7}, "第17题的答案“7”不在1至5之间"),
    ({n: 1 for n in range(1, 90)}, "第90题未作答"),
    ({**sheet(), 30: ""}, "第30题未作答"),
])
def test_bad_answers_write_nothing(cor, quiet, answers, message):
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        actions.record_assessment(cor["a"], quiet, assessed_on=recent(5), answers=answers)
    assert message in exc.value.messages[0]
    assert Assessment.objects.count() == 0 and AuditEvent.objects.count() == audits


def test_assessment_dates_and_scope(cor, quiet):
    with pytest.raises(ValidationError, match="不能晚于今天"):
        actions.record_assessment(cor["a"], quiet, assessed_on=dt.date.today() + dt.timedelta(days=1),
                                  answers=NEGATIVE)
    with pytest.raises(ValidationError, match="不能早于报到接收日期"):
        actions.record_assessment(cor["a"], quiet, assessed_on=quiet.reported_on - dt.timedelta(days=1),
                                  answers=NEGATIVE)
    with pytest.raises(PermissionDenied):
        actions.record_assessment(cor["b"], quiet, assessed_on=recent(1), answers=NEGATIVE)
    with pytest.raises(PermissionDenied):
        actions.record_assessment(cor["head"], quiet, assessed_on=recent(1), answers=NEGATIVE)
    assert Assessment.objects.count() == 0
    actions.record_assessment(cor["county"], quiet, assessed_on=recent(1), answers=NEGATIVE)  # the county organ


def test_no_signal_no_warning(cor, quiet):
    actions.record_assessment(cor["a"], quiet, assessed_on=recent(5), answers=NEGATIVE)
    evaluation, warning = actions.evaluate_subject(cor["a"], quiet)
    assert evaluation.level == "low" and warning is None and not EarlyWarning.objects.exists()


def test_positive_screen_alone_is_medium(cor, quiet):
    actions.record_assessment(cor["a"], quiet, assessed_on=recent(5), answers=POSITIVE)
    evaluation, warning = actions.evaluate_subject(cor["a"], quiet)
    assert (evaluation.level, evaluation.rules) == ("medium", ["positive_screen"])
    assert warning.level == "medium" and warning.status == WarningStatus.OPEN
    assert "心理测评筛查阳性" in warning.reasons[0]
    # evaluating again changes nothing and makes no second warning
    actions.evaluate_subject(cor["a"], quiet)
    assert EarlyWarning.objects.count() == 1


def test_positive_screen_with_two_life_events_is_high_and_raises_the_open_warning(cor, quiet):
    actions.record_assessment(cor["a"], quiet, assessed_on=recent(20), answers=POSITIVE)
    first = actions.evaluate_subject(cor["a"], quiet)[1]
    actions.record_risk_factor(cor["a"], quiet, kind="unemployment", noted_on=recent(10), note="工厂停工")
    assert actions.evaluate_subject(cor["a"], quiet)[0].level == "medium"   # one life event is not enough
    actions.record_risk_factor(cor["a"], quiet, kind="bereavement", noted_on=recent(3), note="母亲病故")
    evaluation, warning = actions.evaluate_subject(cor["a"], quiet)
    assert evaluation.level == "high" and "screen_and_life_events" in evaluation.rules
    assert warning.pk == first.pk and warning.level == "high"
    assert any("失业、无业" in r and "近亲属亡故" in r for r in warning.reasons)
    assert AuditEvent.objects.filter(verb="心理预警等级上调", object_id=str(warning.pk)).exists()


def test_resolved_risk_factor_no_longer_counts(cor, quiet):
    f1 = actions.record_risk_factor(cor["a"], quiet, kind="family_conflict", noted_on=recent(30))
    actions.record_risk_factor(cor["a"], quiet, kind="financial", noted_on=recent(30))
    assert actions.evaluate_subject(cor["a"], quiet)[0].level == "medium"   # conduct_and_life_events: two signals
    actions.resolve_risk_factor(cor["a"], f1, resolved_on=recent(1))
    assert "family_conflict" not in risk.collect([quiet], dt.date.today())[quiet.pk]
    with pytest.raises(ValidationError, match="请勿重复登记"):
        actions.record_risk_factor(cor["a"], quiet, kind="financial", noted_on=recent(2))
    with pytest.raises(ValidationError, match="风险因素"):
        actions.record_risk_factor(cor["a"], quiet, kind="bad", noted_on=recent(2))


def test_missed_reports_and_sanctions_are_conduct_signals(cor, subject):
    """The fixture subject (严管, reports weekly) has not reported for over a year."""
    signals = risk.collect([subject], dt.date.today())[subject.pk]
    assert "missed_report" in signals and "定期报告逾期" in signals["missed_report"]
    actions.record_assessment(cor["a"], subject, assessed_on=recent(5), answers=POSITIVE)
    evaluation = actions.evaluate_subject(cor["a"], subject)[0]
    assert evaluation.level == "high" and "screen_and_conduct" in evaluation.rules


def test_track_alerts_are_read_when_the_tracks_line_offers_them(cor, quiet, monkeypatch):
    module = types.ModuleType("sifa.tracks.signals")
    module.open_alerts_for = lambda s: [object(), object()] if s.pk == quiet.pk else []
    monkeypatch.setitem(sys.modules, "sifa.tracks.signals", module)
    actions.record_assessment(cor["a"], quiet, assessed_on=recent(5), answers=POSITIVE)
    evaluation = actions.evaluate_subject(cor["a"], quiet)[0]
    assert evaluation.signals["track_alert"] == "轨迹排查有2条未处理的预警"
    assert evaluation.level == "high"


def test_without_the_tracks_signals_module_there_is_no_track_signal(quiet, monkeypatch):
    monkeypatch.setitem(sys.modules, "sifa.tracks.signals", None)   # import raises ImportError
    assert "track_alert" not in risk.collect([quiet], dt.date.today())[quiet.pk]


def test_rules_are_data_and_bad_rules_are_refused(cor, quiet):
    actions.record_assessment(cor["a"], quiet, assessed_on=recent(5), answers=POSITIVE)
    actions.load_rules(None, {"rules": [{"code": "any_screen", "name": "筛查阳性即高风险", "level": "high",
                                          "all_of": ["positive_screen"]}]})
    assert list(WarningRule.objects.values_list("code", flat=True)) == ["any_screen"]
    assert actions.evaluate_subject(cor["a"], quiet)[0].level == "high"
    with pytest.raises(ValidationError, match="未知的信号“mood”"):
        actions.load_rules(None, {"rules": [{"code": "x", "name": "x", "level": "high", "all_of": ["mood"]}]})
    with pytest.raises(ValidationError, match="风险等级应为"):
        actions.load_rules(None, {"rules": [{"code": "x", "name": "x", "level": "low", "all_of": ["sanction"]}]})
    assert list(WarningRule.objects.values_list("code", flat=True)) == ["any_screen"]   # nothing half-applied


def test_intervention_supplements_the_plan_and_follow_up_closes(cor, quiet):
    corrections_actions.set_plan(cor["a"], quiet, plan="每周报告一次，每月参加公益活动。", plan_on=recent(300))
    actions.record_assessment(cor["a"], quiet, assessed_on=recent(10), answers=POSITIVE)
    warning = actions.evaluate_subject(cor["a"], quiet, on=recent(9))[1]
    with pytest.raises(ValidationError, match="请先登记干预措施"):
        actions.record_follow_up(cor["a"], warning, followed_on=recent(1), result="stable", content="稳定")
    with pytest.raises(ValidationError, match="请填写矫正方案补充内容"):
        actions.record_intervention(cor["a"], warning, kind="plan", done_on=recent(8), measures="补充方案")
    with pytest.raises(ValidationError, match="不能早于预警日期"):
        actions.record_intervention(cor["a"], warning, kind="talk", done_on=recent(20), measures="谈话")
    actions.record_intervention(cor["a"], warning, kind="plan", done_on=recent(8), measures="补充矫正方案",
                                plan_supplement="每两周接受一次心理咨询，家属配合监督。")
    quiet.refresh_from_db()
    assert quiet.plan.startswith("每周报告一次") and "每两周接受一次心理咨询" in quiet.plan
    assert quiet.plan_on == recent(8)
    assert AuditEvent.objects.filter(verb="制定矫正方案", object_id=str(quiet.pk)).count() == 2
    warning.refresh_from_db()
    assert warning.status == WarningStatus.INTERVENING
    actions.record_follow_up(cor["a"], warning, followed_on=recent(1), result="improved", content="情绪好转",
                             close=True)
    warning.refresh_from_db()
    assert (warning.status, warning.closed_on) == (WarningStatus.CLOSED, recent(1))
    with pytest.raises(ValidationError, match="已于.*解除"):
        actions.record_intervention(cor["a"], warning, kind="talk", done_on=recent(0), measures="谈话")
    # a later evaluation opens a new warning rather than reviving the closed one
    assert actions.evaluate_subject(cor["a"], quiet)[1].pk != warning.pk


def test_intervention_by_another_office_is_refused(cor, quiet):
    actions.record_assessment(cor["a"], quiet, assessed_on=recent(5), answers=POSITIVE)
    warning = actions.evaluate_subject(cor["a"], quiet)[1]
    with pytest.raises(PermissionDenied):
        actions.record_intervention(cor["b"], warning, kind="talk", done_on=recent(1), measures="谈话")


def test_evaluate_all_covers_the_scope_all_or_nothing(cor, tree, quiet):
    from tests.corrections import builders

    other = builders.subject(cor["b"], tree["office_b"], effective_on=recent(400), years=3)
    for who, s in ((cor["a"], quiet), (cor["b"], other)):
        actions.record_assessment(who, s, assessed_on=recent(5), answers=POSITIVE)
    counts = actions.evaluate_all(cor["a"])
    assert counts["subjects"] == 1 and counts["new"] == 1
    assert EarlyWarning.objects.get().subject == quiet
    counts = actions.evaluate_all(cor["county"])
    assert counts["subjects"] == 2 and counts["new"] == 1 and counts["high"] == 1   # office B's subject missed reports
    with pytest.raises(PermissionDenied):
        actions.evaluate_all(cor["head"])


def test_questionnaire_wording_can_be_loaded_but_not_a_new_structure_once_used(cor, quiet):
    from sifa.wellbeing import questionnaires as q

    actions.record_assessment(cor["a"], quiet, assessed_on=recent(5), answers=NEGATIVE)
    definition = q.builtin_definition()
    for item in definition["items"]:
        item["text"] = f"正式题目{item['number']}"
    loaded = actions.load_questionnaire(None, definition, source="本局购买的正式版本")
    assert loaded.items.get(number=7).text == "正式题目7" and loaded.wording_source == "本局购买的正式版本"
    definition["factors"][0]["items"].remove(58)
    definition["factors"][-1]["items"].append(58)
    with pytest.raises(ValidationError, match="已有测评记录"):
        actions.load_questionnaire(None, definition, source="改动")
    assert RiskFactor.objects.count() == 0


def test_a_factor_at_3_is_a_severe_screen_and_high(cor, quiet):
    actions.record_assessment(cor["a"], quiet, assessed_on=recent(5), answers=with_items(PUBLISHED["敌对"], 3))
    evaluation = actions.evaluate_subject(cor["a"], quiet)[0]
    assert evaluation.level == "high" and evaluation.rules[0] == "severe_screen"
    assert "1个因子分达到3分" in evaluation.signals["severe_screen"]


def test_an_old_assessment_no_longer_speaks(cor, quiet):
    actions.record_assessment(cor["a"], quiet, assessed_on=recent(risk.ASSESSMENT_VALID_DAYS + 1), answers=POSITIVE)
    assert actions.evaluate_subject(cor["a"], quiet)[0].level == "low"
