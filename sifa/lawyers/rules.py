"""Time limits of the lawyers line (DOMAIN.md §13): 《律师法》第6条 — the 设区的市级 司法行政部门 reviews an
application for practice within 20 days and forwards it; the province decides within 10 days of receiving it.
Complaints against a lawyer are closed within 60 days of receipt (《律师和律师事务所违法行为处罚办法》, 待核)."""

from __future__ import annotations

import datetime as dt

from sifa.core.deadlines import DeadlineRule, estimated_due

CITY_REVIEW = DeadlineRule("calendar", 20, "市级审查", basis="《律师法》第六条")
PROVINCE_DECISION = DeadlineRule("calendar", 10, "省级作出是否准予执业的决定", basis="《律师法》第六条")
COMPLAINT = DeadlineRule("calendar", 60, "投诉办结", basis="司法行政机关投诉处理规定（待核）")


def city_due(received_on: dt.date) -> dt.date:
    return estimated_due(CITY_REVIEW, received_on).date


def province_due(forwarded_on: dt.date) -> dt.date:
    return estimated_due(PROVINCE_DECISION, forwarded_on).date


def complaint_due(received_on: dt.date) -> dt.date:
    return estimated_due(COMPLAINT, received_on).date
