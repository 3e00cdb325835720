"""The per-cell error report of an import, as a spreadsheet the clerk can sort and work through."""

from .xlsx_writer import XlsxStreamWriter

HEADERS = ["行号", "列", "填写内容", "错误原因"]


def write_error_report(errors, fileobj, *, title: str = "错误报告") -> None:
    """`errors`: CellError objects or stored [row, column, value, reason] lists. Every value the clerk typed
    is written as text (never as a formula) and sensitive values arrive already masked."""
    with XlsxStreamWriter(fileobj, "错误报告", HEADERS, widths=[8, 18, 30, 70]) as writer:
        for err in errors:
            row, column, value, reason = err if isinstance(err, list | tuple) else err.as_list()
            writer.write_row([row if row is not None else "整个文件", column or "", value or "", reason])
