from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import audit

from .models import Memo

EDITABLE = ("title", "body")


def _snapshot(memo: Memo) -> dict:
    return {"title": memo.title, "body": memo.body, "status": memo.status, "org": memo.org_id}


@transaction.atomic
def create_memo(actor, *, org, title: str, body: str = "") -> Memo:
    if not title.strip():
        raise ValidationError({"title": ["请填写标题。"]})
    memo = Memo.objects.create(org=org, title=title.strip(), body=body, created_by=actor)
    audit.action(actor, "新建备忘", memo, after=_snapshot(memo))
    return memo


@transaction.atomic
def update_memo(actor, memo: Memo, **changes) -> Memo:
    before = _snapshot(memo)
    for field, value in changes.items():
        if field not in EDITABLE:
            raise ValidationError(f"字段“{field}”不允许修改。")
        setattr(memo, field, value)
    if not memo.title.strip():
        raise ValidationError({"title": ["请填写标题。"]})
    memo.save()
    audit.action(actor, "修改备忘", memo, before=before, after=_snapshot(memo))
    return memo


@transaction.atomic
def delete_memo(actor, memo: Memo) -> None:
    audit.action(actor, "删除备忘", memo, before=_snapshot(memo))
    memo.delete()
