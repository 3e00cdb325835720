"""Rendering portal pages: every page gets the site title and the signed-in citizen (never staff context)."""

from django.conf import settings
from django.shortcuts import render


def render_page(request, template: str, context: dict | None = None, status: int = 200):
    base = {"portal_title": getattr(settings, "SIFA_PORTAL_TITLE", "公共法律服务平台"),
            "citizen": getattr(request, "citizen", None)}
    base.update(context or {})
    return render(request, template, base, status=status)
