"""sifa ledger kinds | template KIND OUT.xlsx | import KIND FILE.xlsx --org CODE [--dry-run] [--user U]
[--errors OUT.xlsx] | export KIND OUT.xlsx --org CODE [--user U]

Without --user the command acts as the server operator (audited as “命令行”); with --user it acts with that
user's rights and data scope, exactly as the web page would."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from sifa.core.models import OrgUnit, User
from sifa.ledger import registry
from sifa.ledger.columns import ColumnType
from sifa.ledger.error_report import write_error_report
from sifa.ledger.exporter import export_kind
from sifa.ledger.importer import import_file
from sifa.ledger.template import build_template


class Command(BaseCommand):
    help = "台账导入导出：列出台账类型、生成模板、导入、导出。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="{kinds,template,import,export}")
        sub.add_parser("kinds", help="列出可导入导出的台账类型及其列")
        p = sub.add_parser("template", help="生成导入模板")
        p.add_argument("kind")
        p.add_argument("out")
        p = sub.add_parser("import", help="导入已填写的模板（全部正确才导入）")
        p.add_argument("kind")
        p.add_argument("file")
        p.add_argument("--org", required=True, help="目标机构代码")
        p.add_argument("--dry-run", action="store_true", help="仅校验，不写入")
        p.add_argument("--user", help="以该账号的权限和数据范围导入")
        p.add_argument("--errors", help="有错误时把逐格错误报告写到此.xlsx文件")
        p = sub.add_parser("export", help="导出机构（含下级）的记录")
        p.add_argument("kind")
        p.add_argument("out")
        p.add_argument("--org", required=True, help="机构代码")
        p.add_argument("--user", help="以该账号的权限和数据范围导出")

    def handle(self, *args, action, **options):
        try:
            return getattr(self, "do_" + action)(**options)
        except registry.UnknownKind as exc:
            raise CommandError(f"{exc} 可用：{'、'.join(k.code for k in registry.kinds())}")
        except PermissionDenied as exc:
            raise CommandError(str(exc))

    @staticmethod
    def _org(code):
        org = OrgUnit.objects.filter(code=code).first()
        if org is None:
            raise CommandError(f"机构代码“{code}”不存在。")
        return org

    @staticmethod
    def _user(username):
        if not username:
            return None
        user = User.objects.select_related("org").filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"账号“{username}”不存在或已停用。")
        return user

    def do_kinds(self, **options):
        for kind in registry.kinds():
            self.stdout.write(f"{kind.code}\t{kind.name}\t（导入权限：{kind.import_capability}）")
            for c in kind.columns:
                flag = "*" if c.required else " "
                self.stdout.write(f"    {flag} {c.header}\t{ColumnType.LABELS[c.type]}")

    def do_template(self, kind, out, **options):
        kind = registry.get(kind)
        with open(out, "wb") as fh:
            build_template(kind, fh)
        self.stdout.write(f"已生成《{kind.name}》导入模板：{out}")

    def do_import(self, kind, file, org, dry_run, user, errors, **options):
        kind = registry.get(kind)
        org, actor = self._org(org), self._user(user)
        try:
            fh = open(file, "rb")
        except OSError as exc:
            raise CommandError(f"无法打开文件“{file}”：{exc.strerror}")
        with fh:
            result = import_file(kind, fh, org=org, user=actor, dry_run=dry_run, filename=file.rsplit("/", 1)[-1])
        if result.ok:
            self.stdout.write(result.summary())
            return
        for err in result.errors[:50]:
            where = f"第{err.row}行" if err.row else "整个文件"
            column = f"【{err.column}】" if err.column else ""
            value = f"“{err.value}”" if err.value else ""
            self.stderr.write(f"{where}{column}{value}：{err.reason}")
        if len(result.errors) > 50:
            self.stderr.write(f"……其余{len(result.errors) - 50}处见错误报告。")
        if errors:
            with open(errors, "wb") as fh:
                write_error_report(result.errors, fh)
            self.stderr.write(f"错误报告已写入：{errors}")
        raise CommandError(result.summary())

    def do_export(self, kind, out, org, user, **options):
        kind = registry.get(kind)
        if not kind.exportable:
            raise CommandError(f"“{kind.name}”不支持导出。")
        org, actor = self._org(org), self._user(user)
        # Written beside the target and moved into place only when complete: a refused or failed export
        # leaves no file behind.
        target = Path(out)
        partial = target.with_name(target.name + ".part")
        try:
            with open(partial, "wb") as fh:
                count = export_kind(kind, actor, org, fh)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(target)
        self.stdout.write(f"已导出{count}行{kind.name}到：{out}")
