"""Business lines add their API without editing this app.

In ``sifa/<line>/api.py``:

    from ninja import Router
    router = Router(tags=["人民调解"])
    prefix = "mediation"            # optional; defaults to the app label → /api/v1/mediation/...

    @router.get("/cases", response=Page[CaseOut]) ...

Every installed app's ``api`` submodule that exposes ``router`` is mounted when the API is built. An app that
needs more than one router (or a router outside ``api.py``) calls `register(prefix, router)` at import time of
its ``api`` module instead."""

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule
from ninja import Router


@dataclass(frozen=True)
class Mount:
    prefix: str
    router: Router
    source: str


_explicit: list[Mount] = []


def register(prefix: str, router: Router) -> None:
    if all(m.router is not router for m in _explicit):
        _explicit.append(Mount(prefix.strip("/"), router, "register()"))


def discover(skip: tuple[str, ...] = ("sifa.api",)) -> list[Mount]:
    """Import each installed app's ``api`` module and collect the routers to mount, in INSTALLED_APPS order."""
    mounts: list[Mount] = []
    for app_config in apps.get_app_configs():
        if app_config.name in skip or not module_has_submodule(app_config.module, "api"):
            continue
        module = import_module(f"{app_config.name}.api")
        router = getattr(module, "router", None)
        if router is None:
            continue
        if not isinstance(router, Router):
            raise ImproperlyConfigured(f"{app_config.name}.api.router 应为 ninja.Router。")
        prefix = str(getattr(module, "prefix", app_config.label)).strip("/")
        mounts.append(Mount(prefix, router, module.__name__))
    for mount in _explicit:
        if all(m.router is not mount.router for m in mounts):
            mounts.append(mount)
    prefixes = [m.prefix for m in mounts]
    duplicates = sorted({p for p in prefixes if prefixes.count(p) > 1})
    if duplicates:
        raise ImproperlyConfigured(f"接口路径前缀重复：{', '.join(duplicates)}")
    return mounts
