"""The enforcement line through its actions: certificates (format, uniqueness, 年审 cycle, status, expiry
notices), decisions (持证 officers, the 7/20 working-day rule, published before decided), 案卷评查 (sampling,
scores within the sheet, grades by thresholds, 通报, rectification per file) and the 监督意见书 closed loop."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core.models import AuditEvent, Notification, Role
from sifa.enforcement import actions
from sifa.enforcement.models import (
    Campaign,
    CampaignStatus,
    Category,
    CertKind,
    CertStatus,
    Decision,
    FileReview,
    Grade,
    Officer,
    Opinion,
    OpinionSource,
    OpinionStatus,
    VerificationKind,
)
from tests import factories
from tests.enforcement import builders

D = dt.date


def _nothing_written(models, call, match):
    before = [m.objects.count() for m in models] + [AuditEvent.objects.count()]
    with pytest.raises(ValidationError, match=match):
        call()
    assert [m.objects.count() for m in models] + [AuditEvent.objects.count()] == before


# ------------------------------------------------------------------------------------------ certificates

def test_certificate_number_format_kind_province_and_uniqueness(bureau_user, market):
    first = builders.officer(bureau_user, market, cert_number="341321100001")
    assert first.review_due == D(2024, 1, 6)  # four-year 年审 cycle by default
    for number, match in (("34132110001", "格式不正确"), ("341321200002", "第7位应为1"),
                          ("441321100003", "不属于本省"), ("341321100001", "已被.*张执法使用")):
        _nothing_written([Officer], lambda n=number: builders.officer(bureau_user, market, cert_number=n), match)
    builders.officer(bureau_user, market, "王监督", cert_number="341321200009", cert_kind=CertKind.SUPERVISION)


def test_review_cycle_is_configurable_and_a_passed_review_restarts_it(tree, bureau_user, market):
    actions.configure(bureau_user, org=tree["bureau"], review_cycle_years=2)
    officer = builders.officer(bureau_user, market)
    assert officer.review_due == D(2022, 1, 6)
    assert not officer.valid_on(D(2022, 3, 1))
    actions.verify(bureau_user, officer, kind=VerificationKind.CYCLE, checked_on=D(2022, 1, 4))
    officer.refresh_from_db()
    assert (officer.reviewed_on, officer.review_due, officer.valid_on(D(2022, 3, 1))) == (D(2022, 1, 4),
                                                                                           D(2024, 1, 4), True)
    failed = actions.verify(bureau_user, officer, kind=VerificationKind.ANNUAL, checked_on=D(2023, 1, 4), passed=False)
    assert failed.passed is False


def test_status_needs_a_reason_and_revoked_is_final(bureau_user, market):
    officer = builders.officer(bureau_user, market)
    with pytest.raises(ValidationError, match="请填写暂扣或注销的原因"):
        actions.set_status(bureau_user, officer, status=CertStatus.SUSPENDED)
    actions.set_status(bureau_user, officer, status="暂扣", reason="涉嫌违法执法，调查期间")
    officer.refresh_from_db()
    assert not officer.valid_on(D(2021, 1, 1))
    actions.set_status(bureau_user, officer, status=CertStatus.VALID)
    actions.set_status(bureau_user, officer, status=CertStatus.REVOKED, reason="调离执法岗位")
    with pytest.raises(ValidationError, match="已注销"):
        actions.set_status(bureau_user, officer, status=CertStatus.VALID)


def test_exam_score_outside_range_is_refused(bureau_user, market):
    officer = builders.officer(bureau_user, market)
    assert actions.record_exam(bureau_user, officer, sat_on=D(2021, 5, 1), score="86").passed
    assert not actions.record_exam(bureau_user, officer, sat_on=D(2021, 5, 2), score=59.5).passed
    with pytest.raises(ValidationError, match="超出范围"):
        actions.record_exam(bureau_user, officer, sat_on=D(2021, 5, 3), score=101)


def test_expiring_certificates_notify_the_liaison_and_staff_once(tree, bureau_user, market):
    liaison = factories.user(tree["bureau"], role=Role.OFFICE_STAFF, username="market_liaison")
    actions.update_body(bureau_user, market, liaison=liaison)
    market.refresh_from_db()
    builders.officer(bureau_user, market, "将到期", issued=D(2016, 1, 4), until=D(2026, 2, 1))
    builders.officer(bureau_user, market, "远未到期", issued=D(2025, 1, 4), until=D(2035, 1, 1))
    sent = actions.notify_expiring(D(2026, 1, 10))
    titles = set(Notification.objects.filter(user=liaison).values_list("title", flat=True))
    assert sent == 2 and any("将到期" in t for t in titles) and not any("远未到期" in t for t in titles)
    assert actions.notify_expiring(D(2026, 1, 11)) == 0


def test_writing_is_refused_out_of_scope(tree, other_office_user, market):
    with pytest.raises(PermissionDenied):
        builders.officer(other_office_user, market)


# ------------------------------------------------------------------------------------------- decisions

def test_decision_needs_two_officers_with_valid_certificates(bureau_user, bodies, market):
    one, two = builders.pair(bureau_user, market)
    expired = builders.officer(bureau_user, market, "过期", issued=D(2015, 1, 5), until=D(2020, 1, 4))
    other = builders.officer(bureau_user, bodies["resources"], "别家")
    for officers, match in (([one], "两名以上"), ([one, expired], "过期.*未持有有效执法证"), ([one, other], "不是")):
        _nothing_written([Decision], lambda o=officers: builders.decision(bureau_user, market, o, "砀市监罚〔2021〕1号",
                                                                           D(2021, 3, 1)), match)
    actions.set_status(bureau_user, two, status=CertStatus.SUSPENDED, reason="暂扣")
    with pytest.raises(ValidationError, match="李执法.*未持有有效执法证"):
        builders.decision(bureau_user, market, [one, two], "砀市监罚〔2021〕1号", D(2021, 3, 1))


def test_publication_within_seven_or_twenty_working_days_late_flagged(bureau_user, market):
    officers = builders.pair(bureau_user, market)
    on_time = builders.decision(bureau_user, market, officers, "罚1", D(2021, 3, 1), D(2021, 3, 10))
    assert (on_time.publish_due, on_time.late) == (D(2021, 3, 10), False)
    late = builders.decision(bureau_user, market, officers, "罚2", D(2021, 3, 1), D(2021, 3, 11))
    assert late.late and Notification.objects.filter(user=bureau_user, title__contains="超期公示").exists()
    other = builders.decision(bureau_user, market, officers, "强1", D(2021, 3, 1), D(2021, 3, 26),
                              category=Category.COERCION)
    assert (other.publish_due, other.late) == (D(2021, 3, 29), False)
    _nothing_written([Decision], lambda: builders.decision(bureau_user, market, officers, "罚3", D(2021, 3, 5),
                                                           D(2021, 3, 4)), "公示日期.*不能早于决定日期")
    _nothing_written([Decision], lambda: builders.decision(bureau_user, market, officers, "罚1", D(2021, 3, 5)),
                     "已公示")


# ------------------------------------------------------------------------------------------- 案卷评查

@pytest.fixture
def campaign_with_files(tree, bureau_user, market):
    officers = builders.pair(bureau_user, market)
    for n in range(6):
        builders.decision(bureau_user, market, officers, f"罚{n}", D(2021, 3, 1) + dt.timedelta(days=n))
    sheet = actions.standard_sheet(bureau_user, tree["bureau"])
    campaign = actions.open_campaign(bureau_user, org=tree["bureau"], title="2021年上半年行政执法案卷评查", sheet=sheet,
                                     files_from=D(2021, 1, 1), files_to=D(2021, 6, 30), started_on=D(2021, 7, 1))
    files = actions.sample(bureau_user, campaign, body=market, category=Category.PENALTY, count=4,
                           sampled_on=D(2021, 7, 2))
    return campaign, files, sheet


def test_sampling_draws_distinct_files_and_refuses_more_than_there_are(bureau_user, market, campaign_with_files):
    campaign, files, _ = campaign_with_files
    assert len({f.file_number for f in files}) == 4 and all(f.decision_id for f in files)
    _nothing_written([FileReview], lambda: actions.sample(bureau_user, campaign, body=market,
                                                          category=Category.PENALTY, count=3), "只有2件可抽取")
    paper = actions.sample(bureau_user, campaign, body=market, category=Category.LICENCE, numbers=["砀市监许〔2021〕9号"])
    assert paper[0].decision is None


def test_scores_grades_notice_and_rectification(bureau_user, market, campaign_with_files):
    campaign, files, sheet = campaign_with_files
    items = list(sheet.items.all())
    with pytest.raises(ValidationError, match="未评分"):
        actions.start_review(bureau_user, campaign)
        actions.notify_campaign(bureau_user, campaign, notice_number="砀司通〔2021〕1号",
                                notified_on=D(2021, 7, 20), rectify_due=D(2021, 8, 20))
    with pytest.raises(ValidationError, match="扣分30.*应在0至25"):
        actions.score_file(bureau_user, files[0], deductions={items[1]: 30}, reviewed_on=D(2021, 7, 5))
    assert FileReview.objects.get(pk=files[0].pk).score is None
    scores = [actions.score_file(bureau_user, f, deductions=d, reviewed_on=D(2021, 7, 5)) for f, d in zip(files, [
        {}, {items[1].pk: (5, "证据不充分")}, {items[2]: 20, items[3]: (25, "适用法律错误")}, {items[4]: "8"}],
        strict=True)]
    assert [(s.score, s.grade, s.needs_rectification) for s in scores] == [
        (Decimal(100), Grade.EXCELLENT, False), (Decimal(95), Grade.EXCELLENT, False),
        (Decimal(55), Grade.UNQUALIFIED, True), (Decimal(92), Grade.EXCELLENT, False)]
    actions.score_file(bureau_user, files[3], deductions={items[4].pk: 15}, reviewed_on=D(2021, 7, 6))
    assert FileReview.objects.get(pk=files[3].pk).grade == Grade.QUALIFIED
    campaign = actions.notify_campaign(bureau_user, campaign, notice_number="砀司通〔2021〕1号",
                                       notified_on=D(2021, 7, 20), rectify_due=D(2021, 8, 20))
    assert campaign.status == CampaignStatus.NOTIFIED
    with pytest.raises(ValidationError, match="尚有2卷未完成整改"):
        actions.close_campaign(bureau_user, campaign, closed_on=D(2021, 8, 1))
    with pytest.raises(ValidationError, match="无需整改"):
        actions.rectify_file(bureau_user, files[0], rectified_on=D(2021, 8, 1), rectification="-")
    for f in (files[2], files[3]):
        actions.rectify_file(bureau_user, f, rectified_on=D(2021, 8, 1), rectification="补充证据，重新装订")
    assert actions.close_campaign(bureau_user, campaign, closed_on=D(2021, 8, 2)).status == CampaignStatus.CLOSED


def test_sheet_thresholds_are_checked(tree, bureau_user):
    with pytest.raises(ValidationError, match="分数线"):
        actions.create_sheet(bureau_user, org=tree["bureau"], name="错表", items=[("证据", "证据", 10)],
                             excellent_from=50, pass_from=60)
    with pytest.raises(ValidationError, match="超过满分"):
        actions.create_sheet(bureau_user, org=tree["bureau"], name="错表", items=[("证据", "证据", 80), ("程序", "程序", 30)])


# --------------------------------------------------------------------------------------- 监督意见书

def test_opinion_closed_loop_refuses_closing_without_recheck(tree, bureau_user, market):
    supervisor = actions.appoint_supervisor(bureau_user, org=tree["bureau"], kind="特邀行政执法监督员", name="周监督",
                                            appointed_on=D(2021, 1, 5), mobile="13912345678")
    check = actions.record_check(bureau_user, org=tree["bureau"], theme="涉企检查频次专项监督", held_on=D(2021, 3, 1),
                                 supervisors=[supervisor], bodies=[market])
    opinion = actions.issue_opinion(bureau_user, org=tree["bureau"], number="砀司监〔2021〕1号",
                                    source=OpinionSource.MONTHLY, body=market, subject="重复检查",
                                    content="减少对同一企业的重复检查", issued_on=D(2021, 3, 2),
                                    special_check=check, supervisor=supervisor)
    assert opinion.due_on == D(2021, 4, 1) and opinion.overdue(D(2021, 4, 2))
    actions.receive_opinion(bureau_user, opinion, received_on=D(2021, 3, 3))
    with pytest.raises(ValidationError, match="尚未复查"):
        actions.close_opinion(bureau_user, opinion, closed_on=D(2021, 3, 20))
    actions.reply_opinion(bureau_user, opinion, replied_on=D(2021, 3, 15), reply="已建立检查计划统筹制度")
    with pytest.raises(ValidationError, match="尚未复查"):
        actions.close_opinion(bureau_user, opinion, closed_on=D(2021, 3, 20))
    actions.recheck_opinion(bureau_user, opinion, rechecked_on=D(2021, 3, 18), passed=False, note="制度未落实")
    opinion.refresh_from_db()
    assert opinion.status == OpinionStatus.RECTIFYING and opinion.due_on == D(2021, 4, 19)
    actions.reply_opinion(bureau_user, opinion, replied_on=D(2021, 3, 25), reply="已落实")
    actions.recheck_opinion(bureau_user, opinion, rechecked_on=D(2021, 3, 28), passed=True, note="整改到位")
    closed = actions.close_opinion(bureau_user, opinion, closed_on=D(2021, 3, 29))
    assert (closed.status, closed.replied_late) == (OpinionStatus.CLOSED, False)
    assert list(supervisor.opinions.all()) == [closed]
    _nothing_written([Opinion], lambda: actions.issue_opinion(
        bureau_user, org=tree["bureau"], number="砀司监〔2021〕1号", source=OpinionSource.COMPLAINT, body=market,
        subject="s", content="c", issued_on=D(2021, 4, 1)), "已使用")
    _nothing_written([Opinion], lambda: actions.issue_opinion(
        bureau_user, org=tree["bureau"], number="砀司监〔2021〕2号", source=OpinionSource.MONTHLY, body=market,
        subject="s", content="c", issued_on=D(2021, 4, 1)), "请选择所属的专项监督")


def test_campaign_is_in_campaign_table(bureau_user, campaign_with_files):
    campaign, _, _ = campaign_with_files
    assert Campaign.objects.get(pk=campaign.pk).status == CampaignStatus.SAMPLING


def test_the_daily_command_sends_the_certificate_notices(bureau_user, market):
    from io import StringIO

    from django.core.management import call_command

    builders.officer(bureau_user, market, "将到期", issued=D(2016, 1, 4), until=D(2026, 2, 1))
    out = StringIO()
    call_command("remind_certificates", "--date", "2026-01-10", stdout=out)
    assert out.getvalue().strip() == "已发送执法证件到期提醒1条。"
