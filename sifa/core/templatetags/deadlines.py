"""Deadlines in templates.

    {% load deadlines %}
    调解期限：{{ dispute.due_on|date:"Y年n月j日" }}{{ dispute.due_on|estimate_note }}

`estimate_note` prints “（节假日安排未发布，按工作日推算）” after a due date in a year whose holiday schedule is not
published yet (sifa.core.workdays), and nothing otherwise: staff see which dates may still move.
"""

import datetime as dt

from django import template
from django.utils.html import format_html

from sifa.core import workdays

register = template.Library()


@register.filter
def estimate_note(due):
    if not isinstance(due, dt.date) or workdays.is_year_published(due.year):
        return ""
    return format_html('<span class="due-estimate">（{}）</span>', workdays.ESTIMATE_NOTE)
