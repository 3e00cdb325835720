"""企业法治体检报告: one .docx per enterprise, in the 公文 layout of sifa.core.documents."""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH

from sifa.core import audit
from sifa.core.documents import cn_date, lines, official_document
from sifa.core.models.audit import AuditEventType

from .models import CheckupVisit


def checkup_report(user, visit: CheckupVisit) -> tuple[str, bytes]:
    team = visit.team
    doc = official_document("企业法治体检报告")
    lines(doc, f"受检企业：{visit.enterprise}", f"统一社会信用代码：{visit.credit_code}",
          f"体检活动：{visit.campaign.name}", f"体检团队：{team.name}（{team.firm.name}）",
          f"体检律师：{'、'.join(x.name for x in team.lawyers.all())}", f"体检日期：{cn_date(visit.visited_on)}", "")
    lines(doc, "一、体检情况")
    lines(doc, f"本次体检共解答法律咨询{visit.consultations}次，发现并解决法律问题{visit.problems}个，"
               f"审查合同{visit.contracts}份，提出法律意见{visit.opinions}条。")
    lines(doc, "二、发现的主要法律风险", visit.findings or "未发现重大法律风险。")
    lines(doc, "三、法律意见和建议", visit.advice or "建议企业建立健全合同管理、劳动用工和合规管理制度，定期开展法律风险自查。")
    lines(doc, "", "本报告仅供受检企业参考，不作为诉讼证据。", "", team.firm.name, cn_date(visit.visited_on))
    for paragraph in doc.paragraphs[-2:]:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    audit.record(AuditEventType.EXPORT, user=user, obj=visit, verb="生成企业法治体检报告")
    return f"{visit.enterprise}法治体检报告.docx", out.getvalue()
