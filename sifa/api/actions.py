"""State changes the API itself owns: personal API tokens.

Token issue and revocation are security events and are audited; the clear key exists only in the return
value of `issue_token`."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sifa.core import audit
from sifa.core.models import ApiToken
from sifa.core.models.audit import AuditEventType

MAX_TOKEN_DAYS = 365
MAX_ACTIVE_TOKENS = 20


def _token_snapshot(token: ApiToken) -> dict:
    return {"name": token.name, "prefix": token.prefix,
            "expires_at": token.expires_at.isoformat() if token.expires_at else None, "revoked": token.revoked}


@transaction.atomic
def issue_token(user, *, name: str, days: int) -> tuple[ApiToken, str]:
    name = name.strip()
    if not name:
        raise ValidationError({"name": ["请填写令牌用途。"]})
    if not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValidationError({"expires_in_days": [f"有效期应为1至{MAX_TOKEN_DAYS}天。"]})
    active = ApiToken.objects.filter(user=user, revoked=False, expires_at__gt=timezone.now()).count()
    if active >= MAX_ACTIVE_TOKENS:
        raise ValidationError(f"有效令牌已达{MAX_ACTIVE_TOKENS}个，请先吊销不再使用的令牌。")
    token, key = ApiToken.issue(user, name, expires_at=timezone.now() + timedelta(days=days))
    audit.record(AuditEventType.CONFIG, user=user, object_type="core.apitoken", object_id=str(token.pk),
                 verb="创建接口令牌", after=_token_snapshot(token))
    return token, key


@transaction.atomic
def revoke_token(user, token: ApiToken) -> ApiToken:
    if token.revoked:
        return token
    before = _token_snapshot(token)
    token.revoked = True
    token.save(update_fields=["revoked"])
    audit.record(AuditEventType.CONFIG, user=user, object_type="core.apitoken", object_id=str(token.pk),
                 verb="吊销接口令牌", before=before, after=_token_snapshot(token))
    return token

