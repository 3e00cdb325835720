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
