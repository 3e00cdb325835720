"""One error shape for the whole API: ``{"code": "machine_readable", "message": "中文说明", "details": ...}``.

Handlers raise `ApiError` (or Django's Http404 / PermissionDenied / ValidationError, which the API maps); schema
validation errors are translated field by field into Chinese; anything unexpected becomes a generic 500 that
carries the request id, so a user can quote it and the log line can be found."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse

log = logging.getLogger("sifa.api")


class ApiError(Exception):
    """A 4xx answer decided by a handler."""

    def __init__(self, status: int, code: str, message: str, details=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


class UnacceptableBody(ValueError):
    """Raised while reading a request body that JSON accepts but Sifa does not (NUL characters, duplicate keys)."""


def not_found() -> ApiError:
    return ApiError(404, "not_found", "记录不存在，或不在您的数据范围内。")


def field_error(field: str, message: str, label: str | None = None) -> ApiError:
    """A validation error on one input field, in the same shape as schema validation errors."""
    label = label or FIELD_LABELS.get(field, field)
    details = [{"field": field, "label": label, "message": message}]
    return ApiError(422, "validation_error", f"提交的数据有误：{summarise(details)}", details)


def summarise(details: list[dict], limit: int = 10) -> str:
    """"标题：此项为必填项；年度：不能小于1949。" from per-field details."""
    parts = [(d["label"] + "：" if d.get("label") else "") + d["message"].rstrip("。") for d in details[:limit]]
    if len(details) > limit:
        parts.append(f"另有{len(details) - limit}处错误")
    return "；".join(parts) + "。" if parts else ""


def body(code: str, message: str, details=None) -> dict:
    return {"code": code, "message": message, "details": details}


def json_error(status: int, code: str, message: str, details=None, **headers) -> JsonResponse:
    response = JsonResponse(body(code, message, details), status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


# Labels of common parameters that have no schema title of their own (query strings, path ids).
FIELD_LABELS = {
    "page": "页码", "page_size": "每页条数", "q": "关键词", "id": "编号", "pk": "编号", "uuid": "编号",
    "parent": "上级", "level": "层级", "kind": "类型", "year": "年度", "division": "区划", "status": "状态",
    "unread": "仅未读", "active": "在用", "name": "名称", "code": "代码",
}

# pydantic error types → Chinese. `{…}` placeholders are filled from the error's ctx.
PYDANTIC_MESSAGES = {
    "missing": "此项为必填项。",
    "int_parsing": "请输入整数。",
    "int_type": "请输入整数。",
    "int_from_float": "请输入整数。",
    "float_parsing": "请输入数字。",
    "float_type": "请输入数字。",
    "decimal_parsing": "请输入数字。",
    "decimal_type": "请输入数字。",
    "finite_number": "请输入有限的数字。",
    "bool_parsing": "请输入是或否（true/false）。",
    "bool_type": "请输入是或否（true/false）。",
    "string_type": "请输入文本。",
    "string_too_short": "长度不能少于{min_length}个字符。",
    "string_too_long": "长度不能超过{max_length}个字符。",
    "string_pattern_mismatch": "格式不正确。",
    "greater_than": "必须大于{gt}。",
    "greater_than_equal": "不能小于{ge}。",
    "less_than": "必须小于{lt}。",
    "less_than_equal": "不能大于{le}。",
    "enum": "取值不在可选范围内，可选值：{expected}。",
    "literal_error": "取值不在可选范围内，可选值：{expected}。",
    "date_parsing": "日期格式不正确，应为“YYYY-MM-DD”。",
    "date_from_datetime_parsing": "日期格式不正确，应为“YYYY-MM-DD”。",
    "date_from_datetime_inexact": "日期不应包含时间。",
    "date_type": "日期格式不正确，应为“YYYY-MM-DD”。",
    "datetime_parsing": "时间格式不正确，应为ISO 8601格式（如 2026-01-31T09:00:00+08:00）。",
    "datetime_from_date_parsing": "时间格式不正确，应为ISO 8601格式（如 2026-01-31T09:00:00+08:00）。",
    "datetime_type": "时间格式不正确，应为ISO 8601格式（如 2026-01-31T09:00:00+08:00）。",
    "uuid_parsing": "编号格式不正确。",
    "uuid_type": "编号格式不正确。",
    "model_type": "应为JSON对象。",
    "model_attributes_type": "应为JSON对象。",
    "dict_type": "应为JSON对象。",
    "list_type": "应为列表。",
    "too_short": "至少需要{min_length}项。",
    "too_long": "最多允许{max_length}项。",
    "json_invalid": "JSON格式不正确。",
    "json_type": "JSON格式不正确。",
    "extra_forbidden": "不接受此字段。",
    "none_required": "此项应为空。",
    "string_unicode": "文本编码不正确。",
    "url_parsing": "网址格式不正确。",
    "value_error": "{error}",
    "assertion_error": "{error}",
}


def chinese_message(error: dict) -> str:
    template = PYDANTIC_MESSAGES.get(error.get("type", ""), "取值不正确。")
    ctx = dict(error.get("ctx") or {})
    if "error" in ctx:
        ctx["error"] = str(ctx["error"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if "expected" in ctx:
        ctx["expected"] = str(ctx["expected"]).replace("' or '", "、").replace("', '", "、").replace("'", "")
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return "取值不正确。"


def django_validation_details(exc: DjangoValidationError) -> tuple[str, list[dict]]:
    """A Django ValidationError raised by an action → (one Chinese sentence, per-field details)."""
    details = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            label = FIELD_LABELS.get(field, field) if field != "__all__" else ""
            for message in errors:
                details.append({"field": field if field != "__all__" else None, "label": label, "message": message})
    else:
        details = [{"field": None, "label": "", "message": m} for m in exc.messages]
    return summarise(details) or "提交的数据有误。", details


def response_for_exception(request, exc: Exception):
    """Map any exception raised inside an API operation to the error shape. Returns (status, body)."""
    from ninja.errors import AuthenticationError, HttpError, Throttled

    if isinstance(exc, ApiError):
        return exc.status, body(exc.code, exc.message, exc.details)
    if isinstance(exc, RequestDataTooBig) or isinstance(exc.__cause__, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        return 413, body("payload_too_large", f"请求体过大，不能超过{limit}MB。")
    if isinstance(exc, Http404):
        error = not_found()
        return error.status, body(error.code, error.message)
    if isinstance(exc, PermissionDenied):
        return 403, body("forbidden", str(exc) or "您没有执行此操作的权限。")
    if isinstance(exc, DjangoValidationError):
        message, details = django_validation_details(exc)
        return 422, body("invalid", message, details)
    if isinstance(exc, AuthenticationError):
        return 401, body("unauthorized", "未登录或令牌无效：请在请求头中提供有效的“Authorization: Bearer <令牌>”。")
    if isinstance(exc, Throttled):
        return 429, body("throttled", "请求过于频繁，请稍后再试。")
    if isinstance(exc, HttpError):
        if exc.status_code == 400 and isinstance(exc.__cause__, UnacceptableBody):
            return 400, body("invalid_body", str(exc.__cause__))
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            return 400, body("malformed_body", "请求体不是有效的JSON。")
        if exc.status_code == 403 and "CSRF" in str(exc):
            return 403, body("csrf_failed", "CSRF校验失败，请刷新页面后重试。")
        return exc.status_code, body("http_error", "请求无法处理。")
    request_id = getattr(request, "request_id", "")
    log.exception("API 未处理的异常 (request id %s)", request_id)
    return 500, body("server_error", f"服务器内部错误，请稍后重试；如需帮助，请提供请求编号 {request_id}。",
                     {"request_id": request_id})
