"""Running the site (issue #14, items 8 and 9): no session cleanup on the request path, no secrets in the log, no `Server:`
header, and a warning when several worker processes would each keep their own rate-limit counters."""

import logging
import threading
import urllib.request
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sifa.core import deployment, notify
from sifa.demo.management.commands import demo


def test_sessions_are_not_deleted_on_the_request_path(client, office_user):
    """An idle-expired cookie is refused without a DELETE in the request; `clearsessions` removes the row."""
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(office_user)
        key = client.cookies["sessionid"].value
        traveller.move_to(start + timedelta(minutes=31))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 302
        assert not [q for q in queries if q["sql"].lstrip().upper().startswith("DELETE")]
        assert Session.objects.filter(session_key=key).exists()
        call_command("clearsessions")
        assert not Session.objects.filter(session_key=key).exists()


def test_the_sms_log_holds_no_code_and_no_full_number(caplog, settings, capsys):
    settings.SIFA_SMS_CONSOLE = False
    with caplog.at_level(logging.INFO, logger="sifa.notify"):
        notify.LoggingSMSBackend().send("13812345678", "【司法行政】您的验证码是 482916，5分钟内有效。")
    assert "482916" not in caplog.text and "13812345678" not in caplog.text
    assert "******" in caplog.text and "138****5678" in caplog.text
    assert capsys.readouterr().err == ""
    settings.SIFA_SMS_CONSOLE = True  # the demo: the whole text on its console, still not in the log
    with caplog.at_level(logging.INFO, logger="sifa.notify"):
        notify.LoggingSMSBackend().send("13812345678", "验证码 771204")
    assert "771204" in capsys.readouterr().err and "771204" not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_the_demo_server_sends_no_server_header():
    from django.core.wsgi import get_wsgi_application

    server = demo.make_server(get_wsgi_application(), "127.0.0.1", 0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        port = server.socket.getsockname()[1]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=10) as response:
            assert response.status == 200
            assert response.headers.get("Server") is None and response.headers.get("Via") is None
    finally:
        server.close()


def test_several_workers_without_redis_are_warned(monkeypatch, settings):
    settings.REDIS_URL = ""
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    [warning] = deployment.check_shared_rate_limits(None)
    assert warning.id == "sifa.W014" and "REDIS_URL" in warning.msg and "4" in warning.msg
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert deployment.check_shared_rate_limits(None) == []
    settings.REDIS_URL = ""
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    assert deployment.check_shared_rate_limits(None) == []
