"""Masking in templates.

    {% load masking %}
    {{ person.mobile|mask_mobile }}  {{ person.id_number|mask_id }}  {{ value|mask }}   (pure masking)
    {% sensitive case "id_number" %}   masked value, clear during a break-glass grant (audited), plus the
                                       "查看完整信息" link for roles that may unmask
"""

from django import template

from sifa.core import masking as m

from ..unmask import reveal

register = template.Library()

register.filter("mask_id", m.mask_id)
register.filter("mask_mobile", m.mask_mobile)
register.filter("mask_phone", m.mask_phone)
register.filter("mask_name", m.mask_name)
register.filter("mask_bank_card", m.mask_bank_card)
register.filter("mask_address", m.mask_address)
register.filter("mask", m.mask_auto)


@register.inclusion_tag("core/unmask/_value.html", takes_context=True)
def sensitive(context, obj, field):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return {"display": reveal(user, obj, field), "next": request.get_full_path() if request else ""}
