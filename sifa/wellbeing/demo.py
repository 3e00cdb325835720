"""Demo records of 心理评估与预警 for 砀山县, built after the corrections line (whose subjects they concern):
SCL-90 assessments for a few dozen subjects under supervision (a quarter of them screening positive, some
assessed twice so the chart has a line), 风险因素 for some, then one early-warning run over the county, and
interventions and follow-ups on part of the warnings.

The assessments and risk factors are bulk-inserted (what a ledger import of last year's paper sheets would
leave, with one audit row for the batch); the warnings, interventions and follow-ups go through the actions.
"""

from __future__ import annotations

import datetime as dt

from sifa.core import audit
from sifa.corrections.models import Subject, SubjectStatus
from sifa.demo.registry import DemoContext, register

from . import actions
from . import questionnaires as q
from .models import Assessment, EarlyWarning, RiskFactor, RiskKind

SUBJECTS = 36              # subjects assessed
POSITIVE_SHARE = 0.25      # of them, about this share screen positive at their latest assessment
RISK_SHARE = 0.3


def _answers(rng, scale: q.Scale, positive: bool) -> dict[int, int]:
    """A plausible sheet: mostly 1–2; a positive one raises one or two factors to a mean of 2–3.5."""
    answers = {n: (2 if rng.random() < 0.18 else 1) for n in scale.numbers}
    if positive:
        for _, _, items in rng.sample(scale.factors, rng.choice((1, 2))):
            for n in items:
                answers[n] = rng.choices((1, 2, 3, 4), weights=(1, 3, 4, 2))[0]
    return answers


def _day(rng, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange(0, max((last - first).days, 0) + 1))


def build(ctx: DemoContext) -> None:
    if Assessment.objects.filter(org_path__startswith=ctx.bureau.path).exists():
        ctx.log("心理评估演示数据已存在，跳过。")
        return
    officer = ctx.users["corrections_officer"]
    rng, today = ctx.rng, ctx.today
    form = actions.questionnaire()
    scale = actions.scale_of(form)
    pool = list(Subject.objects.filter(org_path__startswith=ctx.bureau.path, status=SubjectStatus.ACTIVE,
                                       reported_on__lte=today - dt.timedelta(days=30)).select_related("org")
                .order_by("pk"))
    chosen = rng.sample(pool, min(SUBJECTS, len(pool)))
    assessments, risks = [], []
    for index, subject in enumerate(chosen):
        last = min(today, subject.period_end)
        first = max(subject.reported_on, last - dt.timedelta(days=150))
        positive_now = index < round(len(chosen) * POSITIVE_SHARE)
        dates = sorted({_day(rng, first, last - dt.timedelta(days=60)) if rng.random() < 0.5 else None,
                        _day(rng, max(first, last - dt.timedelta(days=45)), last)} - {None})
        for n, day in enumerate(dates):
            sheet = _answers(rng, scale, positive_now and n == len(dates) - 1)
            result = q.score(scale, sheet)
            assessments.append(Assessment(
                subject=subject, org=subject.org, org_path=subject.org.path, region_code=subject.org.division_id,
                questionnaire=form, assessed_on=day, assessor="心理咨询师（购买服务）",
                answers=[sheet[i] for i in scale.numbers], total_score=result.total,
                positive_items=result.positive_items, factor_means=result.factor_means_text(),
                positive=result.positive, positive_reasons=result.reasons, created_by=officer))
        if rng.random() < RISK_SHARE or (positive_now and rng.random() < 0.6):
            for kind in rng.sample([k.value for k in RiskKind if k != RiskKind.OTHER], rng.choice((1, 1, 2))):
                risks.append(RiskFactor(subject=subject, org=subject.org, org_path=subject.org.path,
                                        region_code=subject.org.division_id, kind=kind,
                                        noted_on=_day(rng, first, last), note="走访中了解到", created_by=officer))
    Assessment.objects.bulk_create(assessments)
    RiskFactor.objects.bulk_create(risks)
    audit.action(officer, "导入心理测评（演示数据）", None,
                 after={"assessments": len(assessments), "risk_factors": len(risks)})
    counts = actions.evaluate_all(officer, on=today)
    warnings = list(EarlyWarning.objects.filter(org_path__startswith=ctx.bureau.path).order_by("pk"))
    for i, warning in enumerate(warnings):
        if i % 3 == 2:
            continue       # some still wait for intervention
        done = today
        plan = warning.level == "high" and i % 2 == 0
        actions.record_intervention(
            officer, warning, kind="plan" if plan else rng.choice(("talk", "counselling", "family", "help")),
            done_on=done, measures="由心理咨询师进行一对一疏导，责任人每周电话了解情况。",
            plan_supplement="增加每两周一次心理咨询，家属协助监督，暂停集中公益活动中的夜间项目。" if plan else "")
        if i % 3 == 0:
            actions.record_follow_up(officer, warning, followed_on=today, result=rng.choice(("improved", "stable")),
                                     content="情绪较前平稳，按时报告。", close=(i % 2 == 0))
    ctx.log(f"心理评估：测评{len(assessments)}人次（{len(chosen)}人），风险因素{len(risks)}项；"
            f"心理预警高风险{counts['high']}人、中风险{counts['medium']}人。")


register("心理评估与预警", build, order=42)
