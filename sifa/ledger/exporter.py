"""Safe exports: any list of a kind's records to .xlsx, streamed through a temporary file, with formula
injection neutralised (SECURITY.md F4), sensitive columns masked (E2) and an audit row for every export (C1)."""

import tempfile
from urllib.parse import quote

from django.db.models import QuerySet
from django.http import FileResponse
from django.utils import timezone

from sifa.core import audit
from sifa.core.models.audit import AuditEventType

from .columns import ColumnType
from .importer import CLI_USERNAME
from .registry import RecordKind, check_access
from .safety import mask
from .xlsx_writer import XlsxStreamWriter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _converter(column):
    """How a record's value of `column` is written, so an export can be imported again: enumerations as
    their Chinese labels, yes/no as 是/否, sensitive values masked. None when the value goes as it is."""
    steps = []
    if column.type == ColumnType.ENUM:
        labels = dict(column.choices)
        steps.append(lambda v: labels.get(v, v))
    elif column.type == ColumnType.BOOL:
        steps.append(lambda v: "是" if v else "否")
    if column.sensitive:
        steps.append(lambda v: mask(column, v))
    if not steps:
        return None

    def convert(value):
        if value is None or value == "":
            return value
        for step in steps:
            value = step(value)
        return value

    return convert


def write_export(kind: RecordKind, objects, fileobj) -> int:
    """Write `objects` as the kind's sheet into `fileobj`; returns the number of rows."""
    if isinstance(objects, QuerySet):
        objects = objects.iterator(chunk_size=2000)
    plan = [(c.key, _converter(c)) for c in kind.columns]
    row_for = kind.row_for
    with XlsxStreamWriter(fileobj, kind.sheet_name, kind.headers) as writer:
        count = 0
        for obj in objects:
            data = row_for(obj)
            writer.write_row([convert(data.get(key)) if convert else data.get(key) for key, convert in plan])
            count += 1
    return count


def export_to_file(kind: RecordKind, objects, user, fileobj, *, org, filters: dict | None = None) -> int:
    """Check the right to export, write the file, and audit it. `org` is the unit whose records these are."""
    check_access(kind, user, org, export=True)
    count = write_export(kind, objects, fileobj)
    audit.record(AuditEventType.EXPORT, user=user, username="" if user else CLI_USERNAME,
                 verb="导出" + kind.name, object_type="ledger." + kind.code, object_id=org.code,
                 after={"kind": kind.code, "org": org.code, "rows": count,
                        "filters": {k: str(v) for k, v in (filters or {}).items() if k != "org"},
                        "masked": [c.header for c in kind.columns if c.sensitive]})
    return count


def export_filename(kind: RecordKind, org) -> str:
    return f"{kind.name}_{org.name}_{timezone.localdate():%Y%m%d}.xlsx"


def xlsx_response(fileobj, filename: str) -> FileResponse:
    fileobj.seek(0)
    response = FileResponse(fileobj, content_type=XLSX_TYPE, as_attachment=True, filename=filename)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_response(kind: RecordKind, queryset, user, *, org=None, filters: dict | None = None,
                    filename: str | None = None) -> FileResponse:
    """For any list page: `return export_response(kind, filtered_queryset, request.user)`.

    The queryset should already be scoped (`Model.objects.for_user(user)` plus the page's filters); `org`
    defaults to the user's own unit. The file is built in an anonymous temporary file (deleted when the
    response is closed), so memory does not grow with the number of rows."""
    org = org or user.org
    tmp = tempfile.TemporaryFile()
    try:
        export_to_file(kind, queryset, user, tmp, org=org, filters=filters)
    except BaseException:
        tmp.close()
        raise
    return xlsx_response(tmp, filename or export_filename(kind, org))


def export_kind(kind: RecordKind, user, org, fileobj, filters: dict | None = None) -> int:
    """The kind's own export of everything under `org` (the /ledger/ page and the command line)."""
    check_access(kind, user, org, export=True)
    filters = {**(filters or {}), "org": org}
    return export_to_file(kind, kind.export_queryset(user, filters), user, fileobj, org=org, filters=filters)
