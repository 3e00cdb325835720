"""Audit completeness (SECURITY.md C1, E2): every kind of event leaves one complete row, made through the same
paths a user takes, and no seeded ID number, mobile number or password reaches an audit row or a log line."""

import io
import logging
import re

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from sifa.core import actions
from sifa.core.middleware import RequestContextMiddleware
from sifa.core.models import AuditEvent, Role
from sifa.core.models.audit import AuditEventType
from tests import factories

from .conftest import SEEDED_ID, SEEDED_MOBILE

SEEDED_PASSWORD = "Seeded-Secret#2026"
NEW_PASSWORD = "Changed-Secret#2027"
UUID = re.compile(r"^[0-9a-f-]{36}$")


def new_rows(since: int):
    return list(AuditEvent.objects.filter(id__gt=since).order_by("id"))


def last_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def in_request(user, fn):
    """Run an action the way a view does: inside the middleware that binds IP and request id."""
    request = RequestFactory().post("/", REMOTE_ADDR="10.1.2.3")
    request.user = user
    RequestContextMiddleware(lambda r: (fn(), HttpResponse())[1])(request)


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


@pytest.fixture
def console_log():
    """The configured console handler (with its ScrubPersonalInfo filter), writing into a buffer."""
    handler = next(h for h in logging.getLogger().handlers
                   if any(type(f).__name__ == "ScrubPersonalInfo" for f in h.filters))
    buffer = io.StringIO()
    # Swapped without setStream, which would flush the old stream: when an earlier test on the same worker left
    # the handler on a captured stream that is closed by now, flushing it would fail.
    old, handler.stream = handler.stream, buffer
    yield buffer
    handler.stream = old


def complete(row, *, with_user=True):
    missing = [name for name in ("at", "ip", "request_id", "object_type", "object_id") if not getattr(row, name)]
    if with_user:
        missing += [name for name in ("user_id", "username", "role", "org_path") if not getattr(row, name)]
    return missing


def test_every_event_type_leaves_one_complete_row(client, tree, record_a, corrections_a, audit_admin,
                                                   corrections_b, console_log):
    staff = factories.user(tree["office_a"], role=Role.OFFICE_STAFF, username="staff_seeded")
    staff.set_password(SEEDED_PASSWORD)
    staff.save()
    victim = factories.user(tree["office_b"], username="victim")
    security_admin = factories.user(tree["bureau"], role=Role.SECURITY_ADMIN, username="secadmin")
    sensitive_url = f"/sensitive/{record_a._meta.label_lower}/{record_a.pk}/id_number/"

    def client_as(user):
        client.logout()
        client.force_login(user)

    steps = [
        (AuditEventType.LOGIN_FAIL, lambda: login(client, "staff_seeded", "Wrong-" + SEEDED_PASSWORD)),
        (AuditEventType.LOGIN_OK, lambda: login(client, "staff_seeded", SEEDED_PASSWORD)),
        (AuditEventType.PASSWORD_CHANGE, lambda: client.post("/accounts/password/", {
            "old_password": SEEDED_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})),
        (AuditEventType.LOGOUT, lambda: client.post("/accounts/logout/")),
        (AuditEventType.ROLE_CHANGE, lambda: in_request(
            security_admin, lambda: actions.change_role(security_admin, victim, Role.MEDIATOR))),
        (AuditEventType.ACTION, lambda: in_request(security_admin, lambda: actions.update_org_unit(
            security_admin, tree["office_b"], phone="0557-8021234"))),
        (AuditEventType.UNMASK, lambda: (client_as(corrections_a),
                                         client.post(sensitive_url, {"reason": "核对身份办理报到"}))),
        (AuditEventType.READ_SENSITIVE, lambda: client.get(sensitive_url)),
        (AuditEventType.DENIED, lambda: (client_as(corrections_b), client.get(sensitive_url))),
        (AuditEventType.EXPORT, lambda: (client_as(audit_admin), client.get("/audit/export/"))),
    ]
    for event, step in steps:
        since = last_id()
        step()
        rows = [r for r in new_rows(since) if r.event == event]
        assert len(rows) == 1, (event, [r.event for r in new_rows(since)])
        assert complete(rows[0]) == [], (event, complete(rows[0]))
        assert UUID.match(rows[0].request_id), event

    client.logout()
    for _ in range(5):
        login(client, "victim", "Wrong-Passw0rd!")
    [lockout] = AuditEvent.objects.filter(event=AuditEventType.LOCKOUT)
    assert complete(lockout) == [] and lockout.user_id == victim.pk

    covered = {e for e, _ in steps} | {AuditEventType.LOCKOUT}
    assert covered == {AuditEventType.LOGIN_OK, AuditEventType.LOGIN_FAIL, AuditEventType.LOCKOUT,
                       AuditEventType.LOGOUT, AuditEventType.PASSWORD_CHANGE, AuditEventType.ROLE_CHANGE,
                       AuditEventType.ACTION, AuditEventType.UNMASK, AuditEventType.READ_SENSITIVE,
                       AuditEventType.EXPORT, AuditEventType.DENIED}

    # nothing personal in any row, nor in the log output of all of the above
    logging.getLogger("sifa.test").warning("身份证 %s 手机 %s", SEEDED_ID, SEEDED_MOBILE)
    for row in AuditEvent.objects.all():
        text = repr([getattr(row, f.attname) for f in AuditEvent._meta.fields])
        for secret in (SEEDED_ID, SEEDED_MOBILE, SEEDED_PASSWORD, NEW_PASSWORD):
            assert secret not in text, (row.event, secret)
    logged = console_log.getvalue()
    assert "1101**********002X" in logged and "138****1234" in logged
    for secret in (SEEDED_ID, SEEDED_MOBILE, SEEDED_PASSWORD, NEW_PASSWORD):
        assert secret not in logged


def test_failed_login_with_an_id_number_as_username_is_masked(client, db, console_log):
    login(client, SEEDED_ID, "whatever-Passw0rd")
    row = AuditEvent.objects.get(event=AuditEventType.LOGIN_FAIL)
    assert row.username == "1101**********002X" and row.user_id is None
    assert complete(row, with_user=False) == ["object_type", "object_id"]  # no such account to name
    assert SEEDED_ID not in console_log.getvalue()


def test_log_filter_scrubs_every_argument_type_and_tracebacks(console_log):
    log = logging.getLogger("sifa.test")
    log.warning("次数 %d，对象 %s", 3, {"id": SEEDED_ID})
    try:
        raise ValueError(f"号码 {SEEDED_ID} 无效")
    except ValueError:
        log.exception("导入失败，联系电话 %s", SEEDED_MOBILE)
    out = console_log.getvalue()
    assert "次数 3" in out and "1101**********002X" in out and "ValueError" in out
    assert SEEDED_ID not in out and SEEDED_MOBILE not in out
    assert "Logging error" not in out
