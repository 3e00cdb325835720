"""Records of the enforcement line for the cross-org scope matrix, built through the actions and owned by the
given unit."""

import datetime as dt
import itertools

from sifa.enforcement import actions
from sifa.enforcement.models import Body, Category, OpinionSource
from tests.reconsideration.scope_factories import agency
from tests.scope_factories import register


def _days_ago(n: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=n)


def body(org, user) -> Body:
    """Not published: what an agency publishes on the 执法公示 site is public by law (《行政处罚法》第39条), so the
    matrix proves the other direction, that nothing unpublished reaches anyone through the public pages."""
    return Body.objects.filter(org=org).first() or actions.register_body(user, agency=agency(org, user), org=org,
                                                                         duties="矩阵职责", published=False)


# 12-digit numbers (6-digit area, 1 kind, 5 serial) that stay valid however large the database's ids grow
_CERT_SERIALS = itertools.count(1)


def _officers(org, user):
    found = list(body(org, user).officers.all())
    if found:
        return found
    b = body(org, user)
    return [actions.add_officer(user, body=b, name=f"矩阵执法{n}", cert_number=f"3413211{next(_CERT_SERIALS):05d}",
                                issued_on=_days_ago(400), valid_until=_days_ago(-1000)) for n in range(2)]


def _decision(org, user):
    b = body(org, user)
    return b.decisions.first() or actions.publish_decision(
        user, body=b, category=Category.PENALTY, number=f"矩阵罚{org.pk}号", title="矩阵案", party_name="矩阵当事人",
        decided_on=_days_ago(30), published_on=_days_ago(28), officers=_officers(org, user))


def _review(org, user):
    from sifa.enforcement.models import FileReview

    found = FileReview.objects.filter(org=org).first()
    if found is not None:
        return found
    sheet = actions.create_sheet(user, org=org, name=f"矩阵评分表{org.pk}", items=[("证据", "证据确凿", 20),
                                                                             ("文书", "文书规范", 10)])
    campaign = actions.open_campaign(user, org=org, title=f"矩阵评查{org.pk}", sheet=sheet, files_from=_days_ago(60),
                                     files_to=_days_ago(1), started_on=_days_ago(20))
    _decision(org, user)
    review = actions.sample(user, campaign, body=body(org, user), category=Category.PENALTY, count=1,
                            sampled_on=_days_ago(19))[0]
    actions.start_review(user, campaign)
    return actions.score_file(user, review, deductions={sheet.items.first(): 5}, reviewed_on=_days_ago(18))


def _opinion(org, user):
    from sifa.enforcement.models import Opinion

    found = Opinion.objects.filter(org=org).first()
    if found is not None:
        return found
    point = actions.add_contact_point(user, org=org, name=f"矩阵联系点{org.pk}", established_on=_days_ago(100))
    supervisor = actions.appoint_supervisor(user, org=org, kind="特邀行政执法监督员", name="矩阵监督员",
                                            appointed_on=_days_ago(100), contact_point=point, mobile="13900001111")
    check = actions.record_check(user, org=org, theme="矩阵专项", held_on=_days_ago(15), supervisors=[supervisor],
                                 bodies=[body(org, user)])
    opinion = actions.issue_opinion(user, org=org, number=f"矩阵监〔{org.pk}〕号", source=OpinionSource.MONTHLY,
                                    body=body(org, user), subject="矩阵事由", content="矩阵意见", issued_on=_days_ago(14),
                                    special_check=check, supervisor=supervisor, contact_point=point)
    return actions.receive_opinion(user, opinion, received_on=_days_ago(13))


register("enforcement.body")(body)
register("enforcement.officer")(_officers)
register("enforcement.decision")(_decision)


@register("enforcement.supervisionsettings")
def settings_row(org, user):
    return actions.configure(user, org=org, review_cycle_years=4)


@register("enforcement.verification")
def verification(org, user):
    return list(_officers(org, user)[0].verifications.all())


@register("enforcement.examsitting")
def exam(org, user):
    officer = _officers(org, user)[0]
    return list(officer.exams.all()) or actions.record_exam(user, officer, sat_on=_days_ago(50), score=80)


@register("enforcement.basis")
def basis(org, user):
    b = body(org, user)
    return b.bases.first() or actions.publish_basis(user, body=b, matter="矩阵事项", clause="矩阵条款",
                                                    published_on=_days_ago(90))


def _benchmark(org, user):
    b = body(org, user)
    return b.benchmarks.first() or actions.publish_benchmark(
        user, body=b, title="矩阵基准", published_on=_days_ago(90), local=True,
        items=[{"area": "矩阵方面", "matter": "矩阵事项", "tier": "一般", "sanction": "警告"}])


register("enforcement.benchmark")(_benchmark)


@register("enforcement.benchmarkitem")
def benchmark_item(org, user):
    return list(_benchmark(org, user).items.all())


@register("enforcement.scoresheet")
def sheet(org, user):
    return _review(org, user).campaign.sheet


@register("enforcement.sheetitem")
def sheet_item(org, user):
    return list(_review(org, user).campaign.sheet.items.all())


@register("enforcement.campaign")
def campaign(org, user):
    return _review(org, user).campaign


register("enforcement.filereview")(_review)


@register("enforcement.deduction")
def deduction(org, user):
    return list(_review(org, user).deductions.all())


register("enforcement.opinion")(_opinion)


@register("enforcement.supervisor")
def supervisor(org, user):
    return _opinion(org, user).supervisor


@register("enforcement.contactpoint")
def contact_point(org, user):
    return _opinion(org, user).contact_point


@register("enforcement.specialcheck")
def special_check(org, user):
    return _opinion(org, user).special_check
