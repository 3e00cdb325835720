from django.urls import NoReverseMatch, reverse

from . import navigation as nav_registry


def navigation_sections(user):
    """The user's sections, each heading once: a section sits where its first entry sorts, and every entry of
    that heading joins it (two apps adding to 个人事务 or 系统管理 at different orders give one block, not two)."""
    sections: dict[str, dict] = {}
    for e in nav_registry.entries_for(user):
        try:
            url = reverse(e.url_name)
        except NoReverseMatch:
            continue
        section = sections.setdefault(e.section, {"title": e.section, "links": []})
        if all(link["url"] != url for link in section["links"]):
            section["links"].append({"label": e.label, "url": url})
    return [s for s in sections.values() if s["links"]]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": []}
    return {"nav_sections": navigation_sections(user)}
