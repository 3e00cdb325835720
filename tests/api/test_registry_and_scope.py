"""Business lines plug in their routers without editing the API app; every handler reaches records through the
scope helpers."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.test import RequestFactory
from ninja import Router

from sifa.api import registry
from sifa.api.scope import get_scoped_or_404, require_capability, scoped
from sifa.core.models import AuditEvent, Role
from tests import factories
from tests.scopeapp.models import Memo

from .conftest import denied_rows


def _request(user, path="/api/v1/x"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_installed_apps_api_modules_are_discovered():
    mounts = {m.prefix: m for m in registry.discover()}
    assert mounts["scopeapp"].source == "tests.scopeapp.api"


def test_explicit_registration_and_duplicate_prefixes(monkeypatch):
    monkeypatch.setattr(registry, "_explicit", [])
    extra = Router()
    registry.register("/extra/", extra)
    registry.register("extra", extra)
    assert [m.prefix for m in registry.discover() if m.router is extra] == ["extra"]
    registry.register("scopeapp", Router())
    with pytest.raises(ImproperlyConfigured, match="scopeapp"):
        registry.discover()


def test_scoped_fails_closed_for_a_model_without_a_rule(office_user):
    with pytest.raises(ImproperlyConfigured, match="未声明数据范围"):
        scoped(_request(office_user), AuditEvent)


def test_get_scoped_or_404_audits_only_records_that_exist(office_user, tree):
    theirs = Memo.objects.create(org=tree["office_b"], title="外所备忘")
    mine = Memo.objects.create(org=tree["office_a"], title="本所备忘")
    request = _request(office_user)
    assert get_scoped_or_404(request, Memo, mine.pk) == mine
    assert get_scoped_or_404(request, Memo, str(mine.uuid), field="uuid") == mine
    for pk in (theirs.pk, 10**9, "abc", None):
        with pytest.raises(Http404):
            get_scoped_or_404(request, Memo, pk)
    assert list(denied_rows("scopeapp.memo").values_list("object_id", flat=True)) == [str(theirs.pk)]


def test_three_administrators_read_no_business_records(api_for, tree):
    Memo.objects.create(org=tree["office_a"], title="本所备忘")
    admin = factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN)
    api = api_for(admin)
    assert api.get("scopeapp/memos").json()["total"] == 0
    memo = Memo.objects.get()
    assert api.get(f"scopeapp/memos/{memo.pk}").status_code == 404


def test_require_capability_speaks_chinese(office_user):
    from django.core.exceptions import PermissionDenied

    require_capability(_request(office_user), "write_records")
    with pytest.raises(PermissionDenied, match="机构管理"):
        require_capability(_request(office_user), "manage_orgs")


def test_memo_api_ignores_owner_and_status_fields(api, tree):
    created = api.post("scopeapp/memos", {"title": "走访", "org": tree["office_b"].pk, "status": "closed",
                                          "org_path": "/evil/", "created_by": 1}).json()
    memo = Memo.objects.get(pk=created["id"])
    assert (memo.org_id, memo.status, memo.org_path) == (tree["office_a"].pk, "open", tree["office_a"].path)
    api.patch(f"scopeapp/memos/{memo.pk}", {"title": "回访", "org": tree["office_b"].pk, "status": "closed"})
    memo.refresh_from_db()
    assert (memo.title, memo.org_id, memo.status) == ("回访", tree["office_a"].pk, "open")
