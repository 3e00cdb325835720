"""No duplicate writes (issue #14 item 2): ten identical submissions of a staff form (same one-time form token)
or of an API create (same Idempotency-Key) write one record. On PostgreSQL the ten run in parallel threads; on
SQLite, which has one writer, they run one after another."""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from sifa.core.models import ApiToken, OrgUnit, Role
from sifa.security.models import SubmissionKey
from tests import factories
from tests.admin_console.test_orgs import _new_org
from tests.api.client import ApiClient

pytestmark = pytest.mark.django_db(transaction=True)
SUBMISSIONS = 10


def fire(send) -> list[int]:
    """Run `send()` SUBMISSIONS times (in parallel threads on PostgreSQL) and return the status codes."""
    codes: list[int] = []
    if connection.vendor != "postgresql":
        return [send() for _ in range(SUBMISSIONS)]
    start = threading.Barrier(SUBMISSIONS)

    def one():
        try:
            start.wait()
            codes.append(send())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one) for _ in range(SUBMISSIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return codes


@pytest.fixture
def sys_admin(tree):
    return factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN, username="sys_admin_dup")


def test_a_staff_form_carries_a_one_time_token_and_is_written_once(tree, sys_admin):
    client = Client()
    client.force_login(sys_admin)
    page = client.get("/admin/orgs/new/").content.decode()
    tokens = re.findall(r'name="form_token" value="([^"]+)"', page)
    assert tokens and len(set(tokens)) == len(tokens)
    data = {**_new_org(tree), "form_token": tokens[0]}
    before = OrgUnit.objects.count()

    def send():
        c = Client()
        c.force_login(sys_admin)
        return c.post("/admin/orgs/new/", data).status_code

    codes = fire(send)
    print(f"parallel duplicates, staff form 新建机构: {OrgUnit.objects.count() - before} record(s) from "
          f"{SUBMISSIONS} submissions ({connection.vendor}); answers {sorted(codes)}")
    assert OrgUnit.objects.count() - before == 1
    assert set(codes) <= {302, 409}
    # a new form (new token) with the same content is a new submission: refused by the form itself, not by us
    assert client.post("/admin/orgs/new/", {**data, "form_token": "another"}).status_code == 200


def test_a_form_with_errors_can_be_corrected_and_sent_with_the_same_token(tree, sys_admin):
    client = Client()
    client.force_login(sys_admin)
    token = re.search(r'name="form_token" value="([^"]+)"', client.get("/admin/orgs/new/").content.decode())[1]
    assert client.post("/admin/orgs/new/", {**_new_org(tree, name=""), "form_token": token}).status_code == 200
    assert not SubmissionKey.objects.exists()
    assert client.post("/admin/orgs/new/", {**_new_org(tree), "form_token": token}).status_code == 302


def test_an_api_create_with_an_idempotency_key_is_written_once(tree, sys_admin):
    _, key = ApiToken.issue(sys_admin, "测试")
    body = {"code": "341321100001-TWH", "name": "城关村人民调解委员会", "kind": "mediation_committee",
            "division": "341321100", "parent": tree["office_a"].pk}
    before = OrgUnit.objects.count()
    responses = []

    def send():
        response = ApiClient(Client(), key).post("orgs", body, headers={"Idempotency-Key": "k-2026-0001"})
        responses.append(response)
        return response.status_code

    codes = fire(send)
    print(f"parallel duplicates, API POST /api/v1/orgs: {OrgUnit.objects.count() - before} record(s) from "
          f"{SUBMISSIONS} requests ({connection.vendor}); answers {sorted(codes)}")
    assert OrgUnit.objects.count() - before == 1
    assert set(codes) <= {201, 409}
    replayed = [r for r in responses if r.get("Idempotent-Replayed")]
    if connection.vendor != "postgresql":
        assert len(replayed) == SUBMISSIONS - 1 and replayed[0].json() == responses[0].json()
    changed = ApiClient(Client(), key).post("orgs", {**body, "name": "别的名称"},
                                            headers={"Idempotency-Key": "k-2026-0001"})
    assert changed.status_code == 422 and changed.json()["code"] == "idempotency_key_reused"


def test_the_openapi_document_names_the_header():
    from sifa.api.v1 import api

    posts = [op for ops in api.get_openapi_schema()["paths"].values() for m, op in ops.items() if m == "post"]
    assert posts and all(any(p["name"] == "Idempotency-Key" for p in op.get("parameters", [])) for op in posts)


def _create_pages():
    """Every staff page that creates a record without naming one first (…/new/ routes without arguments)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and str(p.pattern).endswith("new/") and "<" not in prefix + str(p.pattern):
                yield "/" + prefix + str(p.pattern)

    return sorted(u for u in set(walk(get_resolver().url_patterns)) if not u.startswith(("/api/", "/portal/")))


@pytest.mark.django_db
def test_every_create_page_of_every_line_carries_a_one_time_token(tree):
    """The token is added by the middleware to every form a signed-in user is served, so each line's create form
    is written once however often it is sent; this proves it on every line's create pages."""
    checked, missing = [], []
    for role, org in ((Role.SECTION_STAFF, tree["bureau"]), (Role.OFFICE_STAFF, tree["office_a"]),
                      (Role.SYSTEM_ADMIN, tree["bureau"])):
        client = Client()
        client.force_login(factories.user(org, role=role, username=f"token_{role}"))
        for url in _create_pages():
            response = client.get(url)
            if response.status_code != 200 or "<form" not in (page := response.content.decode()):
                continue
            posts = re.findall(r'<form[^>]*method="post"[^>]*>.*?</form>', page, re.S | re.I)
            checked.append(url)
            if not posts or any('name="form_token"' not in form for form in posts):
                missing.append(f"{url}（{role}）")
    lines = {url.strip("/").split("/")[0] for url in checked}
    print(f"create pages with a one-time token: {len(set(checked))} pages of {len(lines)} lines")
    assert len(lines) >= 10, sorted(lines)
    assert not missing, "这些新建页面的表单没有一次性令牌：" + "、".join(missing)
