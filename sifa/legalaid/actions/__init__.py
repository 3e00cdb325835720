"""Every change to a legal-aid or legal-consultation record goes through one of these functions.

Each one checks the actor's scope, the workflow (申请/通知 → 转交 → 审查决定 ≤7日 → 指派 ≤3日 → 承办 → 结案 →
评查/补贴 → 评价; DOMAIN.md §3) and the legal time limits, writes the audit row in the same transaction and
notifies whoever acts next. Bad input raises ValidationError with a Chinese message and writes nothing;
acting outside one's scope raises PermissionDenied. Pages, the API, ledger imports, the portal and the demo
builder all call these.

Time limits are the centre's duties, so a late step is not refused — it happened and must be recorded — but it
needs a written reason (逾期原因) and is counted as late by the 按期 indicators.

One module per concept, in the order a case meets them: `standards` (经济困难标准, 补贴标准), `providers` (the
roster), `applications` (受理, 通知, 转交, 审查决定), `assignment` (指派), `handling` (承办, 材料), `closing`
(结案, 终止, 撤回, 评查, 评价), `objections` (异议), `duty_lawyers` (值班律师), `consultations` (法律咨询) and
`public` (what the portal says). `base` holds what they share. The verbs are re-exported here, so callers
write `from sifa.legalaid import actions; actions.assign(...)`.
"""

from .applications import (
    check_economic,
    decide,
    forward_application,
    register_application,
    register_notice,
    submit_online_application,
)
from .assignment import assign, designate_provider, replace_assignment
from .base import LINE, PORTAL_KIND, QUESTION_KIND, application_url, staff_of
from .closing import close_case, grade_case, rate_online, record_satisfaction, terminate, withdraw
from .consultations import (
    answer_consultation,
    consultation_url,
    record_consultation,
    refer_consultation,
    submit_online_question,
)
from .duty_lawyers import create_station, record_help, schedule_shift
from .handling import (
    MAX_DOCUMENTS,
    PORTAL_DOCUMENT_KINDS,
    PORTAL_MAX_DOCUMENTS,
    add_document,
    add_portal_document,
    record_progress,
)
from .objections import decide_objection, lodge_objection
from .providers import (
    can_take,
    clean_licence,
    clean_specialities,
    create_provider,
    create_service_org,
    open_cases,
    set_licence_status,
    suggest_providers,
    update_provider,
)
from .public import PUBLIC_STATUS, public_status, question_status
from .standards import (
    hardship_standard_for,
    rate_for,
    set_hardship_standard,
    set_subsidy_rate,
    subsidy_for,
    update_subsidy_rate,
)

__all__ = [
    "LINE", "MAX_DOCUMENTS", "PORTAL_DOCUMENT_KINDS", "PORTAL_KIND", "PORTAL_MAX_DOCUMENTS", "PUBLIC_STATUS",
    "QUESTION_KIND", "add_document", "add_portal_document", "answer_consultation", "application_url", "assign",
    "can_take", "check_economic", "clean_licence", "clean_specialities", "close_case", "consultation_url",
    "create_provider", "create_service_org", "create_station", "decide", "decide_objection", "designate_provider",
    "forward_application", "grade_case", "hardship_standard_for", "lodge_objection", "open_cases",
    "public_status", "question_status", "rate_for", "rate_online", "record_consultation", "record_help",
    "record_progress", "record_satisfaction", "refer_consultation", "register_application", "register_notice",
    "replace_assignment", "schedule_shift", "set_hardship_standard", "set_licence_status", "set_subsidy_rate",
    "staff_of", "submit_online_application", "submit_online_question", "subsidy_for", "suggest_providers",
    "terminate", "update_provider", "update_subsidy_rate", "withdraw",
]
