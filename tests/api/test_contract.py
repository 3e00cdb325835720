"""The OpenAPI document tells the truth (issue #14, item 3): one component per class, the body each operation
really takes, strict booleans, and an oversize body answered 413 in the JSON error shape."""

import re

import pytest

from sifa.api import contract
from sifa.api.v1 import api as sifa_api


def _body_schemas():
    """(method, path, schema class of the JSON body) of every operation that takes one."""
    for prefix, router in sifa_api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for model in operation.models:
                    if model.__ninja_param_source__ == "body":
                        for field in model.model_fields.values():
                            yield operation.methods[0], f"{prefix}{path}", field.annotation


def test_each_body_is_documented_with_its_own_schema():
    document = sifa_api.get_openapi_schema()
    components = document["components"]["schemas"]
    checked = 0
    for method, _path, schema in _body_schemas():
        documented = [op for path, ops in document["paths"].items() for m, op in ops.items()
                      if m == method.lower() and op.get("operationId") and op.get("requestBody")]
        assert documented
        fields = {f.alias or name for name, f in schema.model_fields.items()}
        names = [n for n, c in components.items() if set(c.get("properties", {})) == fields
                 and n.endswith(schema.__name__)]
        assert names, f"{schema.__module__}.{schema.__name__} is not documented with its own fields"
        checked += 1
    assert checked > 20
    mediation = document["paths"]["/api/v1/mediation/disputes"]["post"]["requestBody"]
    assert "MediationDisputeIn" in str(mediation)
    from sifa.legalaid.api import DisputeIn

    assert set(components["LegalaidDisputeIn"]["properties"]) == set(DisputeIn.model_fields)


def test_no_two_classes_share_a_component_name():
    document = sifa_api.get_openapi_schema()
    names = set(document["components"]["schemas"])
    for short in contract.ambiguous_names() - {"BodyParams", "PathParams", "QueryParams", "NinjaResponseSchema"}:
        assert short not in names, f"{short} would stand for several classes"


def _bool_fields():
    for _method, path, schema in _body_schemas():
        for name, field in schema.model_fields.items():
            if contract._is_bool(field.annotation):
                yield path, schema, field.alias or name


@pytest.mark.parametrize("value", [0, 1, "true", "是"])
def test_booleans_are_strict(value):
    fields = list(_bool_fields())
    assert len(fields) > 10
    for path, schema, name in fields:
        errors = []
        try:
            schema.model_validate({name: value})
        except Exception as exc:
            errors = [e for e in exc.errors() if e["loc"] == (name,)]
        assert errors and errors[0]["type"] == "bool_type", (path, schema.__name__, name)


def test_an_oversize_body_is_413_in_the_error_shape(admin_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = admin_api.post("orgs", {"code": "X1", "name": "很长" * 2000})
    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "payload_too_large" and "请求体过大" in body["message"] and set(body) >= {"code", "message"}


def test_times_of_day_are_documented_as_sent():
    """Slot times are sent as "09:00:00" (local, no offset), which JSON Schema's format "time" refuses."""
    import json

    document = json.dumps(sifa_api.get_openapi_schema(), ensure_ascii=False)
    assert '"format": "time"' not in document and "北京时间，时:分" in document
    assert re.match(contract.LOCAL_TIME_PATTERN, "09:00:00") and not re.match(contract.LOCAL_TIME_PATTERN, "25:00")
