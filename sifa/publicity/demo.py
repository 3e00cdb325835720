"""Demo records of 砀山县's 普法与依法治理 and 法治乡村, made through the actions after the lines whose records the
needs page reads (人民调解, 法律援助) and after 法搜 has built the corpus the question banks cite.

2021H1 reproduces seed 000: “共组织法治宣传教育活动70多次，举办法治讲座19场次，发放资料近3万余份，受众群众4万余人”
(73 events, 19 lectures, 29,650 份, 43,210 人次) and “创建国家级民主法治示范村2个，省级…6个，市级…13个；培养‘法律
明白人’1543人，‘法治带头人’174人”. A few villages stay below three 明白人, so the target list is not empty.
Recent months carry events too, whose topics follow each township's measured needs about two times in three.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sifa.core.models import Division
from sifa.core.models.orgs import DivisionLevel
from sifa.demo.people import People
from sifa.demo.registry import DemoContext, register
from sifa.reconsideration.models import Agency

from . import actions, needs
from .models import (
    Activity,
    Assessment,
    Attempt,
    Audience,
    BackboneKind,
    BackboneSource,
    Form,
    Level,
    Platform,
    QuestionBank,
    Topic,
    VenueKind,
)

D = dt.date
DEMO_SYSTEM = "演示数据"
H1 = (D(2021, 1, 1), D(2021, 6, 30))
BANKS = Path(__file__).parent / "data" / "banks.json"
# 73 events of 2021H1 by form: 19 lectures (seed 000), the rest spread over the other forms.
H1_FORMS = ([Form.LECTURE] * 19 + [Form.PUBLICITY] * 22 + [Form.CASE] * 10 + [Form.COUNTRYSIDE] * 12
            + [Form.ARTS] * 4 + [Form.QUIZ] * 3 + [Form.NEW_MEDIA] * 3)
H1_MATERIALS, H1_AUDIENCE = 29650, 43210
TITLES = {
    Form.LECTURE: "{topic}专题法治讲座", Form.PUBLICITY: "{topic}法治宣传", Form.CASE: "{topic}以案释法",
    Form.COUNTRYSIDE: "送法下乡：{topic}", Form.ARTS: "法治文艺演出（{topic}）", Form.QUIZ: "{topic}知识竞答",
    Form.NEW_MEDIA: "{topic}网络直播普法",
}
UNDERSTANDERS, LEADERS = 1543, 174
SHORT_VILLAGES = 7  # villages kept below three 明白人
MODEL_VILLAGES = ((Level.NATIONAL, 2, 2012), (Level.PROVINCIAL, 6, 2016), (Level.CITY, 13, 2019),
                  (Level.COUNTY, 20, 2020))


def _split(total: int, n: int, rng) -> list[int]:
    """`n` positive parts of `total`, uneven as real events are."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(n)]
    parts = [int(total * w / sum(weights)) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


def build(ctx: DemoContext) -> None:
    if Activity.objects.filter(source_system=DEMO_SYSTEM, org__path__startswith=ctx.bureau.path).exists():
        return
    actor = ctx.users["section_staff"]
    rng = ctx.rng
    people = People(rng)
    villages = list(Division.objects.filter(level=DivisionLevel.VILLAGE, code__startswith=ctx.county.code)
                    .order_by("code"))
    by_town: dict[str, list] = {}
    for v in villages:
        by_town.setdefault(v.code[:9], []).append(v)
    office_towns = [o.division_id for o in ctx.offices if o.division_id in by_town]
    towns = office_towns or list(by_town)

    def village_in(town):
        return rng.choice(by_town[town])

    # --- 2021H1 events (seed 000) ---
    materials = _split(H1_MATERIALS, len(H1_FORMS), rng)
    audience = _split(H1_AUDIENCE, len(H1_FORMS), rng)
    topics = [t for t in Topic.values if t != Topic.OTHER]
    for n, form in enumerate(H1_FORMS):
        town = towns[n % len(towns)]
        topic = topics[(n * 7) % len(topics)]
        held = H1[0] + dt.timedelta(days=2 + n * 178 // len(H1_FORMS))
        in_village = form != Form.NEW_MEDIA and audience[n] <= 4000
        actions.record_activity(
            actor, held_on=held, title=TITLES[form].format(topic=Topic(topic).label), form=form, topic=topic,
            audience=rng.choice(Audience.values), village=village_in(town) if in_village else None,
            place="" if in_village else "县文化广场", organiser="砀山县司法局", attendance=audience[n],
            materials=materials[n], giveaways=rng.randrange(0, 60), banners=rng.randrange(0, 4),
            boards=rng.randrange(0, 3), consultations=min(audience[n], rng.randrange(5, 40)),
            source_system=DEMO_SYSTEM)
    _posts(ctx, actor, rng)
    _venues(ctx, actor, villages, rng)
    _model_villages(ctx, actor, villages, rng)
    _backbones(ctx, actor, villages, people, rng)
    _duties(ctx, actor, rng)
    _recent_events(ctx, actor, by_town, towns, rng)
    _quizzes(ctx, actor, by_town, rng)
    ctx.log(f"  普法：活动{Activity.objects.filter(source_system=DEMO_SYSTEM).count()}次，"
            f"村（社区）{len(villages)}个。")


def _posts(ctx, actor, rng) -> None:
    for month in range(1, 7):
        for platform, account, n in ((Platform.WECHAT, "砀山司法", 12), (Platform.WEBSITE, "砀山县人民政府网司法局专栏", 2),
                                     (Platform.VIDEO, "砀山普法", 3)):
            actions.record_post(actor, published_on=D(2021, month, 10 + rng.randrange(10)), platform=platform,
                                account=account, title=f"2021年{month}月普法信息汇编", posts=n,
                                topic=rng.choice(Topic.values), org=ctx.bureau)


def _venues(ctx, actor, villages, rng) -> None:
    for n, (name, kind, level) in enumerate((("砀山县宪法公园", VenueKind.PARK, Level.CITY),
                                              ("梨都法治文化广场", VenueKind.PARK, Level.COUNTY),
                                              ("砀山县青少年法治教育基地", VenueKind.BASE, Level.PROVINCIAL),
                                              ("法治长廊", VenueKind.CORRIDOR, Level.COUNTY),
                                              ("农家法治书屋", VenueKind.CORNER, Level.COUNTY))):
        village = villages[(n * 37) % len(villages)] if kind in (VenueKind.CORRIDOR, VenueKind.CORNER) else None
        actions.record_venue(actor, name=name if village is None else f"{village.name[:-3]}{name}", kind=kind,
                             level=level, built_on=D(2018 + n % 3, 3 + n, 1), village=village)


def _model_villages(ctx, actor, villages, rng) -> None:
    picks = rng.sample(villages, sum(n for _, n, _ in MODEL_VILLAGES) + 2)
    for level, count, year in MODEL_VILLAGES:
        for _ in range(count):
            village = picks.pop()
            record = actions.apply_model_village(actor, village=village, level=level, year=year,
                                                 applied_on=D(year, 3, 1))
            actions.name_model_village(actor, record, named_on=D(year, 11, 20),
                                       naming_body={Level.NATIONAL: "司法部、民政部", Level.PROVINCIAL: "安徽省司法厅、民政厅",
                                                    Level.CITY: "宿州市司法局、民政局"}.get(level, "砀山县司法局、民政局"))
    # one county-level title revoked at its re-check, one application of 2021 still pending
    record = actions.apply_model_village(actor, village=picks.pop(), level=Level.COUNTY, year=2018,
                                         applied_on=D(2018, 3, 1))
    actions.name_model_village(actor, record, named_on=D(2018, 11, 20), naming_body="砀山县司法局、民政局")
    actions.recheck_model_village(actor, record, rechecked_on=D(2021, 5, 10), passed=False,
                                  note="村“两委”换届后村规民约未修订，法治宣传栏长期未更新")
    actions.apply_model_village(actor, village=picks.pop(), level=Level.PROVINCIAL, year=2021,
                                applied_on=D(2021, 4, 15))


def _backbones(ctx, actor, villages, people, rng) -> None:
    short = set(v.code for v in rng.sample(villages, SHORT_VILLAGES))
    regular = [v for v in villages if v.code not in short]
    counts = {v.code: rng.randrange(0, 3) for v in villages if v.code in short}
    remaining = UNDERSTANDERS - sum(counts.values())
    base, extra = divmod(remaining, len(regular))
    for n, v in enumerate(regular):
        counts[v.code] = base + (1 if n < extra else 0)
    by_code = {v.code: v for v in villages}
    sources = list(BackboneSource.values)
    for code, n in counts.items():
        for _ in range(n):
            actions.register_backbone(
                actor, kind=BackboneKind.UNDERSTANDER, name=people.name(), id_number=people.resident_id(),
                village=by_code[code], source=rng.choice(sources), training_hours=rng.choice((8, 12, 16, 24)),
                assessment=Assessment.PASSED, registered_on=D(2021, 1, 4) + dt.timedelta(days=rng.randrange(170)))
    for n in range(LEADERS):
        actions.register_backbone(
            actor, kind=BackboneKind.LEADER, name=people.name(), id_number=people.resident_id(),
            village=regular[n % len(regular)], source=BackboneSource.CADRE, training_hours=24,
            assessment=Assessment.PASSED, registered_on=D(2021, 2, 1) + dt.timedelta(days=rng.randrange(140)))


def _duties(ctx, actor, rng) -> None:
    agencies = list(Agency.objects.filter(org=ctx.bureau, is_government=False).order_by("pk"))[:4]
    if not agencies:
        ctx.log("  普法：尚无行政机关名录，跳过普法责任清单。")
        return
    plan = actions.adopt_plan(actor, org=ctx.bureau, year=2021, title="砀山县2021年普法依法治理工作要点",
                              focus="深入学习宣传习近平法治思想和宪法、民法典；落实“谁执法谁普法”普法责任制；"
                                    "开展“八五”普法启动工作；推进法治乡村建设和“法律明白人”培养。",
                              adopted_on=D(2021, 3, 5))
    topics = (Topic.CONSUMER, Topic.LAND, Topic.LABOUR, Topic.TRAFFIC)
    for n, agency in enumerate(agencies):
        items = [actions.add_duty_item(actor, plan, agency=agency, content=f"{Topic(topics[n]).label}执法中以案释法",
                                       audience=Audience.PUBLIC, due_on=D(2021, 6, 30), planned_times=3,
                                       topic=topics[n]),
                 actions.add_duty_item(actor, plan, agency=agency, content="执法人员学法培训",
                                       audience=Audience.OFFICIALS, due_on=D(2021, 12, 31), planned_times=2,
                                       topic=Topic.CONSTITUTION)]
        done = 3 - n % 3  # some agencies fall short of their list
        for k in range(done):
            actions.record_activity(actor, held_on=D(2021, 7, 5 + k + n), title=f"{agency.name}{items[0].content}",
                                    form=Form.CASE, topic=topics[n], organiser=agency.name, attendance=80 + 10 * k,
                                    materials=100, duty_item=items[0], org=ctx.bureau, source_system=DEMO_SYSTEM)
        actions.record_activity(actor, held_on=D(2021, 9, 10 + n), title=f"{agency.name}执法人员学法培训",
                                form=Form.LECTURE, topic=Topic.CONSTITUTION, audience=Audience.OFFICIALS,
                                organiser=agency.name, attendance=40, duty_item=items[1], org=ctx.bureau,
                                source_system=DEMO_SYSTEM)
        if ctx.today > D(2022, 1, 10):
            actions.evaluate(actor, items[0].duty_list, evaluated_on=D(2022, 1, 10))


def _recent_events(ctx, actor, by_town, towns, rng) -> None:
    """The last twelve months: events in every township, two in three on one of its three measured needs."""
    start = (ctx.today.replace(day=1) - dt.timedelta(days=330)).replace(day=1)
    found = {t.code: [n.topic for n in t.top] for t in needs.compute(actor, start, ctx.today)}
    for n in range(48):
        town = towns[n % len(towns)]
        top = found.get(town) or []
        topic = rng.choice(top) if top and rng.random() < 0.67 else rng.choice(Topic.values)
        form = rng.choice((Form.PUBLICITY, Form.LECTURE, Form.CASE, Form.COUNTRYSIDE))
        held = start + dt.timedelta(days=(n * (ctx.today - start).days) // 48)
        actions.record_activity(
            actor, held_on=held, title=TITLES[form].format(topic=Topic(topic).label), form=form, topic=topic,
            audience=rng.choice(Audience.values), village=rng.choice(by_town[town]), organiser="砀山县司法局",
            attendance=rng.randrange(60, 600), materials=rng.randrange(50, 500), banners=rng.randrange(0, 3),
            boards=rng.randrange(0, 3), consultations=rng.randrange(3, 30), source_system=DEMO_SYSTEM)


def _quizzes(ctx, actor, by_town, rng) -> None:
    if QuestionBank.objects.filter(org=ctx.bureau).exists():
        return
    banks = [actions.import_bank(actor, org=ctx.bureau, data=data)
             for data in json.loads(BANKS.read_text(encoding="utf-8"))]
    public = next(b for b in banks if b.audience == "public")
    towns = [Division.objects.get(code=code) for code in list(by_town)[:8]]
    now = dt.datetime.combine(ctx.today - dt.timedelta(days=20), dt.time(10, 0), tzinfo=dt.UTC)
    for n in range(60):
        attempt = actions.start_attempt(public, unit_name=towns[n % len(towns)].name, citizen_digest=f"demo{n:04d}",
                                        now=now + dt.timedelta(hours=n), seed=n)
        questions = actions.questions_of(attempt)
        answers = {str(q.pk): (q.answer if rng.random() < 0.8 else "B") for q in questions}
        actions.submit_attempt(attempt, answers=answers, now=attempt.started_at + dt.timedelta(minutes=6))
    assert Attempt.objects.filter(bank=public, submitted_at__isnull=False).count() == 60


register("普法与依法治理", build, order=95)
