"""Reading an uploaded .xlsx without ever holding it whole.

openpyxl in read_only mode opens the package (workbook, sheet list, shared strings, date styles); the rows of
the one sheet we need are then streamed with lxml's iterparse, each row element dropped as soon as it is read,
so memory stays flat however long the sheet is. (openpyxl's own read-only row iterator builds an object per
inline-string cell and was the slowest part of an import; this loop follows its cell rules in parse_cell.)

Everything that is wrong with the file itself — not a zip, not a spreadsheet, too big, a zip bomb, no such
sheet — raises `FileRejected` with a Chinese message for the clerk.
"""

import re
import zipfile
from dataclasses import dataclass

from lxml import etree
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from . import limits

MAIN_NS = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
           "http://purl.oclc.org/ooxml/spreadsheetml/main")
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # legacy .xls / .et
MERGE_RE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")

FORMULA = "f"
ERROR = "e"


class FileRejected(Exception):
    """The upload is not a spreadsheet we can read; nothing was imported."""


@dataclass(frozen=True)
class Merge:
    ref: str
    first_row: int
    last_row: int


def check_package(fileobj) -> None:
    """Size cap, magic bytes and zip-bomb limits, before any XML is parsed (SECURITY.md F3)."""
    fileobj.seek(0, 2)
    size = fileobj.tell()
    fileobj.seek(0)
    if size == 0:
        raise FileRejected("文件是空的。")
    if size > limits.max_upload_bytes():
        raise FileRejected(f"文件大小为{size / 1048576:.1f}MB，超过上限{limits.max_upload_bytes() / 1048576:.0f}MB；"
                           "请分成几个文件导入。")
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(OLE2_MAGIC):
        raise FileRejected("这是旧版Excel（.xls）或WPS（.et）文件，请在Excel或WPS中“另存为”.xlsx格式后再导入。")
    if not head.startswith(ZIP_MAGIC):
        raise FileRejected("文件不是Excel工作簿（.xlsx）。请使用本系统下载的模板填写后上传。")
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRejected("文件已损坏或不完整，无法作为.xlsx打开；请重新保存后上传。")
    finally:
        fileobj.seek(0)
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRejected("文件是压缩包但不是Excel工作簿（.xlsx）。请使用本系统下载的模板填写后上传。")
    total = sum(i.file_size for i in infos)
    if total > limits.max_uncompressed_bytes() or len(infos) > 10_000:
        raise FileRejected("文件解压后过大（疑似压缩炸弹），已拒绝。请分成几个文件导入。")


class _SizelessSheet(ReadOnlyWorksheet):
    def _get_size(self):
        """openpyxl reads a whole sheet that lacks a <dimension> element just to learn its size, at open
        time; we never use the size, and a hostile file would make every open a full scan."""


class _ReadOnlyReader(ExcelReader):
    """openpyxl's read-only loader, with sheets opened without that size scan."""

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                continue
            ws = _SizelessSheet(self.wb, sheet.name, rel.target, self.shared_strings)
            ws.sheet_state = sheet.state
            self.wb._sheets.append(ws)


class SheetReader:
    """One worksheet of an .xlsx, read as a stream of rows."""

    def __init__(self, fileobj, wanted_sheet: str, helper_sheets: tuple[str, ...] = ()):
        check_package(fileobj)
        self.fileobj = fileobj
        try:
            reader = _ReadOnlyReader(fileobj, read_only=True, data_only=False, keep_links=False)
            reader.read()
            self.workbook = reader.wb
        except Exception:  # openpyxl raises many kinds of errors for broken packages
            raise FileRejected("文件已损坏或不是有效的Excel工作簿（.xlsx），无法读取。")
        names = self.workbook.sheetnames
        if wanted_sheet not in names:
            # A sheet of another name (Excel's "Sheet1", another ledger's template) is refused, naming the one
            # expected: reading it anyway would import a file the clerk may not have meant for this ledger.
            shown = "、".join(f"“{n}”" for n in names if n not in helper_sheets) or "无"
            raise FileRejected(f"没有找到名为“{wanted_sheet}”的工作表（文件中的工作表：{shown}）。"
                               f"请使用本系统下载的“{wanted_sheet}”模板填写，或将数据所在工作表改名为“{wanted_sheet}”。")
        self.sheet_name = wanted_sheet
        self.worksheet = self.workbook[self.sheet_name]

    def close(self) -> None:
        self.workbook.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- merged cells -------------------------------------------------------------------------------
    def merges(self) -> list[Merge]:
        """Merged ranges of the sheet: a merged cell keeps its value in one corner only, so imports refuse
        them. Found by scanning the sheet part's bytes (the <mergeCells> block sits after all rows)."""
        found, tail = [], b""
        with self.workbook._archive.open(self.worksheet._worksheet_path) as part:
            while chunk := part.read(1 << 20):
                data = tail + chunk
                cut = max(len(data) - 256, 0)   # a <mergeCell> element is shorter than this overlap
                found.extend(m.group(1) for m in MERGE_RE.finditer(data) if m.start() < cut)
                tail = data[cut:]
        found.extend(m.group(1) for m in MERGE_RE.finditer(tail))
        merges = []
        for ref in dict.fromkeys(r.decode() for r in found):
            first, _, last = ref.partition(":")
            merges.append(Merge(ref, coordinate_from_string(first)[1], coordinate_from_string(last or first)[1]))
        return merges

    # --- rows ---------------------------------------------------------------------------------------
    def rows(self):
        """Yield (row number, values, flags) for every row element in the sheet. `values` lists the cells
        from column A (None where empty); `flags` is None, or {column index: FORMULA or ERROR} for cells
        holding a formula (its value is then the formula text) or an error value such as #N/A."""
        wb = self.workbook
        shared = self.worksheet._shared_strings
        date_styles = wb._date_formats
        timedelta_styles = wb._timedelta_formats
        epoch = wb.epoch
        part = wb._archive.open(self.worksheet._worksheet_path)
        try:
            for ns in MAIN_NS:
                if self._sniff_namespace(ns):
                    break
            tags = {name: f"{{{ns}}}{name}" for name in ("row", "c", "v", "f", "is", "t", "r")}
            parser = etree.iterparse(part, events=("end",), tag=tags["row"], resolve_entities=False,
                                     no_network=True, huge_tree=False, remove_blank_text=True)
            cell_tag, v_tag, is_tag, t_tag = tags["c"], tags["v"], tags["is"], tags["t"]
            column_of = _ColumnIndex()
            row_counter = 0
            for _, row_el in parser:
                r_attr = row_el.get("r")
                row_counter = int(r_attr) if r_attr else row_counter + 1
                values: list = []
                flags = None
                col = 0
                for c in row_el.iterchildren(cell_tag):
                    ref = c.get("r")
                    col = column_of[ref] if ref else col + 1
                    flag = ""
                    # Fast paths for the shapes nearly every cell has; everything else by the full rules.
                    kind = c.get("t")
                    child = c[0] if len(c) == 1 else None
                    if child is None:
                        value, flag = self._cell(c, tags, shared, date_styles, timedelta_styles, epoch)
                    elif kind == "inlineStr" and child.tag == is_tag and len(child) == 1 and child[0].tag == t_tag:
                        value = child[0].text or ""
                    elif kind == "s" and child.tag == v_tag and child.text and child.text.isdigit() \
                            and int(child.text) < len(shared):
                        value = shared[int(child.text)]
                    else:
                        value, flag = self._cell(c, tags, shared, date_styles, timedelta_styles, epoch)
                    if value is None and not flag:
                        continue
                    if len(values) < col - 1:
                        values.extend([None] * (col - 1 - len(values)))
                    values.append(value)
                    if flag:
                        flags = flags or {}
                        flags[len(values) - 1] = flag
                row_el.clear(keep_tail=False)
                while row_el.getprevious() is not None:
                    del row_el.getparent()[0]
                yield row_counter, values, flags
        except etree.XMLSyntaxError:
            raise FileRejected("工作表内容已损坏，无法读取；请在Excel中重新保存后上传。")
        finally:
            part.close()

    def _sniff_namespace(self, ns: str) -> bool:
        with self.workbook._archive.open(self.worksheet._worksheet_path) as part:
            return ns.encode() in part.read(4096)

    @staticmethod
    def _cell(c, tags, shared, date_styles, timedelta_styles, epoch):
        """One <c> element → (value, flag), by openpyxl's rules (worksheet/_reader.py parse_cell)."""
        v = formula = inline = None
        for child in c:           # usually one child: walk them once instead of several find() calls
            tag = child.tag
            if tag == tags["v"]:
                v = child.text
            elif tag == tags["f"]:
                formula = child
            elif tag == tags["is"]:
                inline = child
        if formula is not None:
            return "=" + (formula.text or ""), FORMULA
        kind = c.get("t", "n")
        if kind == "inlineStr":
            if inline is None:
                return None, ""
            t = inline.find(tags["t"])
            if t is not None:
                return t.text or "", ""
            return "".join(run.findtext(tags["t"]) or "" for run in inline.iterchildren(tags["r"])), ""
        if v is None or v == "":
            return None, ""
        if kind == "s":
            try:
                return shared[int(v)], ""
            except (ValueError, IndexError):
                raise FileRejected("工作表引用了不存在的共享字符串，文件已损坏。")
        if kind == "n":
            number = float(v) if ("." in v or "E" in v or "e" in v) else int(v)
            style = c.get("s")
            if style and int(style) in date_styles:
                try:
                    return from_excel(number, epoch, timedelta=int(style) in timedelta_styles), ""
                except (OverflowError, ValueError):
                    return "#VALUE!", ERROR
            return number, ""
        if kind == "b":
            return v not in ("0", "false"), ""
        if kind == "str":
            return v, ""
        if kind == "d":
            return from_ISO8601(v), ""
        if kind == "e":
            return v, ERROR
        return v, ""


class _ColumnIndex:
    """Cell reference ("AB12") → column number, memoised by its letters."""

    def __init__(self):
        self._by_letters: dict[str, int] = {}

    def __getitem__(self, ref: str) -> int:
        letters = ref.rstrip("0123456789")
        col = self._by_letters.get(letters)
        if col is None:
            col = self._by_letters[letters] = column_index_from_string(letters)
        return col
