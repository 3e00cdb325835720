"""`sifa wellbeing …`: questionnaires, warning rules and the early-warning run from the command line.

    sifa wellbeing load-questionnaire FILE [--source TEXT]   载入量表（JSON 定义，或含“题号、题目”两列的 xlsx 题目文字）
    sifa wellbeing load-rules FILE                           载入心理预警规则（JSON）
    sifa wellbeing evaluate --user USERNAME [--on DATE]      评估该用户范围内全部在矫对象的心理预警
"""

import json
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from sifa.core.models import User
from sifa.wellbeing import actions
from sifa.wellbeing import questionnaires as q


class Command(BaseCommand):
    help = "心理评估与预警：载入量表和预警规则，批量评估心理预警。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True,
                                    metavar="{load-questionnaire,load-rules,evaluate}")
        load = sub.add_parser("load-questionnaire", help="载入量表定义或题目文字（出错时不写入任何数据）")
        load.add_argument("path", help="JSON 量表定义（格式同内置 SCL-90），或第一行为“题号、题目”的 xlsx 文件")
        load.add_argument("--source", default="", help="题目文字来源，如“某出版社2015年版”")
        rules = sub.add_parser("load-rules", help="载入心理预警规则（替换现有规则；出错时不写入任何数据）")
        rules.add_argument("path", help="JSON 文件，格式见内置 data/rules.json")
        evaluate = sub.add_parser("evaluate", help="评估某用户数据范围内全部在矫对象的心理预警")
        evaluate.add_argument("--user", required=True, help="以该社区矫正工作人员的身份和范围评估（用户名）")
        evaluate.add_argument("--on", default=None, help="评估日期（年-月-日），默认今天")

    def handle(self, *args, **options):
        handler = {"load-questionnaire": self.load_questionnaire, "load-rules": self.load_rules,
                   "evaluate": self.evaluate}[options["subcommand"]]
        try:
            handler(**options)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages))
        except PermissionDenied as exc:
            raise CommandError(str(exc))

    def load_questionnaire(self, path, source="", **_):
        definition = q.read_file(path)
        loaded = actions.load_questionnaire(None, definition, source=source or Path(path).name)
        self.stdout.write(f"已载入量表“{loaded.name}”（{loaded.code}）：{loaded.items.count()}题，"
                          f"{loaded.factors.count()}个因子。")

    def load_rules(self, path, **_):
        path = Path(path)
        if not path.exists():
            raise CommandError(f"文件“{path.name}”不存在。")
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"文件“{path.name}”不是有效的 UTF-8 JSON：{exc}")
        count = actions.load_rules(None, data)
        self.stdout.write(f"已载入{count}条心理预警规则。")

    def evaluate(self, user, on=None, **_):
        actor = User.objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"用户“{user}”不存在。")
        counts = actions.evaluate_all(actor, on=on)
        self.stdout.write(f"已评估{counts['subjects']}名在矫对象：高风险{counts['high']}人，中风险{counts['medium']}人；"
                          f"新发预警{counts['new']}条，上调{counts['raised']}条。")
