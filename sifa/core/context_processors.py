from itertools import groupby

from django.urls import NoReverseMatch, reverse

from . import navigation as nav_registry


def navigation_sections(user):
    sections = []
    for section, entries in groupby(nav_registry.entries_for(user), key=lambda e: e.section):
        links = []
        for e in entries:
            try:
                links.append({"label": e.label, "url": reverse(e.url_name)})
            except NoReverseMatch:
                continue
        if links:
            sections.append({"title": section, "links": links})
    return sections


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": []}
    return {"nav_sections": navigation_sections(user)}
