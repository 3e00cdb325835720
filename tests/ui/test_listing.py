"""The shared list/detail machinery, exercised on the 机构 pages."""

import io

import pytest
from openpyxl import load_workbook

from sifa.core import actions
from sifa.core.models import AuditEvent, OrgKind, OrgUnit, Role
from sifa.core.models.audit import AuditEventType
from tests import factories


def names(response) -> list[str]:
    return [row["cells"][0]["text"] for row in response.context["rows"]]


def test_office_user_sees_only_own_subtree(logged_in):
    response = logged_in.get("/orgs/")
    assert response.status_code == 200
    assert names(response) == ["砀城司法所"]


def test_bureau_user_sees_whole_county(client, bureau_user):
    client.force_login(bureau_user)
    assert sorted(names(client.get("/orgs/"))) == sorted(["砀山县司法局", "砀城司法所", "周寨司法所"])


def test_search_filters_and_bad_filter_values(client, bureau_user, tree):
    client.force_login(bureau_user)
    assert names(client.get("/orgs/", {"q": "周寨"})) == ["周寨司法所"]
    assert sorted(names(client.get("/orgs/", {"kind": OrgKind.JUSTICE_OFFICE}))) == ["周寨司法所", "砀城司法所"]
    response = client.get("/orgs/", {"kind": "no-such-kind"})
    assert len(names(response)) == 3
    assert "筛选条件“机构类型”的取值无效" in response.content.decode()
    # an org outside the user's scope cannot be used as a filter either
    other_county = factories.county_tree("341322", "萧县")
    response = client.get("/orgs/", {"org": other_county["bureau"].pk})
    assert "不在您的管辖范围内" in response.content.decode()
    assert len(names(response)) == 3
    assert names(client.get("/orgs/", {"org": tree["office_b"].pk})) == ["周寨司法所"]


def test_sorting_only_by_allowed_columns(client, bureau_user):
    client.force_login(bureau_user)
    ascending = names(client.get("/orgs/", {"sort": "name"}))
    assert ascending == sorted(ascending)
    assert names(client.get("/orgs/", {"sort": "-name"})) == list(reversed(ascending))
    # not a sortable column (computed via relation without sort) and not a column at all: default order (path)
    default = names(client.get("/orgs/"))
    assert names(client.get("/orgs/", {"sort": "division"})) == default
    assert names(client.get("/orgs/", {"sort": "password"})) == default


def test_paging_with_chinese_labels(client, bureau_user, tree):
    for i in range(25):
        OrgUnit.objects.create(code=f"T{i:03}", name=f"调委会{i:02}", kind=OrgKind.MEDIATION_COMMITTEE,
                               division=tree["town_a"], parent=tree["office_a"])
    client.force_login(bureau_user)
    first = client.get("/orgs/")
    html = first.content.decode()
    assert len(first.context["rows"]) == 20
    assert "共 28 条" in html and "下一页" in html and "第 1 / 2 页" in html
    second = client.get("/orgs/", {"page": 2})
    assert len(second.context["rows"]) == 8
    assert set(names(first)).isdisjoint(names(second))
    assert client.get("/orgs/", {"page": "abc"}).context["page"].number == 1
    assert client.get("/orgs/", {"page": 99}).context["page"].number == 2


def test_detail_in_scope_shows_history(client, bureau_user, tree):
    actions.update_org_unit(bureau_user, tree["office_a"], phone="0557-8021234")
    client.force_login(bureau_user)
    response = client.get(f"/orgs/{tree['office_a'].pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "操作记录" in html and "修改机构" in html
    assert "联系电话：（空） → 0557-8021234" in html


def test_detail_out_of_scope_is_404_and_audited(logged_in, tree):
    before = AuditEvent.objects.filter(event=AuditEventType.DENIED).count()
    response = logged_in.get(f"/orgs/{tree['office_b'].pk}/")
    assert response.status_code == 404
    denied = AuditEvent.objects.filter(event=AuditEventType.DENIED).order_by("-id")
    assert denied.count() == before + 1
    assert denied[0].object_type == "core.orgunit" and denied[0].object_id == str(tree["office_b"].pk)
    assert denied[0].username == "clerk_a"
    # a record that does not exist at all is a plain 404, not an access attempt
    assert logged_in.get("/orgs/999999/").status_code == 404
    assert AuditEvent.objects.filter(event=AuditEventType.DENIED).count() == before + 1


def test_roles_without_capability_are_refused(client, tree):
    auditor = factories.user(tree["bureau"], role=Role.AUDIT_ADMIN)
    client.force_login(auditor)
    assert client.get("/orgs/").status_code == 403
    assert AuditEvent.objects.filter(event=AuditEventType.DENIED, username=auditor.username).exists()
    sysadmin = factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN)
    client.force_login(sysadmin)
    assert client.get("/orgs/").status_code == 200


def _workbook(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(io.BytesIO(content)).active


def test_export_is_masked_formula_safe_and_audited(client, bureau_user, tree, monkeypatch):
    monkeypatch.setattr(OrgUnit, "sensitive_fields", ("phone",), raising=False)
    OrgUnit.objects.filter(pk=tree["office_a"].pk).update(phone="13912345678", name="=HYPERLINK(\"http://x\")")
    client.force_login(bureau_user)
    listed = client.get("/orgs/").content.decode()
    assert "13912345678" not in listed and "****5678" in listed
    response = client.get("/orgs/", {"export": "xlsx", "q": "HYPERLINK"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = _workbook(response)
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["机构名称", "机构代码", "机构类型"]
    assert len(rows) == 2
    assert rows[1][0] == "'=HYPERLINK(\"http://x\")"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert "13912345678" not in str(rows) and "****5678" in str(rows)
    event = AuditEvent.objects.filter(event=AuditEventType.EXPORT).latest("id")
    assert event.after["rows"] == 1 and event.object_type == "core.orgunit"
    assert "HYPERLINK" not in str(event.after)  # the search text is not copied into the audit row


def test_export_needs_the_export_capability(client, tree):
    leader = factories.user(tree["bureau"], role=Role.LEADER)
    client.force_login(leader)
    assert client.get("/orgs/").status_code == 200
    assert client.get("/orgs/", {"export": "xlsx"}).status_code == 403
    assert AuditEvent.objects.filter(event=AuditEventType.DENIED, username=leader.username, verb="导出").exists()


def test_export_uses_the_ledger_when_a_kind_is_configured(rf, bureau_user, monkeypatch):
    from django.http import HttpResponse

    from sifa.core import listing
    from sifa.core.views_orgs import OrgUnitList

    calls = []

    def fake_export(kind, queryset, user, filters):
        calls.append((kind, queryset.count(), user, filters))
        return HttpResponse("ledger")

    monkeypatch.setattr(listing, "ledger_exporter", lambda: fake_export)
    request = rf.get("/orgs/", {"export": "xlsx", "kind": "justice_office"})
    request.user = bureau_user
    view = type("LedgerOrgList", (OrgUnitList,), {"ledger_kind": "orgs"}).as_view()
    response = view(request)
    assert response.content == b"ledger"
    assert calls == [("orgs", 2, bureau_user, {"kind": "justice_office"})]


def test_ledger_kind_export_goes_through_the_ledger_framework(rf, tree):
    """With the ledger's built-in 机构 kind, the list's export is the ledger's (re-importable) sheet."""
    pytest.importorskip("sifa.ledger.exporter")
    from sifa.core.views_orgs import OrgUnitList

    admin = factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN)
    request = rf.get("/orgs/", {"export": "xlsx", "q": "周寨"})
    request.user = admin
    view = type("LedgerOrgList", (OrgUnitList,), {"ledger_kind": "orgs", "export_capability": "manage_orgs"})
    response = view.as_view()(request)
    rows = [[c.value for c in row] for row in _workbook(response).iter_rows()]
    assert len(rows) == 2 and "周寨司法所" in rows[1]
    assert AuditEvent.objects.filter(event=AuditEventType.EXPORT, object_type="ledger.orgs").exists()


@pytest.mark.parametrize("value, expected", [
    ("341321199001011234", "3413**********1234"), ("13812345678", "138****5678"), ("", ""), (None, "")])
def test_mask_field_uses_the_masking_rules(value, expected):
    from sifa.core.listing import mask_field

    assert mask_field(None, "", value) == expected


def test_scoped_model_lists_go_through_for_user(rf, tree, office_user, bureau_user):
    """A ScopedModel list needs no scope code: for_user applies, and a filter on choices works."""
    memo_module = pytest.importorskip("tests.scopeapp.models")
    from django.contrib.messages.storage.cookie import CookieStorage

    from sifa.core.listing import ChoiceFilter, Column, RecordListView

    Memo = memo_module.Memo
    Memo.objects.create(org=tree["office_a"], title="本所办理中")
    Memo.objects.create(org=tree["office_a"], title="本所已办结", status="closed")
    Memo.objects.create(org=tree["office_b"], title="他所备忘")

    class MemoList(RecordListView):
        model = Memo
        columns = [Column("title", link=True), Column("status"), Column("org__name", "所属机构")]
        filters = [ChoiceFilter("status")]
        search_fields = ["title"]

    def page(user, **params):
        request = rf.get("/memos/", params)
        request.user = user
        request._messages = CookieStorage(request)
        return MemoList.as_view()(request).content.decode()

    html = page(office_user)
    assert "本所办理中" in html and "本所已办结" in html and "他所备忘" not in html
    assert "办理中" in html and "砀城司法所" in html
    html = page(office_user, status="closed")
    assert "本所已办结" in html and "本所办理中" not in html
    assert "他所备忘" in page(bureau_user, q="他所")


def test_detail_shows_sensitive_fields_through_break_glass(rf, tree, monkeypatch):
    """Masked by default, 查看完整信息 for roles that may unmask, clear and audited during a grant."""
    memo_module = pytest.importorskip("tests.scopeapp.models")
    unmask = pytest.importorskip("sifa.security.unmask")
    from sifa.core.listing import Column, RecordDetailView

    Memo = memo_module.Memo
    monkeypatch.setattr(Memo, "sensitive_fields", ("body",))
    memo = Memo.objects.create(org=tree["office_a"], title="走访记录", body="13812345678")

    class MemoDetail(RecordDetailView):
        model = Memo
        fields = [Column("title"), Column("body")]

    def page(user):
        request = rf.get(f"/memos/{memo.pk}/")
        request.user = user
        return MemoDetail.as_view()(request, pk=memo.pk).content.decode()

    clerk = factories.user(tree["office_a"])
    html = page(clerk)
    assert "13812345678" not in html and "****5678" in html and "查看完整信息" not in html
    section = factories.user(tree["bureau"], role=Role.SECTION_STAFF)
    assert "查看完整信息" in page(section)
    unmask.grant_unmask(section, memo, "body", "核实当事人联系方式")
    assert "13812345678" in page(section)
    assert AuditEvent.objects.filter(event=AuditEventType.READ_SENSITIVE, object_id=str(memo.pk)).exists()
