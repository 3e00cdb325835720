"""The columns of the 机构 list and who may read it, shared by the list page and its 机构名录 export job (so the
job, run by the job runner, does not import a view module)."""

from .listing import Column

ORG_CAPABILITIES = ("read_records", "manage_orgs")

ORG_COLUMNS = (
    Column("name", link=True),
    Column("code"),
    Column("kind"),
    Column("division", "所在区划", sortable=False),
    Column("parent__name", "上级机构"),
    Column("phone"),
    Column("active"),
)
