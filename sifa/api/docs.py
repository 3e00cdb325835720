"""The API reference page, rendered on the server from the OpenAPI document.

django-ninja's default page loads Swagger UI from a CDN, which an isolated government network cannot reach and
which the no-external-host rule forbids. Vendoring swagger-ui-dist would add ~1.5 MB of JavaScript and an inline
bootstrap script (at odds with a nonce-based CSP) for a page whose main value is reading the contract. So the
page is plain HTML built from the same OpenAPI document clients download: every operation with its parameters,
request fields and response fields, in Chinese, readable on a phone, with no script at all."""

from collections import OrderedDict

TYPE_LABELS = {"string": "文本", "integer": "整数", "number": "数字", "boolean": "是/否", "array": "列表",
               "object": "对象", "null": "空"}
FORMAT_LABELS = {"date": "日期", "date-time": "时间", "uuid": "UUID", "email": "电子邮箱", "uri": "网址"}
LOCATION_LABELS = {"path": "路径", "query": "查询", "header": "请求头", "cookie": "Cookie"}
METHOD_ORDER = {"get": 0, "post": 1, "put": 2, "patch": 3, "delete": 4}
MAX_DEPTH = 3


def _resolve(schema: dict, components: dict) -> dict:
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema and seen < 20:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
        seen += 1
    return schema or {}


def _variants(schema: dict, components: dict) -> tuple[dict, bool]:
    """The schema behind anyOf/oneOf [X, null]; whether null is allowed."""
    schema = _resolve(schema, components)
    options = schema.get("anyOf") or schema.get("oneOf")
    if not options:
        return schema, False
    nullable = any(_resolve(o, components).get("type") == "null" for o in options)
    rest = [_resolve(o, components) for o in options if _resolve(o, components).get("type") != "null"]
    merged = dict(rest[0]) if len(rest) == 1 else {"type": "/".join(o.get("type", "?") for o in rest)}
    for key in ("title", "description", "default"):
        if key in schema:
            merged.setdefault(key, schema[key])
    return merged, nullable


def type_label(schema: dict, components: dict) -> str:
    schema, nullable = _variants(schema, components)
    kind = schema.get("type", "")
    if isinstance(kind, list):
        kind = "/".join(kind)
    label = "/".join(TYPE_LABELS.get(k, k) for k in kind.split("/")) if kind else "任意"
    if schema.get("format") in FORMAT_LABELS:
        label = FORMAT_LABELS[schema["format"]]
    if kind == "array":
        label = f"{type_label(schema.get('items', {}), components)}列表"
    if nullable:
        label += "（可为空）"
    return label


def constraints(schema: dict, components: dict) -> str:
    schema, _ = _variants(schema, components)
    parts = []
    if "enum" in schema:
        parts.append("可选值：" + "、".join(str(v) for v in schema["enum"]))
    for key, text in (("minLength", "至少{}字"), ("maxLength", "至多{}字"), ("minimum", "≥ {}"), ("maximum", "≤ {}"),
                      ("exclusiveMinimum", "> {}"), ("exclusiveMaximum", "< {}"), ("pattern", "格式 {}")):
        if key in schema:
            parts.append(text.format(schema[key]))
    if "default" in schema and schema["default"] not in (None, ""):
        parts.append(f"默认 {schema['default']}")
    return "；".join(parts)


def fields(schema: dict, components: dict, prefix: str = "", depth: int = 0) -> list[dict]:
    """The properties of an object schema, nested objects and lists of objects flattened with dotted names."""
    schema, _ = _variants(schema, components)
    if schema.get("type") == "array":
        return fields(schema.get("items", {}), components, prefix + "[]." if prefix else "[].", depth)
    rows = []
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        inner, _ = _variants(prop, components)
        rows.append({"name": prefix + name, "title": inner.get("title") or prop.get("title", ""),
                     "type": type_label(prop, components), "required": name in required,
                     "notes": "；".join(p for p in (inner.get("description", ""), constraints(prop, components)) if p)})
        target = inner.get("items", {}) if inner.get("type") == "array" else inner
        target, _ = _variants(target, components)
        if depth < MAX_DEPTH and target.get("properties"):
            rows.extend(fields(target, components, f"{prefix}{name}{'[]' if inner.get('type') == 'array' else ''}.",
                               depth + 1))
    return rows


def _success(responses: dict) -> tuple[str, dict | None]:
    for status in sorted(responses):
        if status.startswith("2"):
            content = responses[status].get("content", {}).get("application/json", {})
            return status, content.get("schema")
    return "", None


def describe(schema: dict) -> dict:
    components = schema.get("components", {}).get("schemas", {})
    groups: OrderedDict[str, list] = OrderedDict()
    count = 0
    for path, methods in schema.get("paths", {}).items():
        for method, operation in sorted(methods.items(), key=lambda kv: METHOD_ORDER.get(kv[0], 9)):
            if method not in METHOD_ORDER:
                continue
            count += 1
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            status, response = _success(operation.get("responses", {}))
            parameters = []
            for param in operation.get("parameters", []):
                param_schema = param.get("schema", {})
                parameters.append({
                    "name": param["name"], "where": LOCATION_LABELS.get(param.get("in"), param.get("in")),
                    "title": param_schema.get("title") or param.get("description", ""),
                    "type": type_label(param_schema, components), "required": param.get("required", False),
                    "notes": constraints(param_schema, components),
                })
            tag = (operation.get("tags") or ["其他"])[0]
            groups.setdefault(tag, []).append({
                "method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                "description": operation.get("description", ""), "anchor": operation.get("operationId", ""),
                "parameters": parameters, "body": fields(body, components) if body else [],
                "status": status, "response": fields(response, components) if response else [],
                "errors": sorted(s for s in operation.get("responses", {}) if not s.startswith("2")),
            })
    return {"info": schema.get("info", {}), "groups": list(groups.items()), "operation_count": count}


def page_body(api, path_prefix: str | None = None) -> str:
    """The reference's HTML (everything below the page shell): the same for every reader, so it is rendered once
    per process and again only when the API gains an operation."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    key = (path_prefix, api.operations_fingerprint())
    memo = api.__dict__.get("_sifa_docs_body")
    if memo is None or memo[0] != key:
        context = describe(api.get_openapi_schema(path_prefix=path_prefix))
        memo = api.__dict__["_sifa_docs_body"] = (key, mark_safe(render_to_string("api/docs_body.html", context)))
    return memo[1]
