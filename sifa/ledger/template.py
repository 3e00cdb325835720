"""The blank .xlsx template of a record kind: Chinese headers, dropdowns for enumerations, one marked example
row (ignored on import) and a 填表说明 sheet with every column's rules."""

from datetime import date

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import limits
from .columns import ColumnType
from .registry import RecordKind

INSTRUCTIONS_SHEET = "填表说明"
CHOICES_SHEET = "选项"
HELPER_SHEETS = (INSTRUCTIONS_SHEET, CHOICES_SHEET)   # template sheets that hold no data
EXAMPLE_MARK = "← 示例行：导入时自动忽略，可直接覆盖或删除"
VALIDATED_ROWS = 5000        # how far down the dropdowns and formats reach
REQUIRED_FONT = Font(bold=True, color="9B1C1C")
OPTIONAL_FONT = Font(bold=True)
EXAMPLE_FONT = Font(italic=True, color="808080")
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


def example_values(kind: RecordKind) -> list:
    return [c.example if c.example != "" else None for c in kind.columns]


def is_example_row(kind: RecordKind, cells: list) -> bool:
    """The template's example row: every cell as the template wrote it (a clerk who edits it makes it data)."""
    cells = list(cells) + [None] * len(kind.columns)
    for column, raw in zip(kind.columns, cells, strict=False):
        expected = column.example if column.example != "" else None
        if isinstance(raw, str):
            raw = raw.strip() or None
        if isinstance(expected, date) and hasattr(raw, "date"):
            raw = raw.date()
        if raw != expected and str(raw) != str(expected):
            return False
    return True


def build_template(kind: RecordKind, fileobj) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = kind.sheet_name
    choices_ws = None

    for idx, column in enumerate(kind.columns, 1):
        letter = get_column_letter(idx)
        cell = ws.cell(row=1, column=idx, value=column.header)
        cell.font = REQUIRED_FONT if column.required else OPTIONAL_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.comment = Comment(column.rules() + ("。" + column.help if column.help else ""), "Sifa")
        ws.column_dimensions[letter].width = max(12, min(40, len(column.header) * 2 + 6))
        area = f"{letter}2:{letter}{VALIDATED_ROWS}"
        if column.type in ColumnType.TEXTUAL:
            ws.column_dimensions[letter].number_format = "@"
        if column.type == ColumnType.DATE:
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"

        validation = None
        if column.type == ColumnType.ENUM:
            labels = column.choice_labels
            if len(",".join(labels)) <= 250:
                validation = DataValidation(type="list", formula1='"' + ",".join(labels) + '"')
            else:   # Excel limits an inline list to 255 characters: long lists live on a hidden sheet
                choices_ws = choices_ws or _choices_sheet(wb)
                choices_ws.cell(row=1, column=idx, value=column.header)
                for n, label in enumerate(labels, 2):
                    choices_ws.cell(row=n, column=idx, value=label)
                validation = DataValidation(
                    type="list", formula1=f"'{CHOICES_SHEET}'!${letter}$2:${letter}${len(labels) + 1}")
        elif column.type == ColumnType.BOOL:
            validation = DataValidation(type="list", formula1='"是,否"')
        elif column.type == ColumnType.DATE:
            validation = DataValidation(type="date", operator="greaterThan", formula1="1")
        elif column.type == ColumnType.INT:
            validation = DataValidation(type="whole", operator="between",
                                        formula1=str(column.min_value if column.min_value is not None else -10**9),
                                        formula2=str(column.max_value if column.max_value is not None else 10**9))
        elif column.max_length and column.type == ColumnType.TEXT:
            validation = DataValidation(type="textLength", operator="lessThanOrEqual",
                                        formula1=str(column.max_length))
        if validation is not None:
            validation.error = column.rules()
            validation.errorTitle = f"“{column.header}”填写有误"
            validation.prompt = column.help or column.rules()
            validation.promptTitle = column.header
            validation.showErrorMessage = True
            validation.showInputMessage = True
            validation.add(area)
            ws.add_data_validation(validation)

    for idx, value in enumerate(example_values(kind), 1):
        cell = ws.cell(row=2, column=idx, value=value)
        cell.font = EXAMPLE_FONT
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
    mark = ws.cell(row=2, column=len(kind.columns) + 1, value=EXAMPLE_MARK)
    mark.font = Font(italic=True, color="9B1C1C")
    ws.column_dimensions[get_column_letter(len(kind.columns) + 1)].width = 44
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30

    _instructions_sheet(wb, kind)
    wb.save(fileobj)


def _choices_sheet(wb):
    sheet = wb.create_sheet(CHOICES_SHEET)
    sheet.sheet_state = "hidden"
    return sheet


def _instructions_sheet(wb, kind: RecordKind) -> None:
    ws = wb.create_sheet(INSTRUCTIONS_SHEET)
    notes = [
        f"《{kind.name}》导入模板 填表说明",
        kind.description,
        f"1. 在“{kind.sheet_name}”工作表中填写，第一行表头不得修改、删除、合并或调换为其他文字。",
        "2. 第二行为示例行（灰色斜体），导入时自动忽略；可以直接在其下方填写，也可以覆盖它。",
        "3. 表头为红色的列为必填列。下拉列只能选择给定选项；日期填写如 2024-03-01。",
        "4. 请直接填写数值，不要使用公式；不要合并单元格。身份证号、手机号、区划代码等请保持文本格式。",
        f"5. 每个文件最多{limits.max_rows():,}行、{limits.max_upload_bytes() // 1048576}MB；"
        f"连续{limits.max_empty_run()}个空行之后的内容不会被读取。",
        "6. 系统先逐格校验全部数据：只要有一处错误，整个文件都不会导入，并给出逐格的错误报告（可下载）；"
        "全部正确时一次性导入。可以先勾选“仅校验”试导入。",
        "",
    ]
    for line in notes:
        ws.append([line])
    ws["A1"].font = Font(bold=True, size=14)
    header = ["列名", "是否必填", "类型", "填写规则", "示例", "说明"]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = OPTIONAL_FONT
        cell.fill = HEADER_FILL
    for column in kind.columns:
        example = column.example.isoformat() if isinstance(column.example, date) else column.example
        ws.append([column.header, "必填" if column.required else "选填", ColumnType.LABELS[column.type],
                   column.rules(), example, column.help])
    for letter, width in zip("ABCDEF", (18, 10, 16, 60, 24, 40), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=len(notes) + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
