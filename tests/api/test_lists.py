"""Pagination and filters behave the same on every list."""

import pytest

from sifa.core.models import OrgKind, OrgUnit
from tests import factories


@pytest.fixture
def townships(tree):
    for n in range(102, 125):
        factories.division(f"341321{n}", f"第{n}镇", tree["county"])
    return tree


def test_pages_carry_total_and_page_count(api, townships):
    first = api.get("divisions", parent="341321", page_size=10).json()
    assert (first["total"], first["pages"], first["page"], first["page_size"]) == (25, 3, 1, 10)
    third = api.get("divisions", parent="341321", page_size=10, page=3).json()
    assert len(first["items"]) == 10 and len(third["items"]) == 5
    codes = [d["code"] for page in (1, 2, 3)
             for d in api.get("divisions", parent="341321", page_size=10, page=page).json()["items"]]
    assert codes == sorted(codes) and len(set(codes)) == 25


def test_default_and_maximum_page_size(api, townships):
    assert api.get("divisions").json()["page_size"] == 20
    assert len(api.get("divisions", page_size=100).json()["items"]) == 28
    assert api.get("divisions", page_size=101).status_code == 422


def test_division_filters(api, tree):
    factories.division("341321100001", "城关村", tree["town_a"])
    assert [d["code"] for d in api.get("divisions", level="township").json()["items"]] == ["341321100", "341321101"]
    assert [d["name"] for d in api.get("divisions", q="周寨").json()["items"]] == ["周寨镇"]
    assert [d["code"] for d in api.get("divisions", q="3413211").json()["items"]] == [
        "341321100", "341321100001", "341321101"]
    children = api.get("divisions", parent="341321100").json()["items"]
    assert children == [{"code": "341321100001", "name": "城关村", "full_name": "", "level": "village",
                         "parent": "341321100"}]
    assert api.get("divisions", parent="999999").json()["total"] == 0


def test_org_filters_stay_inside_the_scope(api_for, bureau_user, tree):
    committee = OrgUnit.objects.create(code="341321100001-TWH", name="城关村调委会", kind=OrgKind.MEDIATION_COMMITTEE,
                                       division=tree["town_a"], parent=tree["office_a"])
    api = api_for(bureau_user)
    assert api.get("orgs").json()["total"] == 4
    assert [o["id"] for o in api.get("orgs", kind="mediation_committee").json()["items"]] == [committee.pk]
    assert [o["name"] for o in api.get("orgs", parent=tree["bureau"].pk).json()["items"]] == ["砀城司法所", "周寨司法所"]
    assert [o["name"] for o in api.get("orgs", q="周寨").json()["items"]] == ["周寨司法所"]
    assert api.get("orgs", active="false").json()["total"] == 0
    assert api.get("orgs", kind="nonsense").status_code == 422
