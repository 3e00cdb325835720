from django.urls import reverse

from sifa.core.models import OrgKind, OrgUnit
from tests import factories

from .conftest import audit_rows, page_text


def _valid_credit_code():
    return factories.credit_code(seq=1234567)


def _new_org(tree, **overrides):
    data = {"code": "341321100-pls", "name": "砀城镇公共法律服务工作站", "kind": OrgKind.PLS_STATION,
            "division": tree["town_a"].code, "parent": tree["office_a"].pk, "credit_code": "",
            "address": "砀城镇人民路1号", "phone": "0557-8012345"}
    data.update(overrides)
    return data


def test_tree_is_indented_and_limited_to_the_subtree(as_sys_admin, tree, other_county):
    html = page_text(as_sys_admin.get(reverse("admin_console:org_list")))
    assert "砀山县司法局" in html and "indent-1" in html and "砀城司法所" in html
    assert "环翠区司法局" not in html


def test_create_org_writes_the_unit_and_an_audit_row(as_sys_admin, tree, sys_admin):
    response = as_sys_admin.post(reverse("admin_console:org_create"),
                                 _new_org(tree, credit_code=_valid_credit_code().lower()))
    assert response.status_code == 302
    org = OrgUnit.objects.get(code="341321100-PLS")
    assert org.path == "/341321-SFJ/341321100-SFS/341321100-PLS/"
    assert org.credit_code == _valid_credit_code()
    row = audit_rows(verb="新建机构", object_id=str(org.pk)).get()
    assert row.user_id == sys_admin.pk and row.after["name"] == "砀城镇公共法律服务工作站"


def test_bad_credit_code_is_refused_in_chinese(as_sys_admin, tree):
    bad = _valid_credit_code()[:-1] + ("0" if _valid_credit_code()[-1] != "0" else "1")
    response = as_sys_admin.post(reverse("admin_console:org_create"), _new_org(tree, credit_code=bad))
    assert response.status_code == 200
    assert "统一社会信用代码校验位不正确" in page_text(response)
    assert not OrgUnit.objects.filter(code="341321100-PLS").exists()


def test_bad_code_phone_and_missing_name_are_explained(as_sys_admin, tree):
    response = as_sys_admin.post(reverse("admin_console:org_create"),
                                 _new_org(tree, code="a/b", phone="call me", name=""))
    html = page_text(response)
    assert "机构代码只能包含字母、数字和短横线" in html and "联系电话只能包含数字" in html and "这个字段是必填项" in html
    assert OrgUnit.objects.count() == 3


def test_parent_and_division_must_lie_in_scope(as_sys_admin, tree, other_county):
    response = as_sys_admin.post(reverse("admin_console:org_create"),
                                 _new_org(tree, parent=other_county["bureau"].pk))
    assert "选择一个有效的选项" in page_text(response)
    response = as_sys_admin.post(reverse("admin_console:org_create"),
                                 _new_org(tree, division=other_county["town_a"].code))
    assert "选择一个有效的选项" in page_text(response)
    # in scope, but the division is not under the parent's division
    response = as_sys_admin.post(reverse("admin_console:org_create"),
                                 _new_org(tree, division=tree["town_b"].code))
    assert "不在上级机构“砀城司法所”的区划范围内" in page_text(response)
    assert not OrgUnit.objects.filter(code="341321100-PLS").exists()


def test_server_sets_status_and_path(as_sys_admin, tree):
    as_sys_admin.post(reverse("admin_console:org_create"),
                      _new_org(tree, active="", path="/evil/", id=999))
    org = OrgUnit.objects.get(code="341321100-PLS")
    assert org.active and org.path.startswith(tree["bureau"].path) and org.pk != 999


def test_edit_updates_allowed_fields_only(as_sys_admin, tree):
    office = tree["office_a"]
    response = as_sys_admin.post(reverse("admin_console:org_edit", args=[office.pk]), {
        "name": "砀城镇司法所", "kind": OrgKind.JUSTICE_OFFICE, "parent": tree["bureau"].pk,
        "address": "新址", "phone": "", "credit_code": "",
        "code": "HIJACK", "division": tree["town_b"].code, "active": "",
    })
    assert response.status_code == 302
    office.refresh_from_db()
    assert (office.name, office.address, office.code, office.division_id, office.active) == (
        "砀城镇司法所", "新址", "341321100-SFS", "341321100", True)
    assert audit_rows(verb="修改机构", object_id=str(office.pk)).exists()


def test_parent_cannot_be_own_descendant(as_sys_admin, tree):
    child = OrgUnit.objects.create(code="341321100-PLS", name="工作站", kind=OrgKind.PLS_STATION,
                                   division=tree["town_a"], parent=tree["office_a"])
    response = as_sys_admin.post(reverse("admin_console:org_edit", args=[tree["office_a"].pk]), {
        "name": "砀城司法所", "kind": OrgKind.JUSTICE_OFFICE, "parent": child.pk})
    assert "选择一个有效的选项" in page_text(response)
    tree["office_a"].refresh_from_db()
    assert tree["office_a"].parent_id == tree["bureau"].pk


def test_own_unit_cannot_be_moved(as_sys_admin, tree, other_county):
    bureau = tree["bureau"]
    response = as_sys_admin.post(reverse("admin_console:org_edit", args=[bureau.pk]), {
        "name": "砀山县司法局", "kind": OrgKind.COUNTY_BUREAU, "parent": other_county["bureau"].pk})
    assert response.status_code == 302
    bureau.refresh_from_db()
    assert bureau.parent_id is None and bureau.path == "/341321-SFJ/"


def test_out_of_scope_unit_is_404_audited_and_unchanged(client, tree, other_county):
    office_admin = factories.user(tree["office_a"], role="system_admin", username="office_admin")
    client.force_login(office_admin)
    target = tree["office_b"]
    for response in (
        client.get(reverse("admin_console:org_edit", args=[target.pk])),
        client.post(reverse("admin_console:org_edit", args=[target.pk]),
                    {"name": "被篡改", "kind": OrgKind.OTHER, "parent": tree["office_a"].pk}),
        client.post(reverse("admin_console:org_set_active", args=[target.pk]), {"active": "0"}),
        client.get(reverse("admin_console:org_edit", args=[other_county["bureau"].pk])),
    ):
        assert response.status_code == 404
    target.refresh_from_db()
    assert target.name == "周寨司法所" and target.active
    denied = audit_rows(event="denied", username="office_admin", object_type="core.orgunit")
    assert denied.filter(object_id=str(target.pk)).count() == 3
    assert denied.filter(object_id=str(other_county["bureau"].pk)).count() == 1


def test_deactivate_refused_while_in_use_then_allowed(as_sys_admin, tree, office_user):
    url = reverse("admin_console:org_set_active", args=[tree["office_a"].pk])
    response = as_sys_admin.post(url, {"active": "0"}, follow=True)
    assert "还有1个在用账号" in page_text(response)
    tree["office_a"].refresh_from_db()
    assert tree["office_a"].active

    office_user.is_active = False
    office_user.save()
    as_sys_admin.post(url, {"active": "0"})
    tree["office_a"].refresh_from_db()
    assert not tree["office_a"].active
    assert audit_rows(verb="修改机构", object_id=str(tree["office_a"].pk)).get().after["active"] == "False"

    # a deactivated unit offers no place for new units or accounts
    response = as_sys_admin.post(reverse("admin_console:org_create"), {
        "code": "X-1", "name": "新机构", "kind": OrgKind.OTHER, "division": tree["town_a"].code,
        "parent": tree["office_a"].pk})
    assert "选择一个有效的选项" in page_text(response)


def test_own_unit_cannot_be_deactivated_and_bad_flag_is_refused(as_sys_admin, tree):
    response = as_sys_admin.post(reverse("admin_console:org_set_active", args=[tree["bureau"].pk]),
                                 {"active": "0"}, follow=True)
    assert "不能停用本人所在的机构" in page_text(response)
    response = as_sys_admin.post(reverse("admin_console:org_set_active", args=[tree["office_b"].pk]),
                                 {"active": "maybe"}, follow=True)
    assert "请求无效" in page_text(response)


def test_unit_with_active_children_cannot_be_deactivated(as_sys_admin, tree):
    OrgUnit.objects.create(code="341321100-PLS", name="工作站", kind=OrgKind.PLS_STATION,
                           division=tree["town_a"], parent=tree["office_a"])
    response = as_sys_admin.post(reverse("admin_console:org_set_active", args=[tree["office_a"].pk]),
                                 {"active": "0"}, follow=True)
    assert "还有在用的下级机构" in page_text(response)
    tree["office_a"].refresh_from_db()
    assert tree["office_a"].active
