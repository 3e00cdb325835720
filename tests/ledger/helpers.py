"""Builders for spreadsheets in ledger tests: filled templates, and hand-made packages for hostile cases."""

import io
import zipfile

from openpyxl import load_workbook

from sifa.ledger.template import build_template

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def filled_template(kind, rows, *, keep_example=True) -> io.BytesIO:
    """The kind's own template with `rows` (lists in column order) typed in under the example row."""
    buffer = io.BytesIO()
    build_template(kind, buffer)
    buffer.seek(0)
    wb = load_workbook(buffer)
    ws = wb[kind.sheet_name]
    start = 3 if keep_example else 2
    if not keep_example:
        ws.delete_rows(2)
    for offset, values in enumerate(rows):
        for col, value in enumerate(values, 1):
            ws.cell(row=start + offset, column=col, value=value)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def edit(fileobj, change) -> io.BytesIO:
    """Load a workbook, let `change(wb)` alter it, save it again."""
    fileobj.seek(0)
    wb = load_workbook(fileobj)
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def raw_xlsx(sheet_data: str, *, sheet_name="机构", shared_strings=None, tail="", extra_rows=None) -> io.BytesIO:
    """A minimal package around hand-written <sheetData> XML (as Excel or WPS would write it: shared strings,
    merged cells, formulas, or a million blank rows). `extra_rows` is an iterable of row XML strings written
    after `sheet_data` without building one big string."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if shared_strings else "")
            + "</Types>"))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        z.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        rels = ('<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>')
        if shared_strings:
            rels += ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
            items = "".join(f"<si><t>{s}</t></si>" for s in shared_strings)
            z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(shared_strings)}" uniqueCount="{len(shared_strings)}">{items}</sst>')
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + rels + "</Relationships>"))
        with z.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{sheet_data}'.encode())
            for row in extra_rows or ():
                part.write(row.encode())
            part.write(f"</sheetData>{tail}</worksheet>".encode())
    out.seek(0)
    return out


def inline_row(number: int, values) -> str:
    cells = []
    for col, value in enumerate(values):
        ref = f"{chr(65 + col)}{number}"
        if value is None:
            continue
        if isinstance(value, int):
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        else:
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'
