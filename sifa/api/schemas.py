"""Schemas shared by several endpoints (and by business lines that show an org unit)."""

from ninja import Field, Schema


class OrgBrief(Schema):
    id: int
    code: str = Field(..., title="机构代码")
    name: str = Field(..., title="机构名称")
    kind: str = Field(..., title="机构类型")
    path: str = Field(..., title="树路径")
