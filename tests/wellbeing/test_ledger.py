"""The 心理测评 ledger: SCL-90 sheets typed into Excel import through record_assessment, all or nothing, with a
Chinese reason per bad cell; exports mask the answers."""

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from sifa.ledger import registry
from sifa.ledger.exporter import export_to_file
from sifa.ledger.importer import import_file
from sifa.wellbeing.models import Assessment
from tests.ledger.helpers import filled_template

from .conftest import recent

pytestmark = pytest.mark.django_db
KIND = "wellbeing_assessments"


def _row(subject, answers, day=None):
    return [subject.number, (day or recent(3)).isoformat(), "王老师", *answers]


def test_import_all_or_nothing(cor, tree, subject):
    kind = registry.get(KIND)
    good = [2] * 13 + [1] * 77
    bad = [1] * 89 + [6]
    sheet = filled_template(kind, [_row(subject, good), _row(subject, bad)], keep_example=False)
    result = import_file(kind, sheet, org=tree["office_a"], user=cor["a"])
    assert not result.ok and Assessment.objects.count() == 0
    assert any(e.row == 3 and "第90题" in str(e.column) for e in result.errors)
    sheet = filled_template(kind, [_row(subject, good), ["（2099）砀矫字第9号", recent(3).isoformat(), "", *good]],
                            keep_example=False)
    result = import_file(kind, sheet, org=tree["office_a"], user=cor["a"])
    assert not result.ok and "不存在" in result.errors[0].reason and Assessment.objects.count() == 0
    sheet = filled_template(kind, [_row(subject, good)], keep_example=False)
    assert import_file(kind, sheet, org=tree["office_a"], user=cor["a"]).ok
    a = Assessment.objects.get()
    assert (a.total_score, a.positive_items) == (103, 13)


def test_only_corrections_officers_and_exports_are_masked(cor, tree, subject, tmp_path):
    kind = registry.get(KIND)
    sheet = filled_template(kind, [_row(subject, [3] * 90)], keep_example=False)
    with pytest.raises(PermissionDenied, match="没有导入"):
        import_file(kind, sheet, org=tree["office_a"], user=cor["head"])
    assert not Assessment.objects.exists()
    assert import_file(kind, filled_template(kind, [_row(subject, [3] * 90)], keep_example=False),
                       org=tree["office_a"], user=cor["a"]).ok
    path = tmp_path / "out.xlsx"
    with open(path, "wb") as out:
        objects = kind.export_queryset(cor["a"], {"org": tree["office_a"]})
        assert export_to_file(kind, objects, cor["a"], out, org=tree["office_a"]) == 1
    ws = load_workbook(path).active
    values = [c.value for c in list(ws.iter_rows(min_row=2, max_row=2))[0]]
    assert values[0] == subject.number and 3 not in values[3:]
