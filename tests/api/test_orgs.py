"""Org units through the API: scope, capability, the actions' rules, and no mass assignment."""

import pytest

from sifa.core.models import AuditEvent, OrgUnit
from tests import factories

from .conftest import denied_rows

NEW_COMMITTEE = {"code": "341321100001-TWH", "name": "城关村人民调解委员会", "kind": "mediation_committee",
                 "division": "341321100"}


@pytest.fixture
def village(tree):
    return factories.division("341321100001", "城关村", tree["town_a"])


def test_staff_see_their_own_subtree_only(api, api_for, bureau_user, tree):
    assert [o["name"] for o in api.get("orgs").json()["items"]] == ["砀城司法所"]
    assert api.get(f"orgs/{tree['office_a'].pk}").json()["path"] == tree["office_a"].path
    assert {o["name"] for o in api_for(bureau_user).get("orgs").json()["items"]} == {"砀山县司法局", "砀城司法所",
                                                                                   "周寨司法所"}


def test_reading_another_offices_unit_is_404_and_audited(api, tree):
    response = api.get(f"orgs/{tree['office_b'].pk}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    row = denied_rows("core.orgunit", tree["office_b"].pk).get()
    assert row.username == "clerk_a" and "GET /api/v1/orgs/" in row.reason


def test_creating_needs_manage_orgs(api, tree, village):
    response = api.post("orgs", {**NEW_COMMITTEE, "parent": tree["office_a"].pk})
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert "机构管理" in response.json()["message"]
    assert not OrgUnit.objects.filter(code=NEW_COMMITTEE["code"]).exists()


def test_system_admin_creates_a_unit_through_the_action(admin_api, tree, village):
    response = admin_api.post("orgs", {**NEW_COMMITTEE, "parent": tree["office_a"].pk, "division": "341321100001"})
    assert response.status_code == 201, response.content
    org = OrgUnit.objects.get(code=NEW_COMMITTEE["code"])
    assert response.json()["id"] == org.pk and org.path == tree["office_a"].path + "341321100001-TWH/"
    assert AuditEvent.objects.filter(verb="新建机构", object_id=str(org.pk), username="sysadmin").exists()


def test_create_ignores_fields_the_server_sets(admin_api, tree, village):
    response = admin_api.post("orgs", {**NEW_COMMITTEE, "parent": tree["office_a"].pk, "id": 424242,
                                       "path": "/evil/", "active": False, "org": tree["office_b"].pk})
    assert response.status_code == 201
    org = OrgUnit.objects.get(code=NEW_COMMITTEE["code"])
    assert org.pk != 424242 and org.path.startswith(tree["office_a"].path) and org.active


def test_parent_outside_the_admins_scope_is_refused(client, api_for, tree, village):
    other = factories.county_tree("341322", "萧县")
    admin = factories.user(other["bureau"], role="system_admin", username="xiao_admin")
    response = api_for(admin).post("orgs", {**NEW_COMMITTEE, "parent": tree["office_a"].pk})
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "parent"
    assert "管辖范围" in response.json()["message"]
    assert denied_rows("core.orgunit", tree["office_a"].pk).exists()
    assert not OrgUnit.objects.filter(code=NEW_COMMITTEE["code"]).exists()


def test_rules_of_the_action_come_back_as_chinese_422(admin_api, tree):
    duplicate = admin_api.post("orgs", {**NEW_COMMITTEE, "code": tree["office_b"].code, "parent": tree["bureau"].pk})
    assert duplicate.status_code == 422 and "已存在" in duplicate.json()["message"]
    missing = admin_api.post("orgs", {**NEW_COMMITTEE, "division": "341399999", "parent": tree["bureau"].pk})
    assert missing.status_code == 422 and missing.json()["details"][0]["field"] == "division"


def test_update_changes_only_allowlisted_fields(admin_api, tree):
    office = tree["office_a"]
    response = admin_api.patch(f"orgs/{office.pk}", {"name": "砀城镇司法所", "phone": "0557-8021234",
                                                      "code": "HACKED", "path": "/evil/", "division": "341321101",
                                                      "kind": "justice_office"})
    assert response.status_code == 200, response.content
    office.refresh_from_db()
    assert (office.name, office.phone) == ("砀城镇司法所", "0557-8021234")
    assert (office.code, office.division_id) == ("341321100-SFS", "341321100")
    assert office.path == "/341321-SFJ/341321100-SFS/"
    row = AuditEvent.objects.filter(verb="修改机构", object_id=str(office.pk)).get()
    assert row.before["name"] == "砀城司法所" and row.after["name"] == "砀城镇司法所"


def test_update_of_another_office_or_without_capability(api, admin_api, tree):
    assert api.patch(f"orgs/{tree['office_a'].pk}", {"name": "改名"}).status_code == 403
    other = factories.county_tree("341322", "萧县")
    assert admin_api.patch(f"orgs/{other['office_a'].pk}", {"name": "改名"}).status_code == 404
    assert OrgUnit.objects.get(pk=other["office_a"].pk).name == "砀城司法所"


def test_deactivation_follows_the_actions_rules(admin_api, office_user, tree):
    refused = admin_api.patch(f"orgs/{tree['office_a'].pk}", {"active": False})
    assert refused.status_code == 422 and "账号" in refused.json()["message"]
    assert OrgUnit.objects.get(pk=tree["office_a"].pk).active
    assert admin_api.patch(f"orgs/{tree['office_b'].pk}", {"active": False}).json()["active"] is False


def test_a_unit_cannot_move_under_itself_or_lose_its_parent(admin_api, tree):
    assert admin_api.patch(f"orgs/{tree['bureau'].pk}", {"parent": tree["office_a"].pk}).status_code == 422
    assert admin_api.patch(f"orgs/{tree['office_a'].pk}", {"parent": None}).status_code == 422
    assert OrgUnit.objects.get(pk=tree["bureau"].pk).parent_id is None
