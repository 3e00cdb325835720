"""The services listed on the portal's front page. A line registers its public forms in AppConfig.ready():

    services.register("申请法律援助", "legalaid:portal_apply", "经济困难的公民可申请免费法律服务", order=10)
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Service:
    label: str
    url_name: str
    description: str = ""
    order: int = 100


_services: list[Service] = []


def register(label: str, url_name: str, description: str = "", order: int = 100) -> None:
    service = Service(label, url_name, description, order)
    if service not in _services:
        _services.append(service)


def listed() -> list[dict]:
    out = []
    for s in sorted(_services, key=lambda s: (s.order, s.label)):
        try:
            out.append({"label": s.label, "url": reverse(s.url_name), "description": s.description})
        except NoReverseMatch:
            continue
    return out
