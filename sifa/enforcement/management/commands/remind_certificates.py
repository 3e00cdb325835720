"""`sifa remind_certificates [--date YYYY-MM-DD]`: the daily notice of 执法证 whose validity or 年审 runs out within
the bureau's notice period (执法监督设置), to the agency's 联络员 and the bureau's staff, once per certificate and cycle."""

from sifa.core.management.daily import DailyCommand
from sifa.enforcement import integration


class Command(DailyCommand):
    help = "向执法主体联络员和司法局业务人员发送执法证件到期、年审到期提醒（每日运行一次）。"

    def run(self, today):
        return integration.remind_certificates(today)
