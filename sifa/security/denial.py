"""Refusals that leave a trace: every 403/404 given for lack of scope or capability writes a DENIED audit row
(SECURITY.md B1, C1), and the page the user sees is Chinese and reveals nothing about the record."""

from django.shortcuts import render

from sifa.core.access import record_denial

MESSAGES = {
    403: "您的角色无权执行此操作。如确有工作需要，请联系安全管理员。",
    404: "未找到该记录，或该记录不在您的数据范围内。",
}


def deny(request, *, status: int = 404, message: str = "", object_type: str = "", object_id: str = "",
         reason: str = ""):
    """Write the DENIED audit row (`sifa.core.access.record_denial`) and return the Chinese refusal page with
    `status`: 403 for a capability the role lacks; a record out of scope is always 404 (`access.refuse`)."""
    record_denial(request, object_type=object_type, object_id=object_id, reason=reason or "拒绝访问")
    return render(request, "security/denied.html",
                  {"status": status, "message": message or MESSAGES.get(status, MESSAGES[404])}, status=status)
