"""The corrections line's legal time limits and rules, as data (DOMAIN.md §5, §6, §18.5).

Article numbers of the 《社区矫正法实施办法》 are marked 待核 as in DOMAIN.md; the 《社区矫正法》 articles are
checked against its full text.
"""

from __future__ import annotations

import calendar
import datetime as dt

from sifa.core.deadlines import DeadlineRule, lenient_due_date

from .choices import Category, LeaveKind, Level, SanctionKind

LAW = "《社区矫正法》"
MEASURES = "《社区矫正法实施办法》"

# --- intake ---
INVESTIGATION = DeadlineRule("working", 10, "调查评估", basis=f"{MEASURES}第十四条（条文序号待核）")
INVESTIGATION_URGENT = DeadlineRule("working", 5, "调查评估（速裁）", basis=f"{MEASURES}第十四条（条文序号待核）")
NOTIFY = DeadlineRule("calendar", 5, "决定机关通知执行地社区矫正机构", basis=f"{LAW}第二十条")
SERVE = DeadlineRule("calendar", 10, "送达法律文书", basis=f"{LAW}第二十条")
REPORT_IN = DeadlineRule("calendar", 10, "到执行地社区矫正机构报到", basis=f"{LAW}第二十一条第一款")
HAND_OVER = DeadlineRule("calendar", 10, "移送社区矫正机构", basis=f"{LAW}第二十一条第二、三款")

# --- supervision ---
LEAVE_OFFICE_MAX_DAYS = 7      # ≤7 days: the 司法所 approves (county keeps a record)
LEAVE_MAX_DAYS = 30            # each leave at most 30 days
FREQUENT_MAX_MONTHS = 6        # approval of 经常性跨市、县活动 is valid for at most six months
LEAVE_BASIS = f"{LAW}第二十七条，{MEASURES}第二十六至二十八条（条文序号待核）"
RESIDENCE_CHANGE_NOTICE = DeadlineRule("months", 1, "变更执行地提前申请", basis=f"{MEASURES}第三十条（条文序号待核）")
MONITOR_MAX_MONTHS = 3         # 电子定位: at most three months, each renewal at most three months (第二十九条第二款)
MONITOR_BASIS = f"{LAW}第二十九条"
RULING = DeadlineRule("calendar", 30, "人民法院（决定机关）裁决", basis=f"{LAW}第四十八条、第四十九条")
# How often a subject reports and is visited, by management tier (provincial rules; defaults 待核).
REPORT_INTERVAL_DAYS = {Level.STRICT: 7, Level.NORMAL: 30, Level.LENIENT: 90}
VISIT_INTERVAL_DAYS = {Level.STRICT: 30, Level.NORMAL: 90, Level.LENIENT: 180}
ENDING_SOON_DAYS = 30          # the worker's list of periods ending soon

# --- 安置帮教 ---
RELEASE_NOTICE_LEAD = DeadlineRule("months", 1, "释放前寄送刑满释放人员通知书", basis="综治委〔1999〕5号")
AFTERCARE_YEARS = 5


def investigation_due(received_on: dt.date, urgent: bool) -> dt.date:
    return lenient_due_date(INVESTIGATION_URGENT if urgent else INVESTIGATION, received_on)


def report_in_due(category: str, effective_on: dt.date) -> dt.date:
    """报到 within ten days of the judgement (管制/缓刑/假释); 暂予监外执行 is handed over within ten days."""
    return lenient_due_date(HAND_OVER if category == Category.OUTSIDE else REPORT_IN, effective_on)


def notice_lateness(effective_on: dt.date, notice_on: dt.date | None, documents_on: dt.date | None) -> list[str]:
    """The deciding organ's lateness, if any: notice within five days, documents within ten (第二十条)."""
    late = []
    for day, rule, what in ((notice_on, NOTIFY, "通知"), (documents_on, SERVE, "送达法律文书")):
        if day is not None and day > lenient_due_date(rule, effective_on):
            late.append(f"决定机关逾期{what}（应于{lenient_due_date(rule, effective_on):%Y-%m-%d}前）")
    return late


def release_notice_late(release_on: dt.date, received_on: dt.date | None) -> bool:
    """The release notice should arrive a month before release (综治委〔1999〕5号)."""
    return received_on is not None and received_on > add_years_months(release_on, months=-RELEASE_NOTICE_LEAD.amount)


def ruling_due(submitted_on: dt.date) -> dt.date:
    return lenient_due_date(RULING, submitted_on)


# --- the correction period -------------------------------------------------------------------------------------


def add_years_months(start: dt.date, years: int = 0, months: int = 0) -> dt.date:
    """The corresponding day `years` and `months` later, or that month's last day (民法典第二百零二条)."""
    index = start.month - 1 + months + 12 * years
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def correction_period(category: str, effective_on: dt.date, years: int = 0, months: int = 0, days: int = 0,
                      credited_days: int = 0) -> tuple[dt.date, dt.date]:
    """(first day, last day) of the correction period.

    The period runs from the day the judgement, ruling or decision takes effect (缓刑考验期、假释考验期 and 管制
    are counted from then, 刑法第四十、七十三、八十三条; for 假释 that is the day of release on parole): a term of
    three years starting 2021-01-10 ends on 2024-01-09. Days in custody before judgement shorten 管制
    (折抵, 刑法第四十一条) and are subtracted at the end."""
    if years < 0 or months < 0 or days < 0 or credited_days < 0:
        raise ValueError("矫正期限和折抵天数不能为负数。")
    if not (years or months or days):
        raise ValueError("请填写矫正期限（年、月、日至少一项）。")
    end = add_years_months(effective_on, years, months) + dt.timedelta(days=days) - dt.timedelta(days=1)
    end -= dt.timedelta(days=credited_days)
    if end < effective_on:
        raise ValueError("折抵天数不能超过矫正期限。")
    return effective_on, end


# --- leave --------------------------------------------------------------------------------------------------


def leave_days(start_on: dt.date, end_on: dt.date) -> int:
    """Days away, both the first and the last day counted (a trip from the 1st to the 7th is seven days)."""
    return (end_on - start_on).days + 1


def leave_needs_county(kind: str, days: int) -> bool:
    return kind == LeaveKind.FREQUENT or days > LEAVE_OFFICE_MAX_DAYS


# --- sanctions and their grounds -------------------------------------------------------------------------------

# (code, label) per kind. Grounds that rest on earlier measures are checked against the record (PRIOR_REQUIRED).
SANCTION_GROUNDS: dict[str, tuple[tuple[str, str], ...]] = {
    SanctionKind.PRAISE: (
        ("good_conduct", "认罪悔罪、遵守法律法规、服从监督管理、接受教育表现突出"),
    ),
    SanctionKind.ADMONITION: (
        ("absent_short", "不按规定时间报到或者接受社区矫正期间脱离监管，未超过十日"),
        ("minor_breach", "违反关于报告、会客、外出、迁居等规定，情节轻微"),
        ("education", "不按规定参加教育学习等活动，经教育仍不改正"),
        ("other_minor", "其他违反监督管理规定，情节轻微"),
    ),
    SanctionKind.WARNING: (
        ("prohibition_minor", "违反人民法院禁止令，情节轻微"),
        ("absent_long", "不按规定时间报到或者接受社区矫正期间脱离监管，超过十日"),
        ("serious_breach", "违反关于报告、会客、外出、迁居等规定，情节较重"),
        ("medical_report", "保外就医的社区矫正对象无正当理由不按时提交病情复查情况，经教育仍不改正"),
        ("two_admonitions", "受到社区矫正机构两次训诫，仍不改正"),
        ("other_serious", "其他违反监督管理规定，情节较重"),
    ),
    SanctionKind.PUBLIC_SECURITY: (
        ("public_security", "违反监督管理规定，依法应予治安管理处罚"),
    ),
    SanctionKind.REVOKE_PROBATION: (
        ("prohibition_serious", "违反禁止令，情节严重"),
        ("absent_month", "无正当理由不按规定时间报到或者接受社区矫正期间脱离监管，超过一个月"),
        ("punished_again", "因违反监督管理规定受到治安管理处罚，仍不改正"),
        ("two_warnings", "受到社区矫正机构两次警告，仍不改正"),
        ("other_grave", "其他违反有关法律、行政法规和监督管理规定，情节严重"),
    ),
    SanctionKind.REVOKE_PAROLE: (
        ("absent_month", "无正当理由不按规定时间报到或者接受社区矫正期间脱离监管，超过一个月"),
        ("punished_again", "因违反监督管理规定受到治安管理处罚，仍不改正"),
        ("two_warnings", "受到社区矫正机构两次警告，仍不改正"),
        ("other_grave", "其他违反有关法律、行政法规和监督管理规定，情节严重"),
    ),
    SanctionKind.COMMIT: (
        ("not_eligible", "不符合暂予监外执行条件"),
        ("left_area", "未经批准擅自离开居住的市、县，经警告拒不改正，或者拒不报告行踪，脱离监管"),
        ("punished_again", "因违反监督管理规定受到治安管理处罚，仍不改正"),
        ("two_warnings", "受到社区矫正机构两次警告"),
        ("medical_report", "保外就医期间不按规定提交病情复查情况，经警告拒不改正"),
        ("cause_ended", "暂予监外执行的情形消失后，刑期未满"),
        ("guarantor", "保证人丧失保证条件或者被取消保证人资格，不能在规定期限内提出新的保证人"),
        ("other_grave", "其他违反有关法律、行政法规和监督管理规定，情节严重"),
    ),
}
SANCTION_BASIS = f"{LAW}第二十八条、第四十六条、第四十九条，{MEASURES}第三十二至三十五条、第四十六至四十九条（条文序号待核）"
# ground → (earlier decided measure, how many) that must already stand on the record.
PRIOR_REQUIRED = {
    "two_admonitions": (SanctionKind.ADMONITION, 2),
    "two_warnings": (SanctionKind.WARNING, 2),
}
# ground → (minimum, maximum) days out of supervision (脱管) an absconding record must show.
ABSENCE_DAYS = {"absent_short": (1, 10), "absent_long": (11, None), "absent_month": (31, None)}
# Which category each revocation applies to.
KIND_CATEGORY = {SanctionKind.REVOKE_PROBATION: Category.PROBATION, SanctionKind.REVOKE_PAROLE: Category.PAROLE,
                 SanctionKind.COMMIT: Category.OUTSIDE}
SUBMITTED_TO = {SanctionKind.PUBLIC_SECURITY: "公安机关", SanctionKind.REVOKE_PROBATION: "人民法院",
                SanctionKind.REVOKE_PAROLE: "人民法院", SanctionKind.COMMIT: "社区矫正决定机关"}


def ground_label(kind: str, ground: str) -> str:
    return dict(SANCTION_GROUNDS.get(kind, ())).get(ground, ground)


def ground_choices(kind: str) -> tuple[tuple[str, str], ...]:
    return SANCTION_GROUNDS.get(kind, ())


def all_ground_choices() -> list[tuple[str, str]]:
    seen, out = set(), []
    for grounds in SANCTION_GROUNDS.values():
        for code, label in grounds:
            if code not in seen:
                seen.add(code)
                out.append((code, label))
    return out


# --- 卷宗 checklist ----------------------------------------------------------------------------------------------

FILE_CHECKLIST: tuple[tuple[str, str], ...] = (
    ("investigation", "调查评估意见书及委托函"),
    ("judgement", "判决书、裁定书或决定书及执行通知书"),
    ("reception", "接收登记表、报到记录"),
    ("announcement", "入矫宣告书"),
    ("team", "矫正小组协议及成员名单"),
    ("plan", "矫正方案"),
    ("reports", "定期报告记录"),
    ("visits", "走访记录"),
    ("education", "教育学习和公益活动记录"),
    ("leave", "请假、变更执行地审批材料"),
    ("sanctions", "考核奖惩材料"),
    ("exit", "解矫宣告书、解除社区矫正证明书（已解矫的）"),
)
ITEM_GOOD, ITEM_FLAWED, ITEM_MISSING, ITEM_NA = "合格", "瑕疵", "缺失", "不适用"
ITEM_VALUES = (ITEM_GOOD, ITEM_FLAWED, ITEM_MISSING, ITEM_NA)
RECTIFY_DAYS = 30
