"""Records of the corrections line for the cross-org scope matrix: every model, built through the actions and
owned by the given 司法所 (records of one subject share its unit)."""

import datetime as dt
import itertools

from sifa.core.models import OrgKind, Role
from sifa.corrections import actions
from sifa.corrections.actions import aftercare
from sifa.corrections.models import Subject
from tests import factories
from tests.scope_factories import register

from . import builders

_seq = itertools.count(1)
D = dt.date


def _days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def _people(org):
    """A corrections officer of `org`, and of its county bureau, and the bureau's head."""
    bureau = org
    while bureau.kind != OrgKind.COUNTY_BUREAU and bureau.parent_id:
        bureau = bureau.parent
    n = next(_seq)
    return (factories.user(org, role=Role.CORRECTIONS_OFFICER, username=f"mx_jz{n}"),
            factories.user(bureau, role=Role.CORRECTIONS_OFFICER, username=f"mx_jzc{n}"),
            factories.user(bureau, role=Role.LEADER, username=f"mx_head{n}"))


def _subject(org, user, fresh: bool = False):
    """The office's one long-running subject, or (fresh) another one for measures that change its state."""
    found = None if fresh else Subject.objects.filter(org=org, name="矩阵对象").first()
    if found:
        return found
    officer, _, _ = _people(org)
    return builders.subject(officer, org, name="矩阵另一对象" if fresh else "矩阵对象", effective_on=_days_ago(200),
                            years=2, prohibitions="禁止进入娱乐场所")


def _officer(org):
    return _people(org)


@register("corrections.subject")
def subject(org, user):
    return _subject(org, user)


@register("corrections.teammember")
def team_member(org, user):
    s = _subject(org, user)
    return actions.set_team(_officer(org)[0], s, members=[{"name": "矩阵组员", "sex": "男", "role": "office"}])


@register("corrections.investigation")
def investigation(org, user):
    return actions.commission_investigation(_officer(org)[0], org=org, commissioner_kind="court",
                                            commissioner="砀山县人民法院", received_on=_days_ago(3),
                                            person_name="矩阵被调查人", id_number=builders.resident_id(),
                                            proposed_category="probation")


@register("corrections.report")
def report(org, user):
    return actions.record_report(_officer(org)[0], _subject(org, user), reported_on=_days_ago(1), method="phone")


@register("corrections.fieldvisit")
def field_visit(org, user):
    return actions.record_visit(_officer(org)[0], _subject(org, user), visited_on=_days_ago(2), visitor_kind="staff",
                                visitors="矩阵走访人", content="在家")


@register("corrections.education")
def education(org, user):
    return actions.record_education(_officer(org)[0], _subject(org, user), held_on=_days_ago(2), kind="community",
                                    hours=2, content="社区清扫")


@register("corrections.infocheck")
def info_check(org, user):
    return actions.record_info_check(_officer(org)[0], _subject(org, user), checked_on=_days_ago(2),
                                     method="phone_location")


@register("corrections.leaverequest")
def leave(org, user):
    officer = _officer(org)[0]
    s = _subject(org, user)
    start = dt.date.today() + dt.timedelta(days=20 + s.leaves.count() * 10)
    return actions.request_leave(officer, s, destination="合肥市", reason="就医",
                                 start_on=start, end_on=start + dt.timedelta(days=3))


@register("corrections.residencechange")
def residence_change(org, user):
    s = _subject(org, user, fresh=True)
    return actions.request_residence_change(_officer(org)[0], s, move_on=dt.date.today() + dt.timedelta(days=40),
                                            new_address="萧县某镇", new_institution="萧县社区矫正机构", reason="随子女居住")


@register("corrections.electronicmonitor")
def monitor(org, user):
    officer, _, head = _officer(org)
    s = _subject(org, user, fresh=True)
    m = actions.propose_monitor(officer, s, situation="prohibition", facts="进入娱乐场所", months=3)
    m = actions.approve_monitor(head, m, approve=True)
    renewal = actions.renew_monitor(head, m, months=2, assessment="仍有必要")
    return [m, renewal]


@register("corrections.monitorrenewal")
def monitor_renewal(org, user):
    return monitor(org, user)[1]


@register("corrections.rewardsanction")
def sanction(org, user):
    return actions.propose_sanction(_officer(org)[0], _subject(org, user), kind="praise", ground="good_conduct",
                                    facts="表现突出")


@register("corrections.absconding")
def absconding(org, user):
    s = _subject(org, user, fresh=True)
    return actions.report_missing(_officer(org)[0], s, lost_on=_days_ago(1), circumstances="电话关机")


@register("corrections.filereview")
def file_review(org, user):
    return actions.review_file(_officer(org)[0], _subject(org, user), kind="self", reviewed_on=_days_ago(1),
                               reviewers="矩阵评查人", items={"plan": "瑕疵"}, findings="方案未签字")


def _released(org):
    officer = _officer(org)[0]
    person = aftercare.register_release(officer, org=org, name="矩阵释放人员", id_number=builders.resident_id(),
                                        crime="盗窃罪", prison="安徽省宿州监狱", release_on=_days_ago(10))
    return officer, aftercare.link(officer, person, linked_on=_days_ago(9),
                                   helpers=[{"name": "矩阵帮教员", "role": "office"}])


@register("corrections.releasedperson")
def released(org, user):
    return _released(org)[1]


@register("corrections.aftercaremember")
def helper(org, user):
    return list(_released(org)[1].helpers.all())


@register("corrections.resettlement")
def resettlement(org, user):
    officer, person = _released(org)
    return aftercare.record_resettlement(officer, person, kind="employed", settled_on=_days_ago(5), detail="果品厂务工")


@register("corrections.aftercarecontact")
def contact(org, user):
    officer, person = _released(org)
    return aftercare.record_contact(officer, person, contacted_on=_days_ago(5), method="phone", content="情况稳定")
