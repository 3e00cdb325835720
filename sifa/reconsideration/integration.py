"""Plugs the reconsideration line into the shared registries: navigation, the home page's 临期/超期 list and
counts, and the portal's service list and tracking kind. Ledger kinds, indicators, report paragraphs, API routes
and demo records are found by their frameworks' autodiscovery."""

from __future__ import annotations

from django.urls import reverse

from sifa.core.deadlines import DueWork

SECTION = "行政复议"
NAV = (
    ("复议案件", "reconsideration:case_list", "read_records"),
    ("行政机关名录", "reconsideration:agency_list", "read_records"),
    ("行政复议设置", "reconsideration:settings", "write_records"),
)
# (status, due-date field, what is due) of the open work, each with its own due date: applications against their
# review period, cases in correction against the applicant's period, cases being heard against their decision date
# (中止 pauses it: a suspended case has none)
DUE = (("received", "review_due", "受理审查"), ("correction", "correction_due", "补正期限"),
       ("hearing", "decision_due", "作出复议决定"))
DUE_WORK = tuple(
    DueWork(SECTION, "reconsideration.Case", field, statuses=(status,),
            title=lambda case, label=label: f"{case.reference} {label}",
            url=lambda case: reverse("reconsideration:case_detail", args=[case.pk]))
    for status, field, label in DUE)


def register_all() -> None:
    from sifa.core import deadlines, navigation

    for offset, (label, url_name, capability) in enumerate(NAV):
        navigation.register(navigation.NavEntry(SECTION, label, url_name, capability=capability, order=600 + offset))
    deadlines.register_work(*DUE_WORK)

    from sifa.portal import services, tracking

    from .actions import PORTAL_KIND, public_status

    services.register("申请行政复议", "reconsideration_portal:apply",
                      "对县（区）行政机关的行政行为不服，网上提出行政复议申请", order=60)
    tracking.register_kind(PORTAL_KIND, "行政复议申请", status=public_status)
