"""Records of the publicity line for the cross-org scope matrix, built through the actions."""

import datetime as dt
from unittest import mock

from sifa.publicity import actions
from sifa.publicity.models import Form, Level, Topic
from tests import factories
from tests.reconsideration.scope_factories import agency
from tests.scope_factories import register


def _days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def _village(org):
    """A village in the org's area (its township's, or a township made under its county)."""
    code = org.division_id
    if len(code) == 12:
        return org.division
    if len(code) == 6:
        factories.division(code + "199", "矩阵镇", org.division)
        code += "199"
    return factories.division(code + f"{org.pk % 1000:03d}", f"矩阵{org.pk}村委会",
                              factories.division(code, "矩阵镇") if len(code) == 9 else None)


@register("publicity.activity")
def activity(org, user):
    return actions.record_activity(user, org=org, held_on=_days_ago(3), title="矩阵普法宣传", form=Form.PUBLICITY,
                                   topic=Topic.CIVIL_CODE, organiser=org.name, attendance=100, materials=50)


@register("publicity.mediapost")
def post(org, user):
    return actions.record_post(user, org=org, published_on=_days_ago(2), platform="wechat", account="矩阵普法",
                               title="矩阵信息")


@register("publicity.venue")
def venue(org, user):
    return actions.record_venue(user, org=org, name="矩阵法治广场", kind="park", level=Level.COUNTY,
                                built_on=_days_ago(100))


@register("publicity.modelvillage")
def model_village(org, user):
    return actions.apply_model_village(user, org=org, village=_village(org), level=Level.COUNTY,
                                       year=_days_ago(10).year, applied_on=_days_ago(10))


@register("publicity.backbone")
def backbone(org, user):
    return actions.register_backbone(user, org=org, kind="understander", name="矩阵明白人",
                                     id_number=factories.resident_id(), village=_village(org), source="cadre",
                                     registered_on=_days_ago(20))


def _item(org, user):
    from sifa.publicity.models import DutyItem, Plan

    found = DutyItem.objects.filter(org=org).first()
    if found is not None:
        return found
    year = _days_ago(0).year
    plan = Plan.objects.filter(org=org, year=year).first() or actions.adopt_plan(
        user, org=org, year=year, title="矩阵普法计划", focus="宪法", adopted_on=dt.date(year, 1, 2))
    return actions.add_duty_item(user, plan, agency=agency(org, user), content="以案释法", audience="public",
                                 due_on=dt.date(year, 12, 31))


@register("publicity.plan")
def plan(org, user):
    return _item(org, user).duty_list.plan


@register("publicity.dutylist")
def duty_list(org, user):
    return _item(org, user).duty_list


@register("publicity.dutyitem")
def duty_item(org, user):
    return _item(org, user)


def _bank(org, user):
    from sifa.publicity.models import QuestionBank

    found = QuestionBank.objects.filter(org=org).first()
    if found is not None:
        return found
    with mock.patch("sifa.publicity.actions.quiz.missing_articles", return_value=[]):  # no corpus index needed
        return actions.import_bank(user, org=org, data={
            "code": f"matrix-{org.pk}", "title": "矩阵题库", "audience": "public", "per_quiz": 1,
            "questions": [{"text": "题", "options": ["甲", "乙"], "answer": "A", "article": "宪法第五条"}]})


@register("publicity.questionbank")
def bank(org, user):
    return _bank(org, user)


@register("publicity.question")
def question(org, user):
    return list(_bank(org, user).questions.all())


@register("publicity.attempt")
def attempt(org, user):
    return actions.start_attempt(_bank(org, user), unit_name=org.name, citizen_digest=f"matrix{org.pk}")
