"""`sifa daily`: every line's daily job from one command; one failing job does not stop the others."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from sifa.core import audit, daily
from sifa.core.models import AuditEvent


def test_the_lines_register_their_daily_jobs():
    names = [job.name for job in daily.jobs()]
    for expected in ("审计日志校验", "行政复议、应诉期限提醒", "执法证件到期提醒", "督察问题逾期标记", "行踪轨迹保存期清理",
                     "过期会话清理"):
        assert expected in names
    assert names[0] == "审计日志校验"  # the trail is checked before the day's jobs write to it


@pytest.mark.django_db
def test_one_command_runs_every_job_and_reports_each(tree):
    out = io.StringIO()
    call_command("daily", date="2024-03-11", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == len(daily.jobs()) and all(line.startswith("✓ ") for line in lines)
    assert any(line.startswith("✓ 审计日志校验：已校验审计记录") and "哈希链完整" in line for line in lines)
    out = io.StringIO()
    call_command("daily", only=["过期会话清理"], stdout=out)
    assert out.getvalue().strip() == "✓ 过期会话清理：已清理过期会话0个。"


@pytest.mark.django_db
def test_a_failing_job_is_reported_the_others_still_run_and_the_exit_code_says_so(tree):
    ran = []
    daily.register("测试任务甲", lambda day: (_ for _ in ()).throw(RuntimeError("磁盘已满")), order=1)
    daily.register("测试任务乙", lambda day: ran.append(day) or "完成。", order=2)
    try:
        outcomes = {o.name: o for o in daily.run(dt.date(2024, 3, 11))}
        assert not outcomes["测试任务甲"].ok and outcomes["测试任务甲"].message == "磁盘已满"
        assert outcomes["测试任务乙"].ok and ran
        with pytest.raises(SystemExit) as exit_:
            call_command("daily", only=["测试任务甲"], stdout=io.StringIO())
        assert exit_.value.code == 1
    finally:
        daily._jobs.pop("测试任务甲", None)
        daily._jobs.pop("测试任务乙", None)


@pytest.mark.django_db
def test_a_broken_audit_chain_fails_the_daily_run(tree):
    from tests.security.test_audit_commands import tamper

    audit.record("action", verb="甲")
    audit.record("action", verb="乙")
    first = AuditEvent.objects.order_by("id").first()
    day = dt.date(2024, 3, 11)
    assert daily.run(day, only=["审计日志校验"])[0].ok
    tamper(first.pk)
    outcome = daily.run(day, only=["审计日志校验"])[0]
    assert not outcome.ok and f"首个问题编号{first.pk}" in outcome.message


def test_an_unknown_job_name_is_refused_in_chinese():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="没有这些每日任务：不存在的任务"):
        call_command("daily", only=["不存在的任务"], stdout=io.StringIO())
