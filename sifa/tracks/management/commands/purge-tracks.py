"""`sifa purge-tracks`: delete the location points of subjects discharged (or terminated) longer ago than the
retention period (SIFA_TRACKS_RETENTION_DAYS, default 365 days). Run it daily; it prints the count purged."""

from django.core.management.base import BaseCommand, CommandError

from sifa.tracks import actions


class Command(BaseCommand):
    help = "按保存期限删除解矫（终止）对象的行踪轨迹（默认解矫后满一年）。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="保存天数（默认取 SIFA_TRACKS_RETENTION_DAYS，缺省365）")
        parser.add_argument("--dry-run", action="store_true", help="只统计，不删除")

    def handle(self, *args, **options):
        days = options.get("days")
        if days is not None and days < 30:
            raise CommandError("保存天数不能少于30天。")
        result = actions.purge_points(days=days, dry_run=options["dry_run"])
        verb = "将删除" if options["dry_run"] else "已删除"
        self.stdout.write(f"{verb}{result['subjects']}名对象（{result['cutoff']}前解矫）的定位点{result['points']}个。")
