"""Deadlines in templates.

    {% load deadlines %}
    调解期限：{{ dispute.due_on|date:"Y年n月j日" }}{{ dispute.due_on|estimate_note }}

`estimate_note` prints “（节假日安排未发布，按工作日推算）” after a due date in a year whose holiday schedule is not
published yet (core.deadlines.estimate_note, the same words the detail pages add), and nothing otherwise: staff
see which dates may still move.
"""

import datetime as dt

from django import template
from django.utils.html import format_html

from sifa.core import deadlines

register = template.Library()


@register.filter
def estimate_note(due):
    note = deadlines.estimate_note(due) if isinstance(due, dt.date) else ""
    return format_html('<span class="due-estimate">（{}）</span>', note) if note else ""
