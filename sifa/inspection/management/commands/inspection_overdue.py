"""`sifa inspection_overdue [--date YYYY-MM-DD]`: the daily check that marks 督察问题 whose 整改期限 passed
unrectified as 逾期 and tells the bureau's staff."""

from sifa.core.management.daily import DailyCommand
from sifa.inspection import integration


class Command(DailyCommand):
    help = "将整改期限已过仍未整改的督察问题标记为逾期并提醒（每日运行一次）。"

    def run(self, today):
        return integration.mark_overdue(today)
