"""Writing and verifying the audit log. Every write happens inside the caller's transaction, so an action whose
audit row cannot be written is rolled back with it (fail closed, SECURITY.md C3)."""

import hashlib
import hmac
import json
from contextlib import contextmanager

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from . import controlchars, request_context
from .models.audit import AuditChainHead, AuditEvent, AuditEventType, AuditSeal

GENESIS = "0" * 64


def _chain_key() -> bytes:
    return hashlib.sha256(("sifa-audit-chain:" + settings.SECRET_KEY).encode()).digest()


def _hmac_sm3(data: bytes) -> str:
    mac = crypto_hmac.HMAC(_chain_key(), hashes.SM3())
    mac.update(data)
    return mac.finalize().hex()


def seal_mac(event_id: int, event_hash: str) -> str:
    """The signature of a seal naming row `event_id` with hash `event_hash` as the newest of the chain."""
    return _hmac_sm3(f"sifa-audit-seal:{event_id}:{event_hash}".encode())


def _sql(statement: str, params=()) -> list[tuple]:
    """One statement of the append on the audit tables, without the ORM: an append runs with every action, so
    building querysets for its fixed statements would cost more than the statements themselves."""
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def _tables() -> tuple[str, str, str]:
    quote = connection.ops.quote_name
    return (quote(AuditChainHead._meta.db_table), quote(AuditEvent._meta.db_table), quote(AuditSeal._meta.db_table))


def _lock_head() -> tuple[int | None, str]:
    """Lock the chain head (serialising appends) and answer the hash the next row links to: the newest row's, or
    the head's anchor when the purge left no row. Also answers the newest row's id (None without rows)."""
    head, events, _ = _tables()
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    found = _sql(f"SELECT last_hash FROM {head} WHERE id = 1{lock}")
    if not found:  # the first append of a new database: create the head, then lock it as every append does
        AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
        found = _sql(f"SELECT last_hash FROM {head} WHERE id = 1{lock}")
    anchor = found[0][0]
    newest = _sql(f"SELECT id, hash FROM {events} ORDER BY id DESC LIMIT 1")
    return (newest[0][0], newest[0][1]) if newest else (None, anchor)


def _reseal(row: AuditEvent, previous_id: int | None) -> None:
    """Make `row` the sealed head: insert its seal, then delete the seal of the row before it (the caller holds
    the head lock). The previous seal is found by its row's id, a lookup that stays O(1) in a long transaction."""
    _, _, seals = _tables()
    _sql(f"INSERT INTO {seals} (event_id, event_hash, mac) VALUES (%s, %s, %s)",
         (row.id, row.hash, seal_mac(row.id, row.hash)))
    if previous_id is not None:
        _sql(f"DELETE FROM {seals} WHERE event_id = %s", (previous_id,))


def _clean(text: str, limit: int) -> str:
    """Free text as an audit row stores it: no control characters (the export must always be writable)."""
    return controlchars.strip(str(text or ""))[:limit]


def _canonical(event: AuditEvent) -> bytes:
    fields = {
        "at": event.at.isoformat(), "event": event.event, "user": event.user_id, "username": event.username,
        "role": event.role, "org_path": event.org_path, "ip": event.ip, "request_id": event.request_id,
        "object_type": event.object_type, "object_id": event.object_id, "object_repr": event.object_repr,
        "verb": event.verb, "before": event.before, "after": event.after, "outcome": event.outcome,
        "reason": event.reason, "prev_hash": event.prev_hash,
    }
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str).encode()


def _object_fields(obj) -> dict:
    if obj is None:
        return {}
    return {"object_type": obj._meta.label_lower, "object_id": str(obj.pk or ""), "object_repr": _clean(obj, 200)}


def record(event: str, *, user=None, obj=None, verb: str = "", before=None, after=None, outcome: str = "success",
           reason: str = "", username: str = "", object_type: str = "", object_id: str = "") -> AuditEvent:
    """Append one audit row. `user` defaults to the request's user; IP and request id come from the request."""
    ctx = request_context.current()
    if user is None and ctx.user is not None and getattr(ctx.user, "is_authenticated", False):
        user = ctx.user
    row = AuditEvent(
        at=timezone.now(), event=event, verb=_clean(verb, 50), before=before, after=after, outcome=outcome,
        reason=_clean(reason, 500), ip=ctx.ip, request_id=ctx.request_id,
        **_object_fields(obj),
    )
    if object_type:
        row.object_type = object_type
    if object_id:
        row.object_id = str(object_id)
    if user is not None and getattr(user, "pk", None):
        row.user_id = user.pk
        row.username = user.username
        row.role = getattr(user, "role", "")
        row.org_path = user.org.path if getattr(user, "org_id", None) else ""
    else:
        row.username = _clean(username, 150)
    with transaction.atomic():
        # The head row is locked, not updated per event: the lock serialises appends (no forks), and the previous
        # hash is the newest row's, read by primary key (the head's own hash only when the purge left no row).
        # Updating one row per event would leave a version of it per event in a long transaction (PostgreSQL),
        # and each later lookup would walk them all.
        previous_id, row.prev_hash = _lock_head()
        row.hash = _hmac_sm3(_canonical(row))
        row.save()
        _reseal(row, previous_id)
    return row


def action(user, verb: str, obj, before=None, after=None, reason: str = "") -> AuditEvent:
    return record(AuditEventType.ACTION, user=user, obj=obj, verb=verb, before=before, after=after, reason=reason)


def verify_chain() -> tuple[int, list[int]]:
    """Recompute the chain in insertion order. Returns (rows checked, ids of rows that do not verify)."""
    broken: list[int] = []
    prev = GENESIS
    count = 0
    for row in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if row.prev_hash != prev or not hmac.compare_digest(row.hash, _hmac_sm3(_canonical(row))):
            broken.append(row.id)
        prev = row.hash
    return count, broken


# --- what an action writes into before/after --------------------------------------------------------------------


def snapshot(obj, fields, *, readable: bool = False) -> dict:
    """A record's `fields` as text for an audit row's before/after, sensitive values masked (never a clear ID or
    phone number in the log). With `readable`, in the words a reader of the record's history understands:
    choices by their Chinese label, related records by name, booleans as 是/否."""
    from .masking import masked_snapshot

    snap = masked_snapshot(obj, fields)
    if not readable:
        return snap
    sensitive = set(getattr(type(obj), "sensitive_fields", ()) or ())
    for name in fields:
        if snap.get(name) is None or name in sensitive:
            continue
        field = obj._meta.get_field(name)
        value = getattr(obj, name)
        if field.is_relation:
            snap[name] = str(getattr(obj, field.name))
        elif field.choices:
            snap[name] = str(dict(field.flatchoices).get(value, snap[name]))
        elif isinstance(value, bool):
            snap[name] = "是" if value else "否"
    return snap


def apply_changes(obj, changes: dict, allowed, cleaners: dict | None = None) -> None:
    """Set `changes` on `obj`, refusing any field outside `allowed` (「字段“x”不允许修改。」) before setting any;
    `cleaners` {field: function} turn a submitted value into the stored one (and may refuse it)."""
    for name in changes:
        if name not in allowed:
            raise ValidationError(f"字段“{name}”不允许修改。")
    for name, value in changes.items():
        if cleaners and name in cleaners:
            value = cleaners[name](value)
        setattr(obj, name, value)


class Edit:
    """What `edited` yields: `apply` the changes, and put anything else the row should show into `extra`."""

    def __init__(self, obj):
        self.obj, self.extra = obj, {}

    def apply(self, changes: dict, allowed, cleaners: dict | None = None) -> None:
        apply_changes(self.obj, changes, allowed, cleaners)


@contextmanager
def edited(actor, obj, verb: str, fields, *, event: str = "", readable: bool = False, reason: str = ""):
    """An edit of `obj` restricted to a whitelist of fields, audited with before/after::

        with audit.edited(actor, committee, "修改调委会", COMMITTEE_FIELDS) as edit:
            edit.apply(changes, allowed={"name", "phone"}, cleaners={"level": clean_level})
            validate(committee)
            committee.save()

    The before-snapshot is taken on entry; on a clean exit one audit row (event ACTION unless given) is written
    with the after-snapshot plus `edit.extra`. An exception writes nothing (the caller's transaction rolls back)."""
    before = snapshot(obj, fields, readable=readable)
    edit = Edit(obj)
    yield edit
    after = snapshot(obj, fields, readable=readable) | edit.extra
    record(event or AuditEventType.ACTION, user=actor, obj=obj, verb=verb, before=before, after=after, reason=reason)
