"""Bad input gets a 4xx with one JSON shape and a Chinese message, and never a 500."""

import json

import pytest

from sifa.api.v1 import api as v1
from sifa.core.models import OrgUnit


def assert_error(response, status, code=None):
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["message"] and any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])
    if code:
        assert body["code"] == code
    return body


def test_missing_fields_are_listed_by_chinese_label(admin_api):
    body = assert_error(admin_api.post("orgs", {}), 422, "validation_error")
    labels = {d["label"]: d["message"] for d in body["details"]}
    assert labels["机构代码"] == "此项为必填项。"
    assert {"机构名称", "机构类型", "所在区划代码", "上级机构编号"} <= set(labels)
    assert body["message"].startswith("提交的数据有误：")


def test_wrong_types_and_ranges_in_chinese(admin_api, tree):
    body = assert_error(admin_api.post("orgs", {"code": "A 1", "name": "", "kind": "司法所", "division": 341321,
                                                "parent": "上级"}), 422)
    messages = {d["label"]: d["message"] for d in body["details"]}
    assert messages["机构代码"] == "格式不正确。"
    assert messages["机构名称"] == "长度不能少于1个字符。"
    assert messages["机构类型"].startswith("取值不在可选范围内，可选值：")
    assert messages["所在区划代码"] == "请输入文本。"
    assert messages["上级机构编号"] == "请输入整数。"
    assert OrgUnit.objects.count() == 3


def test_query_parameters_in_chinese(api):
    body = assert_error(api.get("divisions", page=0, page_size=1000, level="乡"), 422)
    messages = {d["label"]: d["message"] for d in body["details"]}
    assert messages == {"页码": "不能小于1。", "每页条数": "不能大于100。",
                        "层级": "取值不在可选范围内，可选值：province、city、county、township、village。"}


def test_malformed_json_is_400(admin_api):
    assert_error(admin_api.post("orgs", raw="{\"code\": "), 400, "malformed_body")
    assert_error(admin_api.post("orgs", raw="\xff\xfe不是JSON".encode("latin-1", "replace")), 400, "malformed_body")


@pytest.mark.parametrize("raw", ["[]", "\"字符串\"", "42", "null", "true"])
def test_json_that_is_not_an_object_is_422(admin_api, raw):
    assert_error(admin_api.post("orgs", raw=raw), 422, "validation_error")


def test_nul_characters_and_duplicate_keys_are_refused(admin_api, api):
    assert_error(admin_api.post("orgs", {"code": "X\u0000", "name": "n"}), 400, "invalid_body")
    body = assert_error(admin_api.post("orgs", {"code": "X1", "name": "退格\u0008"}), 400, "invalid_body")
    assert "控制字符" in body["message"]
    assert_error(admin_api.post("orgs", raw='{"code": "A", "code": "B"}'), 400, "invalid_body")
    assert_error(api.get("orgs", q="a\x00b"), 400, "invalid_characters")
    assert_error(api.get("/api/v1/divisions/34%00"), 400, "invalid_characters")


def test_unknown_route_and_method_answer_json(api):
    assert_error(api.get("no-such-thing"), 404, "not_found")
    assert_error(api.get("/api/v2/me"), 404, "not_found")
    body = assert_error(api.put("orgs", {}), 405, "method_not_allowed")
    assert set(body["details"]["allowed"]) == {"GET", "POST"}


@pytest.mark.parametrize("path", ["orgs/99999999999999999999999999", "orgs/9223372036854775808", "jobs/0",
                                  "divisions/" + "9" * 300, "scopeapp/memos/by-uuid/not-a-uuid"])
def test_absurd_ids_are_404(api, path):
    assert_error(api.get(path), 404, "not_found")


def test_huge_page_numbers_give_an_empty_page(api):
    for page in (2, 10**6, 10**30):
        response = api.get("divisions", page=page)
        assert response.status_code == 200
        assert response.json()["items"] == [] and response.json()["total"] == 5 and response.json()["page"] == page


def test_unhandled_error_is_a_generic_500_with_the_request_id(api, monkeypatch):
    from sifa.api.endpoints import divisions

    def broken(*args, **kwargs):
        raise RuntimeError("数据库连接中断 secret-detail")

    monkeypatch.setattr(divisions, "paginate", broken)
    response = api.get("divisions")
    body = assert_error(response, 500, "server_error")
    assert body["details"]["request_id"] == response["X-Request-ID"]
    assert response["X-Request-ID"] in body["message"]
    assert "secret-detail" not in response.content.decode()


# --- every operation × hostile inputs: never a 5xx ------------------------------------------------------------------

BAD_SCALARS = [None, "", "越" * 5000, -1, 0, 10**30, -(10**30), 1.5, True, [], {}, "1; DROP TABLE core_orgunit",
               "<script>alert(1)</script>", "２０２４", "\u202e", "NaN"]


def _operations():
    schema = v1.get_openapi_schema()
    components = schema["components"]["schemas"]
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method.upper(), operation, components


def _body_fields(operation, components):
    schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if not schema:
        return []
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return list(schema.get("properties", {}))


@pytest.mark.slow
def test_no_operation_answers_500_to_hostile_input(admin_api, api, tree):
    sent = 0
    for caller in (admin_api, api):
        for path, method, operation, components in _operations():
            url = path.replace("{id}", "1").replace("{code}", "341321").replace("{uuid}", "x")
            query = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            fields = _body_fields(operation, components)
            for value in BAD_SCALARS:
                if method == "GET":
                    params = {name: json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
                              for name in query}
                    responses = [caller.get(url, **params)]
                else:
                    responses = [caller.request(method, url, {name: value for name in fields}),
                                 caller.request(method, url, {**{name: value for name in fields}, "org": 2,
                                                              "path": "/evil/", "unknown": value})]
                for response in responses:
                    sent += 1
                    assert response.status_code < 500, (method, url, value, response.content.decode()[:300])
            for raw in ("{", "[", "\"", "{\"a\":}", "\x00", "{" * 10000 + "}" * 10000):
                if method != "GET":
                    sent += 1
                    response = caller.request(method, url, raw=raw)
                    assert response.status_code < 500, (method, url, raw[:20], response.content.decode()[:300])
    assert sent > 500
