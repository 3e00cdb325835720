"""`sifa remind_disputes [--date YYYY-MM-DD]`: the daily T-5 reminders of 行政复议 and 行政应诉 deadlines."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sifa.litigation import reminders as lawsuits
from sifa.reconsideration import reminders as cases


class Command(BaseCommand):
    help = "向行政复议、行政应诉承办人员发送期限届满前5个工作日的提醒（每日运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--date", default="", help="按哪一天计算（默认今天），格式 YYYY-MM-DD")

    def handle(self, *args, **options):
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期“{options['date']}”格式不正确，应为 YYYY-MM-DD。")
        sent = cases.remind(today) + lawsuits.remind(today)
        self.stdout.write(f"已发送提醒{sent}条。")
