"""`sifa daily [--date YYYY-MM-DD] [--only 名称 …] [--list]`: every registered daily job (sifa.core.daily) in turn —
deadline reminders, overdue marking, retention purges, the audit-chain check. Exit 1 if any job failed."""

import sys

from django.core.management.base import CommandError

from sifa.core import daily
from sifa.core.management.daily import DailyCommand


class Command(DailyCommand):
    help = "运行全部每日任务（期限提醒、逾期标记、保存期清理、审计日志校验等）；任一任务失败时以状态码1退出。"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--only", nargs="+", default=None, help="只运行这些任务（名称见 --list）")
        parser.add_argument("--list", action="store_true", help="列出每日任务")

    def handle(self, *args, **options):
        if options["list"]:
            for job in daily.jobs():
                self.stdout.write(job.name)
            return
        self.only = options["only"]
        super().handle(*args, **options)
        if any(not outcome.ok for outcome in self.outcomes):
            sys.exit(1)

    def run(self, today):
        try:
            self.outcomes = daily.run(today, self.only)
        except KeyError as exc:
            raise CommandError(exc.args[0]) from None
        return "\n".join(f"{'✓' if o.ok else '✗'} {o.name}：{o.message}" for o in self.outcomes)
