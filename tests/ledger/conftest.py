import pytest

from sifa.core.models import Role
from sifa.ledger import registry
from sifa.ledger.registry import Column, ColumnType, RecordKind, RowError

from .. import factories


@pytest.fixture
def sysadmin(tree):
    """The system administrator of the county bureau: maintains org units and population."""
    return factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN, username="sysadmin")


@pytest.fixture
def office_admin(tree):
    """A system administrator whose unit is one 司法所: their reach is that 司法所's subtree."""
    return factories.user(tree["office_a"], role=Role.SYSTEM_ADMIN, username="office_admin")


class PeopleStore:
    """A stand-in business line for kinds with personal data: records live in a list, so a test can see
    whether the action ran at all."""

    def __init__(self):
        self.saved: list[dict] = []
        self.calls = 0
        self.objects: list[dict] = []


@pytest.fixture
def people_kind():
    store = PeopleStore()

    def row_to_action(rows, ctx):
        store.calls += 1
        for row in rows:
            if row.values["name"] == "触发错误":
                raise RowError(row.number, "业务规则不允许。", "name", row.values["name"])
            store.saved.append(dict(row.values, org=ctx.org.code))

    kind = RecordKind(
        code="people_test", name="人员名册",
        columns=(
            Column("姓名", "name", required=True, max_length=20, example="张三"),
            Column("公民身份号码", "id_number", ColumnType.ID_NUMBER, required=True, sensitive=True,
                   example="11010519491231002X"),
            Column("手机号码", "mobile", ColumnType.MOBILE, sensitive=True, example="13800138000"),
            Column("登记日期", "registered", ColumnType.DATE, example=""),
            Column("是否重点", "key_person", ColumnType.BOOL, example="否"),
            Column("备注", "note", max_length=200, example=""),
        ),
        key=("id_number",),
        row_to_action=row_to_action,
        export_queryset=lambda user, filters: store.objects,
        row_for=lambda obj: obj,
    )
    registry.register(kind)
    kind_store = (kind, store)
    yield kind_store
    registry.unregister(kind.code)
