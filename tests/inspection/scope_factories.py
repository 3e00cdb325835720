"""Records of the 法治督察 line for the cross-org scope matrix, built through the actions."""

from sifa.core.models import Division
from sifa.inspection import actions
from sifa.inspection.models import DutyMeeting, Inspection, SubjectKind
from tests.inspection.builders import days_ago, finding, started
from tests.reconsideration.scope_factories import agency
from tests.scope_factories import register


def _township(org):
    return actions.townships_of(org).first() or Division.objects.get(code=org.division_id)


def inspection(org, user) -> Inspection:
    """One 督察 per unit with a rectified and re-checked finding and an open one."""
    found = Inspection.objects.filter(org=org).first()
    if found is not None:
        return found
    made = started(user, org, township=_township(org), on=days_ago(60))
    first = finding(user, made, days_ago(55), days_ago(30))
    finding(user, made, days_ago(55), days_ago(-20), description="执法案卷缺少法制审核意见", category="enforcement")
    actions.feedback(user, made, feedback_on=days_ago(50))
    actions.rectify(user, first, rectified_on=days_ago(40), result="已整改")
    actions.recheck(user, first, checked_on=days_ago(20), result="done")
    return made


def meeting(org, user) -> DutyMeeting:
    found = DutyMeeting.objects.filter(org=org).first()
    if found is not None:
        return found
    made = actions.hold_meeting(user, org=org, name="党政主要负责人述法工作专题会议", held_on=days_ago(10))
    actions.add_report(user, made, reporter="张述法", post="party", subject_kind=SubjectKind.TOWNSHIP,
                       township=_township(org), assessment="good")
    actions.add_report(user, made, reporter="李述法", post="government", subject_kind=SubjectKind.AGENCY,
                       agency=agency(org, user), assessment="fairly_good")
    return made


@register("inspection.inspection")
def inspection_record(org, user):
    return inspection(org, user)


@register("inspection.finding")
def findings(org, user):
    return list(inspection(org, user).findings.all())


@register("inspection.recheck")
def rechecks(org, user):
    return [r for f in inspection(org, user).findings.all() for r in f.rechecks.all()]


@register("inspection.dutymeeting")
def meeting_record(org, user):
    return meeting(org, user)


@register("inspection.dutyreport")
def reports(org, user):
    return list(meeting(org, user).reports.all())
