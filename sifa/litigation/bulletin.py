"""行政应诉季度通报 (seed [000]: “完善行政应诉季度通报制度”): for one quarter, per defendant agency, the lawsuits
received, heard, with the agency head in court, and lost, as a .docx in the 公文 layout.

Every number is an indicator broken down by agency (litigation.indicators), so the bulletin, the dashboard and
the work report cannot disagree; the viewer's scope is checked by the engine.
"""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH

from sifa.core import audit
from sifa.core.documents import cn_date, lines, official_document
from sifa.core.models.audit import AuditEventType
from sifa.indicators import engine
from sifa.indicators.periods import parse_period

COLUMNS = (("litigation.received", "收案"), ("litigation.heard", "开庭审理"),
           ("litigation.head_appeared", "负责人出庭"), ("litigation.head_rate", "出庭应诉率（%）"),
           ("litigation.closed", "审结"), ("litigation.lost", "败诉"))


def rows(user, org, period) -> tuple[list[list[str]], list[str]]:
    """One row per agency with any lawsuit in the quarter, then the total."""
    by_code = {code: engine.breakdown(code, org, period, by="agency", user=user) for code, _ in COLUMNS}
    first = by_code[COLUMNS[0][0]]
    table = []
    for i, row in enumerate(first.rows):
        cells = [by_code[code].rows[i].result for code, _ in COLUMNS]
        if not row.key or not any(c.value for c in cells):
            continue
        table.append([row.label, *(c.display for c in cells)])
    total = ["合计", *(by_code[code].total.display for code, _ in COLUMNS)]
    return table, total


def build(user, org, year: int, quarter: int) -> tuple[str, bytes]:
    period = parse_period(f"{year}Q{quarter}")
    table, total = rows(user, org, period)
    org_name = engine.prepare("litigation.received", org, period, user=user)[1].org.name
    doc = official_document(f"{period.label}行政应诉情况通报")
    lines(doc, f"{period.label}，{org_name}协调应诉的行政诉讼案件收案{total[1]}件，开庭审理{total[2]}件，"
               f"行政机关负责人出庭应诉{total[3]}件，出庭应诉率{total[4]}%；审结{total[5]}件，败诉{total[6]}件。"
               "各单位情况如下：")
    grid = doc.add_table(rows=1, cols=len(COLUMNS) + 1)
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, ["被告单位", *(label for _, label in COLUMNS)], strict=True):
        cell.text = text
    for values in [*table, total]:
        for cell, text in zip(grid.add_row().cells, values, strict=True):
            cell.text = text
    lines(doc, "", "请负责人未出庭应诉、败诉的单位认真分析原因，落实行政机关负责人出庭应诉制度，及时报送败诉整改情况。",
          "", org_name, cn_date(period.end))
    for paragraph in doc.paragraphs[-2:]:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    audit.record(AuditEventType.EXPORT, user=user, verb=f"生成{period.label}行政应诉季度通报")
    return f"{period.label}行政应诉情况通报.docx", out.getvalue()
