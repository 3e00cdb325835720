"""`sifa remind_disputes [--date YYYY-MM-DD]`: the daily T-5 reminders of 行政复议 and 行政应诉 deadlines."""

from sifa.core.management.daily import DailyCommand
from sifa.litigation.reminders import remind_deadlines


class Command(DailyCommand):
    help = "向行政复议、行政应诉承办人员发送期限届满前5个工作日的提醒（每日运行一次）。"

    def run(self, today):
        return remind_deadlines(today)
