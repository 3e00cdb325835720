"""The streaming sheet reader agrees with openpyxl's own reading of the same cells."""

import io
from datetime import date, datetime

from openpyxl import Workbook, load_workbook

from sifa.ledger.xlsx_reader import ERROR, FORMULA, SheetReader
from sifa.ledger.xlsx_writer import XlsxStreamWriter

from .helpers import raw_xlsx


def test_reader_matches_openpyxl():
    wb = Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["文本", "整数", "小数", "日期", "时间", "逻辑", "公式", "空", "尾部"])
    ws.append(["  前后空格 ", 42, 3.5, date(2024, 2, 29), datetime(2024, 3, 1, 8, 30), True, "=1+1", None, "末"])
    ws.append([None, None, None, None, None, None, None, None, "只有最后一列"])
    ws.cell(row=5, column=2, value="跳过一行")
    buffer = io.BytesIO()
    wb.save(buffer)

    buffer.seek(0)
    expected = [[c.value for c in row] for row in load_workbook(buffer, read_only=False)["数据"].iter_rows()]
    buffer.seek(0)
    with SheetReader(buffer, "数据") as reader:
        got = {n: (values, flags) for n, values, flags in reader.rows()}
    for number, row in enumerate(expected, 1):
        values = list(got.get(number, ([], None))[0])
        values += [None] * (len(row) - len(values))
        assert values == row, number
    assert got[2][1] == {6: FORMULA} and got[3][1] is None


def test_error_cells_and_rich_text_runs():
    data = ('<row r="1"><c r="A1" t="e"><v>#N/A</v></c>'
            '<c r="B1" t="inlineStr"><is><r><t>砀山</t></r><r><t>县</t></r><rPh><t>ダン</t></rPh></is></c>'
            '<c r="C1" t="b"><v>0</v></c><c r="D1" t="str"><v>结果</v></c></row>')
    with SheetReader(raw_xlsx(data, sheet_name="表"), "表") as reader:
        (_, values, flags), = list(reader.rows())
    assert values == ["#N/A", "砀山县", False, "结果"] and flags == {0: ERROR}


def test_own_writer_reads_back():
    out = io.BytesIO()
    with XlsxStreamWriter(out, "导出", ["a", "b", "c"]) as w:
        w.write_row(["=cmd", 7, date(2024, 1, 2)])
    out.seek(0)
    with SheetReader(out, "导出") as reader:
        rows = {n: (values, flags) for n, values, flags in reader.rows()}
    assert rows[2] == (["'=cmd", 7, datetime(2024, 1, 2)], None)
