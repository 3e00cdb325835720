"""/api/v1/: the platform's foundation endpoints plus every business line's router (see registry.py).

Authentication is a personal API token or the browser session (with CSRF); every error answers in one JSON
shape (errors.py); the OpenAPI document is at /api/v1/openapi.json and a local, CDN-free reference at
/api/v1/docs/."""

import copy
import json

import ninja.openapi.schema
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from sifa.core import controlchars

from . import contract, registry
from .auth import SessionAuth, TokenAuth
from .errors import FIELD_LABELS, UnacceptableBody, chinese_message, response_for_exception, summarise

ERROR_SCHEMA = {
    "title": "错误",
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "title": "错误代码", "description": "机器可读，如 not_found、validation_error"},
        "message": {"type": "string", "title": "说明", "description": "中文说明，可直接展示给用户"},
        "details": {"title": "细节", "description": "校验错误时为逐字段的列表"},
    },
}
ERROR_RESPONSES = {
    "400": "请求体不是有效的JSON",
    "401": "未登录或令牌无效",
    "403": "没有权限（或CSRF校验失败）",
    "404": "记录不存在或不在数据范围内",
    "413": "请求体超过大小上限",
    "422": "输入校验不通过",
    "500": "服务器内部错误（附请求编号）",
}


# one name per component across all lines (see contract.py); ninja reads this module attribute when it builds
# each component, and offers no setting for it
ninja.openapi.schema.NinjaGenerateJsonSchema = contract.SifaGenerateJsonSchema


IDEMPOTENCY_HEADER = {
    "in": "header", "name": "Idempotency-Key", "required": False,
    "schema": {"type": "string", "maxLength": 200},
    "description": "可选的幂等键（每次新的提交用一个新的随机值）。同一键重复提交时返回第一次的结果而不重复写入；"
                   "第一次仍在处理时返回409，同一键对应不同内容时返回422。",
}


class ChineseJSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


class StrictJSONParser(Parser):
    """JSON bodies without control characters (sifa.core.controlchars: PostgreSQL cannot store NUL, an .xlsx
    cannot carry any), and with no JSON duplicates of the same key silently overriding each other."""

    def parse_body(self, request):
        def no_duplicates(pairs):
            keys = [k for k, _ in pairs]
            if len(keys) != len(set(keys)):
                raise UnacceptableBody("JSON对象中有重复的字段。")
            return dict(pairs)

        data = json.loads(request.body, object_pairs_hook=no_duplicates)
        if controlchars.contains(data):
            raise UnacceptableBody("请求" + controlchars.REFUSAL)
        return data


def _unwrap(annotation):
    """The model class inside Optional[...] / list[...] annotations, if any."""
    for arg in getattr(annotation, "__args__", ()) or ():
        inner = _unwrap(arg)
        if inner is not None:
            return inner
    return annotation if hasattr(annotation, "model_fields") else None


def field_label(model, loc: tuple) -> str | None:
    """The Chinese title of the field at `loc` inside a pydantic model (schema fields carry `title=`)."""
    label = None
    for part in loc:
        if model is None or not isinstance(part, str) or part not in getattr(model, "model_fields", {}):
            continue
        info = model.model_fields[part]
        label = info.title or label
        model = _unwrap(info.annotation)
    return label


class SifaAPI(NinjaAPI):
    def validation_error_from_error_contexts(self, error_contexts):
        details = []
        for context in error_contexts:
            model = context.model
            for error in context.pydantic_validation_error.errors(include_url=False):
                raw_loc = tuple(error["loc"])
                loc = model.__ninja_flatten_map_reverse__.get(raw_loc, raw_loc)
                names = [p for p in loc if isinstance(p, str)]
                field = ".".join(str(p) for p in loc) if loc else ""
                name = names[-1] if names else ""
                label = field_label(model, raw_loc) or FIELD_LABELS.get(name) or name or "请求数据"
                details.append({"field": field, "label": label, "location": model.__ninja_param_source__,
                                "message": chinese_message(error)})
        return NinjaValidationError(details)

    def set_default_exception_handlers(self):
        # ninja's own handlers for these would answer {"detail": ...} in English; one handler answers them all
        for exc_class in (Exception, Http404, HttpError, NinjaValidationError):
            self.add_exception_handler(exc_class, self.error_response)

    def error_response(self, request, exc):
        if isinstance(exc, NinjaValidationError):
            details = exc.errors
            status, body = 422, {"code": "validation_error", "message": f"提交的数据有误：{summarise(details)}",
                                 "details": details}
        else:
            status, body = response_for_exception(request, exc)
        response = self.create_response(request, body, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="sifa"'
        return response

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The OpenAPI document, built once per process (seconds of pydantic work) and rebuilt only when an operation
        is added; each caller gets its own copy to change."""
        key = (path_prefix, repr(path_params), self.operations_fingerprint())
        memo = self.__dict__.get("_sifa_schema_memo")
        if memo is None or memo[0] != key:
            memo = self.__dict__["_sifa_schema_memo"] = (key, self._build_openapi_schema(path_prefix, path_params))
        return copy.deepcopy(memo[1])

    def operations_fingerprint(self) -> tuple:
        return tuple((prefix, id(router), sum(len(view.operations) for view in router.path_operations.values()))
                     for prefix, router in self._routers)

    def _build_openapi_schema(self, path_prefix, path_params) -> dict:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for methods in schema["paths"].values():
            for method, operation in list(methods.items()):
                operation = methods[method] = copy.copy(operation)
                responses = {str(status): value for status, value in operation.get("responses", {}).items()}
                for status, description in ERROR_RESPONSES.items():
                    responses.setdefault(status, {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    })
                operation["responses"] = responses
                if method == "post":
                    operation["parameters"] = [*operation.get("parameters", []), IDEMPOTENCY_HEADER]
        return schema


def new_api(**options) -> SifaAPI:
    """An API with Sifa's authentication, renderer and error handling (the product has one: `api` below)."""
    defaults = {"auth": [TokenAuth(), SessionAuth()], "renderer": ChineseJSONRenderer(), "parser": StrictJSONParser(),
                "docs_url": None}
    return SifaAPI(**{**defaults, **options})


api = new_api(
    title="司法行政综合业务平台开放接口",
    version="1",
    description="县（区）司法局业务平台接口。认证：请求头“Authorization: Bearer <令牌>”，或同源页面的登录会话"
                "（写操作需带 X-CSRFToken）。错误统一为 {code, message, details}。",
    urls_namespace="api:v1",
)


def _mount_foundation() -> None:
    from .endpoints import divisions, due, inbox, me, orgs, population, tokens

    api.add_router("", me.router)
    api.add_router("/divisions", divisions.router)
    api.add_router("/orgs", orgs.router)
    api.add_router("/population", population.router)
    api.add_router("/notifications", inbox.notifications)
    api.add_router("/jobs", inbox.jobs)
    api.add_router("/tokens", tokens.router)
    api.add_router("/due", due.router)


_mount_foundation()
for _mount in registry.discover():
    api.add_router("/" + _mount.prefix, _mount.router)

contract.names_components_of(api)
