"""Every change of the enforcement line goes through one of these functions: scope, workflow (workflow.py),
validation with a Chinese ValidationError naming the field and no partial write, one audit row in the same
transaction. Pages, the API, the ledgers, the portal's upload and the demo builder all call these.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from sifa.core import action_checks as checks
from sifa.core import audit, notify
from sifa.core.identifiers import validate_mobile, validate_resident_id
from sifa.core.models import OrgUnit
from sifa.core.notify import notify_users
from sifa.core.record_writer import RecordWriter
from sifa.reconsideration.actions import add_agency, bureau_of, staff_of
from sifa.reconsideration.models import Agency

from . import rules
from .models import (
    FILE_CATEGORIES,
    Basis,
    Benchmark,
    BenchmarkItem,
    Body,
    BodyKind,
    Campaign,
    CampaignStatus,
    Category,
    CertKind,
    CertStatus,
    Channel,
    ContactPoint,
    Decision,
    Deduction,
    ExamSitting,
    FileReview,
    Grade,
    Officer,
    Opinion,
    OpinionSource,
    OpinionStatus,
    ScoreSheet,
    SheetCategory,
    SheetItem,
    SpecialCheck,
    SupervisionSettings,
    Supervisor,
    SupervisorKind,
    Verification,
    VerificationKind,
)
from .workflow import CAMPAIGN, OPINION

LINE_NAME = "行政执法监督"
today, not_future, not_before, choice, required = (checks.today, checks.not_future, checks.not_before, checks.choice,
                                                   checks.required)
OFFICER_FIELDS = ("name", "cert_kind", "cert_number", "issued_on", "valid_until", "reviewed_on", "review_due",
                  "training_hours", "status", "status_reason", "status_changed_on")
OPINION_FIELDS = ("number", "status", "issued_on", "due_on", "received_on", "replied_on", "replied_late",
                  "rechecked_on", "closed_on")
CAMPAIGN_FIELDS = ("title", "status", "notice_number", "notified_on", "rectify_due", "closed_on")
OFFICERS = RecordWriter(Officer, fields=OFFICER_FIELDS, line=LINE_NAME)
CAMPAIGNS = RecordWriter(Campaign, fields=CAMPAIGN_FIELDS, workflow=CAMPAIGN, line=LINE_NAME)
OPINIONS = RecordWriter(Opinion, fields=OPINION_FIELDS, workflow=OPINION, line=LINE_NAME)


def ensure_can_write(actor, org: OrgUnit) -> None:
    checks.ensure_can_write(actor, org, LINE_NAME)


def _text(value, limit: int) -> str:
    return (value or "").strip()[:limit]


def _decimal(value, label: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{label}“{value}”不是有效的数字。")
    if not number.is_finite():
        raise ValidationError(f"{label}“{value}”不是有效的数字。")
    return number


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def settings_for(org: OrgUnit) -> SupervisionSettings:
    """The settings of `org` or of its nearest unit above that has some (normally the bureau's); unsaved
    defaults when none has."""
    parts = [p for p in org.path.split("/") if p]
    paths = ["/" + "/".join(parts[:n]) + "/" for n in range(len(parts), 0, -1)]
    found = {s.org_path: s for s in SupervisionSettings.objects.filter(org_path__in=paths)}
    return next((found[p] for p in paths if p in found), None) or SupervisionSettings(org=bureau_of(org))


def line_users(org: OrgUnit, *bodies: Body) -> list:
    """Who is told: the bureau's section staff (the supervising body) and the agencies' 联络员."""
    users = {u.pk: u for u in staff_of(org)}
    for body in bodies:
        if body is not None and body.liaison_id and body.liaison.is_active:
            users[body.liaison_id] = body.liaison
    return list(users.values())


def _scoped(org: OrgUnit) -> dict:
    """The owner fields ScopedModel.save sets, for rows written with bulk_create (which does not call save)."""
    return {"org": org, "org_path": org.path, "region_code": org.division_id}


def _link(url_name: str, pk) -> str:
    return notify.record_link(url_name, pk)


@transaction.atomic
def configure(actor, *, org: OrgUnit, review_cycle_years: int, expiry_notice_days: int = 60,
              min_training_hours: int = 40) -> SupervisionSettings:
    ensure_can_write(actor, org)
    cycle = checks.positive_int(review_cycle_years, "年审周期（年）", 10)
    notice = checks.positive_int(expiry_notice_days, "到期提醒提前天数", 365)
    hours = checks.positive_int(min_training_hours, "年度培训最低学时", 500)
    found, _ = SupervisionSettings.objects.select_for_update().get_or_create(
        org=org, defaults={"created_by": actor})
    before = audit.snapshot(found, ("review_cycle_years", "expiry_notice_days", "min_training_hours"))
    found.review_cycle_years, found.expiry_notice_days, found.min_training_hours = cycle, notice, hours
    found.save()
    audit.action(actor, "设置执法监督参数", found, before=before,
                 after={"review_cycle_years": cycle, "expiry_notice_days": notice, "min_training_hours": hours})
    return found


# ---------------------------------------------------------------------------------------------- 执法主体

BODY_TEXTS = {"duties": ("执法职责", 4000), "matters": ("执法事项", 8000), "procedure": ("执法程序", 4000),
              "remedy": ("救济途径", 2000), "address": ("办公地址", 200), "phone": ("监督电话", 30)}


def _body_texts(values: dict) -> dict:
    out = {}
    for field, (label, limit) in BODY_TEXTS.items():
        text = (values.get(field) or "").strip()
        if len(text) > limit:
            raise ValidationError(f"{label}不能超过{limit}个字。")
        out[field] = text
    return out


@transaction.atomic
def register_body(actor, *, agency: Agency, kind: str = BodyKind.AGENCY, org: OrgUnit | None = None,
                  liaison=None, published: bool = True, **texts) -> Body:
    """执法主体: an agency already in the county's list (name and credit code stay there) plus its details."""
    if agency is None:
        raise ValidationError("请选择行政机关。")
    org = org or agency.org
    if not org.path.startswith(bureau_of(agency.org).path):
        raise ValidationError("执法主体的管理单位应为本县（区）司法局或其司法所。")
    ensure_can_write(actor, org)
    if Body.objects.filter(agency=agency).exists():
        raise ValidationError(f"“{agency.name}”已登记为执法主体。")
    body = Body.objects.create(agency=agency, org=org, kind=choice(kind, BodyKind, "主体类型"), liaison=liaison,
                               published=bool(published), created_by=actor, **_body_texts(texts))
    audit.action(actor, "登记执法主体", body, after={"agency": agency.name, "kind": body.kind})
    return body


@transaction.atomic
def add_body(actor, *, org: OrgUnit, name: str, credit_code: str, kind: str = BodyKind.AGENCY, **details) -> Body:
    """A new agency in the county's list and its enforcement details at once (one list of agencies, not two)."""
    bureau = bureau_of(org)
    agency = Agency.objects.filter(org=bureau, name=(name or "").strip()).first() or add_agency(
        actor, org=bureau, name=name, credit_code=credit_code)
    return register_body(actor, agency=agency, kind=kind, org=org, **details)


@transaction.atomic
def update_body(actor, body: Body, **changes) -> Body:
    body = Body.objects.select_for_update().get(pk=body.pk)
    ensure_can_write(actor, body.org)
    allowed = {*BODY_TEXTS, "kind", "published", "liaison"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"不能修改：{'、'.join(sorted(unknown))}。")
    before = audit.snapshot(body, (*BODY_TEXTS, "kind", "published"))
    texts = _body_texts({**{f: getattr(body, f) for f in BODY_TEXTS}, **changes})
    for field, value in texts.items():
        setattr(body, field, value)
    if "kind" in changes:
        body.kind = choice(changes["kind"], BodyKind, "主体类型")
    if "published" in changes:
        body.published = bool(changes["published"])
    if "liaison" in changes:
        body.liaison = changes["liaison"]
    body.save()
    audit.action(actor, "修改执法主体", body, before=before, after=audit.snapshot(body, (*BODY_TEXTS, "kind", "published")))
    return body


# ---------------------------------------------------------------------------------------- 执法人员与证件

def _cert_number(number: str, kind: str, org: OrgUnit, exclude: int | None = None) -> str:
    division = getattr(bureau_of(org), "division", None)
    province = (getattr(division, "code", "") or "")[:2]
    number = rules.cert_number(number, kind, province if province.isdigit() else "")
    taken = Officer.objects.filter(cert_number=number)
    if exclude:
        taken = taken.exclude(pk=exclude)
    holder = taken.select_related("body__agency").first()
    if holder is not None:
        raise ValidationError(f"证件号码“{number}”已被{holder.body.name}的{holder.name}使用，不能重复登记。",
                              code="duplicate")
    return number


def _review_due(org: OrgUnit, since: dt.date, valid_until: dt.date) -> dt.date:
    return min(_add_years(since, settings_for(org).review_cycle_years), valid_until)


@transaction.atomic
def add_officer(actor, *, body: Body, name: str, cert_number: str, issued_on: dt.date, valid_until: dt.date,
                cert_kind: str = CertKind.ENFORCEMENT, id_number: str = "", position: str = "",
                training_hours: int = 0, reviewed_on: dt.date | None = None, new: bool = True) -> Officer:
    """发证: an officer with a 执法证 or 监督证 (number format and uniqueness checked); `new` records it as a
    新申领 verification on the issue date."""
    ensure_can_write(actor, body.org)
    kind = choice(cert_kind, CertKind, "证件类别")
    name = required(name, "姓名", 50)
    id_number = validate_resident_id(id_number) if (id_number or "").strip() else ""
    if issued_on is None or valid_until is None:
        raise ValidationError("请填写发证日期和有效期。")
    not_future(issued_on, "发证日期")
    if valid_until <= issued_on:
        raise ValidationError("有效期截止日期应晚于发证日期。")
    if reviewed_on is not None:
        not_before(reviewed_on, issued_on, "最近年审日期", "发证日期")
        not_future(reviewed_on, "最近年审日期")
    hours = int(training_hours or 0)
    if not 0 <= hours <= 1000:
        raise ValidationError("培训学时应在0至1000之间。")
    officer = Officer.objects.create(
        body=body, org=body.org, name=name, id_number=id_number, position=_text(position, 50), cert_kind=kind,
        cert_number=_cert_number(cert_number, kind, body.org), issued_on=issued_on, valid_until=valid_until,
        reviewed_on=reviewed_on, review_due=_review_due(body.org, reviewed_on or issued_on, valid_until),
        training_hours=hours, created_by=actor)
    if new:
        Verification.objects.create(officer=officer, org=officer.org, kind=VerificationKind.NEW, checked_on=issued_on,
                                    passed=True, note="新申领发证", created_by=actor)
    audit.action(actor, "登记执法人员", officer, after=audit.snapshot(officer, OFFICER_FIELDS, readable=True))
    return officer


@transaction.atomic
def verify(actor, officer: Officer, *, kind: str, checked_on: dt.date, passed: bool = True,
           note: str = "") -> Verification:
    """审验 / 周期年审: a passed review restarts the 年审 cycle (configurable, e.g. four years)."""
    officer, before = OFFICERS.lock_for_change(officer, actor)
    kind = choice(kind, VerificationKind, "审验类别")
    if kind == VerificationKind.NEW:
        raise ValidationError("新申领在发证时登记，请使用“登记执法人员”。")
    not_future(checked_on, "审验日期")
    not_before(checked_on, officer.issued_on, "审验日期", "发证日期")
    if officer.status == CertStatus.REVOKED:
        raise ValidationError("该证件已注销，不能审验。")
    found = Verification.objects.create(officer=officer, org=officer.org, kind=kind, checked_on=checked_on,
                                        passed=bool(passed), note=_text(note, 200), created_by=actor)
    if passed and kind == VerificationKind.CYCLE:
        officer.reviewed_on = checked_on
        officer.review_due = _review_due(officer.org, checked_on, officer.valid_until)
        officer.notified_on = None
    OFFICERS.save(actor, officer, f"{VerificationKind(kind).label}{'通过' if passed else '未通过'}", before)
    return found


@transaction.atomic
def record_exam(actor, officer: Officer, *, sat_on: dt.date, score, pass_mark=60,
                subject: str = "") -> ExamSitting:
    officer = Officer.objects.select_for_update().get(pk=officer.pk)
    ensure_can_write(actor, officer.org)
    not_future(sat_on, "考试日期")
    score = _decimal(score, "考试成绩")
    if not Decimal(0) <= score <= Decimal(100):
        raise ValidationError(f"考试成绩{score}超出范围，应在0至100分之间。")
    sitting = ExamSitting.objects.create(officer=officer, org=officer.org, sat_on=sat_on, score=score,
                                         passed=score >= Decimal(str(pass_mark)),
                                         subject=_text(subject, 100) or "行政执法人员公共法律知识考试",
                                         created_by=actor)
    audit.action(actor, "登记执法资格考试", sitting, after={"officer": officer.cert_number, "score": str(score),
                                                       "passed": sitting.passed})
    return sitting


@transaction.atomic
def record_training(actor, officer: Officer, *, hours: int) -> Officer:
    officer, before = OFFICERS.lock_for_change(officer, actor)
    hours = int(hours)
    if not 0 < hours <= 200:
        raise ValidationError("本次培训学时应在1至200之间。")
    officer.training_hours += hours
    return OFFICERS.save(actor, officer, "登记培训学时", before)


@transaction.atomic
def set_status(actor, officer: Officer, *, status: str, reason: str = "", on: dt.date | None = None) -> Officer:
    """暂扣/注销 with the reason; 恢复有效 of a suspended certificate. A revoked one stays revoked."""
    officer, before = OFFICERS.lock_for_change(officer, actor)
    status = choice(status, CertStatus, "证件状态")
    on = on or today()
    not_future(on, "状态变更日期")
    if officer.status == CertStatus.REVOKED:
        raise ValidationError("该证件已注销，不能再变更状态。")
    if status == officer.status:
        raise ValidationError(f"该证件已是“{CertStatus(status).label}”状态。")
    if status != CertStatus.VALID:
        reason = required(reason, "暂扣或注销的原因", 200)
    officer.status, officer.status_reason, officer.status_changed_on = status, _text(reason, 200), on
    return OFFICERS.save(actor, officer, f"执法证件{CertStatus(status).label}", before)


def valid_officers(body: Body, day: dt.date):
    return Officer.objects.filter(body=body, status=CertStatus.VALID, issued_on__lte=day, valid_until__gte=day,
                                  review_due__gte=day)


def expiring(org_path_prefix: str, day: dt.date, notice_days: int):
    """Valid certificates whose expiry or 年审 falls within `notice_days` of `day`."""
    limit = day + dt.timedelta(days=notice_days)
    return Officer.objects.filter(org_path__startswith=org_path_prefix, status=CertStatus.VALID).filter(
        Q(valid_until__lte=limit) | Q(review_due__lte=limit)).filter(valid_until__gte=day)


def notify_expiring(day: dt.date | None = None) -> int:
    """到期提醒: once per certificate and cycle, tell the agency's 联络员 and the bureau's staff."""
    day, sent = day or today(), 0
    for settings in _all_settings():
        for officer in expiring(settings.org.path, day, settings.expiry_notice_days).filter(
                notified_on__isnull=True).select_related("body__agency", "body__liaison", "org"):
            what = "执法证有效期" if officer.valid_until <= officer.review_due else "年审期限"
            due = min(officer.valid_until, officer.review_due)
            sent += notify_users(line_users(officer.org, officer.body),
                                 f"{officer.body.name} {officer.name}的{what}将于{due:%Y-%m-%d}届满",
                                 "请及时组织年审或换证；逾期后不能在执法决定中登记为承办人员。",
                                 link=_link("enforcement:officer_detail", officer.pk), category=LINE_NAME)
            Officer.objects.filter(pk=officer.pk).update(notified_on=day)
    return sent


def _all_settings() -> list[SupervisionSettings]:
    from sifa.core.models import OrgKind

    out = []
    for bureau in OrgUnit.objects.filter(kind=OrgKind.COUNTY_BUREAU, active=True):
        out.append(settings_for(bureau))
    return out


# -------------------------------------------------------------------------------- 事前公示：依据与裁量基准

@transaction.atomic
def publish_basis(actor, *, body: Body, matter: str, clause: str, published_on: dt.date,
                  category: str = Category.PENALTY) -> Basis:
    ensure_can_write(actor, body.org)
    not_future(published_on, "公示日期")
    basis = Basis.objects.create(body=body, org=body.org, category=choice(category, Category, "执法类别"),
                                 matter=required(matter, "执法事项", 200), clause=required(clause, "依据条款", 2000),
                                 published_on=published_on, created_by=actor)
    audit.action(actor, "公示执法依据", basis, after={"body": body.name, "matter": basis.matter})
    return basis


@transaction.atomic
def publish_benchmark(actor, *, body: Body, title: str, published_on: dt.date, items: Sequence[dict],
                      local: bool = False) -> Benchmark:
    """自由裁量基准 by matter and tier; each item: area, matter, tier, sanction (circumstances optional)."""
    ensure_can_write(actor, body.org)
    not_future(published_on, "公示日期")
    if not items:
        raise ValidationError("裁量基准至少应包含一个事项。")
    benchmark = Benchmark.objects.create(body=body, org=body.org, title=required(title, "基准名称", 200),
                                         local=bool(local), published_on=published_on, created_by=actor)
    rows = []
    for n, item in enumerate(items, start=1):
        try:
            rows.append(BenchmarkItem(
                benchmark=benchmark, **_scoped(body.org), area=required(item.get("area"), "方面", 100),
                matter=required(item.get("matter"), "执法事项", 200), tier=required(item.get("tier"), "裁量档次", 30),
                circumstances=_text(item.get("circumstances"), 300),
                sanction=required(item.get("sanction"), "处罚标准", 300), local=bool(local),
                published_on=published_on, created_by=actor))
        except ValidationError as exc:
            raise ValidationError(f"第{n}项：{' '.join(exc.messages)}")
    BenchmarkItem.objects.bulk_create(rows)
    audit.action(actor, "公示自由裁量基准", benchmark, after={"body": body.name, "items": len(rows), "local": local})
    return benchmark


# ----------------------------------------------------------------------------------- 事后公示：执法决定

@transaction.atomic
def publish_decision(actor, *, body: Body, category: str, number: str, title: str, party_name: str,
                     decided_on: dt.date, published_on: dt.date, officers: Iterable[Officer],
                     party_is_person: bool = True, party_id_number: str = "", basis: str = "", content: str = "",
                     legal_review: bool = False, channel: str = Channel.FORM) -> Decision:
    """事后公示 of one decision: made by ≥2 officers holding a valid 执法证 on the decision date (《行政处罚法》
    第42条), published on or after the decision; published after the 7/20 working-day limit it is flagged late
    and the supervising bureau is told."""
    ensure_can_write(actor, body.org)
    category = choice(category, Category, "决定类别")
    number = required(number, "决定书文号", 80)
    if Decision.objects.filter(body=body, number=number).exists():
        raise ValidationError(f"决定书文号“{number}”已公示，不能重复公示。", code="duplicate")
    if decided_on is None or published_on is None:
        raise ValidationError("请填写决定日期和公示日期。")
    not_future(decided_on, "决定日期")
    not_future(published_on, "公示日期")
    if published_on < decided_on:
        raise ValidationError(f"公示日期（{published_on:%Y-%m-%d}）不能早于决定日期（{decided_on:%Y-%m-%d}）。")
    officers = list(Officer.objects.filter(pk__in={o.pk for o in officers}).order_by("pk"))  # as stored now
    if len(officers) < 2:
        raise ValidationError("执法决定应由两名以上持有有效执法证的执法人员作出（《行政处罚法》第四十二条），请选择承办人员。")
    for officer in officers:
        if officer.body_id != body.pk:
            raise ValidationError(f"{officer.name}不是{body.name}的执法人员。")
        if officer.cert_kind != CertKind.ENFORCEMENT:
            raise ValidationError(f"{officer.name}持有的是行政执法监督证，不能作为承办执法人员。")
        if not officer.valid_on(decided_on):
            raise ValidationError(f"{officer.name}（证号{officer.cert_number}）在{decided_on:%Y-%m-%d}未持有有效执法证"
                                  f"（{officer.get_status_display()}，有效期至{officer.valid_until:%Y-%m-%d}，"
                                  f"年审期限{officer.review_due:%Y-%m-%d}），不能登记为承办人员。")
    party_id = validate_resident_id(party_id_number) if (party_id_number or "").strip() else ""
    due = rules.publish_due(category, decided_on)
    decision = Decision.objects.create(
        body=body, org=body.org, category=category, number=number, title=required(title, "案件名称", 200),
        party_name=required(party_name, "当事人", 100), party_is_person=bool(party_is_person),
        party_id_number=party_id, basis=_text(basis, 300), content=_text(content, 4000), decided_on=decided_on,
        publish_due=due, published_on=published_on, late=published_on > due, legal_review=bool(legal_review),
        channel=choice(channel, Channel, "报送方式"), created_by=actor)
    decision.officers.set(officers)
    audit.action(actor, "公示执法决定", decision,
                 after={"number": number, "category": category, "decided_on": str(decided_on),
                        "published_on": str(published_on), "late": decision.late, "officers": len(officers)})
    if decision.late:
        notify_users(staff_of(body.org), f"超期公示：{body.name} {number}",
                     f"决定日期{decided_on:%Y-%m-%d}，应于{due:%Y-%m-%d}前公示，实际{published_on:%Y-%m-%d}公示。",
                     link=_link("enforcement:decision_detail", decision.pk), category=LINE_NAME)
    return decision


# ------------------------------------------------------------------------------------------- 案卷评查

STANDARD_SHEET = (
    (SheetCategory.SUBJECT, "执法主体合法，执法人员持证且不少于两人", 10),
    (SheetCategory.EVIDENCE, "证据确凿充分，调查取证合法", 25),
    (SheetCategory.PROCEDURE, "程序合法，告知、听证、法制审核到位", 25),
    (SheetCategory.LAW, "适用法律正确，裁量适当", 25),
    (SheetCategory.DOCUMENTS, "文书规范，案卷装订齐全", 15),
)


@transaction.atomic
def create_sheet(actor, *, org: OrgUnit, name: str, items: Sequence[tuple], excellent_from=90, pass_from=60,
                 full_marks=100) -> ScoreSheet:
    """评分表: items (category, text, most points deducted) and the grade thresholds."""
    ensure_can_write(actor, org)
    full, excellent, passing = (_decimal(full_marks, "满分"), _decimal(excellent_from, "优秀分数线"),
                                _decimal(pass_from, "合格分数线"))
    if not (Decimal(0) < passing < excellent <= full):
        raise ValidationError("分数线应满足：0 < 合格分数线 < 优秀分数线 ≤ 满分。")
    if not items:
        raise ValidationError("评分表至少应有一个评分项。")
    sheet = ScoreSheet.objects.create(org=org, name=required(name, "评分表名称", 100), full_marks=full,
                                      excellent_from=excellent, pass_from=passing, created_by=actor)
    total = Decimal(0)
    for n, (category, text, points) in enumerate(items, start=1):
        points = _decimal(points, f"第{n}项最高扣分")
        if points <= 0:
            raise ValidationError(f"第{n}项最高扣分应大于0。")
        total += points
        SheetItem.objects.create(sheet=sheet, org=org, category=choice(category, SheetCategory, f"第{n}项评分类别"),
                                 text=required(text, f"第{n}项评查内容", 200), points=points, order=n, created_by=actor)
    if total > full:
        raise ValidationError(f"各评分项最高扣分合计{total}分，超过满分{full}分。")
    audit.action(actor, "制定案卷评查评分表", sheet, after={"items": len(items), "excellent_from": str(excellent),
                                                       "pass_from": str(passing)})
    return sheet


def standard_sheet(actor, org: OrgUnit) -> ScoreSheet:
    found = ScoreSheet.objects.filter(org=bureau_of(org), name="行政执法案卷评查标准").first()
    return found or create_sheet(actor, org=bureau_of(org), name="行政执法案卷评查标准", items=STANDARD_SHEET)


@transaction.atomic
def open_campaign(actor, *, org: OrgUnit, title: str, sheet: ScoreSheet, files_from: dt.date, files_to: dt.date,
                  started_on: dt.date) -> Campaign:
    ensure_can_write(actor, org)
    if sheet is None or not org.path.startswith(bureau_of(sheet.org).path):
        raise ValidationError("请选择本县（区）的评分表。")
    if files_from is None or files_to is None or files_to < files_from:
        raise ValidationError("抽查案卷的截止日期不能早于起始日期。")
    not_future(started_on, "开始日期")
    campaign = Campaign.objects.create(org=org, title=required(title, "评查活动名称", 200), sheet=sheet,
                                       files_from=files_from, files_to=files_to, started_on=started_on,
                                       created_by=actor)
    audit.action(actor, "部署案卷评查", campaign, after=audit.snapshot(campaign, CAMPAIGN_FIELDS, readable=True))
    return campaign


@transaction.atomic
def sample(actor, campaign: Campaign, *, body: Body, category: str, count: int = 0,
           numbers: Sequence[str] = (), sampled_on: dt.date | None = None, seed: int | None = None) -> list[FileReview]:
    """抽取案卷 of one agency: `count` files drawn at random from its decisions of that category made in the
    campaign's window (not drawn before), or the files named by their 文号 (`numbers`, e.g. paper files)."""
    campaign, before = CAMPAIGNS.lock_for_change(campaign, actor, "sample")
    if body is None or not body.org_path.startswith(bureau_of(campaign.org).path):
        raise ValidationError("请选择本县（区）的执法主体。")
    category = choice(category, Category, "案卷类别")
    if category not in FILE_CATEGORIES:
        raise ValidationError("案卷类别应为行政处罚、行政许可、行政强制或行政检查。")
    sampled_on = sampled_on or today()
    not_future(sampled_on, "抽取日期")
    taken = set(FileReview.objects.filter(campaign=campaign, body=body).values_list("file_number", flat=True))
    picked: list[tuple[str, Decision | None]] = []
    numbers = [n.strip() for n in numbers if n and n.strip()]
    if numbers:
        for n in numbers:
            if n in taken or n in {p[0] for p in picked}:
                raise ValidationError(f"案卷“{n}”已抽取。")
            picked.append((n, Decision.objects.filter(body=body, number=n).first()))
    else:
        count = checks.positive_int(count, "抽取数量", 500)
        pool = list(Decision.objects.filter(body=body, category=category, decided_on__gte=campaign.files_from,
                                            decided_on__lte=campaign.files_to)
                    .exclude(number__in=taken).order_by("decided_on", "pk"))
        if len(pool) < count:
            raise ValidationError(f"{body.name}在{campaign.files_from:%Y-%m-%d}至{campaign.files_to:%Y-%m-%d}作出的"
                                  f"{Category(category).label}决定只有{len(pool)}件可抽取，少于{count}件。")
        rng = random.Random(seed if seed is not None else f"{campaign.pk}:{body.pk}:{category}")
        picked = [(d.number, d) for d in sorted(rng.sample(pool, count), key=lambda d: (d.decided_on, d.pk))]
    made = [FileReview.objects.create(campaign=campaign, body=body, org=campaign.org, category=category,
                                      file_number=n, decision=d, sampled_on=sampled_on, created_by=actor)
            for n, d in picked]
    audit.action(actor, "抽取评查案卷", campaign, before=before,
                 after={"body": body.name, "category": category, "files": len(made)})
    return made


@transaction.atomic
def start_review(actor, campaign: Campaign) -> Campaign:
    campaign, before = CAMPAIGNS.lock_for_change(campaign, actor, "start")
    if not campaign.files.exists():
        raise ValidationError("尚未抽取案卷，不能开始评查。")
    campaign.status = CampaignStatus.REVIEWING
    campaign.save()
    audit.action(actor, "开始案卷评查", campaign, before=before, after=audit.snapshot(campaign, CAMPAIGN_FIELDS, readable=True))
    return campaign


def grade_of(sheet: ScoreSheet, score: Decimal) -> str:
    if score >= sheet.excellent_from:
        return Grade.EXCELLENT
    return Grade.QUALIFIED if score >= sheet.pass_from else Grade.UNQUALIFIED


@transaction.atomic
def score_file(actor, review: FileReview, *, deductions: dict, reviewed_on: dt.date,
               comments: str = "") -> FileReview:
    """评分: `deductions` maps a sheet item (or its id) to points or (points, reason); each within 0 and the item's
    most. The score is full marks less the deductions; the grade follows the sheet's thresholds. A file may be
    scored again until the 通报."""
    review = FileReview.objects.select_for_update().select_related("campaign__sheet").get(pk=review.pk)
    campaign = review.campaign
    ensure_can_write(actor, campaign.org)
    if campaign.status != CampaignStatus.REVIEWING:
        raise ValidationError(f"评查活动处于“{campaign.get_status_display()}”状态，不能评分。")
    not_future(reviewed_on, "评查日期")
    not_before(reviewed_on, review.sampled_on, "评查日期", "抽取日期")
    sheet = campaign.sheet
    items = {item.pk: item for item in sheet.items.all()}
    rows, total = [], Decimal(0)
    for key, value in (deductions or {}).items():
        item = items.get(getattr(key, "pk", None) or (int(key) if str(key).isdigit() else None))
        if item is None:
            raise ValidationError(f"评分项“{key}”不在评分表“{sheet.name}”中。")
        points, note = value if isinstance(value, tuple | list) else (value, "")
        if points in (None, ""):
            continue
        points = _decimal(points, f"评分项“{item.text}”的扣分")
        if not Decimal(0) <= points <= item.points:
            raise ValidationError(f"评分项“{item.text}”的扣分{points}超出范围，应在0至{item.points}分之间。")
        if points:
            rows.append(Deduction(review=review, **_scoped(review.org), item=item, points=points, note=_text(note, 200),
                                  created_by=actor))
            total += points
    before = audit.snapshot(review, ("score", "grade", "reviewed_on"), readable=True)
    review.deductions.all().delete()
    Deduction.objects.bulk_create(rows)
    review.score = sheet.full_marks - total
    review.grade = grade_of(sheet, review.score)
    review.reviewed_on, review.comments = reviewed_on, _text(comments, 2000)
    review.needs_rectification = review.grade != Grade.EXCELLENT and total > 0
    review.save()
    audit.action(actor, "评查案卷评分", review, before=before,
                 after=audit.snapshot(review, ("score", "grade", "reviewed_on"), readable=True) | {"deductions": len(rows)})
    return review


@transaction.atomic
def notify_campaign(actor, campaign: Campaign, *, notice_number: str, notified_on: dt.date,
                    rectify_due: dt.date) -> Campaign:
    """通报: every sampled file scored; the agencies with files to rectify are told (the .docx is documents.py)."""
    campaign, before = CAMPAIGNS.lock_for_change(campaign, actor, "notify")
    unscored = campaign.files.filter(score__isnull=True).count()
    if unscored:
        raise ValidationError(f"尚有{unscored}卷未评分，不能印发通报。")
    not_future(notified_on, "通报日期")
    last = max(campaign.files.values_list("reviewed_on", flat=True))
    not_before(notified_on, last, "通报日期", "最后评查日期")
    not_before(rectify_due, notified_on, "整改期限", "通报日期")
    campaign.notice_number = required(notice_number, "通报文号", 60)
    campaign.notified_on, campaign.rectify_due = notified_on, rectify_due
    campaign.status = CampaignStatus.NOTIFIED
    if not campaign.files.filter(needs_rectification=True).exists():
        campaign.status, campaign.closed_on = CampaignStatus.CLOSED, notified_on
    campaign.save()
    audit.action(actor, "印发案卷评查通报", campaign, before=before,
                 after=audit.snapshot(campaign, CAMPAIGN_FIELDS, readable=True))
    bodies = Body.objects.filter(reviewed_files__campaign=campaign, reviewed_files__needs_rectification=True).distinct()
    for body in bodies.select_related("agency", "liaison"):
        if body.liaison_id:
            notify_users([body.liaison], f"{campaign.title}：请于{rectify_due:%Y-%m-%d}前完成案卷整改",
                         link=_link("enforcement:campaign_detail", campaign.pk), category=LINE_NAME)
    return campaign


@transaction.atomic
def rectify_file(actor, review: FileReview, *, rectified_on: dt.date, rectification: str) -> FileReview:
    review = FileReview.objects.select_for_update().select_related("campaign").get(pk=review.pk)
    ensure_can_write(actor, review.org)
    if review.campaign.status != CampaignStatus.NOTIFIED:
        raise ValidationError("评查结果尚未通报，或评查活动已整改完成，不能登记整改。")
    if not review.needs_rectification:
        raise ValidationError("该案卷无需整改。")
    if review.rectified_on is not None:
        raise ValidationError("该案卷已登记整改。")
    not_future(rectified_on, "整改完成日期")
    not_before(rectified_on, review.campaign.notified_on, "整改完成日期", "通报日期")
    review.rectified_on, review.rectification = rectified_on, required(rectification, "整改情况", 2000)
    review.save()
    audit.action(actor, "登记案卷整改", review, after={"rectified_on": str(rectified_on)})
    return review


@transaction.atomic
def close_campaign(actor, campaign: Campaign, *, closed_on: dt.date) -> Campaign:
    campaign, before = CAMPAIGNS.lock_for_change(campaign, actor, "close")
    pending = campaign.files.filter(needs_rectification=True, rectified_on__isnull=True).count()
    if pending:
        raise ValidationError(f"尚有{pending}卷未完成整改，不能结束评查。")
    not_future(closed_on, "整改完成日期")
    not_before(closed_on, campaign.notified_on, "整改完成日期", "通报日期")
    campaign.status, campaign.closed_on = CampaignStatus.CLOSED, closed_on
    campaign.save()
    audit.action(actor, "案卷评查整改完成", campaign, before=before,
                 after=audit.snapshot(campaign, CAMPAIGN_FIELDS, readable=True))
    return campaign


# -------------------------------------------------------------------------------- 监督员、联系点、专项监督

@transaction.atomic
def add_contact_point(actor, *, org: OrgUnit, name: str, established_on: dt.date, address: str = "") -> ContactPoint:
    ensure_can_write(actor, org)
    not_future(established_on, "设立日期")
    point = ContactPoint.objects.create(org=org, name=required(name, "联系点名称", 100), address=_text(address, 200),
                                        established_on=established_on, created_by=actor)
    audit.action(actor, "设立执法监督联系点", point, after={"name": point.name})
    return point


@transaction.atomic
def appoint_supervisor(actor, *, org: OrgUnit, kind: str, name: str, appointed_on: dt.date,
                       term_ends_on: dt.date | None = None, employer: str = "", mobile: str = "",
                       contact_point: ContactPoint | None = None) -> Supervisor:
    ensure_can_write(actor, org)
    not_future(appointed_on, "聘任日期")
    if term_ends_on is not None and term_ends_on <= appointed_on:
        raise ValidationError("聘期届满日期应晚于聘任日期。")
    if contact_point is not None and not contact_point.org_path.startswith(bureau_of(org).path):
        raise ValidationError("联系点不在本县（区）范围内。")
    supervisor = Supervisor.objects.create(
        org=org, kind=choice(kind, SupervisorKind, "监督员类别"), name=required(name, "姓名", 50),
        employer=_text(employer, 100), mobile=validate_mobile(mobile) if (mobile or "").strip() else "",
        appointed_on=appointed_on, term_ends_on=term_ends_on, contact_point=contact_point, created_by=actor)
    audit.action(actor, "聘任执法监督员", supervisor, after={"kind": supervisor.kind, "appointed_on": str(appointed_on)})
    return supervisor


@transaction.atomic
def record_check(actor, *, org: OrgUnit, theme: str, held_on: dt.date, findings: str = "",
                 supervisors: Iterable[Supervisor] = (), bodies: Iterable[Body] = ()) -> SpecialCheck:
    """每月一主题的专项监督 (排查)."""
    ensure_can_write(actor, org)
    not_future(held_on, "开展日期")
    check = SpecialCheck.objects.create(org=org, theme=required(theme, "监督主题", 200), held_on=held_on,
                                        findings=_text(findings, 4000), created_by=actor)
    check.supervisors.set(list(supervisors))
    check.bodies.set(list(bodies))
    audit.action(actor, "开展专项监督", check, after={"theme": check.theme, "held_on": str(held_on)})
    return check


# -------------------------------------------------------------------------------------- 监督意见书

@transaction.atomic
def issue_opinion(actor, *, org: OrgUnit, number: str, source: str, body: Body, subject: str, content: str,
                  issued_on: dt.date, due_on: dt.date | None = None, special_check: SpecialCheck | None = None,
                  supervisor: Supervisor | None = None, contact_point: ContactPoint | None = None,
                  file_review: FileReview | None = None) -> Opinion:
    ensure_can_write(actor, org)
    bureau = bureau_of(org)
    if body is None or not body.org_path.startswith(bureau.path):
        raise ValidationError("被监督单位应为本县（区）的执法主体。")
    number = required(number, "文号", 60)
    if Opinion.objects.filter(number=number).exists():
        raise ValidationError(f"文号“{number}”已使用，不能重复发出。", code="duplicate")
    not_future(issued_on, "发出日期")
    due_on = due_on or rules.opinion_due(issued_on)
    if due_on <= issued_on:
        raise ValidationError("整改期限应晚于发出日期。")
    source = choice(source, OpinionSource, "来源")
    for linked, label in ((special_check, "专项监督"), (supervisor, "监督员"), (contact_point, "联系点"),
                          (file_review, "评查案卷")):
        if linked is not None and not linked.org_path.startswith(bureau.path):
            raise ValidationError(f"关联的{label}不在本县（区）范围内。")
    if source == OpinionSource.MONTHLY and special_check is None:
        raise ValidationError("来源为月度专项监督的，请选择所属的专项监督。")
    opinion = Opinion.objects.create(
        org=org, number=number, source=source, body=body, subject=required(subject, "事由", 200),
        content=required(content, "监督意见", 4000), issued_on=issued_on, due_on=due_on, special_check=special_check,
        supervisor=supervisor, contact_point=contact_point, file_review=file_review, created_by=actor)
    audit.action(actor, "发出行政执法监督意见书", opinion, after=audit.snapshot(opinion, OPINION_FIELDS, readable=True))
    if body.liaison_id:
        notify_users([body.liaison], f"行政执法监督意见书{number}：请于{due_on:%Y-%m-%d}前反馈整改情况",
                     subject, link=_link("enforcement:opinion_detail", opinion.pk), category=LINE_NAME)
    return opinion


@transaction.atomic
def receive_opinion(actor, opinion: Opinion, *, received_on: dt.date) -> Opinion:
    opinion, before = OPINIONS.lock_for_change(opinion, actor, "receive")
    not_future(received_on, "签收日期")
    not_before(received_on, opinion.issued_on, "签收日期", "发出日期")
    opinion.received_on, opinion.status = received_on, OpinionStatus.RECTIFYING
    return OPINIONS.save(actor, opinion, "签收监督意见书", before)


@transaction.atomic
def reply_opinion(actor, opinion: Opinion, *, replied_on: dt.date, reply: str) -> Opinion:
    opinion, before = OPINIONS.lock_for_change(opinion, actor, "reply")
    not_future(replied_on, "反馈日期")
    not_before(replied_on, opinion.received_on or opinion.issued_on, "反馈日期", "签收日期")
    opinion.replied_on, opinion.reply = replied_on, required(reply, "整改反馈", 4000)
    opinion.received_on = opinion.received_on or replied_on
    opinion.replied_late = replied_on > opinion.due_on
    opinion.status = OpinionStatus.REPLIED
    return OPINIONS.save(actor, opinion, "登记整改反馈", before)


@transaction.atomic
def recheck_opinion(actor, opinion: Opinion, *, rechecked_on: dt.date, passed: bool, note: str) -> Opinion:
    """复查: passed → 已复查 (may be 销号); not passed → back to 整改中 with a new deadline."""
    opinion, before = OPINIONS.lock_for_change(opinion, actor, "recheck")
    not_future(rechecked_on, "复查日期")
    not_before(rechecked_on, opinion.replied_on, "复查日期", "反馈日期")
    opinion.rechecked_on, opinion.recheck_note = rechecked_on, required(note, "复查意见", 2000)
    if passed:
        opinion.status = OpinionStatus.RECHECKED
    else:
        opinion.status = OpinionStatus.RECTIFYING
        opinion.due_on = rules.opinion_due(rechecked_on)
        if opinion.body.liaison_id:
            notify_users([opinion.body.liaison], f"监督意见书{opinion.number}复查未通过，请继续整改",
                         opinion.recheck_note, link=_link("enforcement:opinion_detail", opinion.pk),
                         category=LINE_NAME)
    return OPINIONS.save(actor, opinion, "复查通过" if passed else "复查未通过", before)


@transaction.atomic
def close_opinion(actor, opinion: Opinion, *, closed_on: dt.date) -> Opinion:
    """销号: only after a passed 复查."""
    opinion, before = OPINIONS.lock_for_change(opinion, actor, "close")
    if opinion.rechecked_on is None:
        raise ValidationError("该意见书尚未复查，不能销号。")
    not_future(closed_on, "销号日期")
    not_before(closed_on, opinion.rechecked_on, "销号日期", "复查日期")
    opinion.closed_on, opinion.status = closed_on, OpinionStatus.CLOSED
    return OPINIONS.save(actor, opinion, "监督意见书销号", before)
