from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator


def run_action(request, success_message: str, action, *args, **kwargs) -> bool:
    """Run a one-button action (停用、启用、解锁…), reporting the outcome or the Chinese reason of a refusal."""
    try:
        action(request.user, *args, **kwargs)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return False
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "没有权限执行此操作。")
        return False
    messages.success(request, success_message)
    return True


def parse_flag(value) -> bool | None:
    return {"1": True, "0": False}.get(value)


def paginate(request, queryset, per_page: int = 30):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
