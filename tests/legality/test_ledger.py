"""规范性文件台账: historical rows go through the actions, all or nothing."""

from sifa.ledger import registry
from sifa.ledger.importer import import_file
from sifa.legality.models import NormativeDoc
from tests.ledger.helpers import filled_template


def _row(number, filed="2020-03-20", validity="有效"):
    return ["政府规范性文件", "砀山县城区停车管理办法", "砀山县人民政府", number, "砀政〔2020〕12号", "2020-03-02", "",
            filed, "通过" if filed else "", "2020-04-10" if filed else "", validity, "2021-06-01" if validity != "有效" else ""]


def _import(rows, tree, user):
    kind = registry.get("legality_documents")
    return import_file(kind, filled_template(kind, rows), org=tree["bureau"], user=user)


def test_documents_import_through_the_actions(tree, bureau_user):
    result = _import([_row("砀政规〔2020〕1号"), _row("砀政规〔2020〕2号", filed="", validity="废止")], tree, bureau_user)
    assert result.ok, [e.reason for e in result.errors]
    assert dict(NormativeDoc.objects.values_list("registration_number", "validity")) == {
        "砀政规〔2020〕1号": "valid", "砀政规〔2020〕2号": "repealed"}


def test_a_bad_registration_number_writes_nothing(tree, bureau_user):
    result = _import([_row("砀政规〔2020〕1号"), _row("砀政规2020-2")], tree, bureau_user)
    assert not result.ok and "统一登记格式" in result.errors[0].reason
    assert not NormativeDoc.objects.exists()
