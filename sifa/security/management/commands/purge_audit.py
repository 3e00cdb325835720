"""`sifa purge_audit --before DATE --archive FILE [--dry-run]`: see sifa.security.purge for what it does."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sifa.security import purge


class Command(BaseCommand):
    help = ("归档并清理早于指定日期的审计日志。保存期不足180天的记录一律拒绝清理；"
            "记录先经哈希链校验并写入归档文件，再以特权方式删除。")

    def add_arguments(self, parser):
        parser.add_argument("--before", required=True, help="清理此日期（不含）之前的记录，格式 YYYY-MM-DD")
        parser.add_argument("--archive", help="归档文件路径（JSON Lines，不得已存在）；不指定则只预览")
        parser.add_argument("--dry-run", action="store_true", help="只显示将归档的记录数，不写文件、不删除")

    def handle(self, *args, before, archive=None, dry_run=False, **options):
        try:
            cutoff = date.fromisoformat(before)
        except ValueError:
            raise CommandError(f"日期“{before}”格式不正确，应为 YYYY-MM-DD。")
        try:
            plan = purge.plan(cutoff)
            if plan is None:
                self.stdout.write(f"没有早于 {cutoff:%Y-%m-%d} 且尚未归档的审计记录。")
                return
            self.stdout.write(f"早于 {cutoff:%Y-%m-%d} 的审计记录 {plan.count} 条（编号 {plan.first_id}–{plan.last_id}）。")
            if dry_run or not archive:
                if not archive:
                    self.stdout.write("未指定 --archive，仅预览；审计日志不会在未归档的情况下删除。")
                return
            plan, digest = purge.purge(cutoff, Path(archive))
        except purge.PurgeRefused as exc:
            raise CommandError(str(exc))
        self.stdout.write(self.style.SUCCESS(
            f"已归档 {plan.count} 条至 {archive}（SM3 {digest}）并从数据库删除。"))
