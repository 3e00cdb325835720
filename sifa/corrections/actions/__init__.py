"""Every change to a corrections record goes through one of these functions (DOMAIN.md §5, §6).

Each checks the actor's role and scope (access.py: corrections roles only; the county decides what the law gives
the county, the 司法所 what it is entrusted with), the workflow and the legal time limits (rules.py), writes the
audit row in the same transaction (an audit failure rolls the change back), and notifies whoever must act
next. Bad input raises ValidationError with a Chinese message and writes nothing; acting outside one's scope or
role raises PermissionDenied. Pages, ledger imports and the demo builder all call these.

One module per concept, in the order a correction meets them: `investigations` (调查评估), `intake` (登记,
报到, 宣告, 矫正小组, 方案, 分类, 责任人), `supervision` (报告, 走访, 教育, 核查), `leave` (外出), `residence`
(变更执行地), `monitoring` (电子定位), `sanctions` (考核奖惩), `missing` (失联), `exit` (再犯罪, 解矫, 终止),
`file_reviews` (卷宗评查); `aftercare` is 安置帮教, the line's other side (its verbs are called as
`actions.aftercare.link(...)`). `base` holds what they share. The corrections verbs are re-exported here, so
callers write `from sifa.corrections import actions; actions.discharge(...)`.
"""

from . import aftercare
from .base import (
    CATEGORY_LABEL,
    LINE,
    SUBJECT_FIELDS,
    county_heads,
    county_staff,
    in_period,
    move_subject,
    office_staff,
    supervised,
    tell,
)
from .exit import discharge, record_reoffence
from .file_reviews import rectify_file, review_file
from .intake import (
    EDITABLE_ALWAYS,
    EDITABLE_PENDING,
    announce_intake,
    assign_worker,
    classify,
    record_report_in,
    register_subject,
    set_plan,
    set_team,
    update_subject,
)
from .investigations import commission_investigation, complete_investigation
from .leave import decide_leave, record_return, request_leave, review_leave, withdraw_leave
from .missing import close_absconding, record_found, report_missing, request_police
from .monitoring import approve_monitor, end_monitor, propose_monitor, renew_monitor
from .residence import decide_residence_change, request_residence_change
from .sanctions import decide_sanction, propose_sanction, record_ruling
from .supervision import record_education, record_info_check, record_report, record_visit

__all__ = [
    "CATEGORY_LABEL", "EDITABLE_ALWAYS", "EDITABLE_PENDING", "LINE", "SUBJECT_FIELDS", "aftercare",
    "announce_intake", "approve_monitor", "assign_worker", "classify", "close_absconding",
    "commission_investigation", "complete_investigation", "county_heads", "county_staff", "decide_leave",
    "decide_residence_change", "decide_sanction", "discharge", "end_monitor", "in_period", "move_subject",
    "office_staff",
    "propose_monitor", "propose_sanction", "record_education", "record_found", "record_info_check",
    "record_reoffence", "record_report", "record_report_in", "record_return", "record_ruling", "record_visit",
    "rectify_file", "register_subject", "renew_monitor", "report_missing", "request_leave", "request_police",
    "request_residence_change", "review_file", "review_leave", "set_plan", "set_team", "supervised", "tell",
    "update_subject",
    "withdraw_leave",
]
