"""Login, logout and lockout events go to the audit log; password changes are kept in the history."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import audit
from .models.accounts import PasswordHistory, User
from .models.audit import AuditEventType


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    import time

    request.session["sifa_login_at"] = time.time()
    audit.record(AuditEventType.LOGIN_OK, user=user)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(AuditEventType.LOGOUT, user=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    audit.record(AuditEventType.LOGIN_FAIL, username=str(credentials.get("username", ""))[:150], outcome="failure")


@receiver(user_locked_out)
def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    audit.record(AuditEventType.LOCKOUT, username=str(username or "")[:150], outcome="failure",
                 reason="连续登录失败次数过多")


@receiver(post_save, sender=User)
def keep_password_history(sender, instance, **kwargs):
    pending = getattr(instance, "_password_history_pending", None)
    if pending:
        PasswordHistory.objects.create(user=instance, password=pending)
        instance._password_history_pending = None
