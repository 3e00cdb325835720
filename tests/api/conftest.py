import json

import pytest

from sifa.core.models import ApiToken


class ApiClient:
    """The Django test client speaking JSON to /api/v1/ with a bearer token (or the session when token is None)."""

    def __init__(self, client, token: str | None = None):
        self.client = client
        self.token = token
        self.client.raise_request_exception = False

    def _headers(self, extra):
        headers = dict(extra or {})
        if self.token is not None:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        return headers

    def request(self, method: str, path: str, data=None, *, raw: bytes | str | None = None, headers=None, **query):
        url = path if path.startswith("/") else f"/api/v1/{path}"
        kwargs = {"headers": self._headers(headers)}
        if method == "GET":
            return self.client.get(url, data=query or data, **kwargs)
        body = raw if raw is not None else (json.dumps(data, ensure_ascii=False) if data is not None else "")
        return getattr(self.client, method.lower())(url, data=body, content_type="application/json", **kwargs)

    def get(self, path, **query):
        return self.request("GET", path, **query)

    def post(self, path, data=None, **kw):
        return self.request("POST", path, data, **kw)

    def put(self, path, data=None, **kw):
        return self.request("PUT", path, data, **kw)

    def patch(self, path, data=None, **kw):
        return self.request("PATCH", path, data, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    """These tests are about the API, not password storage: skip Argon2's deliberate cost when building users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def issue(user, name="测试", **kw) -> str:
    return ApiToken.issue(user, name, **kw)[1]


@pytest.fixture
def api_for(client):
    """api_for(user) → an ApiClient authenticated with a fresh token of that user."""

    def make(user, **kw):
        return ApiClient(client, issue(user, **kw))

    return make


@pytest.fixture
def api(api_for, office_user):
    return api_for(office_user)


@pytest.fixture
def anon_api(client):
    return ApiClient(client)


@pytest.fixture
def sysadmin(tree):
    from sifa.core.models import Role
    from tests import factories

    return factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN, username="sysadmin")


@pytest.fixture
def admin_api(api_for, sysadmin):
    return api_for(sysadmin)


def denied_rows(object_type: str = "", object_id=None):
    from sifa.core.models import AuditEvent
    from sifa.core.models.audit import AuditEventType

    rows = AuditEvent.objects.filter(event=AuditEventType.DENIED)
    if object_type:
        rows = rows.filter(object_type=object_type)
    if object_id is not None:
        rows = rows.filter(object_id=str(object_id))
    return rows
