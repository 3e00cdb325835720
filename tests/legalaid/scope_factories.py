"""Records of the legal-aid line for the cross-org scope matrix, built through the actions and owned by the given
office (a legal-aid centre unit is made under it, so every record lies in the office's subtree)."""

import datetime as dt

from sifa.core import actions as core_actions
from sifa.core.models import OrgKind, OrgUnit, Role
from sifa.legalaid import actions
from sifa.legalaid.models import Application, DutyStation, HardshipStandard, Provider, SubsidyRate
from tests import factories
from tests.scope_factories import register

from . import builders, files


def _days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def _centre(org, user):
    code = f"{org.code}-FYZX"
    centre = OrgUnit.objects.filter(code=code).first()
    if centre is None:
        centre = core_actions.create_org_unit(None, code=code, name=f"{org.name}法律援助中心",
                                              kind=OrgKind.LEGAL_AID_CENTER, division=org.division, parent=org)
    if not HardshipStandard.objects.filter(org=org).exists():
        actions.set_hardship_standard(user, org=org, monthly_income_per_capita="1500", basis="低保标准2倍",
                                      effective_from=dt.date(2020, 1, 1))
        actions.set_subsidy_rate(user, org=org, category="civil", base_amount="1500", effective_from=dt.date(2020, 1, 1))
    return centre


def _provider(org, user):
    centre = _centre(org, user)
    found = Provider.objects.filter(org=centre).first()
    if found:
        return found
    firm = actions.create_service_org(user, org=centre, name="矩阵律师事务所", kind="law_firm")
    return actions.create_provider(user, service_org=firm, name="矩阵律师", kind="lawyer",
                                   licence_number=builders.licence(), practice_since=dt.date(2012, 1, 1),
                                   user=_lawyer_account(org))


def _lawyer_account(org):
    """The lawyer's platform account, in a law firm outside `org`'s subtree: the cases assigned to them are read
    by assignment, which the matrix proves in both directions (they read theirs, other lawyers read none)."""
    parent = org.parent or org
    firm = OrgUnit.objects.create(code=f"{org.code}-LS{OrgUnit.objects.count()}", name="矩阵律师事务所",
                                  kind=OrgKind.LAW_FIRM, division=parent.division, parent=parent)
    return factories.user(firm, Role.LAWYER)


def _case(org, user):
    """A closed, graded civil case with a progress entry and documents, and a refused one with an objection."""
    provider = _provider(org, user)
    centre = provider.org
    app = actions.register_application(user, org=centre, channel="visit", category="civil", civil_matter="labour",
                                       summary="讨薪", received_on=_days_ago(40), applicant=builders.applicant(),
                                       exemption="a42_3")
    actions.decide(user, app, decision="grant", decided_on=_days_ago(39))
    assignment = actions.assign(user, app, assigned_on=_days_ago(38), provider=provider)
    progress = actions.record_progress(user, app, happened_on=_days_ago(30), kind="meeting", note="会见")
    documents = [actions.add_document(user, app, kind=kind, uploaded=files.upload(files.pdf(), "文书.pdf"))
                 for kind in ("closing_report", "judgment")]
    actions.close_case(user, app, closed_on=_days_ago(10), method="judgment", outcome="胜诉")
    refused = actions.register_application(user, org=centre, channel="phone", category="civil",
                                           civil_matter="maintenance", summary="抚养费", received_on=_days_ago(9),
                                           applicant=builders.applicant(), household_size=2, household_income="1000")
    actions.decide(user, refused, decision="refuse", decided_on=_days_ago(8), reason="不属于援助范围")
    objection = actions.lodge_objection(user, refused, received_on=_days_ago(7), reason="属于援助范围")
    return app, assignment, progress, documents, objection, refused


@register("legalaid.hardshipstandard")
def hardship_standard(org, user):
    _centre(org, user)
    return HardshipStandard.objects.filter(org=org).first()


@register("legalaid.subsidyrate")
def subsidy_rate(org, user):
    _centre(org, user)
    return SubsidyRate.objects.filter(org=org).first()


@register("legalaid.serviceorg")
def service_org(org, user):
    return _provider(org, user).service_org


@register("legalaid.provider")
def provider(org, user):
    return _provider(org, user)


@register("legalaid.application")
def application(org, user):
    app, *_rest, refused = _case(org, user)
    forwarding = actions.register_application(user, org=org, channel="visit", category="civil", civil_matter="labour",
                                              summary="在司法所受理", received_on=_days_ago(1),
                                              applicant=builders.applicant(), exemption="a42_3")
    return [app, refused, forwarding]


@register("legalaid.assignment")
def assignment(org, user):
    return _case(org, user)[1]


@register("legalaid.progress")
def progress(org, user):
    return _case(org, user)[2]


@register("legalaid.document")
def document(org, user):
    return _case(org, user)[3]


@register("legalaid.objection")
def objection(org, user):
    return _case(org, user)[4]


def _station(org, user):
    return DutyStation.objects.filter(org=org).first() or actions.create_station(
        user, org=org, name="矩阵检察院工作站", kind="procuratorate")


@register("legalaid.dutystation")
def duty_station(org, user):
    return _station(org, user)


@register("legalaid.dutyshift")
def duty_shift(org, user):
    return actions.schedule_shift(user, station=_station(org, user), provider=_provider(org, user),
                                  on_date=_days_ago(2))


@register("legalaid.legalhelp")
def legal_help(org, user):
    station, lawyer = _station(org, user), _provider(org, user)
    day = _days_ago(3)
    actions.schedule_shift(user, station=station, provider=lawyer, on_date=day)
    return actions.record_help(user, station=station, provider=lawyer, helped_on=day, kind="plea", persons=2,
                               case_reference=f"砀检刑诉〔{day.year}〕{Application.objects.count() + 7}号")


@register("legalaid.consultation")
def consultation(org, user):
    return [actions.record_consultation(user, org=org, channel="hotline", asked_on=_days_ago(2), topic="wages",
                                        question="老板拖欠工资怎么办", answer="可申请劳动仲裁", is_migrant_worker=True),
            actions.record_consultation(user, org=org, channel="visit", asked_on=_days_ago(1), topic="marriage",
                                        question="离婚财产如何分割")]
