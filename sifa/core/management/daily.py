"""A daily command's one option, `--date YYYY-MM-DD` (default today): subclasses name what to run for that day.

    class Command(DailyCommand):
        help = "…（每日运行一次）。"

        def run(self, today):
            return f"已发送提醒{remind(today)}条。"
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class DailyCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--date", default="", help="按哪一天计算（默认今天），格式 YYYY-MM-DD")

    def handle(self, *args, **options):
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期“{options['date']}”格式不正确，应为 YYYY-MM-DD。")
        self.stdout.write(self.run(today))

    def run(self, today: dt.date) -> str:
        raise NotImplementedError
