"""复议案件台账 and 应诉案件台账: historical rows go through the actions, all or nothing; exports mask identifiers."""

import io

from openpyxl import load_workbook

from sifa.ledger import registry
from sifa.ledger.exporter import export_to_file
from sifa.ledger.importer import import_file
from sifa.litigation.models import Lawsuit
from sifa.reconsideration.models import Case, CaseStatus
from tests import factories
from tests.ledger.helpers import filled_template

RESPONDENT = "砀山县市场监督管理局"


def _case_row(number, accepted="2020-03-05", outcome="维持", closed="2020-04-20", declined=""):
    return [number, "张某某", factories.resident_id(), RESPONDENT, "行政处罚", "罚款五千元", "撤销处罚", "当面递交",
            "2020-03-02", "2020-03-03", accepted, declined, "不符合受理条件" if declined else "", "普通程序", outcome,
            "", closed, "否", ""]


def _import(code, rows, tree, user):
    kind = registry.get(code)
    return import_file(kind, filled_template(kind, rows), org=tree["bureau"], user=user)


def test_historical_cases_import_through_the_workflow(tree, bureau_user, agencies):
    rows = [_case_row("砀复〔2020〕1号"), _case_row("砀复〔2020〕2号", accepted="", outcome="", closed="",
                                                   declined="2020-03-06")]
    result = _import("reconsideration_cases", rows, tree, bureau_user)
    assert result.ok, [e.reason for e in result.errors]
    assert dict(Case.objects.values_list("number", "status")) == {"砀复〔2020〕1号": CaseStatus.DECIDED,
                                                                  "砀复〔2020〕2号": CaseStatus.DECLINED}
    assert Case.objects.get(number="砀复〔2020〕1号").law_version == "2017"


def test_one_bad_row_writes_nothing(tree, bureau_user, agencies):
    _import("reconsideration_cases", [_case_row("砀复〔2020〕1号")], tree, bureau_user)
    rows = [_case_row("砀复〔2020〕5号"), _case_row("砀复〔2020〕1号"),
            _case_row("砀复〔2020〕6号", closed="2020-03-04"), _case_row("砀复〔2020〕7号", outcome="驳回复议请求")]
    result = _import("reconsideration_cases", rows, tree, bureau_user)
    reasons = " ".join(e.reason for e in result.errors)
    assert not result.ok
    assert "案号“砀复〔2020〕1号”已登记" in reasons
    assert Case.objects.count() == 1


def test_export_masks_the_applicant_identifier(tree, bureau_user, agencies):
    _import("reconsideration_cases", [_case_row("砀复〔2020〕1号")], tree, bureau_user)
    out = io.BytesIO()
    kind = registry.get("reconsideration_cases")
    export_to_file(kind, kind.export_queryset(bureau_user, {"org": tree["bureau"]}), bureau_user, out,
                   org=tree["bureau"])
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    values = [c.value for c in list(sheet.iter_rows(min_row=2, max_row=2))[0]]
    assert values[0] == "砀复〔2020〕1号" and "*" in values[2]


def test_lawsuit_ledger_import(tree, bureau_user, agencies):
    row = ["（2020）皖1321行初12号", "一审", "砀山县人民法院", "王某", "不服处罚", RESPONDENT, "2020-05-06",
           "2020-05-08", "2020-05-20", "2020-06-15", "是", "李某", "副职负责人", "判决驳回诉讼请求", "2020-07-01"]
    assert _import("litigation_lawsuits", [row], tree, bureau_user).ok
    suit = Lawsuit.objects.get()
    assert (suit.head_appeared, suit.outcome, suit.lost) == (True, "dismissed", False)
    result = _import("litigation_lawsuits", [row], tree, bureau_user)
    assert not result.ok and "已登记" in result.errors[0].reason and Lawsuit.objects.count() == 1
