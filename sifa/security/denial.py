"""Refusals that leave a trace: every 403/404 given for lack of scope or capability writes a DENIED audit row
(SECURITY.md B1, C1), and the page the user sees is Chinese and reveals nothing about the record."""

from django.shortcuts import render

from sifa.core import audit
from sifa.core.models.audit import AuditEventType

MESSAGES = {
    403: "您的角色无权执行此操作。如确有工作需要，请联系安全管理员。",
    404: "未找到该记录，或该记录不在您的数据范围内。",
}


def deny(request, *, status: int = 404, message: str = "", object_type: str = "", object_id: str = "",
         reason: str = ""):
    """Write the DENIED audit row and return the Chinese refusal page with `status` (403 or 404)."""
    audit.record(AuditEventType.DENIED, outcome="denied", verb=request.method[:10],
                 object_type=object_type[:100], object_id=str(object_id)[:64],
                 reason=(reason or f"拒绝访问 {request.path}")[:500])
    return render(request, "security/denied.html",
                  {"status": status, "message": message or MESSAGES.get(status, MESSAGES[404])}, status=status)
