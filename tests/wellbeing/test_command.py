"""`sifa wellbeing …`: loading the bureau's wording (JSON or xlsx), warning rules, and the evaluation run. A
bad file is refused with a Chinese message naming the problem, and nothing is written."""

import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from sifa.core.models import AuditEvent
from sifa.wellbeing import actions
from sifa.wellbeing import questionnaires as q
from sifa.wellbeing.models import EarlyWarning, Questionnaire, WarningRule

from .answers import PUBLISHED, with_items
from .conftest import recent

pytestmark = pytest.mark.django_db


def _xlsx(path, rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_load_wording_from_xlsx(tmp_path, capsys):
    path = _xlsx(tmp_path / "scl90.xlsx", [("题号", "题目"), *((n, f"正式措辞{n}") for n in range(1, 91))])
    call_command("wellbeing", "load-questionnaire", str(path), "--source", "本局正式版本")
    form = Questionnaire.objects.get(code="SCL-90")
    assert form.items.get(number=90).text == "正式措辞90" and form.wording_source == "本局正式版本"
    assert form.items.get(number=90).factor.name == "精神病性"     # the structure is the shipped one
    assert "90题，10个因子" in capsys.readouterr().out
    assert AuditEvent.objects.filter(verb="载入心理测评量表").exists()


@pytest.mark.parametrize(("rows", "message"), [
    ([("题号", "题目"), *((n, f"题{n}") for n in range(1, 90))], "缺少第90题"),
    ([("题号", "题目"), *((n, f"题{n}") for n in range(1, 91)), (91, "多余")], "多出第91题"),
    ([("序号", "内容"), (1, "头痛")], "应有“题号”“题目”两列"),
    ([("题号", "题目"), ("一", "头痛")], "第2行的题号“一”不是整数"),
])
def test_bad_xlsx_is_refused(tmp_path, rows, message):
    path = _xlsx(tmp_path / "bad.xlsx", rows)
    with pytest.raises(CommandError, match=message):
        call_command("wellbeing", "load-questionnaire", str(path))
    assert not Questionnaire.objects.exists()


def test_json_definition_and_bad_files(tmp_path):
    definition = q.builtin_definition()
    definition["items"][0]["text"] = "头痛（正式）"
    good = tmp_path / "scl90.json"
    good.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
    call_command("wellbeing", "load-questionnaire", str(good))
    assert Questionnaire.objects.get().items.get(number=1).text == "头痛（正式）"
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="不是有效的 UTF-8 JSON"):
        call_command("wellbeing", "load-questionnaire", str(broken))
    text = tmp_path / "scl90.txt"
    text.write_text("1 头痛", encoding="utf-8")
    with pytest.raises(CommandError, match="不支持的文件类型“.txt”"):
        call_command("wellbeing", "load-questionnaire", str(text))
    with pytest.raises(CommandError, match="不存在"):
        call_command("wellbeing", "load-questionnaire", str(tmp_path / "missing.json"))


def test_load_rules_and_evaluate(tmp_path, cor, subject, capsys):
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"rules": [{"code": "screen", "name": "筛查阳性", "level": "medium",
                                            "all_of": ["positive_screen"]}]}), encoding="utf-8")
    call_command("wellbeing", "load-rules", str(rules))
    assert list(WarningRule.objects.values_list("code", flat=True)) == ["screen"]
    actions.record_assessment(cor["a"], subject, assessed_on=recent(3), answers=with_items(PUBLISHED["焦虑"], 3))
    call_command("wellbeing", "evaluate", "--user", cor["a"].username)
    assert "已评估1名在矫对象：高风险0人，中风险1人；新发预警1条" in capsys.readouterr().out
    assert EarlyWarning.objects.get().level == "medium"
    with pytest.raises(CommandError, match="用户“nobody”不存在"):
        call_command("wellbeing", "evaluate", "--user", "nobody")
    with pytest.raises(CommandError, match="只有社区矫正工作人员"):
        call_command("wellbeing", "evaluate", "--user", cor["head"].username)
    rules.write_text(json.dumps({"rules": []}), encoding="utf-8")
    with pytest.raises(CommandError, match="非空的 rules 列表"):
        call_command("wellbeing", "load-rules", str(rules))
    assert WarningRule.objects.count() == 1
