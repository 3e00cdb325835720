"""Records of 心理评估与预警 for the cross-org scope matrix, built through the actions and owned by the given
司法所 (they hang on the corrections line's matrix subject of that office)."""

import datetime as dt

from sifa.wellbeing import actions
from sifa.wellbeing.models import EarlyWarning
from tests.corrections.scope_factories import _officer, _subject
from tests.scope_factories import register

from .answers import sheet


def _day():
    return dt.date.today() - dt.timedelta(days=30)


def _warning(org, user):
    found = EarlyWarning.objects.filter(org=org).first()
    if found:
        return found
    officer = _officer(org)[0]
    subject = _subject(org, user)
    actions.record_assessment(officer, subject, assessed_on=_day(), answers=sheet(3))
    actions.record_risk_factor(officer, subject, kind="family_conflict", noted_on=_day(), note="夫妻矛盾")
    return actions.evaluate_subject(officer, subject)[1]


@register("wellbeing.assessment")
def assessment(org, user):
    _warning(org, user)
    return list(_subject(org, user).assessments.all())


@register("wellbeing.riskfactor")
def risk_factor(org, user):
    _warning(org, user)
    return list(_subject(org, user).risk_factors.all())


@register("wellbeing.earlywarning")
def warning(org, user):
    return _warning(org, user)


@register("wellbeing.intervention")
def intervention(org, user):
    w = _warning(org, user)
    return w.interventions.first() or actions.record_intervention(
        _officer(org)[0], w, kind="counselling", done_on=dt.date.today(), measures="心理咨询师疏导一次")


@register("wellbeing.followup")
def follow_up(org, user):
    w = _warning(org, user)
    intervention(org, user)
    return w.follow_ups.first() or actions.record_follow_up(
        _officer(org)[0], w, followed_on=dt.date.today(), result="stable", content="情绪稳定")
