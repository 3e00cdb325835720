"""`sifa orgs …`: administrative divisions, the organisation tree and resident population from the command line.

    sifa orgs load-divisions PATH [--under CODE]   导入行政区划（JSON 树、CSV 文件或含 CSV 的目录）
    sifa orgs tree CODE                            打印机构（或区划）子树
    sifa orgs population CODE YEAR RESIDENTS --source TEXT   登记常住人口
"""

import argparse
import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sifa.core import actions, divisions
from sifa.core.models import Division, OrgUnit


def _year(value: str) -> int:
    if not value.isdigit() or not 1949 <= int(value) <= 2100:
        raise argparse.ArgumentTypeError(f"年度“{value}”不正确，应为1949至2100之间的四位数字。")
    return int(value)


def _residents(value: str) -> int:
    if not value.isdigit() or int(value) <= 0:
        raise argparse.ArgumentTypeError(f"常住人口“{value}”不正确，应为正整数（单位：人）。")
    return int(value)


class Command(BaseCommand):
    help = "行政区划与机构树：导入区划、查看子树、登记常住人口。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{load-divisions,tree,population}")
        load = sub.add_parser("load-divisions", help="导入行政区划（可重复执行；出错时不写入任何数据）")
        load.add_argument("path", help="pcas-code.json 式树形 JSON、demo_counties.json 式 JSON、CSV 文件或含 CSV 的目录")
        load.add_argument("--under", metavar="CODE", help="只导入该区划及其下级（该区划须已存在或在文件中）")
        tree = sub.add_parser("tree", help="打印机构子树（或区划子树）")
        tree.add_argument("code", help="机构代码（如 341321-SFJ）或区划代码（如 341321）")
        tree.add_argument("--depth", type=int, default=None, help="最多显示的层数")
        population = sub.add_parser("population", help="登记某区划某年度的常住人口")
        population.add_argument("code", help="区划代码")
        population.add_argument("year", type=_year, help="年度")
        population.add_argument("residents", type=_residents, help="常住人口（人）")
        population.add_argument("--source", required=True, help="数据来源，如“2021年砀山县统计公报”")

    def handle(self, *args, **options):
        handler = {"load-divisions": self.load_divisions, "tree": self.tree,
                   "population": self.population}[options["subcommand"]]
        try:
            handler(**options)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages))

    def load_divisions(self, path, under=None, **_):
        started = time.monotonic()
        result = divisions.load_path(path, under=under)
        self.stdout.write(f"行政区划导入完成：{result}（用时{time.monotonic() - started:.1f}秒）。")

    def tree(self, code, depth=None, **_):
        org = OrgUnit.objects.filter(code=code).first()
        if org is not None:
            base = org.depth
            for unit in org.subtree().select_related("division").order_by("path"):
                level = unit.depth - base
                if depth is None or level < depth:
                    state = "" if unit.active else "（停用）"
                    self.stdout.write(f"{'  ' * level}{unit.name}{state}  [{unit.code}] {unit.get_kind_display()}"
                                      f" · {unit.division.full_name or unit.division.name}")
            return
        division = Division.objects.filter(code=code).first()
        if division is None:
            raise CommandError(f"找不到代码为“{code}”的机构或行政区划。")
        base = len(division.code)
        levels = [n for n in divisions.CODE_LENGTHS if n >= base]
        for item in Division.objects.filter(code__startswith=code).order_by("code"):
            level = levels.index(len(item.code))
            if depth is None or level < depth:
                self.stdout.write(f"{'  ' * level}{item.name}  [{item.code}] {item.get_level_display()}")

    def population(self, code, year, residents, source, **_):
        division = Division.objects.filter(code=code).first()
        if division is None:
            raise CommandError(f"行政区划“{code}”不存在，请先导入区划。")
        obj = actions.set_population(None, division=division, year=year, residents=residents, source=source)
        self.stdout.write(f"已登记：{obj.division} {obj.year}年常住人口{obj.residents:,}人（来源：{obj.source}）。")
