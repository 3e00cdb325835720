"""A JSON client for /api/v1/ with a bearer token, for the API tests of every line."""

import json

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


def issue(user, name="测试", **kw) -> str:
    return ApiToken.issue(user, name, **kw)[1]
