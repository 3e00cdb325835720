"""A favicon: linked from staff and portal pages, and /favicon.ico (what browsers ask for) leads to it."""

from django.contrib.staticfiles import finders
from django.test import Client


def test_favicon_is_linked_and_served(db):
    client = Client()
    login = client.get("/portal/").content.decode() + client.get("/accounts/login/").content.decode()
    assert login.count('rel="icon"') >= 1 and "core/favicon.svg" in login
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith("core/favicon.svg")
    path = finders.find("core/favicon.svg")
    assert path and open(path, encoding="utf-8").read().startswith("<svg")
