"""法律顾问, 企业法治体检 and 信访值班 through the actions, the check-up report (.docx), and the indicators on
fixture records: seed 001's 法治体检 (25所/40团队/106家/374/170/156/260), seed 004's 公职律师工作覆盖率 14/27,
seed 000's 47/58/43 duty figures and 23 advised enterprises, and 律师万人比 from the org tree's population."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from sifa.core.models import Division, Population
from sifa.indicators import engine
from sifa.lawyers import actions, documents
from sifa.lawyers.models import Category
from sifa.reconsideration import actions as agencies
from tests import factories
from tests.lawyers import builders

D = dt.date


def _visit(actor, team, n, **extra):
    fields = {"enterprise": f"企业{n}", "credit_code": factories.credit_code("91"), "visited_on": D(2021, 5, 10),
              "consultations": 3, "problems": 1, "contracts": 1, "opinions": 2} | extra
    return actions.record_visit(actor, team, **fields)


def test_adviser_contracts_services_and_a_yearly_evaluation(tree, bureau_user, lawyer):
    village = factories.division("341321100001", "城隍庙社区居委会", tree["town_a"])
    contract = actions.sign_contract(bureau_user, adviser=lawyer, client_kind="village", client_name="",
                                     village=village, started_on=D(2023, 1, 1), ended_on=D(2024, 12, 31), fee=3000)
    assert contract.client_name == "城隍庙社区居委会"
    with pytest.raises(ValidationError, match="一村\\(社区\\)一法律顾问"):
        actions.sign_contract(bureau_user, adviser=lawyer, client_kind="village", client_name="", village=village,
                              started_on=D(2024, 1, 1), ended_on=D(2025, 12, 31))
    with pytest.raises(ValidationError, match="企业的统一社会信用代码"):
        actions.sign_contract(bureau_user, adviser=lawyer, client_kind="enterprise", client_name="某公司",
                              started_on=D(2024, 1, 1), ended_on=D(2024, 12, 31))
    actions.record_service(bureau_user, contract, kind="consultation", served_on=D(2023, 5, 1), count=12)
    with pytest.raises(ValidationError, match="聘任期内"):
        actions.record_service(bureau_user, contract, kind="lecture", served_on=D(2022, 5, 1))
    actions.evaluate_contract(bureau_user, contract, year=2023, grade="excellent", evaluated_on=D(2024, 1, 5))
    with pytest.raises(ValidationError, match="已考评"):
        actions.evaluate_contract(bureau_user, contract, year=2023, grade="qualified", evaluated_on=D(2024, 1, 6))
    assert engine.evaluate("lawyers.advised_villages", "341321", "2023").value == 1
    assert engine.evaluate("lawyers.counsel_consultations", "341321", "2023").value == 12


def test_a_stopped_lawyer_cannot_be_hired_or_put_on_duty(lawyer, bureau_user):
    actions.end_practice(bureau_user, lawyer, on=D(2024, 1, 2), reason="注销")
    lawyer.refresh_from_db()
    with pytest.raises(ValidationError, match="已停止执业"):
        actions.sign_contract(bureau_user, adviser=lawyer, client_kind="government", client_name="县政府",
                              started_on=D(2024, 1, 1), ended_on=D(2024, 12, 31))
    with pytest.raises(ValidationError, match="已停止执业"):
        actions.record_duty(bureau_user, lawyer, on_date=D(2024, 2, 1), visitors=1, consultations=1, matters=1)


def test_checkup_campaign_teams_visits_and_the_enterprise_report(tree, bureau_user, firm, lawyer):
    campaign = actions.open_campaign(bureau_user, org=tree["bureau"], name="法治体检", started_on=D(2021, 5, 1),
                                     ended_on=D(2021, 9, 30))
    other = builders.firm(bureau_user, tree["bureau"], name="另一律师事务所")
    with pytest.raises(ValidationError, match="不是“另一律师事务所”的律师"):
        actions.form_team(bureau_user, campaign, name="第1团队", firm=other, lawyers=[lawyer])
    team = actions.form_team(bureau_user, campaign, name="第1团队", firm=firm, lawyers=[lawyer])
    visit = _visit(bureau_user, team, 1, findings="劳动合同不规范", advice="修订合同范本")
    with pytest.raises(ValidationError, match="已体检"):
        _visit(bureau_user, team, 2, credit_code=visit.credit_code)
    with pytest.raises(ValidationError, match="活动期间"):
        _visit(bureau_user, team, 3, visited_on=D(2021, 10, 8))
    name, content = documents.checkup_report(bureau_user, visit)
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert name == "企业1法治体检报告.docx"
    assert "解答法律咨询3次，发现并解决法律问题1个，审查合同1份，提出法律意见2条" in text
    assert "劳动合同不规范" in text and visit.credit_code in text and "张律师" in text


def test_seed_001_checkup_figures(tree, bureau_user):
    bureau = tree["bureau"]
    campaign = actions.open_campaign(bureau_user, org=bureau, name="惠企法律大体检", started_on=D(2021, 5, 1),
                                     ended_on=D(2021, 9, 30))
    teams = []
    for i in range(25):
        firm = builders.firm(bureau_user, bureau, name=f"第{i + 1}律师事务所")
        members = [builders.lawyer(bureau_user, firm, name=f"律师{i}-{k}") for k in range(1 + (i < 15))]
        for k, member in enumerate(members):
            teams.append(actions.form_team(bureau_user, campaign, name=f"团队{i}-{k}", firm=firm, lawyers=[member]))
    assert len(teams) == 40
    for n in range(106):
        _visit(bureau_user, teams[n % 40], n, visited_on=D(2021, 5, 1) + dt.timedelta(days=n),
               consultations=4 if n < 56 else 3, problems=2 if n < 64 else 1, contracts=2 if n < 50 else 1,
               opinions=3 if n < 48 else 2)
    figures = {c: engine.evaluate(f"lawyers.checkup_{c}", "341321", "2021").value
               for c in ("firms", "teams", "enterprises", "consultations", "problems", "contracts", "opinions")}
    assert figures == {"firms": 25, "teams": 40, "enterprises": 106, "consultations": 374, "problems": 170,
                       "contracts": 156, "opinions": 260}


def test_seed_004_public_lawyer_coverage_14_of_27(tree, bureau_user):
    bureau = tree["bureau"]
    listed = [agencies.add_agency(bureau_user, org=bureau, name=f"城中区第{i + 1}局",
                                  credit_code=factories.credit_code("11")) for i in range(27)]
    justice = agencies.add_agency(bureau_user, org=bureau, name="城中区司法局", credit_code=factories.credit_code("11"))
    for i in range(14):
        actions.register_lawyer(bureau_user, name=f"公职律师{i}", category=Category.PUBLIC,
                                licence_number=builders.licence(year=2020), licensed_on=D(2020, 6, 1),
                                employer=justice, reallocated_to=listed[i])
    actions.review_public_coverage(bureau_user, org=bureau, as_of=D(2023, 12, 31), agencies=listed)
    with pytest.raises(ValidationError, match="已统计"):
        actions.review_public_coverage(bureau_user, org=bureau, as_of=D(2023, 12, 31), agencies=listed)
    assert engine.evaluate("lawyers.public_lawyers", "341321", "2023").value == 14
    assert engine.evaluate("lawyers.public_reallocated", "341321", "2023").value == 14
    rate = engine.evaluate("lawyers.public_coverage", "341321", "2023")
    assert rate.value == Decimal("51.85") and rate.note.startswith("14/27")
    assert engine.evaluate("lawyers.public_coverage_own", "341321", "2023").value == Decimal("0.00")


def test_seed_000_duty_figures_advised_enterprises_and_lawyers_per_10k(tree, bureau_user, firm):
    team = [builders.lawyer(bureau_user, firm, name=f"律师{i}") for i in range(5)]
    for n in range(47):
        consult = 2 if n < 11 else 1
        actions.record_duty(bureau_user, team[n % 5], on_date=D(2021, 1, 2) + dt.timedelta(days=n * 3),
                            visitors=consult, consultations=consult, matters=1 if n < 43 else 0)
    with pytest.raises(ValidationError, match="不能多于"):
        actions.record_duty(bureau_user, team[0], on_date=D(2021, 7, 1), visitors=1, consultations=2, matters=0)
    for i in range(24):
        actions.sign_contract(bureau_user, adviser=team[i % 5], client_kind="enterprise", client_name=f"公司{i}",
                              client_credit_code=factories.credit_code("91"),
                              started_on=D(2020, 7, 1) if i < 23 else D(2021, 7, 1), ended_on=D(2021, 12, 31))
    figures = [engine.evaluate(f"lawyers.{c}", "341321", "2021H1").value
               for c in ("duty_turns", "duty_consultations", "duty_matters", "advised_enterprises")]
    assert figures == [47, 58, 43, 23]
    Population.objects.create(division=Division.objects.get(code="341321"), year=2021, residents=765_500,
                              source="测试")
    per = engine.evaluate("lawyers.per_10k", "341321", "2021")
    assert engine.evaluate("lawyers.practising", "341321", "2021").value == 5
    assert per.value == Decimal("0.07")  # 5 ÷ 76.55万
