from ninja import Field, Router, Schema

from sifa.core.models import Role
from sifa.core.roles import CAPABILITIES

from ..auth import acting_user
from ..schemas import OrgBrief

router = Router(tags=["账号"])


class MeOut(Schema):
    id: int
    username: str = Field(..., title="账号")
    full_name: str = Field(..., title="姓名")
    role: str = Field(..., title="角色")
    role_label: str = Field(..., title="角色名称")
    org: OrgBrief | None = Field(None, title="所属机构")
    capabilities: list[str] = Field(..., title="权限")
    auth_method: str = Field(..., title="认证方式", description="token 或 session")


@router.get("/me", response=MeOut, summary="当前用户", description="调用者的账号、角色、所属机构与权限。")
def me(request):
    user = acting_user(request)
    return {
        "id": user.pk, "username": user.username, "full_name": user.full_name, "role": user.role,
        "role_label": Role(user.role).label if user.role in Role.values else user.role, "org": user.org,
        "capabilities": sorted(CAPABILITIES.get(user.role, set())),
        "auth_method": getattr(request, "auth_method", "session"),
    }
