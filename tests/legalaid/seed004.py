"""A demo-able fixture for 柳州市城中区 (450202) in 2023 whose records reproduce seed [004]'s legal-aid figures when
the indicators are evaluated: 农民工案件74件182人次, 12348电话咨询197个, 接待农民工来访214人次, 指派法律援助案件127件,
认罪认罚从宽案498件, 法律帮助538人次. Every record is made through the line's actions, spread over the year's
working days as a real register would be."""

from __future__ import annotations

import datetime as dt
import random

from sifa.core import actions as core_actions
from sifa.core import workdays
from sifa.core.models import OrgKind, Role
from sifa.legalaid import actions
from sifa.legalaid.models import Category, Exemption
from tests import factories
from tests.mediation.builders import resident_id

YEAR = 2023
MIGRANT_CASES, MIGRANT_PERSONS = 74, 182
OTHER_ASSIGNED = 127 - MIGRANT_CASES
HOTLINE_CALLS, MIGRANT_VISITORS = 197, 214
PLEA_CASES, HELP_PERSONS = 498, 538
SURNAMES = "覃韦黄莫蓝罗陆梁潘蒙李张王刘陈"
GIVEN = "志强秀英海燕建华丽娟明亮桂芳永福"


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`parts` positive integers summing to `total`."""
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def build(rng: random.Random | None = None) -> dict:
    rng = rng or random.Random("seed004")
    tree = factories.county_tree("450202", "城中区")
    bureau = tree["bureau"]
    staff = factories.user(bureau, role=Role.SECTION_STAFF, username="chengzhong_staff")
    centre = core_actions.create_org_unit(None, code="450202-FYZX", name="城中区法律援助中心",
                                          kind=OrgKind.LEGAL_AID_CENTER, division=bureau.division, parent=bureau)
    actions.set_hardship_standard(staff, org=bureau, monthly_income_per_capita="1700", effective_from=dt.date(2022, 1, 1),
                                  basis="柳州市城市最低生活保障标准的2倍（测试参数）")
    firm = actions.create_service_org(staff, org=centre, name="广西城中律师事务所（测试）", kind="law_firm")
    lawyers = [actions.create_provider(staff, service_org=firm, name=f"律师{i}", kind="lawyer",
                                       licence_number=f"145020201{i:08d}", practice_since=dt.date(2012, 3, 1),
                                       max_open_cases=200) for i in range(1, 7)]
    station = actions.create_station(staff, org=centre, name="城中区人民检察院值班律师工作站", kind="procuratorate")
    days = [dt.date(YEAR, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    working = [d for d in days if workdays.is_workday(d) and d <= dt.date(YEAR, 12, 20)]

    def person() -> str:
        return rng.choice(SURNAMES) + rng.choice(GIVEN)

    # 农民工 wage and injury cases: 74 cases, 182 people, through the 第四十二条 green channel, each assigned.
    for size in _split(MIGRANT_PERSONS, MIGRANT_CASES, rng):
        received = rng.choice(working)
        app = actions.register_application(
            staff, org=centre, channel=rng.choice(["visit", "visit", "phone"]), category=Category.LABOUR_ARBITRATION,
            civil_matter="labour", summary="建筑工地拖欠工资", received_on=received, recipients=size,
            applicant={"name": person(), "id_number": resident_id(region="450202")},
            exemption=Exemption.MIGRANT_WORKER)
        _decide_and_assign(staff, app, received, lawyers, rng)
    # other assigned cases: 53 (notified defences and civil aid)
    for i in range(OTHER_ASSIGNED):
        received = rng.choice(working)
        if i % 2:
            app = actions.register_notice(
                staff, org=centre, notifying_organ="court", notifier="柳州市城中区人民法院",
                notice_number=f"（{YEAR}）桂0202刑初{i}号", circumstance=rng.choice(["minor", "ordinary_trial"]),
                stage="trial", notified_on=received, received_on=received, summary="被告人涉嫌盗窃",
                defendant={"name": person(), "id_number": resident_id(region="450202", birth="20060101")})
            actions.assign(staff, app, assigned_on=received, provider=lawyers[i % len(lawyers)])
        else:
            app = actions.register_application(
                staff, org=centre, channel="visit", category=Category.CIVIL, civil_matter="maintenance",
                summary="追索抚养费", received_on=received, household_size=3, household_income="3000",
                applicant={"name": person(), "id_number": resident_id(region="450202", male=False)})
            _decide_and_assign(staff, app, received, lawyers, rng)
    # 12348 calls: 197; migrant workers' visits: 214 people over 150 visits; other visits of other people.
    for _ in range(HOTLINE_CALLS):
        actions.record_consultation(staff, org=centre, channel="hotline", asked_on=rng.choice(working),
                                    topic=rng.choice(["wages", "marriage", "contract", "labour"]),
                                    question="来电咨询", answer="已解答")
    for persons in _split(MIGRANT_VISITORS, 150, rng):
        actions.record_consultation(staff, org=centre, channel="visit", asked_on=rng.choice(working), topic="wages",
                                    question="农民工来访讨薪咨询", answer="已解答", persons=persons,
                                    is_migrant_worker=True)
    for _ in range(40):
        actions.record_consultation(staff, org=centre, channel="visit", asked_on=rng.choice(working),
                                    topic="marriage", question="婚姻家庭咨询", answer="已解答")
    # 认罪认罚: 498 cases, 538 people helped, by the lawyers on duty at the procuratorate.
    shifts = set()
    for n, persons in enumerate(_split(HELP_PERSONS, PLEA_CASES, rng)):
        day, lawyer = rng.choice(working), rng.choice(lawyers)
        if (day, lawyer.pk) not in shifts:
            actions.schedule_shift(staff, station=station, provider=lawyer, on_date=day)
            shifts.add((day, lawyer.pk))
        actions.record_help(staff, station=station, provider=lawyer, helped_on=day, kind="plea", persons=persons,
                            case_reference=f"城中检刑诉〔{YEAR}〕{n + 1}号")
    return {"tree": tree, "bureau": bureau, "centre": centre}


def _decide_and_assign(staff, app, received, lawyers, rng):
    decided = workdays.next_workday(received + dt.timedelta(days=rng.randrange(0, 3)))
    actions.decide(staff, app, decision="grant", decided_on=decided,
                   late_reason="" if decided <= app.decision_due else "补充材料")
    assigned = decided + dt.timedelta(days=rng.randrange(0, 2))
    app.refresh_from_db()
    actions.assign(staff, app, assigned_on=assigned, by_rotation=True,
                   late_reason="" if assigned <= app.assign_due else "律师出庭")
