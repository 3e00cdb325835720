"""Every change to a legality record goes through one of these functions.

Each checks the actor's scope (the item's owner: the township's 司法所 or the county bureau), the workflow
(workflow.py) and the dates the rules order (rules.py), writes the audit row in the same transaction and tells
whoever acts next. Bad input raises a Chinese ValidationError and writes nothing. Pages, the API, the ledger and
the demo builder all call these.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import action_checks as checks
from sifa.core import audit, notify
from sifa.core.models import OrgKind, OrgUnit, Role, User
from sifa.core.numbering import next_sequence
from sifa.core.record_writer import RecordWriter
from sifa.reconsideration.models import Agency

from . import rules
from .checks import DraftUnreadable, check_text, read_bytes
from .models import (
    NORMATIVE_TYPES,
    Adoption,
    CompetitionConclusion,
    DocKind,
    Draft,
    DraftKind,
    FilingConclusion,
    Finding,
    FindingStatus,
    ItemStatus,
    ItemType,
    LegalitySettings,
    NormativeDoc,
    Opinion,
    ReviewItem,
    Validity,
)
from .workflow import WORKFLOW

LINE = "legality"
LINE_NAME = "合法性审查"
ITEM_FIELDS = ("status", "item_type", "submitted_on", "received_on", "review_due", "opinion", "opinion_on",
               "opinion_number", "adoption", "adoption_on", "comment_from", "comment_to", "expert_on", "risk_on",
               "collective_on", "competition", "returned_on")
DOC_FIELDS = ("registration_number", "doc_number", "published_on", "filing_due", "filed_on", "conclusion",
              "conclusion_on", "validity", "validity_on")
today, not_future, not_before, choice, required = (checks.today, checks.not_future, checks.not_before, checks.choice,
                                                   checks.required)
MAJOR_STEPS = {"comment": "公众参与", "expert": "专家论证", "risk": "风险评估", "collective": "集体讨论"}
ITEMS = RecordWriter(ReviewItem, fields=ITEM_FIELDS, workflow=WORKFLOW, line=LINE_NAME)
DOCS = RecordWriter(NormativeDoc, fields=DOC_FIELDS, line=LINE_NAME)


def ensure_can_write(actor, org: OrgUnit) -> None:
    checks.ensure_can_write(actor, org, LINE_NAME)


def bureau_of(org: OrgUnit) -> OrgUnit:
    node = org
    while node.kind != OrgKind.COUNTY_BUREAU and node.parent_id is not None:
        node = node.parent
    return node


def settings_for(org: OrgUnit) -> LegalitySettings:
    bureau = bureau_of(org)
    return LegalitySettings.objects.filter(org=bureau).first() or LegalitySettings(org=bureau)


def item_url(item) -> str:
    return notify.record_link("legality:item_detail", item.pk)


def _reviewers(org: OrgUnit) -> list[User]:
    return list(User.objects.filter(org=org, is_active=True, role__in=[Role.OFFICE_STAFF, Role.SECTION_STAFF]))


# --- settings ------------------------------------------------------------------------------------------------


@transaction.atomic
def configure(actor, *, org: OrgUnit, registration_pattern: str, registration_example: str, review_days: int,
              filing_days: int) -> LegalitySettings:
    """The provincial 登记号 format and the review and 报备 periods of a bureau."""
    ensure_can_write(actor, org)
    import re

    pattern = required(registration_pattern, "登记号格式", 200)
    try:
        re.compile(pattern)
    except re.error:
        raise ValidationError("登记号格式不是有效的正则表达式。")
    example = required(registration_example, "登记号示例", 60)
    if not re.fullmatch(pattern, example):
        raise ValidationError(f"登记号示例“{example}”不符合所设格式，请核对。")
    review_days = checks.positive_int(review_days, "审查期限", 60)
    filing_days = checks.positive_int(filing_days, "报备期限", 180)
    current = LegalitySettings.objects.select_for_update().filter(org=org).first() or LegalitySettings(org=org)
    current.registration_pattern, current.registration_example = pattern, example
    current.review_days, current.filing_days = review_days, filing_days
    current.created_by = current.created_by or actor
    current.save()
    audit.action(actor, "修改合法性审查设置", current,
                 after={"pattern": pattern, "review_days": review_days, "filing_days": filing_days})
    return current


# --- submission and review -----------------------------------------------------------------------------------


@transaction.atomic
def submit(actor, *, org: OrgUnit, title: str, item_type: str, submitted_on: dt.date, agency: Agency | None = None,
           basis: str = "", drafting_notes: str = "", comment_done: bool = False, expert_done: bool = False,
           risk_done: bool = False) -> ReviewItem:
    """送审: a township (its 司法所 `org` reviews it) or a county agency (`agency`, reviewed by the bureau)."""
    ensure_can_write(actor, org)
    title = required(title, "送审事项名称", 200)
    item_type = choice(item_type, ItemType, "类型")
    not_future(submitted_on, "送审日期")
    if agency is not None:
        if agency.org_path != bureau_of(org).path and not org.path.startswith(agency.org_path):
            raise ValidationError("送审机关不在本县行政机关名录中。")
        org = bureau_of(org)
        ensure_can_write(actor, org)  # an agency's item is the bureau's: reviewed by its section
        township = None
    else:
        if org.kind == OrgKind.COUNTY_BUREAU:
            raise ValidationError("请选择送审机关（县直部门或县政府），乡镇事项由所在乡镇司法所登记。")
        township = org.division
    item = ReviewItem(org=org, title=title, item_type=item_type, agency=agency, township=township,
                      basis=(basis or "").strip(), drafting_notes=(drafting_notes or "").strip(),
                      comment_done=bool(comment_done), expert_done=bool(expert_done), risk_done=bool(risk_done),
                      submitted_on=submitted_on, created_by=actor)
    item.save()
    audit.action(actor, "合法性审查送审", item, after=ITEMS.snapshot(item))
    notify.notify_users(_reviewers(org), f"新的合法性审查送审：{title}", link=item_url(item), category=LINE_NAME)
    return item


@transaction.atomic
def accept(actor, item: ReviewItem, *, received_on: dt.date, reviewer_name: str = "") -> ReviewItem:
    item = ITEMS.lock(item, actor, "accept")
    before = ITEMS.snapshot(item)
    not_future(received_on, "受理日期")
    not_before(received_on, item.submitted_on, "受理日期", "送审日期")
    item.received_on = received_on
    item.reviewer_name = (reviewer_name or "").strip()[:50] or actor.get_full_name() or actor.username
    item.review_due = rules.review_due(received_on, settings_for(item.org).review_days)
    if item.is_major:
        minimum = rules.review_due(received_on, rules.MAJOR_REVIEW_MIN.amount)
        item.review_due = max(item.review_due, minimum)
    item.status = ItemStatus.REVIEWING
    return ITEMS.save(actor, item, "受理合法性审查", before)


@transaction.atomic
def return_item(actor, item: ReviewItem, *, returned_on: dt.date, reason: str) -> ReviewItem:
    """退回: not a matter for legality review or materials fundamentally missing."""
    item = ITEMS.lock(item, actor, "return_item")
    before = ITEMS.snapshot(item)
    not_future(returned_on, "退回日期")
    not_before(returned_on, item.submitted_on, "退回日期", "送审日期")
    item.return_reason = required(reason, "退回理由", 2000)
    item.returned_on, item.status = returned_on, ItemStatus.RETURNED
    return ITEMS.save(actor, item, "退回合法性审查送审", before, reason=item.return_reason)


@transaction.atomic
def request_supplement(actor, item: ReviewItem, *, requested_on: dt.date, items: str) -> ReviewItem:
    """补充材料: the review period stops from the day of the request until the materials arrive."""
    item = ITEMS.lock(item, actor, "supplement")
    before = ITEMS.snapshot(item)
    not_future(requested_on, "通知日期")
    not_before(requested_on, item.received_on, "通知日期", "受理日期")
    item.supplement_items = required(items, "补充材料事项", 2000)
    item.pauses = [*item.pauses, [requested_on.isoformat(), None]]
    item.status = ItemStatus.SUPPLEMENT
    item.review_due = None
    return ITEMS.save(actor, item, "通知补充材料", before, reason=item.supplement_items)


@transaction.atomic
def receive_supplement(actor, item: ReviewItem, *, received_on: dt.date) -> ReviewItem:
    item = ITEMS.lock(item, actor, "supplied")
    before = ITEMS.snapshot(item)
    not_future(received_on, "收到日期")
    started = dt.date.fromisoformat(item.pauses[-1][0])
    not_before(received_on, started, "收到补充材料日期", "通知日期")
    item.pauses = [*item.pauses[:-1], [item.pauses[-1][0], received_on.isoformat()]]
    item.status = ItemStatus.REVIEWING
    item.review_due = rules.review_due(item.received_on, settings_for(item.org).review_days, rules.pauses_of(item))
    return ITEMS.save(actor, item, "收到补充材料", before)


@transaction.atomic
def record_adviser(actor, item: ReviewItem, *, adviser_name: str, opinion: str) -> ReviewItem:
    item = ITEMS.lock(item, actor, "adviser")
    before = ITEMS.snapshot(item)
    item.adviser_name = required(adviser_name, "法律顾问", 50)
    item.adviser_opinion = required(opinion, "法律顾问意见", 5000)
    return ITEMS.save(actor, item, "登记法律顾问意见", before)


# --- drafts and machine findings -----------------------------------------------------------------------------


@transaction.atomic
def add_draft(actor, item: ReviewItem, *, file_name: str, data: bytes, kind: str = DraftKind.DRAFT) -> Draft:
    """A text of the item (送审稿, 补充材料, or — at adoption — 最终文本), read and checked by the machine; every
    finding is stored open for the reviewer. An unreadable file writes nothing."""
    kind = choice(kind, DraftKind, "文本类型")
    if kind == DraftKind.FINAL:
        item = ReviewItem.objects.select_for_update().get(pk=item.pk)
        ensure_can_write(actor, item.org)
        if item.status not in (ItemStatus.OPINED, ItemStatus.CLOSED):
            raise ValidationError("出具审查意见后才能上传最终文本。")
    else:
        item = ITEMS.lock(item, actor, "draft")
    name = required(file_name, "文件名", 200).replace("/", "_").replace("\\", "_")
    try:
        text = read_bytes(data, name)
    except DraftUnreadable as exc:
        raise ValidationError(str(exc))
    started = time.perf_counter()
    findings = check_text(text) if kind != DraftKind.SUPPLEMENT else []
    elapsed = int((time.perf_counter() - started) * 1000)
    draft = Draft.objects.create(item=item, org=item.org, kind=kind, file_name=name,
                                 sha256=hashlib.sha256(data).hexdigest(), size=len(data), text=text,
                                 checked_ms=elapsed, created_by=actor)
    Finding.objects.bulk_create([Finding(draft=draft, org=item.org, org_path=item.org.path,
                                         region_code=item.org.division_id, kind=f.kind, submitted_on=item.submitted_on,
                                         sentence=f.sentence,
                                         reason=f.reason, article=f.article, created_by=actor) for f in findings])
    audit.action(actor, "上传送审文本", item, after={"kind": kind, "file": name, "findings": len(findings)})
    return draft


@transaction.atomic
def decide_finding(actor, finding: Finding, *, accepted: bool, note: str = "") -> Finding:
    """The reviewer's judgement on one finding; a dismissal needs its reason, and both are recorded."""
    finding = Finding.objects.select_for_update().select_related("draft__item").get(pk=finding.pk)
    ensure_can_write(actor, finding.org)
    item = finding.draft.item
    if item.status not in (ItemStatus.SUBMITTED, ItemStatus.REVIEWING, ItemStatus.SUPPLEMENT):
        raise ValidationError("审查意见已出具，机审提示不能再改判。")
    note = (note or "").strip()[:500]
    if not accepted and not note:
        raise ValidationError("不采纳机审提示时请写明理由。")
    before = {"status": finding.get_status_display()}
    finding.status = FindingStatus.ACCEPTED if accepted else FindingStatus.DISMISSED
    finding.decided_note = note
    finding.decided_by_name = (actor.get_full_name() or actor.username)[:50]
    finding.save()
    audit.action(actor, "采纳机审提示" if accepted else "不采纳机审提示", finding, before=before,
                 after={"status": finding.get_status_display(), "kind": finding.kind}, reason=note)
    return finding


# --- 重大行政决策 five steps -------------------------------------------------------------------------------------


@transaction.atomic
def record_major_step(actor, item: ReviewItem, *, step: str, on: dt.date, until: dt.date | None = None,
                      result: str = "") -> ReviewItem:
    """公众参与 (from `on` to `until`, ≥30 days), 专家论证, 风险评估, 集体讨论 (only after a lawful review
    opinion: 令713号第二十五条). The review itself is the workflow's 出具审查意见."""
    item = ITEMS.lock(item, actor, "major_step")
    if not item.is_major:
        raise ValidationError("只有重大行政决策登记决策程序环节。")
    if step not in MAJOR_STEPS:
        raise ValidationError("决策程序环节不正确。")
    not_future(on, f"{MAJOR_STEPS[step]}日期")
    before = ITEMS.snapshot(item)
    if step == "comment":
        if until is None:
            raise ValidationError("请填写公众参与（征求意见）截止日期。")
        if (until - on).days + 1 < rules.MIN_COMMENT_DAYS:
            raise ValidationError(f"公众参与（向社会公开征求意见）的期限一般不少于{rules.MIN_COMMENT_DAYS}日"
                                  "（《重大行政决策程序暂行条例》第十五条），所填期间只有"
                                  f"{(until - on).days + 1}日。")
        item.comment_from, item.comment_to = on, until
    elif step == "expert":
        item.expert_on = on
    elif step == "risk":
        item.risk_on = on
    else:
        if item.opinion_on is None:
            raise ValidationError("决策草案未经合法性审查，不得提交集体讨论（《重大行政决策程序暂行条例》第二十五条）。")
        if item.opinion == Opinion.UNLAWFUL:
            raise ValidationError("决策草案经合法性审查不合法，不得提交集体讨论（《重大行政决策程序暂行条例》第二十五条）。")
        not_before(on, item.opinion_on, "集体讨论日期", "合法性审查意见日期")
        item.collective_on = on
        item.collective_result = (result or "").strip()[:200]
    return ITEMS.save(actor, item, f"登记重大行政决策{MAJOR_STEPS[step]}", before)


# --- opinion and adoption --------------------------------------------------------------------------------------


def _opinion_number(item: ReviewItem, year: int) -> str:
    prefix = (item.org.division.name[:2] if item.township_id else item.org.division.name[:1]) + "合审"
    return f"{prefix}〔{year}〕{next_sequence('legality', bureau_of(item.org), year)}号"


@transaction.atomic
def issue_opinion(actor, item: ReviewItem, *, opinion: str, reasons: str, opinion_on: dt.date,
                  competition: str = "") -> ReviewItem:
    """The written opinion. Open machine findings must be judged first; a major decision's review takes at least
    seven working days (令713号第二十六条)."""
    item = ITEMS.lock(item, actor, "opinion")
    before = ITEMS.snapshot(item)
    opinion = choice(opinion, Opinion, "审查意见")
    reasons = required(reasons, "意见理由", 20000)
    not_future(opinion_on, "意见日期")
    not_before(opinion_on, item.received_on, "意见日期", "受理日期")
    open_findings = Finding.objects.filter(draft__item=item, status=FindingStatus.OPEN).count()
    if open_findings:
        raise ValidationError(f"还有{open_findings}条机审提示未判断（采纳或不采纳），请先逐条判断。")
    pauses = rules.pauses_of(item)
    days = rules.working_days_between(item.received_on, opinion_on, pauses)
    if item.is_major and days < rules.MAJOR_REVIEW_MIN.amount:
        raise ValidationError(f"重大行政决策的合法性审查时间一般不少于{rules.MAJOR_REVIEW_MIN.amount}个工作日"
                              f"（《重大行政决策程序暂行条例》第二十六条），自受理至今只有{days}个工作日。")
    if competition:
        competition = choice(competition, CompetitionConclusion, "公平竞争审查结论")
    item.opinion, item.opinion_reasons, item.opinion_on = opinion, reasons, opinion_on
    item.competition = competition or ""
    item.review_days = days
    item.opinion_number = _opinion_number(item, opinion_on.year)
    item.status = ItemStatus.OPINED
    item = ITEMS.save(actor, item, "出具合法性审查意见", before)
    if item.created_by_id:
        notify.notify_users([item.created_by], f"合法性审查意见已出具：{item.title}", link=item_url(item),
                            category=LINE_NAME)
    return item


@transaction.atomic
def record_adoption(actor, item: ReviewItem, *, adoption: str, adoption_on: dt.date, note: str = "",
                    final_name: str = "", final_data: bytes | None = None) -> ReviewItem:
    """The submitter records whether the opinion was adopted and, where there is one, the final text."""
    item = ITEMS.lock(item, actor, "adoption")
    before = ITEMS.snapshot(item)
    adoption = choice(adoption, Adoption, "采纳情况")
    not_future(adoption_on, "采纳登记日期")
    not_before(adoption_on, item.opinion_on, "采纳登记日期", "意见日期")
    note = (note or "").strip()
    if adoption != Adoption.ADOPTED and not note:
        raise ValidationError("部分采纳或未采纳的，请说明理由。")
    item.adoption, item.adoption_on, item.adoption_note = adoption, adoption_on, note
    item.status = ItemStatus.CLOSED
    item = ITEMS.save(actor, item, "登记审查意见采纳情况", before, reason=note)
    if final_data:
        add_draft(actor, item, file_name=final_name or "最终文本.txt", data=final_data, kind=DraftKind.FINAL)
    return item


# --- 三统一, 报备, 备案审查, 清理 -------------------------------------------------------------------------------------


@transaction.atomic
def register_document(actor, *, org: OrgUnit, kind: str, title: str, issuer: str, registration_number: str,
                      published_on: dt.date, doc_number: str = "", valid_until: dt.date | None = None,
                      agency: Agency | None = None, item: ReviewItem | None = None, text: str = "") -> NormativeDoc:
    """统一登记、统一编号、统一印发: the document gets its 登记号 in the provincial format and its 报备 period. Kept
    by the bureau for the county's documents, by a 司法所 for its township's (filed with the county government)."""
    ensure_can_write(actor, org)
    bureau = bureau_of(org)
    kind = choice(kind, DocKind, "文件类别")
    settings = settings_for(bureau)
    number = rules.check_registration(registration_number, settings.registration_pattern,
                                      settings.registration_example)
    if NormativeDoc.objects.filter(registration_number=number).exists():
        raise ValidationError(f"登记号“{number}”已被使用，统一编号不能重复。")
    not_future(published_on, "公布日期")
    if valid_until is not None:
        not_before(valid_until, published_on, "有效期至", "公布日期")
        if (valid_until - published_on).days > 5 * 366:
            raise ValidationError("规范性文件有效期一般不超过5年。")
    if item is not None:
        if item.item_type not in NORMATIVE_TYPES:
            raise ValidationError("只有规范性文件类审查事项才能登记为规范性文件。")
        if item.opinion in ("", Opinion.UNLAWFUL, Opinion.OUT_OF_SCOPE):
            raise ValidationError("未经合法性审查或审查不合法的文件，不得统一登记印发。")
    township = org.kind == OrgKind.JUSTICE_OFFICE
    bodies = f"{bureau.division.name}人民政府" if township else rules.filing_bodies(kind, bureau.division.name)
    doc = NormativeDoc(org=org, kind=kind, title=required(title, "文件名称", 200),
                       issuer=required(issuer, "制定机关", 100), agency=agency, item=item,
                       doc_number=(doc_number or "").strip()[:60], registration_number=number,
                       published_on=published_on, valid_until=valid_until,
                       filing_bodies=bodies,
                       filing_due=rules.filing_due(published_on, settings.filing_days), text=text or "",
                       created_by=actor)
    doc.save()
    audit.action(actor, "规范性文件统一登记", doc, after=DOCS.snapshot(doc))
    return doc


@transaction.atomic
def file_document(actor, doc: NormativeDoc, *, filed_on: dt.date, complete: bool = True) -> NormativeDoc:
    """报备 to the filing bodies; late if after the 报备期限."""
    doc = DOCS.lock(doc, actor)
    if doc.filed_on:
        raise ValidationError("该文件已报备。")
    not_future(filed_on, "报备日期")
    not_before(filed_on, doc.published_on, "报备日期", "公布日期")
    before = DOCS.snapshot(doc)
    doc.filed_on, doc.filing_complete = filed_on, bool(complete)
    doc.save()
    audit.action(actor, "规范性文件报备", doc, before=before, after=DOCS.snapshot(doc))
    return doc


@transaction.atomic
def conclude_filing(actor, doc: NormativeDoc, *, conclusion: str, concluded_on: dt.date, note: str = "") -> NormativeDoc:
    """备案审查结论: 通过, or 纠错 with the correction asked for."""
    doc = DOCS.lock(doc, actor)
    if not doc.filed_on:
        raise ValidationError("文件尚未报备，不能作出备案审查结论。")
    if doc.conclusion:
        raise ValidationError("该文件已作出备案审查结论。")
    conclusion = choice(conclusion, FilingConclusion, "备案审查结论")
    not_future(concluded_on, "备案审查日期")
    not_before(concluded_on, doc.filed_on, "备案审查日期", "报备日期")
    if conclusion == FilingConclusion.CORRECTED and not (note or "").strip():
        raise ValidationError("纠错的，请写明纠错意见。")
    before = DOCS.snapshot(doc)
    doc.conclusion, doc.conclusion_on, doc.conclusion_note = conclusion, concluded_on, (note or "").strip()
    doc.save()
    audit.action(actor, "备案审查结论", doc, before=before, after=DOCS.snapshot(doc), reason=doc.conclusion_note)
    return doc


@transaction.atomic
def clean_up(actor, doc: NormativeDoc, *, validity: str, cleaned_on: dt.date, note: str = "") -> NormativeDoc:
    """动态清理: 有效 / 修改 / 废止 / 失效."""
    doc = DOCS.lock(doc, actor)
    validity = choice(validity, Validity, "清理结果")
    not_future(cleaned_on, "清理日期")
    not_before(cleaned_on, doc.published_on, "清理日期", "公布日期")
    if doc.validity in (Validity.REPEALED, Validity.EXPIRED):
        raise ValidationError("该文件已废止或失效。")
    before = DOCS.snapshot(doc)
    doc.validity, doc.validity_on, doc.validity_note = validity, cleaned_on, (note or "").strip()[:200]
    doc.save()
    audit.action(actor, "规范性文件清理", doc, before=before, after=DOCS.snapshot(doc))
    return doc


def public_documents(region_prefix: str = ""):
    """The portal's list of valid documents: 有效 or 修改 (still in force), within their 有效期."""
    qs = NormativeDoc.objects.filter(validity__in=[Validity.VALID, Validity.AMENDED])
    qs = qs.exclude(valid_until__lt=today())
    if region_prefix:
        qs = qs.filter(region_code__startswith=region_prefix)
    return qs.order_by("-published_on", "-id")
