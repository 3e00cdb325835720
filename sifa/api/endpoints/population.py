"""常住人口: the dated, sourced denominators of per-10,000 indicators. Anyone may read them; setting one needs
the manage_config capability and a division inside the caller's own area."""

from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Query, Router

from sifa.core import actions
from sifa.core.models import Division, Population

from ..auth import acting_user
from ..contract import Schema
from ..errors import field_error
from ..pagination import Page, PageParams, paginate
from ..scope import require_capability, scoped

router = Router(tags=["常住人口"])

YEAR = {"ge": 1949, "le": 2100}


class PopulationOut(Schema):
    id: int
    division: str = Field(..., title="区划代码")
    division_name: str = Field(..., title="区划名称")
    year: int = Field(..., title="年度")
    residents: int = Field(..., title="常住人口（人）")
    source: str = Field(..., title="数据来源")

    @staticmethod
    def resolve_division(obj):
        return obj.division_id

    @staticmethod
    def resolve_division_name(obj):
        return str(obj.division)


class PopulationIn(Schema):
    division: str = Field(..., title="区划代码", min_length=2, max_length=12)
    year: int = Field(..., title="年度", **YEAR)
    residents: int = Field(..., title="常住人口（人）", ge=1, le=2_000_000_000)
    source: str = Field(..., title="数据来源", min_length=1, max_length=200)


class PopulationFilter(FilterSchema):
    division: Annotated[str | None, FilterLookup("division__code__startswith")] = Field(
        None, title="区划代码", max_length=12, description="区划代码前缀：给出县级代码即含其下乡镇")
    year: Annotated[int | None, FilterLookup("year")] = Field(None, title="年度", **YEAR)


@router.get("", response=Page[PopulationOut], summary="常住人口列表")
def list_population(request, filters: Query[PopulationFilter], paging: Query[PageParams]):
    queryset = scoped(request, Population).select_related("division").order_by("division_id", "-year")
    return paginate(filters.filter(queryset), paging)


@router.put("", response=PopulationOut, summary="设置常住人口",
            description="按（区划, 年度）新建或覆盖；需要“参数配置”权限，区划须在本人所属机构的区划范围内。")
def set_population(request, payload: PopulationIn):
    require_capability(request, "manage_config")
    user = acting_user(request)
    division = Division.objects.filter(code=payload.division.strip()).first()
    if division is None:
        raise field_error("division", "区划代码不存在。", "区划代码")
    if user.org_id is None or not division.code.startswith(user.org.division_id):
        raise field_error("division", "该区划不在您所属机构的区划范围内。", "区划代码")
    return actions.set_population(user, division=division, year=payload.year, residents=payload.residents,
                                  source=payload.source)
