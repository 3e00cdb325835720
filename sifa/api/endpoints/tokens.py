"""Personal API tokens. The clear key is returned once, at creation; afterwards only its prefix is shown.
A token is created from a logged-in browser session, never with another token, so a leaked token cannot
renew itself."""

from datetime import datetime

from ninja import Field, Query, Router, Status

from sifa.core.models import ApiToken

from .. import actions
from ..auth import acting_user
from ..contract import Schema
from ..errors import ApiError
from ..pagination import Page, PageParams, paginate
from ..scope import get_scoped_or_404, scoped

router = Router(tags=["接口令牌"])


class TokenOut(Schema):
    id: int
    name: str = Field(..., title="用途")
    prefix: str = Field(..., title="令牌前缀")
    created_at: datetime = Field(..., title="创建时间")
    expires_at: datetime | None = Field(None, title="有效期至")
    last_used_at: datetime | None = Field(None, title="最近使用")
    revoked: bool = Field(..., title="已吊销")
    valid: bool = Field(..., title="有效")

    @staticmethod
    def resolve_valid(obj):
        return obj.is_valid()


class TokenCreated(TokenOut):
    key: str = Field(..., title="令牌", description="只显示这一次，请妥善保存")


class TokenIn(Schema):
    name: str = Field(..., title="用途", min_length=1, max_length=100)
    expires_in_days: int = Field(90, title="有效天数", ge=1, le=actions.MAX_TOKEN_DAYS)


@router.get("", response=Page[TokenOut], summary="我的接口令牌")
def list_tokens(request, paging: Query[PageParams]):
    return paginate(scoped(request, ApiToken).order_by("-id"), paging)


@router.post("", response={201: TokenCreated}, summary="创建接口令牌", description="需在登录后的页面会话中调用；令牌明文只返回这一次。")
def create_token(request, payload: TokenIn):
    if getattr(request, "auth_method", "") != "session":
        raise ApiError(403, "session_required", "接口令牌只能在登录后的页面中创建，不能用令牌创建令牌。")
    token, key = actions.issue_token(acting_user(request), name=payload.name, days=payload.expires_in_days)
    token.key = key
    return token


@router.delete("/{int:id}", response={204: None}, summary="吊销接口令牌")
def revoke_token(request, id: int):
    token = get_scoped_or_404(request, ApiToken, id)
    actions.revoke_token(acting_user(request), token)
    return Status(204, None)

