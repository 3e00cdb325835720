"""The in-app inbox: list, open (marks read and follows the link), mark read, mark all read."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from . import notify
from .listing import get_scoped_or_404, paginate
from .models.notifications import Notification


def unread_badge(request) -> dict:
    """Context processor: the unread count shown in the top bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_unread": notify.unread_count(user)}


@require_GET
def inbox(request):
    messages_qs = notify.inbox_for(request.user)
    only_unread = request.GET.get("status") == "unread"
    if only_unread:
        messages_qs = messages_qs.filter(read_at__isnull=True)
    page = paginate(request, messages_qs.order_by("-id"), 20)
    return render(request, "core/inbox.html", {"page": page, "only_unread": only_unread,
                                               "unread": notify.unread_count(request.user)})


def _own(request, pk) -> Notification:
    return get_scoped_or_404(notify.inbox_for(request.user), Notification, pk, verb="读取消息")


@require_POST
def open_message(request, pk):
    note = _own(request, pk)
    notify.mark_read(request.user, note)
    if note.link and url_has_allowed_host_and_scheme(note.link, allowed_hosts={request.get_host()},
                                                     require_https=request.is_secure()):
        return redirect(note.link)
    return redirect("core:inbox")


@require_POST
def mark_read(request, pk):
    notify.mark_read(request.user, _own(request, pk))
    return redirect("core:inbox")


@require_POST
def mark_all_read(request):
    count = notify.mark_all_read(request.user)
    messages.success(request, f"已将 {count} 条消息标为已读。" if count else "没有未读消息。")
    return redirect("core:inbox")
