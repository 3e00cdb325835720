"""All-or-nothing import of a filled template (SECURITY.md G1).

1. Check the package (size, magic bytes, zip limits), the sheet, the header row and merged cells.
2. Stream the rows: parse every cell, collect per-cell errors (row, column, value, Chinese reason), find
   duplicate rows, and check codes against the database in batches. Valid rows are spooled to an anonymous
   temporary file, so memory does not grow with the file.
3. Only if there is no error at all: hand the spooled rows to the kind's `row_to_action` inside ONE
   transaction, with the audit row; a dry run rolls that transaction back. Any error raised by an action rolls
   every row back and is reported against its row.
"""

import pickle
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from openpyxl.utils import get_column_letter

from sifa.core import audit
from sifa.core.models import Division, OrgUnit
from sifa.core.models.audit import AuditEventType

from . import limits
from .columns import CellInvalid, ColumnType
from .dedupe import DuplicateIndex
from .models import ImportRun, ImportStatus
from .registry import ImportContext, RecordKind, Row, RowError, check_access
from .template import HELPER_SHEETS, is_example_row
from .xlsx_reader import ERROR, FORMULA, FileRejected, SheetReader

CLI_USERNAME = "命令行"


@dataclass(frozen=True)
class CellError:
    row: int | None       # the row number Excel shows; None for a problem with the whole file
    column: str           # the column's header, or "" for the whole row or file
    value: str            # what the cell held, as the clerk typed it (their own file, shown back to them alone)
    reason: str

    def as_list(self) -> list:
        return [self.row, self.column, self.value, self.reason]


@dataclass
class ImportResult:
    kind: RecordKind
    org: OrgUnit
    dry_run: bool = False
    rows: int = 0
    imported: int = 0
    errors: list[CellError] = field(default_factory=list)
    error_count: int = 0
    run: ImportRun | None = None

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def errors_truncated(self) -> bool:
        return self.error_count > len(self.errors)

    def summary(self) -> str:
        return self.run.summary if self.run is not None else ""


def typed(raw) -> str:
    """A cell's value as the clerk typed it, for the error report: unmasked, since the report goes back only to
    the person who uploaded the file (ImportRun pages are the uploader's own) and a masked 身份证号 hides the very
    digit that is wrong."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw)[:200]


class _Stop(Exception):
    """Reading ends early: too many errors or rows."""


class _Validator:
    """Pass 1 over one file: collects errors and spools the clean rows."""

    def __init__(self, kind: RecordKind, ctx: ImportContext, result: ImportResult):
        self.kind, self.ctx, self.result = kind, ctx, result
        self.max_errors = limits.max_reported_errors()
        self.batch: list[Row] = []
        self.spool = tempfile.TemporaryFile()
        self.duplicates = DuplicateIndex()
        self.lookups = [c for c in kind.columns
                        if c.check_exists and c.type in (ColumnType.DIVISION_CODE, ColumnType.ORG_CODE)]

    def close(self) -> None:
        self.spool.close()
        self.duplicates.close()

    # -- errors -----------------------------------------------------------------------------------
    def error(self, row, column, raw, reason) -> None:
        self.result.error_count += 1
        if len(self.result.errors) < self.max_errors:
            shown = typed(raw)
            header = column.header if column is not None else ""
            self.result.errors.append(CellError(row, header, shown, reason))
        if self.result.error_count >= self.max_errors:
            raise _Stop

    def file_error(self, reason: str, row: int | None = None, where: str = "") -> None:
        self.result.error_count += 1
        self.result.errors.append(CellError(row, where, "", reason))

    # -- header -----------------------------------------------------------------------------------
    def read_header(self, number: int, cells: list) -> list | None:
        """Map each spreadsheet column to a kind column; None when the header row is unusable."""
        if number != 1:
            self.file_error("第1行应为表头，但第1行是空的。请使用本系统下载的模板。", row=1)
            return None
        headers = [(str(v).strip() if v is not None else "") for v in cells]
        while headers and not headers[-1]:
            headers.pop()
        by_header = {c.header: c for c in self.kind.columns}
        mapping, seen, ok = [], set(), True
        for idx, header in enumerate(headers, 1):
            where = f"{get_column_letter(idx)}列"
            if not header:
                if idx <= len(self.kind.columns) or any(h for h in headers[idx:]):
                    self.file_error("表头为空。请不要删除、合并或插入表头单元格。", row=1, where=where)
                    ok = False
                mapping.append(None)
            elif header not in by_header:
                self.file_error(f"表头“{header}”不是本模板的列。", row=1, where=where)
                ok = False
                mapping.append(None)
            elif header in seen:
                self.file_error(f"表头“{header}”重复出现。", row=1, where=where)
                ok = False
                mapping.append(None)
            else:
                seen.add(header)
                mapping.append(by_header[header])
        missing = [c.header for c in self.kind.columns if c.header not in seen]
        if missing:
            self.file_error("缺少列：" + "、".join(f"“{h}”" for h in missing) + "。请使用本系统下载的模板。", row=1)
            ok = False
        if not ok:
            return None
        # position of each kind column in the spreadsheet
        return [mapping.index(c) for c in self.kind.columns]

    # -- rows -------------------------------------------------------------------------------------
    def read_row(self, number: int, cells: list, flags: dict | None, positions: list[int]) -> None:
        values, bad = {}, False
        width = len(cells)
        for column, pos in zip(self.kind.columns, positions, strict=True):
            raw = cells[pos] if pos < width else None
            flag = flags.get(pos, "") if flags else ""
            if flag == FORMULA:
                self.error(number, column, raw, "不能使用公式，请将单元格改为直接填写的数值（可“选择性粘贴→数值”）。")
                bad = True
                continue
            if flag == ERROR:
                self.error(number, column, raw, f"单元格是错误值{raw}，请改正。")
                bad = True
                continue
            try:
                values[column.key] = column.parse(raw)
            except CellInvalid as exc:
                self.error(number, column, raw, str(exc))
                bad = True
        if bad:
            return
        self.batch.append(Row(number, values))
        if len(self.batch) >= limits.batch_size():
            self.flush()

    def flush(self) -> None:
        """Database checks for a batch of parsed rows, then spool them if the file is still clean."""
        batch, self.batch = self.batch, []
        if not batch:
            return
        keys = self.kind.key or tuple(c.key for c in self.kind.columns)
        repeats = self.duplicates.duplicates([(tuple(r.values[k] for k in keys), r.number) for r in batch])
        if repeats:
            what = "、".join(self.kind.column(k).header for k in self.kind.key) if self.kind.key else "内容"
            for r in batch:
                if r.number in repeats:
                    self.error(r.number, None, None, f"与第{repeats[r.number]}行重复（{what}相同）。")
            batch = [r for r in batch if r.number not in repeats]
        for column in self.lookups:
            codes = {r.values[column.key] for r in batch if r.values.get(column.key)}
            if not codes:
                continue
            if column.type == ColumnType.DIVISION_CODE:
                known = set(Division.objects.filter(code__in=codes).values_list("code", flat=True))
                reason = "区划代码“{}”在系统中不存在。"
            else:
                known = set(OrgUnit.objects.filter(code__in=codes, path__startswith=self.ctx.org.path)
                            .values_list("code", flat=True))
                reason = "机构代码“{}”不存在，或不在导入目标机构“" + self.ctx.org.name + "”的范围内。"
            for r in batch:
                code = r.values.get(column.key)
                if code and code not in known:
                    self.error(r.number, column, code, reason.format(code))
        if self.kind.check_rows is not None:
            for err in self.kind.check_rows(batch, self.ctx) or ():
                column = self.kind.column(err.column) if err.column else None
                self.error(err.row, column, err.value, err.message)
        if self.result.error_count == 0:
            pickle.dump([(r.number, r.values) for r in batch], self.spool, protocol=pickle.HIGHEST_PROTOCOL)

    def spooled_rows(self) -> Iterator[Row]:
        self.spool.seek(0)
        while True:
            try:
                batch = pickle.load(self.spool)  # noqa: S301 — our own temporary file, written just above
            except EOFError:
                return
            for number, values in batch:
                yield Row(number, values)


def import_file(kind: RecordKind, fileobj, *, org: OrgUnit, user=None, dry_run: bool = False,
                filename: str = "") -> ImportResult:
    """Validate and import one uploaded workbook. Raises PermissionDenied before reading if the user may not
    import this kind into `org`; every problem with the file itself comes back in the result's errors."""
    check_access(kind, user, org)
    result = ImportResult(kind=kind, org=org, dry_run=dry_run)
    if not org.active:
        result.error_count = 1
        result.errors.append(CellError(None, "", org.code, f"目标机构“{org.name}”已停用，不能导入。"))
        return _finish(result, user, filename)
    ctx = ImportContext(user=user, org=org, dry_run=dry_run)
    validator = _Validator(kind, ctx, result)
    try:
        _validate(kind, fileobj, validator, result)
        if result.ok and result.rows == 0:
            validator.file_error("文件中没有可导入的数据行（示例行不计）。")
        if result.ok:
            _apply(kind, ctx, validator, result, user, filename)
            if result.run is not None:
                return result
    finally:
        validator.close()
    return _finish(result, user, filename)


def _validate(kind: RecordKind, fileobj, validator: _Validator, result: ImportResult) -> None:
    try:
        with SheetReader(fileobj, kind.sheet_name, helper_sheets=HELPER_SHEETS) as reader:
            for merge in reader.merges():
                where = "表头" if merge.first_row == 1 else "数据区"
                validator.file_error(f"{where}不能合并单元格（{merge.ref}）：合并后只有左上角的格子有值。"
                                     "请取消合并后重新导入。", row=merge.first_row)
            rows = reader.rows()
            positions = None
            last_filled = 0
            max_rows, max_gap = limits.max_rows(), limits.max_empty_run()
            for number, cells, flags in rows:
                if positions is None:
                    positions = validator.read_header(number, cells)
                    if positions is None:
                        return
                    last_filled = number
                    continue
                if not flags and not any(v is not None and v != "" for v in cells):
                    if number - last_filled > max_gap:
                        break       # a long run of blank rows: nothing after it is read (see 填表说明)
                    continue
                if number - last_filled > max_gap:
                    validator.file_error(f"第{number}行之前有超过{max_gap}行的空行，其后的数据不会被读取。"
                                         "请删除中间的空行后重新导入。", row=number)
                    break
                last_filled = number
                if result.rows == 0 and number == 2 and is_example_row(kind, cells):
                    continue
                result.rows += 1
                if result.rows > max_rows:
                    validator.file_error(f"数据超过{max_rows:,}行的上限，请分成几个文件导入。", row=number)
                    break
                validator.read_row(number, cells, flags, positions)
            if positions is None:
                validator.file_error("工作表是空的，没有表头。请使用本系统下载的模板填写。", row=1)
                return
            validator.flush()
    except _Stop:
        pass
    except FileRejected as exc:
        validator.file_error(str(exc))


def _apply(kind, ctx, validator, result, user, filename) -> None:
    try:
        with transaction.atomic():
            count = kind.row_to_action(validator.spooled_rows(), ctx)
            result.imported = result.rows if count is None else int(count)
            if not ctx.dry_run:
                result.run = _record(result, user, filename)
            else:
                transaction.set_rollback(True)
    except RowError as exc:
        if exc.row is None:          # the whole import is refused (no acting user…): nothing per row to find
            _row_error(kind, result, exc)
        else:
            before = result.error_count
            _diagnose(kind, ctx, validator, result)
            if result.error_count == before:     # refused only when the rows run together: report that refusal
                _row_error(kind, result, exc)
        result.imported = 0
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        result.error_count += 1
        result.errors.append(CellError(None, "", "", "；".join(messages)))
        result.imported = 0
    except IntegrityError:
        # A kind's checks should have caught it; the database's constraints are the last line.
        result.error_count += 1
        result.errors.append(CellError(None, "", "", "数据与系统中已有记录冲突（可能是重复导入了同一批记录），"
                                                     "整个文件未导入。"))
        result.imported = 0


def _row_error(kind, result: ImportResult, exc: RowError) -> None:
    column = kind.column(exc.column) if exc.column else None
    result.error_count += 1
    result.errors.append(CellError(exc.row, column.header if column else "", typed(exc.value), exc.message))


def _diagnose(kind, ctx, validator, result: ImportResult) -> None:
    """An action refused a row, so nothing was imported. Before reporting, find every other row the actions
    refuse too: each row runs in its own savepoint (a refused row leaves nothing behind and later rows see the
    earlier good ones, as in the real import) inside one transaction that is rolled back whatever happens — the
    clerk gets every error of the file in one report, and the database is untouched."""
    limit = validator.max_errors
    with transaction.atomic():
        for row in validator.spooled_rows():
            try:
                with transaction.atomic():
                    kind.row_to_action(iter([row]), ctx)
            except RowError as exc:
                _row_error(kind, result, exc)
                if exc.row is None or result.error_count >= limit:
                    break
            except (ValidationError, PermissionDenied) as exc:
                messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                result.error_count += 1
                result.errors.append(CellError(row.number, "", "", "；".join(messages)))
            except IntegrityError:
                result.error_count += 1
                result.errors.append(CellError(row.number, "", "", "与系统中已有记录或本文件前面的行冲突。"))
        transaction.set_rollback(True)


def _finish(result: ImportResult, user, filename: str) -> ImportResult:
    """Record a dry run or a rejected import (its business transaction, if any, was rolled back)."""
    result.errors.sort(key=lambda e: (e.row or 0))
    with transaction.atomic():
        result.run = _record(result, user, filename)
    return result


def _record(result: ImportResult, user, filename: str) -> ImportRun:
    if not result.ok:
        status = ImportStatus.REJECTED
    elif result.dry_run:
        status = ImportStatus.VALIDATED
    else:
        status = ImportStatus.IMPORTED
    run = ImportRun.objects.create(
        kind=result.kind.code, kind_name=result.kind.name, org=result.org, user=user, filename=filename[:200],
        dry_run=result.dry_run, status=status, rows=result.rows,
        imported=result.imported if status == ImportStatus.IMPORTED else 0,
        error_count=result.error_count, errors=[e.as_list() for e in result.errors])
    audit.record(
        AuditEventType.IMPORT, user=user, obj=run, username="" if user else CLI_USERNAME,
        verb=("试导入" if result.dry_run else "导入") + result.kind.name,
        after={"kind": result.kind.code, "org": result.org.code, "rows": result.rows, "imported": run.imported,
               "errors": result.error_count, "dry_run": result.dry_run, "file": filename[:100]},
        outcome="success" if result.ok else "failure")
    return run
