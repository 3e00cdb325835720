"""The registry of record kinds: what a business line can import from and export to a spreadsheet.

A line declares its kinds in its own `ledger.py` (found by LedgerConfig.ready()):

    from sifa.ledger.registry import Column, ColumnType as T, RecordKind, per_row, register

    register(RecordKind(
        code="disputes", name="矛盾纠纷",
        columns=(Column("当事人身份证号", "id_number", T.ID_NUMBER, required=True, sensitive=True), ...),
        row_to_action=per_row(lambda values, ctx: actions.register_dispute(ctx.user, org=ctx.org, **values)),
        export_queryset=lambda user, filters: Dispute.objects.for_user(user).under(filters["org"]),
        row_for=lambda d: {"id_number": d.id_number, ...},
    ))

`row_to_action` receives every validated row (an iterator of `Row`) inside the import's single transaction;
raising `RowError` (or letting a ValidationError out of `per_row`) rolls the whole import back and names the row.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError

from sifa.core.access import reaches
from sifa.core.roles import has_capability

from .columns import Column, ColumnType

__all__ = ["Column", "ColumnType", "ImportContext", "RecordKind", "Row", "RowError", "UnknownKind", "call_action",
           "chunks", "each_row", "check_access", "get", "kinds", "need_user", "org_in_scope", "per_row", "register"]


class Row(NamedTuple):
    number: int     # the row number Excel shows
    values: dict    # column key → clean value ("" or None for an empty optional cell)


@dataclass
class ImportContext:
    user: object            # the importing User, or None for the server operator at the command line
    org: object             # the target OrgUnit: imported records belong to it
    dry_run: bool = False
    state: dict = field(default_factory=dict)   # scratch space a kind's checks may share across batches


class RowError(Exception):
    """A row that cannot be imported. `column` is a column key, or "" when the whole row is at fault."""

    def __init__(self, row: int | None, message: str, column: str = "", value=None):
        super().__init__(message)
        self.row, self.message, self.column, self.value = row, message, column, value


class UnknownKind(LookupError):
    pass


@dataclass(frozen=True)
class RecordKind:
    code: str
    name: str
    columns: tuple[Column, ...]
    row_to_action: Callable[[Iterator[Row], ImportContext], object]
    export_queryset: Callable | None = None         # (user, filters) → iterable of objects; filters["org"] is set
    row_for: Callable | None = None                 # object → {column key: value}
    check_rows: Callable[[list[Row], ImportContext], Iterable[RowError]] | None = None   # batched DB checks
    key: tuple[str, ...] = ()                       # column keys identifying a record; default: the whole row
    import_capability: str = "import"
    export_capability: str = "export"
    description: str = ""

    def __post_init__(self):
        keys = [c.key for c in self.columns]
        headers = [c.header for c in self.columns]
        if len(set(keys)) != len(keys) or len(set(headers)) != len(headers):
            raise ValueError(f"kind {self.code!r}: column keys and headers must be unique")
        if any(k not in keys for k in self.key):
            raise ValueError(f"kind {self.code!r}: key names an unknown column")
        if len(self.sheet_name) > 31 or any(ch in self.sheet_name for ch in "[]:*?/\\"):
            raise ValueError(f"kind {self.code!r}: name cannot be an Excel sheet name")

    @property
    def sheet_name(self) -> str:
        return self.name

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    @property
    def exportable(self) -> bool:
        return self.export_queryset is not None and self.row_for is not None

    def can_import(self, user) -> bool:
        return user is None or has_capability(user, self.import_capability)

    def can_export(self, user) -> bool:
        return self.exportable and (user is None or has_capability(user, self.export_capability))


_kinds: dict[str, RecordKind] = {}


def register(kind: RecordKind) -> RecordKind:
    existing = _kinds.get(kind.code)
    if existing is not None and existing != kind:
        raise ValueError(f"record kind {kind.code!r} is already registered")
    _kinds[kind.code] = kind
    return kind


def unregister(code: str) -> None:
    _kinds.pop(code, None)


def get(code: str) -> RecordKind:
    try:
        return _kinds[code]
    except KeyError:
        raise UnknownKind(f"没有名为“{code}”的台账类型。")


def kinds() -> list[RecordKind]:
    return sorted(_kinds.values(), key=lambda k: k.code)


def importable_by(user) -> list[RecordKind]:
    return [k for k in kinds() if k.can_import(user)]


def exportable_by(user) -> list[RecordKind]:
    return [k for k in kinds() if k.can_export(user)]


def org_in_scope(user, org) -> bool:
    """Whether `user` may import into or export from `org`: their own unit or one below it. `None` is the
    server operator at the command line, who has the whole tree."""
    return user is None or reaches(user, org)


def check_access(kind: RecordKind, user, org, *, export: bool = False) -> None:
    """PermissionDenied unless `user` may import (or export) `kind` for `org`."""
    from django.core.exceptions import PermissionDenied

    verb = "导出" if export else "导入"
    if not (kind.can_export(user) if export else kind.can_import(user)):
        raise PermissionDenied(f"您没有{verb}“{kind.name}”的权限。")
    if not org_in_scope(user, org):
        raise PermissionDenied(f"机构“{org.name}”不在您的管理范围内，不能{verb}。")


def chunks(rows: Iterable[Row], size: int = 1000) -> Iterator[list[Row]]:
    """Batches for kinds that write with bulk_create."""
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def call_action(row: Row | int, column: str, function, *args, **kwargs):
    """Run one action for a row: its ValidationError (or a scope refusal) becomes that row's RowError, naming
    `column`, so the error report points at the cell the user must fix."""
    number = row.number if isinstance(row, Row) else row
    try:
        return function(*args, **kwargs)
    except ValidationError as exc:
        raise RowError(number, "；".join(exc.messages), column) from exc
    except PermissionDenied as exc:
        raise RowError(number, str(exc), column) from exc


def need_user(ctx: ImportContext, who: str = "业务人员", ledger: str = "台账") -> None:
    """A line's actions need an acting user: refuse an import run at the command line without --user."""
    if ctx.user is None:
        raise RowError(None, f"{ledger}须以{who}身份导入（命令行请加 --user 指定办理人账号）。")


def each_row(handler: Callable[[Row, ImportContext], object], ledger: str = "台账"):
    """A row_to_action for kinds whose rows need the acting user: `handler(row, ctx)` per row (calling its actions
    through `call_action`), after refusing an import without one (`need_user`)."""

    def row_to_action(rows: Iterator[Row], ctx: ImportContext) -> int:
        need_user(ctx, ledger=ledger)
        count = 0
        for row in rows:
            handler(row, ctx)
            count += 1
        return count

    return row_to_action


def per_row(create: Callable[[dict, ImportContext], object]) -> Callable[[Iterator[Row], ImportContext], int]:
    """A row_to_action that calls one line action per row, turning its ValidationError into a RowError."""

    def row_to_action(rows: Iterator[Row], ctx: ImportContext) -> int:
        count = 0
        for row in rows:
            call_action(row, "", create, row.values, ctx)
            count += 1
        return count

    return row_to_action
