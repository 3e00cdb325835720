"""`sifa indicators`: evaluate every registered indicator for an org and period, list the registry, and enter
historical baselines.

    sifa indicators --org 341321 --period 2021H1 --format table [--line 人民调解]
    sifa indicators --org 341321-SFJ --period 截至2021-08-13 --format json
    sifa indicators list [--format json]
    sifa indicators baseline set --code mediation.accepted --org 341321 --period 2020H1 --value 612 \
        --source "2020年上半年工作总结" [--note …] [--user 账号]
    sifa indicators baseline list [--org 341321]
    sifa indicators baseline delete --code mediation.accepted --org 341321 --period 2020H1
"""

import json
import unicodedata

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sifa.indicators import actions, engine, registry
from sifa.indicators.errors import IndicatorError
from sifa.indicators.models import Baseline
from sifa.indicators.orgscope import resolve_org
from sifa.indicators.periods import PERIOD_FORMS_HELP, parse_period


class 错误(CommandError):  # noqa: N801 - the class name is what Django prints before the message
    """Django prints “<class name>: <message>”, so the command's errors read “错误: …”."""


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(_width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(_pad(str(h), w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(str(c), w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "计算并输出统计指标；list 列出已登记指标；baseline 录入、查看、删除历史基数。"

    def add_arguments(self, parser):
        parser.add_argument("--org", help="机构代码（如 341321-SFJ）或行政区划代码（如 341321）")
        parser.add_argument("--period", help="统计期间：" + PERIOD_FORMS_HELP)
        parser.add_argument("--format", choices=["json", "table"], default="table", help="输出格式（默认 table）")
        parser.add_argument("--line", default="", help="只输出一个业务条线（中文名称，或指标代码前缀如 mediation）")
        sub = parser.add_subparsers(dest="action")
        listing = sub.add_parser("list", help="列出已登记的指标")
        listing.add_argument("--format", choices=["json", "table"], default="table", dest="list_format")
        baseline = sub.add_parser("baseline", help="历史基数")
        bsub = baseline.add_subparsers(dest="baseline_action", required=True)
        bset = bsub.add_parser("set", help="录入或更正一条历史基数")
        for name, help_text in (("--code", "指标代码"), ("--org", "机构代码或行政区划代码"),
                                ("--period", "统计期间，如 2020、2020H1"), ("--value", "数值"),
                                ("--source", "数据来源，如“2020年工作总结”")):
            bset.add_argument(name, required=True, help=help_text, dest=f"b_{name[2:]}")
        bset.add_argument("--note", default="", dest="b_note", help="备注")
        bset.add_argument("--user", default="", dest="b_user", help="以该账号身份录入（检查其数据范围）")
        blist = bsub.add_parser("list", help="列出历史基数")
        blist.add_argument("--org", default="", dest="b_org")
        bdel = bsub.add_parser("delete", help="删除一条历史基数")
        for name in ("--code", "--org", "--period"):
            bdel.add_argument(name, required=True, dest=f"b_{name[2:]}")

    def handle(self, *args, **options):
        action = options.get("action")
        if action == "list":
            return self.list_registry(options["list_format"])
        if action == "baseline":
            return getattr(self, f"baseline_{options['baseline_action']}")(options)
        return self.evaluate(options)

    # --- sifa indicators --org --period ---
    def evaluate(self, options):
        if not options.get("org") or not options.get("period"):
            raise 错误("请同时给出 --org（机构）和 --period（统计期间），例如：sifa indicators --org 341321 --period 2021H1",
                     returncode=2)
        try:
            org = resolve_org(options["org"])
            period = parse_period(options["period"])
            results = engine.evaluate_all(org, period, line=options["line"])
        except IndicatorError as exc:
            raise 错误(str(exc), returncode=2)
        if options["line"] and not results:
            raise 错误(f"业务条线“{options['line']}”没有已登记的指标。可用 sifa indicators list 查看。", returncode=2)
        if options["format"] == "json":
            self.stdout.write(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{org.name}（{org.code}） · {period.label}")
        rows = [[r.code, r.name, r.display, r.unit, r.reason or r.note] for r in results]
        self.stdout.write(format_table(rows, ["代码", "指标", "数值", "单位", "说明"]) if rows else "（尚无已登记的指标）")

    # --- sifa indicators list ---
    def list_registry(self, fmt):
        items = registry.all_indicators()
        if fmt == "json":
            self.stdout.write(json.dumps([{"code": i.code, "name": i.name, "unit": i.unit, "decimals": i.decimals,
                                           "line": i.line, "kind": i.kind, "dimensions": i.dimension_names(),
                                           "note": i.note} for i in items], ensure_ascii=False, indent=2))
            return
        rows = [[i.code, i.name, i.unit, str(i.decimals), i.line, "、".join(i.dimension_names())] for i in items]
        self.stdout.write(format_table(rows, ["代码", "指标", "单位", "小数", "业务条线", "维度"]) if rows
                          else "（尚无已登记的指标）")

    # --- sifa indicators baseline … ---
    def _actor(self, username):
        if not username:
            return None
        from sifa.core.models import User

        user = User.objects.filter(username=username, is_active=True).select_related("org").first()
        if user is None:
            raise 错误(f"账号“{username}”不存在或已停用。", returncode=2)
        return user

    def baseline_set(self, o):
        try:
            baseline = actions.set_baseline(self._actor(o["b_user"]), code=o["b_code"], org=o["b_org"],
                                            period=o["b_period"], value=o["b_value"], source=o["b_source"],
                                            note=o["b_note"], cli_user="命令行")
        except ValidationError as exc:
            raise 错误("；".join(exc.messages), returncode=2)
        self.stdout.write(f"已保存历史基数：{baseline.indicator_code} {baseline.org.name} {baseline.period_key} = "
                          f"{baseline.value_display}（{baseline.source}）")

    def baseline_list(self, o):
        qs = Baseline.objects.select_related("org").order_by("indicator_code", "org__path", "-period_start")
        if o["b_org"]:
            try:
                qs = qs.under(resolve_org(o["b_org"]))
            except IndicatorError as exc:
                raise 错误(str(exc), returncode=2)
        rows = [[b.indicator_code, b.org.name, b.period_key, b.value_display, b.source] for b in qs]
        self.stdout.write(format_table(rows, ["指标代码", "机构", "期间", "数值", "来源"]) if rows else "（尚无历史基数）")

    def baseline_delete(self, o):
        try:
            org = resolve_org(o["b_org"])
            key = parse_period(o["b_period"]).key
        except IndicatorError as exc:
            raise 错误(str(exc), returncode=2)
        baseline = Baseline.objects.filter(indicator_code=o["b_code"], org=org, period_key=key).first()
        if baseline is None:
            raise 错误(f"没有找到 {o['b_code']} {org.name} {key} 的历史基数。", returncode=2)
        actions.delete_baseline(None, baseline, cli_user="命令行")
        self.stdout.write(f"已删除历史基数：{o['b_code']} {org.name} {key}")
