"""The platform's own record kinds: 机构 (org units) and 常住人口 (resident population). Both import through
sifa.core.actions, so an imported unit obeys exactly the rules of one created by hand."""

from datetime import date

from sifa.core import actions
from sifa.core.models import Division, OrgKind, OrgUnit, Population

from .registry import Column, ColumnType, ImportContext, RecordKind, Row, RowError, per_row, register

# --- 机构 ----------------------------------------------------------------------------------------

ORG_COLUMNS = (
    Column("机构代码", "code", ColumnType.ORG_CODE, required=True, max_length=40, check_exists=False,
           example="341321100-TWH", help="本系统内唯一，建议“区划代码-简称”，如 341321100-TWH"),
    Column("机构名称", "name", required=True, max_length=100, example="砀城镇人民调解委员会"),
    Column("机构类型", "kind", ColumnType.ENUM, required=True, choices=tuple(OrgKind.choices),
           example=OrgKind.MEDIATION_COMMITTEE.label),
    Column("所在区划代码", "division", ColumnType.DIVISION_CODE, required=True, example="341321100",
           help="9位乡镇街道代码或12位村社区代码"),
    Column("上级机构代码", "parent", ColumnType.ORG_CODE, check_exists=False, example="341321100-SFS",
           help="不填则挂在导入时选择的目标机构下；可填本文件中前面行新建的机构"),
    Column("统一社会信用代码", "credit_code", ColumnType.CREDIT_CODE, example=""),
    Column("地址", "address", max_length=200, example="砀山县砀城镇人民路1号"),
    Column("联系电话", "phone", max_length=30, example="0557-8021234"),
)


def check_org_rows(batch: list[Row], ctx: ImportContext):
    """Codes must be new; a parent must be the target unit, a unit under it, or a unit listed higher up in
    the file; and the unit's division must lie within its parent's."""
    added: dict[str, str] = ctx.state.setdefault("org_divisions", {})  # code → division code, this file
    codes = {r.values["code"] for r in batch}
    parents = {r.values["parent"] for r in batch if r.values["parent"]}
    taken = set(OrgUnit.objects.filter(code__in=codes).values_list("code", flat=True))
    in_scope = dict(OrgUnit.objects.filter(code__in=parents, path__startswith=ctx.org.path)
                    .values_list("code", "division_id"))
    for row in batch:
        v = row.values
        if v["code"] in taken:
            yield RowError(row.number, f"机构代码“{v['code']}”已存在。", "code", v["code"])
        parent = v["parent"] or ctx.org.code
        parent_division = added.get(parent) or in_scope.get(parent) or (
            ctx.org.division_id if parent == ctx.org.code else None)
        if parent_division is None:
            yield RowError(row.number, f"上级机构“{parent}”不存在，或不在导入目标机构“{ctx.org.name}”的范围内"
                                       "（也不是本文件前面行中的机构）。", "parent", parent)
        elif not v["division"].startswith(parent_division):
            yield RowError(row.number, f"所在区划“{v['division']}”不在上级机构的区划（{parent_division}）范围内。",
                           "division", v["division"])
        added[v["code"]] = v["division"]


def _create_org(values: dict, ctx: ImportContext):
    parent = OrgUnit.objects.get(code=values["parent"]) if values["parent"] else ctx.org
    return actions.create_org_unit(
        ctx.user, code=values["code"], name=values["name"], kind=values["kind"],
        division=Division.objects.get(code=values["division"]), parent=parent,
        credit_code=values["credit_code"] or "", address=values["address"] or "", phone=values["phone"] or "")


def _orgs_under(user, filters):
    return OrgUnit.objects.filter(path__startswith=filters["org"].path).select_related("parent").order_by("path")


def _org_row(org: OrgUnit) -> dict:
    return {"code": org.code, "name": org.name, "kind": org.kind, "division": org.division_id,
            "parent": org.parent.code if org.parent_id else "", "credit_code": org.credit_code,
            "address": org.address, "phone": org.phone}


ORGS = register(RecordKind(
    code="orgs", name="机构", columns=ORG_COLUMNS, key=("code",),
    description="批量新建机构（司法所、人民调解委员会、公共法律服务站点等），新机构挂在目标机构之下。",
    row_to_action=per_row(_create_org), check_rows=check_org_rows,
    export_queryset=_orgs_under, row_for=_org_row,
    import_capability="manage_orgs", export_capability="manage_orgs",
))

# --- 常住人口 -------------------------------------------------------------------------------------

POPULATION_COLUMNS = (
    Column("区划代码", "division", ColumnType.DIVISION_CODE, required=True, example="341321",
           help="须在导入目标机构所在区划之内"),
    Column("年度", "year", ColumnType.INT, required=True, min_value=1949, max_value=date.today().year + 1,
           example=2023),
    Column("常住人口（人）", "residents", ColumnType.INT, required=True, min_value=1, max_value=200_000_000,
           example=780000),
    Column("数据来源", "source", required=True, max_length=200, example="砀山县2023年国民经济和社会发展统计公报"),
)


def check_population_rows(batch: list[Row], ctx: ImportContext):
    area = ctx.org.division_id
    for row in batch:
        if not row.values["division"].startswith(area):
            yield RowError(row.number, f"区划“{row.values['division']}”不在目标机构“{ctx.org.name}”所在区划"
                                       f"（{area}）之内。", "division", row.values["division"])


def _set_population(values: dict, ctx: ImportContext):
    divisions = ctx.state.setdefault("divisions", {})
    code = values["division"]
    if code not in divisions:
        divisions[code] = Division.objects.get(code=code)
    return actions.set_population(ctx.user, division=divisions[code], year=values["year"],
                                  residents=values["residents"], source=values["source"])


POPULATION = register(RecordKind(
    code="population", name="常住人口", columns=POPULATION_COLUMNS, key=("division", "year"),
    description="各区划各年度的常住人口，用于计算“每万人”类指标；同一区划同一年度再次导入时覆盖原值。",
    row_to_action=per_row(_set_population), check_rows=check_population_rows,
    export_queryset=lambda user, filters: Population.objects.filter(
        division__code__startswith=filters["org"].division_id).order_by("division_id", "year"),
    row_for=lambda p: {"division": p.division_id, "year": p.year, "residents": p.residents, "source": p.source},
    import_capability="manage_config", export_capability="manage_config",
))

