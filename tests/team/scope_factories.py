"""Records of the 队伍建设 line for the cross-org scope matrix, built through the actions."""

from sifa.team import actions
from sifa.team.models import Clue, Problem, Rule, SelfReport, TeamActivity
from tests.scope_factories import register
from tests.team.builders import activity, clue, days_ago, problem


@register("team.teamactivity")
def activity_record(org, user):
    return TeamActivity.objects.filter(org=org).first() or activity(user, org)


@register("team.problem")
def problem_record(org, user):
    return Problem.objects.filter(org=org).first() or problem(user, org)


@register("team.selfreport")
def self_report(org, user):
    return SelfReport.objects.filter(org=org).first() or actions.record_self_report(
        user, org=org, reported_on=days_ago(3), officer="王某", matter="个人事项")


@register("team.clue")
def clue_record(org, user):
    return Clue.objects.filter(org=org).first() or clue(user, org)


@register("team.rule")
def rule(org, user):
    return Rule.objects.filter(org=org).first() or actions.adopt_rule(user, org=org, title="请销假管理制度",
                                                                       adopted_on=days_ago(4))
