"""`sifa remind_certificates [--date YYYY-MM-DD]`: the daily notice of 执法证 whose validity or 年审 runs out within
the bureau's notice period (执法监督设置), to the agency's 联络员 and the bureau's staff, once per certificate and cycle."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sifa.enforcement import actions


class Command(BaseCommand):
    help = "向执法主体联络员和司法局业务人员发送执法证件到期、年审到期提醒（每日运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--date", default="", help="按哪一天计算（默认今天），格式 YYYY-MM-DD")

    def handle(self, *args, **options):
        try:
            today = dt.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期“{options['date']}”格式不正确，应为 YYYY-MM-DD。")
        self.stdout.write(f"已发送提醒{actions.notify_expiring(today)}条。")
