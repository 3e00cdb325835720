"""队伍教育活动台账: imported through the actions (all or nothing) and exported back."""

import io

from openpyxl import load_workbook

from sifa.ledger import registry
from sifa.ledger.exporter import export_kind
from sifa.ledger.importer import import_file
from sifa.team.models import TeamActivity
from tests.ledger.helpers import filled_template
from tests.team.builders import days_ago


def _import(rows, org, user):
    kind = registry.get("team_activities")
    return import_file(kind, filled_template(kind, rows), org=org, user=user)


def test_activities_import_and_export(tree, bureau_user):
    rows = [["政治轮训", days_ago(30).isoformat(), "政法干部政治轮训班第1期", "市委政法委", "12", ""],
            ["集中学习", days_ago(20).isoformat(), "党史学习教育专题学习", "", "35", "学习党史"]]
    result = _import(rows, tree["bureau"], bureau_user)
    assert result.ok, [e.reason for e in result.errors]
    assert dict(TeamActivity.objects.values_list("title", "kind")) == {"政法干部政治轮训班第1期": "training",
                                                                         "党史学习教育专题学习": "study"}
    buffer = io.BytesIO()
    export_kind(registry.get("team_activities"), bureau_user, tree["bureau"], buffer)
    buffer.seek(0)
    exported = [[c.value for c in row] for row in load_workbook(buffer).active.iter_rows()]
    assert [r[0] for r in exported[1:]] == ["政治轮训", "集中学习"] and exported[2][4] in (35, "35")


def test_a_bad_row_writes_nothing(tree, bureau_user):
    rows = [["集中学习", days_ago(20).isoformat(), "学习一", "", "", ""],
            ["集中学习", days_ago(-3).isoformat(), "未来的学习", "", "", ""]]
    result = _import(rows, tree["bureau"], bureau_user)
    assert not result.ok
    assert "活动日期不能晚于今天" in " ".join(e.reason for e in result.errors)
    assert not TeamActivity.objects.exists()
