"""Time limits and formats of the enforcement line (DOMAIN.md §12).

- 事后公示: 行政许可、行政处罚 decisions within 7 working days, other decisions within 20 (国办发〔2018〕118号).
- 监督意见书: the agency answers within 30 days unless the opinion says otherwise (bureau practice, 口径待核).
- 证号: 12 digits = the issuing 行政区划代码 (6) + 证件类别 (1 执法证, 2 监督证) + 顺序号 (5). Provinces differ
  (DOMAIN §12 “执法证 rules are provincial, 待核”), so the pattern is one function here.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError

from sifa.core.deadlines import DeadlineRule, estimated_due

from .models import FAST_PUBLICATION, CertKind

PUBLISH_FAST = DeadlineRule("working", 7, "公示行政许可、行政处罚决定", basis="国办发〔2018〕118号")
PUBLISH_OTHER = DeadlineRule("working", 20, "公示行政执法决定", basis="国办发〔2018〕118号")
OPINION = DeadlineRule("calendar", 30, "反馈监督意见整改情况", basis="《行政执法监督条例》")

CERT_PATTERN = re.compile(r"^(\d{6})([12])(\d{5})$")
CERT_DIGIT = {CertKind.ENFORCEMENT: "1", CertKind.SUPERVISION: "2"}


def publish_rule(category: str) -> DeadlineRule:
    return PUBLISH_FAST if category in FAST_PUBLICATION else PUBLISH_OTHER


def publish_due(category: str, decided_on: dt.date) -> dt.date:
    return estimated_due(publish_rule(category), decided_on).date


def opinion_due(issued_on: dt.date) -> dt.date:
    return estimated_due(OPINION, issued_on).date


def cert_number(value: str, kind: str, province: str = "") -> str:
    """A certificate number in the province's format, matching its kind; a Chinese refusal otherwise."""
    text = (value or "").strip().replace(" ", "")
    found = CERT_PATTERN.match(text)
    if not found:
        raise ValidationError(f"证件号码“{text}”格式不正确：应为12位数字（6位行政区划代码＋1位证件类别＋5位顺序号）。")
    if found.group(2) != CERT_DIGIT[kind]:
        raise ValidationError(f"证件号码“{text}”第7位应为{CERT_DIGIT[kind]}（{CertKind(kind).label}）。")
    if province and not found.group(1).startswith(province):
        raise ValidationError(f"证件号码“{text}”的发证地区代码不属于本省（应以{province}开头）。")
    return text
