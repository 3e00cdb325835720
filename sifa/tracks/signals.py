"""What other lines may ask of the track line without reading its tables: the psychological early-warning rules
(sifa.wellbeing) combine recent screening alerts with their other signals."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import Alert, AlertStatus


def open_alerts_for(subject, *, days: int = 90, today: dt.date | None = None) -> list[Alert]:
    """The subject's alerts of the last `days` days that are still open (待核查) or were confirmed (核查属实),
    newest first. Excluded alerts are not signals."""
    today = today or timezone.localdate()
    return list(Alert.objects.filter(subject=subject, occurred_on__gte=today - dt.timedelta(days=days),
                                     occurred_on__lte=today,
                                     status__in=(AlertStatus.OPEN, AlertStatus.CONFIRMED))
                .order_by("-occurred_on", "-id"))
