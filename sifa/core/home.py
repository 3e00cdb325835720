"""What a staff user sees first: 待办 (inbox), near-due and overdue items, recent records."""

from .models.notifications import Notification


def home_context(user) -> dict:
    from . import deadlines

    items = deadlines.items_for(user) if hasattr(deadlines, "items_for") else []
    return {
        "inbox": Notification.objects.filter(user=user, read_at__isnull=True)[:10],
        "due_items": [i for i in items if i.state != "正常"][:50],
    }
