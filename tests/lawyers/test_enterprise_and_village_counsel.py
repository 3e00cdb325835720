"""Seed 000's last lawyers figures — “为企业参与起草、审核规章制度2个，代理参加调解诉讼或仲裁3件” — from enterprise
advisers' service records (the two new service kinds), printed in the report's sentence; and 村(居)法律顾问覆盖率:
villages with an adviser in force over the village-level divisions of the area."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sifa.indicators import engine
from sifa.lawyers import actions
from sifa.lawyers.models import CounselService
from sifa.reports import document
from tests import factories

D = dt.date


def _enterprise(actor, lawyer, name="砀山县梨园果业有限公司"):
    return actions.sign_contract(actor, adviser=lawyer, client_kind="enterprise", client_name=name,
                                 client_credit_code=factories.credit_code("91"), started_on=D(2020, 7, 1),
                                 ended_on=D(2021, 12, 31), fee=6000)


def test_rules_and_representation_are_counted_and_printed(client, tree, bureau_user, lawyer):
    contract = _enterprise(bureau_user, lawyer)
    other = _enterprise(bureau_user, lawyer, name="安徽砀山酥梨食品有限公司")
    client.force_login(bureau_user)
    response = client.post(reverse("lawyers:contract_service", args=[contract.pk]),
                           {"kind": "rules", "served_on": "2021-04-20", "count": 2})
    assert response.status_code == 302
    actions.record_service(bureau_user, contract, kind="representation", served_on=D(2021, 3, 17), count=2)
    actions.record_service(bureau_user, other, kind="representation", served_on=D(2021, 5, 6), count=1)
    actions.record_service(bureau_user, other, kind="representation", served_on=D(2021, 8, 6), count=4)  # H2
    actions.record_service(bureau_user, other, kind="opinion", served_on=D(2021, 5, 18), count=2)
    # a village adviser's mediation is not an enterprise's representation
    village = factories.division("341321100001", "城隍庙社区居委会", tree["town_a"])
    village_contract = actions.sign_contract(bureau_user, adviser=lawyer, client_kind="village", client_name="",
                                             village=village, started_on=D(2021, 1, 1), ended_on=D(2023, 12, 31))
    actions.record_service(bureau_user, village_contract, kind="mediation", served_on=D(2021, 4, 1), count=5)
    actions.record_service(bureau_user, village_contract, kind="representation", served_on=D(2021, 4, 2), count=7)

    assert engine.evaluate("lawyers.enterprise_rules", "341321", "2021H1").value == 2
    assert engine.evaluate("lawyers.enterprise_representation", "341321", "2021H1").value == 3
    assert engine.evaluate("lawyers.enterprise_representation", "341321", "2021").value == 7
    by_kind = {row.key: row.result.value for row in engine.breakdown(
        "lawyers.counsel_services", "341321", "2021H1", by="kind").rows}
    assert by_kind["rules"] == 2 and by_kind["representation"] == 10 and by_kind["mediation"] == 5

    text = document.build(tree["bureau"], "2021H1", user=bureau_user).plain_text()
    assert ("律师事务所为企业担任法律顾问2家，提供法律意见2条，为企业参与起草、审核规章制度2个，"
            "代理参加调解、诉讼或仲裁3件。") in text
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "参与起草、审核规章制度" in page


def test_the_new_kinds_leave_out_their_clause_when_zero(tree, bureau_user, lawyer):
    contract = _enterprise(bureau_user, lawyer)
    actions.record_service(bureau_user, contract, kind="opinion", served_on=D(2021, 5, 18), count=2)
    text = document.build(tree["bureau"], "2021H1", user=bureau_user).plain_text()
    assert "提供法律意见2条" in text and "规章制度" not in text and "仲裁" not in text


def test_an_unknown_service_kind_is_refused_and_nothing_written(bureau_user, lawyer):
    contract = _enterprise(bureau_user, lawyer)
    with pytest.raises(ValidationError, match="服务类型"):
        actions.record_service(bureau_user, contract, kind="drafting", served_on=D(2021, 4, 20), count=2)
    assert not CounselService.objects.exists()


def test_village_adviser_coverage(tree, bureau_user, lawyer):
    villages = [factories.division(f"3413211002{n:02d}", f"第{n}村委会", tree["town_a"]) for n in range(3)]
    villages.append(factories.division("341321101200", "周寨社区村委会", tree["town_b"]))
    actions.sign_contract(bureau_user, adviser=lawyer, client_kind="village", client_name="", village=villages[0],
                          started_on=D(2021, 1, 1), ended_on=D(2023, 12, 31))
    actions.sign_contract(bureau_user, adviser=lawyer, client_kind="village", client_name="", village=villages[1],
                          started_on=D(2019, 1, 1), ended_on=D(2020, 12, 31))   # ended before 2021
    actions.sign_contract(bureau_user, adviser=lawyer, client_kind="village", client_name="", village=villages[1],
                          started_on=D(2022, 1, 1), ended_on=D(2024, 12, 31))   # the same village, later
    actions.sign_contract(bureau_user, adviser=lawyer, client_kind="village", client_name="", village=villages[3],
                          started_on=D(2021, 6, 1), ended_on=D(2022, 5, 31))
    assert engine.evaluate("lawyers.villages", "341321", "2021").value == 4
    assert engine.evaluate("lawyers.advised_village_count", "341321", "2021").value == 2
    assert str(engine.evaluate("lawyers.village_counsel_coverage", "341321", "2021").value) == "50.00"
    # 2022: villages 0, 1 (its second contract) and 3 — one village with two contracts over the years counts once
    assert engine.evaluate("lawyers.advised_village_count", "341321", "2019-01-01..2022-12-31").value == 3
    assert str(engine.evaluate("lawyers.village_counsel_coverage", "341321", "2022").value) == "75.00"
    result = engine.evaluate("lawyers.village_counsel_coverage", "341321", "2021")
    assert result.note.startswith("2/4")


def test_adviser_grids_are_counted_once_each(bureau_user, lawyer):
    """Seed 002's “12个特色法律顾问网格”: the grids named on contracts in force, each once; no grid, no count."""
    for n, grid in enumerate(("梨果产业网格", "梨果产业网格", "物流园区网格", "")):
        actions.sign_contract(bureau_user, adviser=lawyer, client_kind="enterprise", client_name=f"企业{n}",
                              client_credit_code=factories.credit_code("91"), started_on=D(2021, 1, 1),
                              ended_on=D(2021, 12, 31), grid=grid)
    actions.sign_contract(bureau_user, adviser=lawyer, client_kind="chamber", client_name="县工商联",
                          started_on=D(2019, 1, 1), ended_on=D(2019, 12, 31), grid="商会网格")  # not in force
    grids = engine.evaluate("lawyers.counsel_grids", "341321", "2021")
    assert grids.value == 2
    assert grids.records().count() == 3  # the three contracts that name a grid in force
