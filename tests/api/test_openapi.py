"""The OpenAPI document lists every route; the reference page is built from it and loads nothing from elsewhere."""

import json
import re

from sifa.api.v1 import api as v1


def _routes_served() -> set[tuple[str, str]]:
    """(METHOD, /api/v1/path) of every operation the API actually serves, read from its routers."""
    served = set()
    for bound in v1._get_bound_routers():
        for path, path_view in bound.path_operations.items():
            full = "/api/v1/" + "/".join(p.strip("/") for p in (bound.prefix, path) if p.strip("/"))
            full = re.sub(r"{[^}:]+:", "{", full)
            for operation in path_view.operations:
                served.update((m, full) for m in operation.methods)
    return served


def test_document_is_valid_json_with_every_route(client, tree):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.") and document["info"]["title"] == "司法行政综合业务平台开放接口"
    listed = {(m.upper(), path) for path, methods in document["paths"].items() for m in methods}
    assert listed == _routes_served()
    assert {("GET", "/api/v1/me"), ("GET", "/api/v1/divisions"), ("PATCH", "/api/v1/orgs/{id}"),
            ("PUT", "/api/v1/population"), ("POST", "/api/v1/notifications/{id}/read"), ("GET", "/api/v1/jobs/{id}"),
            ("POST", "/api/v1/tokens"), ("DELETE", "/api/v1/tokens/{id}"),
            ("GET", "/api/v1/scopeapp/memos/{id}")} <= listed
    for methods in document["paths"].values():
        for operation in methods.values():
            assert operation["summary"]
            assert {"401", "404", "422", "500"} <= set(operation["responses"])
    assert {"TokenAuth", "SessionAuth"} <= set(document["components"]["securitySchemes"])
    assert document["components"]["schemas"]["Error"]["required"] == ["code", "message"]


def test_reference_page_lists_every_operation_without_external_resources(logged_in, tree):
    page = logged_in.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    document = logged_in.get("/api/v1/openapi.json").json()
    for path in document["paths"]:
        assert f">{path}<" in html
    assert "<script" not in html
    external = re.findall(r"""(?:src|href)=["']((?:https?:)?//[^"']+)""", html)
    assert external == []
    assert "机构类型" in html and "每页条数" in html  # field titles from the schemas


def test_reference_page_is_for_logged_in_staff(client, tree):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_reference_page_body_is_rendered_once_and_schema_copies_are_the_callers(tree):
    """The reference is built once per process (seconds of schema work); each caller of the schema gets its own
    copy, so a caller that changes it (the error responses added above) never changes the next one's."""
    from ninja import Router

    from sifa.api.docs import page_body
    from sifa.api.v1 import new_api

    api = new_api(title="测试接口", version="t", urls_namespace="docs-memo-test")
    router = Router()

    @router.get("/first", summary="第一个接口")
    def first(request):
        return {}

    api.add_router("/memo", router)
    body = page_body(api, "/memo-api/")
    assert "第一个接口" in body and page_body(api, "/memo-api/") is body  # the same rendering, not a new one
    schema = api.get_openapi_schema(path_prefix="/memo-api/")
    schema["paths"].clear()
    assert api.get_openapi_schema(path_prefix="/memo-api/")["paths"]
