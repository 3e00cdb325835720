"""Writing a one-sheet .xlsx as a stream: rows go straight into the deflated zip member, so an export of any
length needs the memory of one batch of rows.

Why not openpyxl's write_only mode: it builds a cell object and an lxml element per cell and managed about
13,000 rows/s of eight columns on our reference machine; exports of a county's full registers must be faster
than that. This writer emits the few package parts Excel, WPS and openpyxl need, with every string passing
through `safety.neutralise`, so no value ever becomes a formula (SECURITY.md F4) — there is no code path here
that writes a formula at all.
"""

import zipfile
from datetime import date, datetime
from decimal import Decimal
from html import escape

from django.utils import timezone
from openpyxl.utils import get_column_letter

from .safety import neutralise

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
EXCEL_EPOCH = date(1899, 12, 30)

STYLE_HEADER, STYLE_DATE, STYLE_DATETIME = 1, 2, 3
STYLES = f"""{XML_HEAD}<styleSheet xmlns="{MAIN}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
CONTENT_TYPES = f"""{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
ROOT_RELS = f"""{XML_HEAD}<Relationships xmlns="{PKG_REL}">
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK_RELS = f"""{XML_HEAD}<Relationships xmlns="{PKG_REL}">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/></Relationships>"""

FLUSH_EVERY = 500


class XlsxStreamWriter:
    """`with XlsxStreamWriter(fileobj, "机构", headers) as w: w.write_row([...])` — the header row is bold and
    frozen; dates get a date format; every string is neutralised."""

    def __init__(self, fileobj, sheet_name: str, headers: list[str], widths: list[int] | None = None):
        self.zip = zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
        self.zip.writestr("[Content_Types].xml", CONTENT_TYPES)
        self.zip.writestr("_rels/.rels", ROOT_RELS)
        self.zip.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        self.zip.writestr("xl/styles.xml", STYLES)
        self.zip.writestr("xl/workbook.xml", (
            f'{XML_HEAD}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            f'<sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        self.sheet = self.zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self.letters = [get_column_letter(i) for i in range(1, len(headers) + 1)]
        widths = widths or [max(10, min(40, len(h) * 2 + 4)) for h in headers]
        cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1))
        self._buffer = [
            f'{XML_HEAD}<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
            f'<cols>{cols}</cols><sheetData>'
        ]
        self.rows_written = 0
        self._write(list(headers), style=STYLE_HEADER)

    def write_row(self, values) -> None:
        self._write(values)

    def _write(self, values, style: int = 0) -> None:
        self.rows_written += 1
        r = str(self.rows_written)
        style_attr = f' s="{style}"' if style else ""
        parts = [f'<row r="{r}">']
        append = parts.append
        for letter, value in zip(self.letters, values, strict=False):
            if value is None or value == "":
                continue
            ref = letter + r
            if isinstance(value, str):
                text = escape(neutralise(value), quote=False)
                space = ' xml:space="preserve"' if text != text.strip() else ""
                append(f'<c r="{ref}" t="inlineStr"{style_attr}><is><t{space}>{text}</t></is></c>')
            elif isinstance(value, bool):
                append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float | Decimal):
                append(f'<c r="{ref}"><v>{value}</v></c>')
            elif isinstance(value, datetime):
                if timezone.is_aware(value):
                    value = timezone.localtime(value).replace(tzinfo=None)
                serial = (value - datetime(1899, 12, 30)).total_seconds() / 86400
                append(f'<c r="{ref}" s="{STYLE_DATETIME}"><v>{serial:.6f}</v></c>')
            elif isinstance(value, date):
                append(f'<c r="{ref}" s="{STYLE_DATE}"><v>{(value - EXCEL_EPOCH).days}</v></c>')
            else:
                text = escape(neutralise(str(value)), quote=False)
                append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
        append("</row>")
        self._buffer.append("".join(parts))
        if len(self._buffer) >= FLUSH_EVERY:
            self._flush()

    def _flush(self) -> None:
        self.sheet.write("".join(self._buffer).encode("utf-8"))
        self._buffer = []

    def close(self) -> None:
        self._buffer.append("</sheetData></worksheet>")
        self._flush()
        self.sheet.close()
        self.zip.close()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self.sheet.close()
            self.zip.close()
