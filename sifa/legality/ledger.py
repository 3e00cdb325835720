"""规范性文件台账 (三统一登记、报备、备案审查、清理): import of the documents registered before Sifa and export.
Every row goes through the actions (登记号 in the provincial format, no duplicate, dates in order) inside the
ledger's single transaction: one bad row and nothing of the file is written."""

from __future__ import annotations

from sifa.ledger.registry import Column, ImportContext, RecordKind, call_action, need_user, register
from sifa.ledger.registry import ColumnType as T

from . import actions
from .models import DocKind, FilingConclusion, NormativeDoc, Validity

COLUMNS = (
    Column("文件类别", "kind", T.ENUM, required=True, choices=tuple(DocKind.choices), example=DocKind.GOVERNMENT.label),
    Column("文件名称", "title", required=True, max_length=200, example="砀山县城区停车管理办法"),
    Column("制定机关", "issuer", required=True, max_length=100, example="砀山县人民政府"),
    Column("登记号", "registration_number", required=True, max_length=60, example="砀政规〔2020〕1号",
           help="按本省统一登记格式"),
    Column("文号", "doc_number", max_length=60, example="砀政〔2020〕12号"),
    Column("公布日期", "published_on", T.DATE, required=True, example="2020-03-02"),
    Column("有效期至", "valid_until", T.DATE, example="2025-03-01"),
    Column("报备日期", "filed_on", T.DATE, example="2020-03-20"),
    Column("备案审查结论", "conclusion", T.ENUM, choices=tuple(FilingConclusion.choices),
           example=FilingConclusion.PASSED.label),
    Column("备案审查日期", "conclusion_on", T.DATE, example="2020-04-10"),
    Column("清理状态", "validity", T.ENUM, choices=tuple(Validity.choices), example=Validity.VALID.label),
    Column("清理日期", "validity_on", T.DATE, example=""),
)


def _import(rows, ctx: ImportContext) -> int:
    need_user(ctx, ledger="规范性文件台账")
    count = 0
    for row in rows:
        v = dict(row.values)
        doc = call_action(row, "registration_number", actions.register_document, ctx.user, org=ctx.org,
                          kind=v["kind"], title=v["title"], issuer=v["issuer"],
                          registration_number=v["registration_number"], doc_number=v["doc_number"] or "",
                          published_on=v["published_on"], valid_until=v["valid_until"])
        if v["filed_on"]:
            doc = call_action(row, "filed_on", actions.file_document, ctx.user, doc, filed_on=v["filed_on"])
        if v["conclusion"]:
            doc = call_action(row, "conclusion", actions.conclude_filing, ctx.user, doc, conclusion=v["conclusion"],
                              concluded_on=v["conclusion_on"] or v["filed_on"], note="（历史台账导入）"
                              if v["conclusion"] == FilingConclusion.CORRECTED else "")
        if v["validity"] and v["validity"] != Validity.VALID:
            call_action(row, "validity", actions.clean_up, ctx.user, doc, validity=v["validity"],
                        cleaned_on=v["validity_on"] or v["published_on"])
        count += 1
    return count


def _row(d: NormativeDoc) -> dict:
    return {"kind": d.kind, "title": d.title, "issuer": d.issuer, "registration_number": d.registration_number,
            "doc_number": d.doc_number, "published_on": d.published_on, "valid_until": d.valid_until,
            "filed_on": d.filed_on, "conclusion": d.conclusion, "conclusion_on": d.conclusion_on,
            "validity": d.validity, "validity_on": d.validity_on}


DOCUMENTS = register(RecordKind(
    code="legality_documents", name="规范性文件台账", columns=COLUMNS, key=("registration_number",),
    description="规范性文件三统一登记、报备、备案审查与清理。导入以前年度台账，导出本系统登记的文件。",
    row_to_action=_import,
    export_queryset=lambda user, filters: NormativeDoc.objects.for_user(user).under(filters["org"])
    .order_by("published_on", "pk"),
    row_for=_row,
))
