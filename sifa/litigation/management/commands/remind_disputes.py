"""`sifa remind_disputes [--date YYYY-MM-DD]`: the daily T-5 reminders of 行政复议 and 行政应诉 deadlines."""

from sifa.core.management.daily import DailyCommand
from sifa.litigation import reminders as lawsuits
from sifa.reconsideration import reminders as cases


class Command(DailyCommand):
    help = "向行政复议、行政应诉承办人员发送期限届满前5个工作日的提醒（每日运行一次）。"

    def run(self, today):
        return f"已发送提醒{cases.remind(today) + lawsuits.remind(today)}条。"
