"""Records of the lawyers line for the cross-org scope matrix, built through the actions (one set per unit)."""

import datetime as dt

from sifa.lawyers import actions
from sifa.lawyers.models import Category
from tests import factories
from tests.lawyers import builders
from tests.reconsideration.scope_factories import agency
from tests.scope_factories import register


def _days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def _firm(org, user):
    from sifa.lawyers.models import Firm

    return Firm.objects.filter(org=org).first() or builders.firm(user, org, name=f"{org.name}矩阵律师事务所")


def _lawyer(org, user):
    from sifa.lawyers.models import Lawyer

    return Lawyer.objects.filter(org=org, category=Category.FULL_TIME).first() or builders.lawyer(
        user, _firm(org, user), name=f"矩阵律师{org.pk}")


def _contract(org, user):
    from sifa.lawyers.models import CounselContract

    found = CounselContract.objects.filter(org=org).first()
    if found is not None:
        return found
    contract = actions.sign_contract(user, adviser=_lawyer(org, user), client_kind="government",
                                     client_name=f"{org.name}矩阵机关", started_on=_days_ago(300),
                                     ended_on=_days_ago(-60), fee=1000, org=org)
    actions.record_service(user, contract, kind="consultation", served_on=_days_ago(30), count=2)
    actions.evaluate_contract(user, contract, year=_days_ago(30).year, grade="qualified", evaluated_on=_days_ago(20))
    return contract


def _visit(org, user):
    from sifa.lawyers.models import CheckupVisit

    found = CheckupVisit.objects.filter(org=org).first()
    if found is not None:
        return found
    campaign = actions.open_campaign(user, org=org, name=f"{org.name}法治体检", started_on=_days_ago(100),
                                     ended_on=_days_ago(-30))
    team = actions.form_team(user, campaign, name="矩阵团队", firm=_firm(org, user), lawyers=[_lawyer(org, user)])
    return actions.record_visit(user, team, enterprise="矩阵企业", credit_code=factories.credit_code("91"),
                                visited_on=_days_ago(40), consultations=2, contact_mobile="13800000001")


def _turn(org, user):
    from sifa.lawyers.models import DutyTurn

    found = DutyTurn.objects.filter(org=org).first()
    if found is not None:
        return found
    turn = actions.record_duty(user, _lawyer(org, user), on_date=_days_ago(15), visitors=2, consultations=2,
                               matters=1, org=org)
    actions.add_visitor(user, turn, name="来访人", mobile="13800000002", matter="劳动争议")
    return turn


@register("lawyers.firm")
def firm(org, user):
    return _firm(org, user)


@register("lawyers.lawyer")
def lawyer(org, user):
    return _lawyer(org, user)


@register("lawyers.assessment")
def assessment(org, user):
    x = _lawyer(org, user)
    return x.assessments.first() or actions.record_assessment(user, x, year=_days_ago(400).year, result="qualified",
                                                              assessed_on=_days_ago(30))


@register("lawyers.honour")
def honour(org, user):
    x = _lawyer(org, user)
    return x.honours.first() or actions.award_honour(user, x, title="优秀律师", awarded_by="市司法局",
                                                     awarded_on=_days_ago(60))


@register("lawyers.complaint")
def complaint(org, user):
    x = _lawyer(org, user)
    return x.complaints.first() or actions.receive_complaint(user, x, complainant="投诉人", summary="未按约定出庭",
                                                             received_on=_days_ago(10), mobile="13800000003")


@register("lawyers.practiceapplication")
def practice_application(org, user):
    f = _firm(org, user)
    return f.applications.first() or actions.receive_application(
        user, firm=f, name="申请人", id_number=factories.resident_id(), category=Category.FULL_TIME,
        received_on=_days_ago(5))


@register("lawyers.counselcontract")
def counsel_contract(org, user):
    return _contract(org, user)


@register("lawyers.counselservice")
def counsel_service(org, user):
    return list(_contract(org, user).services.all())


@register("lawyers.counselevaluation")
def counsel_evaluation(org, user):
    return list(_contract(org, user).evaluations.all())


@register("lawyers.checkupcampaign")
def checkup_campaign(org, user):
    return _visit(org, user).campaign


@register("lawyers.checkupteam")
def checkup_team(org, user):
    return _visit(org, user).team


@register("lawyers.checkupvisit")
def checkup_visit(org, user):
    return _visit(org, user)


@register("lawyers.dutyturn")
def duty_turn(org, user):
    return _turn(org, user)


@register("lawyers.dutyvisitor")
def duty_visitor(org, user):
    return list(_turn(org, user).visitor_records.all())


@register("lawyers.rating")
def rating(org, user):
    turn = _turn(org, user)
    visitor = turn.visitor_records.first()
    return turn.lawyer.ratings.first() or actions.rate(visitor.mobile, turn.lawyer, service="duty",
                                                       service_id=visitor.pk, score=4)


@register("lawyers.coveragereview")
def coverage_review(org, user):
    from sifa.lawyers.models import CoverageReview

    return CoverageReview.objects.filter(org=org).first() or actions.review_public_coverage(
        user, org=org, as_of=_days_ago(3), agencies=[agency(org, user)])[0]
