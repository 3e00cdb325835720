"""合法性审查意见书 as .docx in the 公文 layout (core.documents), and the editable template of its reasons:
the reviewer starts from a text that lists the accepted machine findings and edits it before issuing."""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH

from sifa.core import audit
from sifa.core.documents import DOCX_CONTENT_TYPE, cn_date, lines, official_document  # noqa: F401

from .models import FindingStatus

TITLE = "合法性审查意见书"


def reasons_template(item) -> str:
    """The opinion's reasons to start from: the item, its basis, and each accepted machine finding."""
    accepted = [f for d in item.drafts.all() for f in d.findings.all() if f.status == FindingStatus.ACCEPTED]
    parts = [f"经审查，{item.submitter}报送的《{item.title}》（{item.get_item_type_display()}），"
             f"{'制定依据为' + item.basis + '，' if item.basis else ''}"
             "制定主体、权限、程序及内容的合法性审查意见如下："]
    if accepted:
        for n, finding in enumerate(accepted, 1):
            article = f"（依据：{finding.article}）" if finding.article else ""
            parts.append(f"{n}. “{finding.sentence}” {finding.reason}{article}建议删除或修改。")
    else:
        parts.append("1. 制定主体适格，未超越法定权限，内容未发现与上位法相抵触之处。")
    parts.append("请根据以上意见修改完善后按程序印发，并将采纳情况反馈本机关。")
    return "\n".join(parts)


def opinion_docx(actor, item) -> tuple[str, bytes]:
    doc = official_document(TITLE)
    lines(doc, item.opinion_number, align=WD_ALIGN_PARAGRAPH.CENTER)
    lines(doc, f"{item.submitter}：",
          f"你单位于{cn_date(item.submitted_on)}报送的《{item.title}》收悉，本机关于{cn_date(item.received_on)}受理。")
    lines(doc, *item.opinion_reasons.splitlines())
    lines(doc, f"审查结论：{item.get_opinion_display()}。")
    if item.competition:
        lines(doc, f"公平竞争审查：{item.get_competition_display()}。")
    if item.adviser_opinion:
        lines(doc, f"法律顾问（{item.adviser_name}）意见：{item.adviser_opinion}")
    lines(doc, "", item.org.name, cn_date(item.opinion_on), align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    audit.action(actor, "导出合法性审查意见书", item, after={"number": item.opinion_number})
    return f"{TITLE}（{item.opinion_number}）.docx", out.getvalue()
