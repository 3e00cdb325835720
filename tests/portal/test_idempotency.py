"""Idempotent portal submissions (SECURITY.md G3)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from sifa.portal import idempotency, tracking
from sifa.portal.citizens import Citizen
from sifa.portal.models import PortalSubmission, TrackingCode

from .conftest import MOBILE

CITIZEN = Citizen(MOBILE)


def make_handler(record, calls):
    def handler():
        calls.append(1)
        issued = tracking.issue_tracking_code(record, "test", MOBILE)
        return f"/portal/receipt/{issued.code}/"
    return handler


def test_replay_returns_the_first_result(tree):
    calls = []
    token = idempotency.new_form_token()
    first = idempotency.submit_once(CITIZEN, token, {"事由": "欠薪"}, make_handler(tree["office_a"], calls))
    again = idempotency.submit_once(CITIZEN, token, {"事由": "欠薪"}, make_handler(tree["office_a"], calls))
    assert not first.replayed and again.replayed and again.url == first.url
    assert len(calls) == 1 and TrackingCode.objects.count() == 1


def test_same_token_other_content_is_refused(tree):
    token = idempotency.new_form_token()
    idempotency.submit_once(CITIZEN, token, {"事由": "欠薪"}, make_handler(tree["office_a"], []))
    with pytest.raises(idempotency.PayloadMismatch):
        idempotency.submit_once(CITIZEN, token, {"事由": "离婚"}, make_handler(tree["office_a"], []))
    assert TrackingCode.objects.count() == 1


def test_tokens_are_per_citizen(tree):
    token = idempotency.new_form_token()
    idempotency.submit_once(CITIZEN, token, {"a": 1}, make_handler(tree["office_a"], []))
    idempotency.submit_once(Citizen("13700001111"), token, {"a": 1}, make_handler(tree["office_a"], []))
    assert PortalSubmission.objects.count() == 2


def test_failed_handler_leaves_nothing_and_the_token_reusable(tree):
    token = idempotency.new_form_token()

    def failing():
        tracking.issue_tracking_code(tree["office_a"], "test", MOBILE)
        raise ValidationError("申请人姓名不能为空。")

    with pytest.raises(ValidationError):
        idempotency.submit_once(CITIZEN, token, {"a": 1}, failing)
    assert not PortalSubmission.objects.exists() and not TrackingCode.objects.exists()
    outcome = idempotency.submit_once(CITIZEN, token, {"a": 1}, make_handler(tree["office_a"], []))
    assert not outcome.replayed


@pytest.mark.parametrize("token", ["", "short", "x" * 65, "bad token with spaces!!", None])
def test_malformed_tokens_are_refused(tree, token):
    with pytest.raises(ValidationError):
        idempotency.submit_once(CITIZEN, token, {}, make_handler(tree["office_a"], []))


def test_respond_redirects_or_answers_422(rf, tree):
    token = idempotency.new_form_token()
    request = rf.post("/portal/x/")
    request.citizen = CITIZEN
    first = idempotency.respond(request, token, {"a": 1}, make_handler(tree["office_a"], []))
    again = idempotency.respond(request, token, {"a": 1}, make_handler(tree["office_a"], []))
    assert first.status_code == again.status_code == 302 and first.url == again.url
    changed = idempotency.respond(request, token, {"a": 2}, make_handler(tree["office_a"], []))
    assert changed.status_code == 422 and "提交内容不一致" in changed.content.decode()


@pytest.mark.django_db(transaction=True)
def test_concurrent_identical_submissions_create_one_record():
    from tests import factories

    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("SQLite in-memory test databases lock tables across threads; run against PostgreSQL")
    record = factories.county_tree()["office_a"]
    token = idempotency.new_form_token()
    calls, urls, errors = [], [], []
    barrier = threading.Barrier(10)

    def submit():
        try:
            barrier.wait()
            urls.append(idempotency.submit_once(CITIZEN, token, {"a": 1}, make_handler(record, calls)).url)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(calls) == 1 and TrackingCode.objects.count() == 1 and len(set(urls)) == 1 and len(urls) == 10


@pytest.mark.django_db(transaction=True)
def test_a_duplicate_of_a_submission_in_flight_gets_409():
    if connection.vendor != "postgresql":
        pytest.skip("bounded lock waits are a PostgreSQL feature; SQLite serialises the two requests instead")
    from django.test import RequestFactory

    from tests import factories

    record = factories.county_tree()["office_a"]
    token = idempotency.new_form_token()
    started, release = threading.Event(), threading.Event()

    def slow_handler():
        started.set()
        release.wait(15)
        return "/portal/mine/"

    first = threading.Thread(target=lambda: (idempotency.submit_once(CITIZEN, token, {"a": 1}, slow_handler),
                                             connection.close()))
    first.start()
    try:
        assert started.wait(10)
        request = RequestFactory().post("/portal/x/")
        request.citizen = CITIZEN
        response = idempotency.respond(request, token, {"a": 1}, make_handler(record, []))
        assert response.status_code == 409 and "正在处理" in response.content.decode()
    finally:
        release.set()
        first.join()
    assert PortalSubmission.objects.count() == 1 and not TrackingCode.objects.exists()
    replay = idempotency.submit_once(CITIZEN, token, {"a": 1}, make_handler(record, []))
    assert replay.replayed and replay.url == "/portal/mine/"
