"""Current login lockouts, read from django-axes' database handler (SECURITY.md A2)."""

from dataclasses import dataclass
from datetime import datetime

from axes.conf import settings as axes_settings
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max, Sum
from django.utils import timezone

from sifa.core.models import User


@dataclass(frozen=True)
class Lockout:
    user: User
    failures: int
    last_attempt: datetime
    ip_addresses: tuple[str, ...]

    @property
    def unlocks_at(self) -> datetime:
        return self.last_attempt + get_cool_off()


def active_lockout_attempts():
    """Attempt rows over the failure limit whose cool-off has not yet run out."""
    since = timezone.now() - get_cool_off()
    return AccessAttempt.objects.filter(failures_since_start__gte=axes_settings.AXES_FAILURE_LIMIT,
                                        attempt_time__gte=since)


def lockouts_of(users) -> list[Lockout]:
    """The locked-out accounts among `users` (a queryset already limited to the admin's scope)."""
    attempts = active_lockout_attempts()
    summary = {row["username"]: row for row in attempts.values("username")
               .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))}
    if not summary:
        return []
    ips: dict[str, set[str]] = {}
    for username, ip in attempts.values_list("username", "ip_address"):
        ips.setdefault(username, set()).add(ip or "")
    return [Lockout(user=u, failures=summary[u.username]["failures"], last_attempt=summary[u.username]["last"],
                    ip_addresses=tuple(sorted(ips[u.username])))
            for u in users.filter(username__in=summary.keys()).order_by("username")]


def locked_usernames(usernames) -> set[str]:
    return set(active_lockout_attempts().filter(username__in=list(usernames)).values_list("username", flat=True))
