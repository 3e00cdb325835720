import re

from django import template

register = template.Library()


@register.filter
def mask_mobile(value: str) -> str:
    """138****5678: lists show only enough of a number to tell people apart (SECURITY.md E2)."""
    return re.sub(r"^(\d{3})\d{4}(\d{4})$", r"\1****\2", value or "")
