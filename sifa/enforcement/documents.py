"""案卷评查情况通报 (.docx, 公文 layout) of one campaign: the figures by category and grade, a table per agency,
the excellent files, the most frequent deductions (common problems) and the rectification asked for.

Figures come from the campaign's scored files; the same files feed the indicators (enforcement.files_*)."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from decimal import Decimal

from docx.enum.text import WD_ALIGN_PARAGRAPH

from sifa.core import audit
from sifa.core.documents import cn_date, lines, official_document
from sifa.core.models.audit import AuditEventType
from sifa.reconsideration.actions import bureau_of

from .models import Campaign, Category, Deduction, Grade


def _points(value: Decimal) -> str:
    return f"{value.normalize():f}"


def summary(campaign: Campaign) -> dict:
    files = list(campaign.files.filter(score__isnull=False).select_related("body__agency"))
    by_category = Counter(f.category for f in files)
    grades = Counter(f.grade for f in files)
    per_body: dict = defaultdict(lambda: {"files": 0, Grade.EXCELLENT: 0, Grade.QUALIFIED: 0,
                                          Grade.UNQUALIFIED: 0, "total": Decimal(0)})
    for f in files:
        row = per_body[f.body.name]
        row["files"] += 1
        row[f.grade] += 1
        row["total"] += f.score
    return {"files": files, "by_category": by_category, "grades": grades, "per_body": dict(sorted(per_body.items()))}


def opening(campaign: Campaign, s: dict) -> str:
    parts = [f"{Category(c).label}卷{s['by_category'][c]}卷" for c in Category if s["by_category"].get(c)]
    g = s["grades"]
    text = (f"共评查{'、'.join(parts) or '案卷0卷'}，经评查，{g.get(Grade.EXCELLENT, 0)}份被推荐为优秀卷宗，")
    if g.get(Grade.UNQUALIFIED):
        return text + f"{g[Grade.UNQUALIFIED]}份为不合格卷宗，其余均为合格卷宗。"
    return text + "其余均为合格卷宗。"


def build(user, campaign: Campaign) -> tuple[str, bytes]:
    s = summary(campaign)
    bureau = bureau_of(campaign.org)
    doc = official_document(f"关于{campaign.title}情况的通报")
    if campaign.notice_number:
        lines(doc, campaign.notice_number, align=WD_ALIGN_PARAGRAPH.CENTER)
    lines(doc, "各行政执法单位：",
          f"    根据工作安排，{bureau.name}于{cn_date(campaign.started_on)}起组织开展{campaign.title}，按照"
          f"《{campaign.sheet.name}》（满分{_points(campaign.sheet.full_marks)}分，{_points(campaign.sheet.excellent_from)}"
          f"分以上为优秀，{_points(campaign.sheet.pass_from)}分以上为合格），对{cn_date(campaign.files_from)}至{cn_date(campaign.files_to)}"
          f"作出的行政执法案卷进行了抽查评查。现将有关情况通报如下：",
          "    一、总体情况",
          f"    {opening(campaign, s)}各单位评查情况如下：")
    grid = doc.add_table(rows=1, cols=6)
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, ["执法主体", "评查案卷", "优秀", "合格", "不合格", "平均分"], strict=True):
        cell.text = text
    for name, row in s["per_body"].items():
        average = (row["total"] / row["files"]).quantize(Decimal("0.1")) if row["files"] else Decimal(0)
        values = [name, str(row["files"]), str(row[Grade.EXCELLENT]), str(row[Grade.QUALIFIED]),
                  str(row[Grade.UNQUALIFIED]), f"{average}"]
        for cell, text in zip(grid.add_row().cells, values, strict=True):
            cell.text = text
    excellent = [f for f in s["files"] if f.grade == Grade.EXCELLENT]
    lines(doc, "    二、优秀卷宗")
    lines(doc, *([f"    {n}. {f.body.name} {f.file_number}（{f.get_category_display()}，{_points(f.score)}分）"
                  for n, f in enumerate(excellent, start=1)] or ["    本次评查无优秀卷宗。"]))
    problems = Counter()
    for deduction in Deduction.objects.filter(review__campaign=campaign).select_related("item"):
        problems[(deduction.item.get_category_display(), deduction.item.text)] += 1
    lines(doc, "    三、存在的主要问题")
    lines(doc, *([f"    {n}. {category}方面：{count}卷未完全达到“{text}”的要求。" for n, ((category, text), count) in
                  enumerate(problems.most_common(5), start=1)] or ["    未发现突出问题。"]))
    to_fix = [f for f in s["files"] if f.needs_rectification]
    lines(doc, "    四、整改要求")
    if to_fix:
        due = f"于{cn_date(campaign.rectify_due)}前" if campaign.rectify_due else "及时"
        lines(doc, f"    请有关单位对照评查意见，{due}完成{len(to_fix)}卷案卷的整改，并将整改情况书面报送{bureau.name}。"
                   "评查结果纳入年度法治政府建设考核。")
    else:
        lines(doc, "    各单位要巩固评查成果，持续规范行政执法行为。")
    lines(doc, "", bureau.name, cn_date(campaign.notified_on) if campaign.notified_on else "")
    for paragraph in doc.paragraphs[-2:]:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    audit.record(AuditEventType.EXPORT, user=user, obj=campaign, verb="生成案卷评查情况通报")
    return f"{campaign.title}情况通报.docx", out.getvalue()
