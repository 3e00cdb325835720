"""Reading an indicator page's query string (org, period, dim=name:value, part) into validated values. Kept apart
from the views so every page reads it the same way and the views stay thin."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import engine
from .errors import IndicatorError, OutOfScope
from .orgscope import check_scope, resolve_org
from .periods import Period, parse_period

MAX_DIMS = 5


@dataclass
class Selection:
    org: object = None
    period: Period | None = None
    dims: dict = field(default_factory=dict)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and self.org is not None and self.period is not None


def parse_dims(values: list[str]) -> dict:
    if len(values) > MAX_DIMS:
        raise IndicatorError(f"维度筛选最多{MAX_DIMS}项。")
    dims = {}
    for raw in values:
        name, sep, value = raw.partition(":")
        if not sep or not name:
            raise IndicatorError(f"维度筛选“{raw}”格式不正确：应为“维度:取值”，如 township:341321100。")
        dims[name] = value
    return dims


def read(request, *, default_period: str = "截至目前") -> Selection:
    """org defaults to the viewer's own unit and period to 截至目前. Raises OutOfScope (→ 404) for an org outside
    the viewer's subtree; any other bad input comes back as `error` for the page to show."""
    sel = Selection()
    org_code = request.GET.get("org", "").strip()
    try:
        sel.org = resolve_org(org_code) if org_code else request.user.org
    except IndicatorError:
        raise OutOfScope("该机构不在您的数据范围内，或不存在。")
    if sel.org is None:
        raise OutOfScope("您的账号未归属任何机构，无法查看统计指标。")
    check_scope(request.user, sel.org)
    try:
        sel.period = parse_period(request.GET.get("period", "").strip() or default_period)
        sel.dims = parse_dims(request.GET.getlist("dim"))
    except IndicatorError as exc:
        sel.error = str(exc)
    return sel


def prepare(request, code: str):
    """(indicator, scope, period, dims) for one indicator page, or raise IndicatorError / OutOfScope."""
    sel = read(request)
    if sel.error:
        raise IndicatorError(sel.error)
    return engine.prepare(code, sel.org, sel.period, sel.dims, request.user)
