"""Login, logout and lockout events go to the audit log; password changes are kept in the history.

A failed login or a lockout names the targeted account when it exists, so the row carries its role and org
(SECURITY.md C1). The typed password never reaches an audit row: only the username is read from the
credentials."""

import time

from axes.signals import user_locked_out
from django.contrib.auth.password_validation import get_default_password_validators
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import audit
from .logfilters import scrub
from .models.accounts import PasswordHistory, User
from .models.audit import AuditEventType

DEFAULT_HISTORY_KEPT = 5


def _account(username) -> User | None:
    if not username:
        return None
    return User.objects.filter(username=str(username)[:150]).select_related("org").first()


def _typed_username(username, account) -> str:
    """What to record as the attempted account: people type their ID or mobile number into the username
    box, so for unknown accounts those are masked before they reach the audit row."""
    return account.username if account is not None else scrub(str(username or ""))[:150]


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session["sifa_login_at"] = time.time()
    audit.record(AuditEventType.LOGIN_OK, user=user, obj=user)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(AuditEventType.LOGOUT, user=user, obj=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    account = _account(credentials.get("username"))
    locked = bool(getattr(request, "axes_locked_out", False))
    audit.record(AuditEventType.LOGIN_FAIL, user=account, obj=account,
                 username=_typed_username(credentials.get("username"), account), outcome="failure",
                 reason="账号处于锁定期" if locked else "")


@receiver(user_locked_out)
def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    """One LOCKOUT row when the limit is reached. axes signals again on every attempt during the lockout
    (its failure count is then unset); those attempts already have a LOGIN_FAIL row saying so."""
    if request is not None and getattr(request, "axes_failures_since_start", None) is None:
        return
    account = _account(username)
    audit.record(AuditEventType.LOCKOUT, user=account, obj=account, username=_typed_username(username, account),
                 outcome="failure", reason="连续登录失败次数过多，账号锁定30分钟")


def history_kept() -> int:
    """As many past hashes as the PasswordHistoryValidator compares against."""
    for validator in get_default_password_validators():
        if hasattr(validator, "history"):
            return max(int(validator.history), 1)
    return DEFAULT_HISTORY_KEPT


@receiver(post_save, sender=User)
def keep_password_history(sender, instance, **kwargs):
    pending = getattr(instance, "_password_history_pending", None)
    if pending:
        PasswordHistory.objects.create(user=instance, password=pending)
        instance._password_history_pending = None
        stale = instance.password_history.values_list("pk", flat=True)[history_kept():]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()
