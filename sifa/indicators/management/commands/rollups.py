"""`sifa rollups`: rebuild the stored monthly roll-ups of the indicators (all, or the codes given) from the
records — the nightly job; figures never depend on it having run (a stale county is rebuilt on first use).

    sifa rollups [--code mediation.accepted --code mediation.succeeded_closed] [--breakdowns]
"""

import time

from django.core.management.base import BaseCommand, CommandError

from sifa.indicators import registry, rollups
from sifa.indicators.errors import UnknownIndicator


class 错误(CommandError):  # noqa: N801 - the class name is what Django prints before the message
    """Django prints “<class name>: <message>”."""


class Command(BaseCommand):
    help = "从记录重建指标的月度汇总（全部或指定指标）。"

    def add_arguments(self, parser):
        parser.add_argument("--code", action="append", default=[], help="指标代码，可重复；不填则重建全部")
        parser.add_argument("--breakdowns", action="store_true", help="同时重建各分类维度的分组汇总")

    def handle(self, *args, **options):
        codes = options["code"]
        for code in codes:
            try:
                indicator = registry.get(code)
            except UnknownIndicator as exc:
                raise 错误(str(exc)) from exc
            if not rollups.eligible(indicator):
                raise 错误(f"指标“{code}”不按月汇总（仅按日期区间计数或求和的指标可汇总），无需重建。")
        started = time.perf_counter()
        chosen = [registry.get(code) for code in codes] if codes else registry.all_indicators()
        written = rollups.rebuild(chosen, breakdowns=options["breakdowns"])
        self.stdout.write(f"已重建{len(written)}项指标的月度汇总，共{sum(written.values())}行，"
                          f"用时{time.perf_counter() - started:.1f}秒。")
