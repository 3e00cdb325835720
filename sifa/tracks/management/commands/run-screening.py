"""`sifa run-screening --org CODE --start DATE --end DATE --user USERNAME`: the in-product screening of stored
points (the same as the 轨迹排查 page's background job), and `--silence` for the 失联 check."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from sifa.core.models import OrgUnit, User
from sifa.tracks import actions, screening


class Command(BaseCommand):
    help = "对库内定位数据进行私自外出排查（写入预警），或用 --silence 做失联检查。" + screening.EPISODE_RULE_HELP

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="机构代码（县司法局或司法所）")
        parser.add_argument("--user", required=True, help="以该社区矫正工作人员的权限和数据范围执行")
        parser.add_argument("--start", help="排查起始日 YYYY-MM-DD")
        parser.add_argument("--end", help="排查截止日 YYYY-MM-DD")
        parser.add_argument("--buffer-m", type=float, default=200.0)
        parser.add_argument("--min-minutes", type=float, default=30.0)
        parser.add_argument("--min-points", type=int, default=3)
        parser.add_argument("--gap-hours", type=float, default=3.0)
        parser.add_argument("--silence", action="store_true", help="失联检查（超过规定小时无定位）")

    def handle(self, *args, **o):
        org = OrgUnit.objects.filter(code=o["org"]).first()
        if org is None:
            raise CommandError(f"机构代码“{o['org']}”不存在。")
        user = User.objects.select_related("org").filter(username=o["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"账号“{o['user']}”不存在或已停用。")
        try:
            if o["silence"]:
                alerts = actions.check_silence(user, org=org)
                self.stdout.write(f"新增失联预警{len(alerts)}条。")
                return
            if not o["start"] or not o["end"]:
                raise CommandError("请用 --start 和 --end 指定排查期间。")
            rule = screening.EpisodeRule(buffer_m=o["buffer_m"], min_minutes=o["min_minutes"],
                                         min_points=o["min_points"], gap_hours=o["gap_hours"])
            run = actions.run_screening(user, org=org, start=o["start"], end=o["end"], rule=rule)
        except (ValidationError, screening.ScreeningError) as exc:
            raise CommandError("；".join(getattr(exc, "messages", [str(exc)]))) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"排查{run.subjects}人、{run.points}个定位点：发现{run.found}人{run.episodes}段，新增预警{run.new_alerts}条。")
