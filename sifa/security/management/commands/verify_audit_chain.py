"""`sifa verify_audit_chain [--archive FILE]`: re-walk the HMAC-SM3 chain; exit 1 if any row is broken."""

import sys

from django.core.management.base import BaseCommand, CommandError

from sifa.security import chain


class Command(BaseCommand):
    help = "校验审计日志哈希链（HMAC-SM3）。发现篡改或缺失时以状态码1退出。"

    def add_arguments(self, parser):
        parser.add_argument("--archive", help="校验 purge_audit 生成的归档文件，而不是数据库中的记录")

    def handle(self, *args, archive=None, **options):
        if archive:
            try:
                report = chain.verify_archive(archive)
            except (OSError, ValueError) as exc:
                raise CommandError(f"无法读取归档文件：{exc}")
            where = f"归档文件 {archive}"
        else:
            report = chain.verify_database()
            where = "数据库"
        self.stdout.write(f"已校验{where}中的审计记录 {report.checked} 条。")
        if report.ok:
            self.stdout.write(self.style.SUCCESS("哈希链完整，未发现篡改。"))
            return
        self.stderr.write(self.style.ERROR(
            f"发现 {len(report.broken)} 条记录校验失败（被修改、删除或插入），首个问题编号 {report.broken[0]}："
            f"{', '.join(map(str, report.broken))}"))
        for problem in report.problems:
            self.stderr.write(self.style.ERROR(problem))
        sys.exit(1)
