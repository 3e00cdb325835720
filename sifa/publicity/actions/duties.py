"""普法责任制: the county's yearly plan, each agency's 谁执法谁普法 list, and the year-end evaluation (planned
against done, where done is the activities recorded against each item)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count

from sifa.core import action_checks as checks
from sifa.core import audit
from sifa.core.models import OrgUnit
from sifa.reconsideration.models import Agency

from ..models import Audience, DutyItem, DutyList, Grade, Plan, Topic
from .common import ensure_can_write


@transaction.atomic
def adopt_plan(actor, *, org: OrgUnit, year: int, title: str, focus: str, adopted_on: dt.date) -> Plan:
    ensure_can_write(actor, org)
    checks.not_future(adopted_on, "印发日期")
    if Plan.objects.filter(org=org, year=year).exists():
        raise ValidationError(f"{year}年度普法计划已登记。")
    plan = Plan.objects.create(org=org, year=int(year), title=checks.required(title, "计划名称", 200),
                               focus=checks.required(focus, "工作重点", 5000), adopted_on=adopted_on, created_by=actor)
    audit.action(actor, "登记年度普法计划", plan, after=audit.snapshot(plan, ("year", "title", "adopted_on")))
    return plan


@transaction.atomic
def add_duty_item(actor, plan: Plan, *, agency: Agency, content: str, audience: str, due_on: dt.date,
                  planned_times=1, topic: str = Topic.OTHER) -> DutyItem:
    """One line of an agency's 谁执法谁普法 list (the list is made with its first item)."""
    ensure_can_write(actor, plan.org)
    if agency is None or not agency.org_path.startswith(plan.org_path):
        raise ValidationError("责任单位应为本县（区）登记的行政机关。")
    if due_on is None or due_on.year != plan.year:
        raise ValidationError(f"完成时限应在{plan.year}年内。")
    times = int(planned_times or 0)
    if not 1 <= times <= 500:
        raise ValidationError("计划场次应为1至500。")
    duty_list, _ = DutyList.objects.select_for_update().get_or_create(
        plan=plan, agency=agency, defaults={"org": plan.org, "created_by": actor})
    if duty_list.evaluated_on:
        raise ValidationError("该责任清单已完成年度考核，不能再增加事项。")
    item = DutyItem.objects.create(duty_list=duty_list, org=plan.org, content=checks.required(content, "普法内容", 200),
                                   topic=checks.choice(topic, Topic, "普法主题"),
                                   audience=checks.choice(audience, Audience, "普法对象"), planned_times=times,
                                   due_on=due_on, created_by=actor)
    duty_list.planned_total = sum(duty_list.items.values_list("planned_times", flat=True))
    duty_list.save(update_fields=["planned_total", "updated_at"])
    audit.action(actor, "登记普法责任清单事项", item,
                 after={"agency": agency.name, "content": item.content, "planned_times": times, "due_on": str(due_on)})
    return item


def progress(duty_list: DutyList) -> list[dict]:
    """Each item with its planned and done (activities recorded against it, capped at planned for the total)."""
    rows = []
    for item in duty_list.items.annotate(done=Count("activities")).order_by("due_on", "pk"):
        rows.append({"item": item, "planned": item.planned_times, "done": item.done,
                     "met": item.done >= item.planned_times})
    return rows


def suggested_grade(planned: int, done: int) -> str:
    rate = done / planned if planned else 0
    if rate >= 1:
        return Grade.EXCELLENT
    if rate >= 0.8:
        return Grade.GOOD
    if rate >= 0.6:
        return Grade.PASS
    return Grade.FAIL


@transaction.atomic
def evaluate(actor, duty_list: DutyList, *, evaluated_on: dt.date, grade: str = "", comment: str = "") -> DutyList:
    """年度考核: planned vs done from the records; the grade suggested by the completion rate unless given."""
    duty_list = DutyList.objects.select_for_update().select_related("plan").get(pk=duty_list.pk)
    ensure_can_write(actor, duty_list.org)
    checks.not_future(evaluated_on, "考核日期")
    if evaluated_on.year < duty_list.plan.year:
        raise ValidationError("考核日期不能早于计划年度。")
    rows = progress(duty_list)
    if not rows:
        raise ValidationError("该责任清单还没有事项，不能考核。")
    planned = sum(r["planned"] for r in rows)
    done = sum(min(r["done"], r["planned"]) for r in rows)
    before = audit.snapshot(duty_list, ("planned_total", "done_total", "grade", "evaluated_on"))
    duty_list.planned_total, duty_list.done_total, duty_list.evaluated_on = planned, done, evaluated_on
    duty_list.grade = checks.choice(grade, Grade, "考核等次") if grade else suggested_grade(planned, done)
    duty_list.evaluation = (comment or "").strip()[:2000]
    duty_list.save()
    audit.action(actor, "普法责任制年度考核", duty_list, before=before,
                 after=audit.snapshot(duty_list, ("planned_total", "done_total", "grade", "evaluated_on")))
    return duty_list
