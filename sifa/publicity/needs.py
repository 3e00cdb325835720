"""精准普法: what the county's people need to know, computed from the records Sifa already holds.

Evidence, by township and month:
- 法律咨询 (legal aid's 12348 hotline, visits, duty points): each consultation's category, weighted by the people
  it served (人次); migrant workers are counted apart (the group the categories alone do not show);
- 人民调解 disputes by type, by the date they were registered; those found by a 矛盾纠纷排查 are 排查发现.

Each consultation category and dispute type maps onto one 普法主题 (`Topic`). A township's needs are its topics
ranked by weight (consultation 人次 + disputes); its top three are the suggestion, each with the evidence behind
it. The match rate is the share of the township's activities in the period whose topic is among its top three.
Township: the division of the unit that holds the record (a 司法所's township, or a village committee's township);
records held at county level are 县本级. Everything is read through `for_user`, so a leader sees the county and a
司法所 its own township.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from sifa.core.models import Division

from .models import Activity, Topic

CONSULTATION_TOPICS = {
    "marriage": Topic.MARRIAGE, "wages": Topic.LABOUR, "labour": Topic.LABOUR, "contract": Topic.CONTRACT,
    "tort": Topic.TORT, "traffic": Topic.TRAFFIC, "property": Topic.LAND, "consumer": Topic.CONSUMER,
    "administrative": Topic.ADMINISTRATIVE, "criminal": Topic.CRIMINAL,
}
DISPUTE_TOPICS = {
    "marriage_family": Topic.MARRIAGE, "neighbour": Topic.NEIGHBOUR, "housing": Topic.LAND, "contract": Topic.CONTRACT,
    "damages": Topic.TORT, "land": Topic.LAND, "requisition": Topic.LAND, "labour": Topic.LABOUR,
    "medical": Topic.TORT, "traffic": Topic.TRAFFIC,
}
COUNTY_LEVEL = "县本级"
TOP = 3


@dataclass
class Need:
    topic: str
    label: str
    consultations: int = 0
    migrant: int = 0
    disputes: int = 0
    screened: int = 0

    @property
    def weight(self) -> int:
        return self.consultations + self.disputes

    @property
    def evidence(self) -> str:
        parts = []
        if self.consultations:
            parts.append(f"法律咨询{self.consultations}人次" + (f"（其中农民工{self.migrant}人次）" if self.migrant else ""))
        if self.disputes:
            parts.append(f"调解纠纷{self.disputes}件" + (f"（其中排查发现{self.screened}件）" if self.screened else ""))
        return "，".join(parts)


@dataclass
class Township:
    code: str
    name: str
    needs: dict = field(default_factory=dict)
    months: dict = field(default_factory=lambda: defaultdict(int))
    activities: int = 0
    matched: int = 0

    def need(self, topic: str) -> Need:
        if topic not in self.needs:
            self.needs[topic] = Need(topic, Topic(topic).label)
        return self.needs[topic]

    @property
    def ranked(self) -> list[Need]:
        return sorted((n for n in self.needs.values() if n.weight), key=lambda n: (-n.weight, n.topic))

    @property
    def top(self) -> list[Need]:
        return self.ranked[:TOP]

    @property
    def weight(self) -> int:
        return sum(n.weight for n in self.needs.values())

    @property
    def match_rate(self):
        return round(100 * self.matched / self.activities, 1) if self.activities else None


def _township(code: str) -> str:
    return code[:9] if len(code) >= 9 else ""


def compute(user, start: dt.date, end: dt.date) -> list[Township]:
    """The townships of the user's scope with their ranked needs, monthly weights and match rate, heaviest first."""
    from sifa.legalaid.models import Consultation
    from sifa.mediation.models import Dispute

    towns: dict[str, Township] = {}

    def town(code: str) -> Township:
        key = _township(code)
        if key not in towns:
            towns[key] = Township(key, "")
        return towns[key]

    consultations = (Consultation.objects.for_user(user).filter(asked_on__range=(start, end))
                     .values("region_code", "topic", "is_migrant_worker", month=TruncMonth("asked_on"))
                     .annotate(people=Sum("persons")).order_by())
    for row in consultations:
        topic = CONSULTATION_TOPICS.get(row["topic"])
        if topic is None:
            continue
        t = town(row["region_code"])
        need = t.need(topic)
        need.consultations += row["people"] or 0
        if row["is_migrant_worker"]:
            need.migrant += row["people"] or 0
        t.months[row["month"].strftime("%Y-%m") if row["month"] else ""] += row["people"] or 0
    disputes = (Dispute.objects.for_user(user).filter(applied_on__range=(start, end))
                .values("region_code", "dispute_type", "source", month=TruncMonth("applied_on"))
                .annotate(n=Count("id")).order_by())
    for row in disputes:
        topic = DISPUTE_TOPICS.get(row["dispute_type"])
        if topic is None:
            continue
        t = town(row["region_code"])
        need = t.need(topic)
        need.disputes += row["n"]
        if row["source"] == "screening":
            need.screened += row["n"]
        t.months[row["month"].strftime("%Y-%m") if row["month"] else ""] += row["n"]
    activities = (Activity.objects.for_user(user).filter(held_on__range=(start, end))
                  .values("township_code", "region_code", "topic").annotate(n=Count("id")).order_by())
    rows = list(activities)
    for row in rows:
        t = town(row["township_code"] or row["region_code"])
        t.activities += row["n"]
    for row in rows:
        t = town(row["township_code"] or row["region_code"])
        if row["topic"] in {n.topic for n in t.top}:
            t.matched += row["n"]
    names = dict(Division.objects.filter(code__in=[c for c in towns if c]).values_list("code", "name"))
    for code, t in towns.items():
        t.name = names.get(code, COUNTY_LEVEL)
    return sorted(towns.values(), key=lambda t: (t.code == "", -t.weight, t.code))


def county_ranking(towns: list[Township]) -> list[Need]:
    """The topics over all townships, ranked."""
    total: dict[str, Need] = {}
    for t in towns:
        for n in t.needs.values():
            agg = total.setdefault(n.topic, Need(n.topic, n.label))
            agg.consultations += n.consultations
            agg.migrant += n.migrant
            agg.disputes += n.disputes
            agg.screened += n.screened
    return sorted((n for n in total.values() if n.weight), key=lambda n: (-n.weight, n.topic))


def match_rate(towns: list[Township]):
    activities = sum(t.activities for t in towns)
    return round(100 * sum(t.matched for t in towns) / activities, 1) if activities else None
