"""Background jobs: inline when Redis is absent, through a real Celery worker when it is present."""

import io
import os
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from sifa.core import jobs, notify
from sifa.core.models import AuditEvent, Job
from sifa.core.models.audit import AuditEventType
from sifa.core.models.jobs import JobStatus


@jobs.task
def failing_task(job):
    job.report(30, "正在核对")
    raise ValidationError("第3行身份证号码校验位不正确。")


@jobs.task
def crashing_task(job):
    raise RuntimeError("boom")


@jobs.task
def counting_task(job):
    for i in range(1, 5):
        job.report(i * 25, f"第{i}步")
    return {"steps": 4, "who": job.user.username if job.user else None}


@jobs.task
def where_am_i(job):
    import threading

    return {"thread": threading.current_thread().name}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_inline_job_from_the_org_page(client, bureau_user, media, django_capture_on_commit_callbacks):
    client.force_login(bureau_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/orgs/directory/")
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    assert job.status == JobStatus.DONE and job.progress == 100 and job.result == {"rows": 3}
    assert job.message == "已生成机构名录，共 3 个机构"
    page = client.get(response.url).content.decode()
    assert "下载结果文件" in page and "hx-trigger" not in page and "vendor/htmx.min.js" in page
    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sorted(r[0] for r in sheet.iter_rows(min_row=2, values_only=True)) == sorted(
        ["砀山县司法局", "砀城司法所", "周寨司法所"])
    assert AuditEvent.objects.filter(event=AuditEventType.EXPORT, verb="导出机构名录", username="bureau_staff").exists()
    # the owner hears about it in the inbox
    assert notify.inbox_for(bureau_user).filter(title__contains="机构名录导出", link=f"/jobs/{job.pk}/").exists()


def test_results_are_for_the_owner_only(client, bureau_user, office_user, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.submit("机构名录导出", "sifa.core.tasks.org_directory", {}, bureau_user)
    client.force_login(office_user)
    for suffix in ("", "progress/", "download/"):
        assert client.get(f"/jobs/{job.pk}/{suffix}").status_code == 404
    assert AuditEvent.objects.filter(event=AuditEventType.DENIED, object_type="core.job", username="clerk_a").count() == 3
    assert job.name not in client.get("/jobs/").content.decode()


def test_running_job_page_polls_with_htmx(client, office_user):
    job = Job.objects.create(name="生成报表", task="x", user=office_user, status=JobStatus.RUNNING, progress=40,
                             message="正在汇总")
    client.force_login(office_user)
    fragment = client.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert f'hx-get="/jobs/{job.pk}/progress/"' in fragment and 'hx-trigger="every 2s"' in fragment
    assert 'value="40"' in fragment and "正在汇总" in fragment


def test_progress_result_and_user_context(office_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.submit("计数", f"{__name__}.counting_task", {"n": 4}, office_user)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress == 100 and job.message == "第4步"
    assert job.result == {"steps": 4, "who": "clerk_a"} and job.finished_at is not None


def test_validation_failure_is_reported_in_chinese(office_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.submit("导入", f"{__name__}.failing_task", {}, office_user)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.progress == 30
    assert job.message == "任务未完成：第3行身份证号码校验位不正确。"


def test_crash_is_reported_without_details(office_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.submit("导入", f"{__name__}.crashing_task", {}, office_user)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "boom" not in job.message
    assert notify.inbox_for(office_user).filter(title="后台任务“导入”未能完成").exists()


def test_only_registered_tasks_with_json_params(office_user):
    with pytest.raises(ValueError, match="未登记"):
        jobs.submit("x", "os.system", {}, office_user)
    with pytest.raises(ValueError, match="JSON"):
        jobs.submit("x", f"{__name__}.counting_task", {"when": object()}, office_user)
    assert not Job.objects.exists()


def test_a_job_runs_once(office_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.submit("计数", f"{__name__}.counting_task", {}, office_user)
    Job.objects.filter(pk=job.pk).update(message="已处理")
    jobs.execute(job.pk)  # a redelivered message
    job.refresh_from_db()
    assert job.message == "已处理"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_job_through_a_real_celery_worker(settings, tmp_path):
    """REDIS_URL set: the job travels through Redis (database 15) to an in-process Celery worker."""
    import redis
    from celery.contrib.testing.worker import start_worker

    from sifa.celery_app import app
    from tests import factories

    broker = os.environ.get("SIFA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(broker, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {broker}")
    redis.Redis.from_url(broker).flushdb()
    settings.REDIS_URL = broker
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.MEDIA_ROOT = tmp_path
    saved = {k: app.conf.get(k) for k in ("broker_url", "task_always_eager", "result_backend")}
    app.conf.update(broker_url=broker, task_always_eager=False, result_backend=None)
    try:
        user = factories.user(factories.county_tree()["bureau"], role="section_staff")
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            job = jobs.submit("机构名录导出", "sifa.core.tasks.org_directory", {}, user)
            probe = jobs.submit("运行位置", f"{__name__}.where_am_i", {}, user)
            wait_for(job, probe)
    finally:
        app.conf.update(saved)
    assert job.status == JobStatus.DONE, job.message
    assert job.result == {"rows": 3} and jobs.result_path(job) is not None
    assert probe.result["thread"] != threading.current_thread().name  # ran in the worker, not inline


def wait_for(*pending, timeout=30):
    deadline = time.monotonic() + timeout
    for job in pending:
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.status in (JobStatus.DONE, JobStatus.FAILED):
                break
            time.sleep(0.1)


def test_job_list_all_jobs_for_the_system_administrator_only(client, tree, office_user, bureau_user):
    from sifa.core.models import Role
    from tests import factories

    first = Job.objects.create(name="甲的任务", task="x", user=office_user)
    second = Job.objects.create(name="乙的任务", task="x", user=bureau_user)
    client.force_login(office_user)
    html = client.get("/jobs/", {"all": "1"}).content.decode()
    assert "甲的任务" in html and "乙的任务" not in html and "查看全部任务" not in html
    admin = factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN)
    client.force_login(admin)
    assert "甲的任务" not in client.get("/jobs/").content.decode()
    html = client.get("/jobs/", {"all": "1"}).content.decode()
    assert "甲的任务" in html and "乙的任务" in html
    assert f'href="/jobs/{first.pk}/"' not in html and f'href="/jobs/{second.pk}/"' not in html  # not theirs to open
