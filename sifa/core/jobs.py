"""Background jobs: reminders, report generation, screening runs, large imports and exports.

A task is a function registered with `@jobs.task` that takes a `JobHandle`:

    @jobs.task
    def build_year_report(job):
        job.report(10, "正在汇总指标")
        ...
        job.save_file("2024年工作报告.docx", content)
        return {"pages": 12}

    job = jobs.submit("生成年度工作报告", "sifa.reports.tasks.build_year_report", {"year": 2024}, request.user)

With REDIS_URL set, the job goes to a Celery worker; without it (CELERY_TASK_ALWAYS_EAGER) it runs inline once the
submitting transaction commits. Either way the same `execute` runs it, records progress, result and failure on the
Job row, binds the submitting user for audit rows, and tells the user in the inbox when it has finished.
"""

import json
import logging
import secrets
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import get_valid_filename

from . import request_context
from .models.jobs import Job, JobStatus

log = logging.getLogger("sifa.jobs")

_registry: dict[str, Callable] = {}

RESULT_DIR = "jobs"


def task(function: Callable) -> Callable:
    """Register a job function under its dotted path; only registered functions can be submitted."""
    _registry[f"{function.__module__}.{function.__qualname__}"] = function
    return function


def resolve(task_path: str) -> Callable:
    if task_path not in _registry:
        try:
            import_string(task_path)  # importing the module registers its tasks
        except ImportError:
            pass
    function = _registry.get(task_path)
    if function is None:
        raise ValueError(f"未登记的后台任务：{task_path}")
    return function


def result_root() -> Path:
    return Path(settings.MEDIA_ROOT) / RESULT_DIR


class JobHandle:
    """What a task function sees: its parameters, the submitting user, progress reporting and a result file."""

    def __init__(self, job: Job):
        self.job = job
        self.params = job.params or {}
        self.user = job.user
        self.last_message = ""

    def report(self, percent: int, message: str = "") -> None:
        percent = max(0, min(100, int(percent)))
        self.last_message = message or self.last_message
        Job.objects.filter(pk=self.job.pk).update(progress=percent, message=message[:500])

    def save_file(self, filename: str, content: bytes) -> str:
        """Keep the result file in private storage; only the submitting user may download it."""
        safe_name = get_valid_filename(filename) or "result.bin"
        relative = Path(RESULT_DIR) / str(self.job.pk) / secrets.token_hex(8) / safe_name
        target = Path(settings.MEDIA_ROOT) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        Job.objects.filter(pk=self.job.pk).update(result_file=str(relative))
        self.job.result_file = str(relative)
        return str(relative)


def submit(name: str, task_path: str, params: dict | None = None, user=None) -> Job:
    """Create the Job and start it once the surrounding transaction commits."""
    resolve(task_path)
    params = params or {}
    try:
        json.dumps(params)
    except (TypeError, ValueError):
        raise ValueError("任务参数必须可以保存为JSON（只含文字、数字、列表和字典）。")
    job = Job.objects.create(name=name[:100], task=task_path, params=params, user=user,
                             message="排队等待执行")
    transaction.on_commit(lambda: dispatch(job.pk))
    return job


def dispatch(job_id: int) -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        execute(job_id)
        return
    from sifa.celery_app import app

    try:  # by name (tasks.run_job), so this module does not import the tasks that import it
        app.send_task("sifa.core.run_job", args=[job_id], retry=True,
                      retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1})
    except Exception:
        # The queue is unreachable: run here rather than lose the job (SECURITY.md G6 degradation).
        log.exception("任务队列不可用，任务 %s 改为本地执行", job_id)
        execute(job_id)


def _finish(job_id: int, status: str, message: str, result=None, progress: int | None = None) -> None:
    fields = {"status": status, "message": message[:500], "result": result, "finished_at": timezone.now()}
    if progress is not None:
        fields["progress"] = progress
    Job.objects.filter(pk=job_id).update(**fields)


def _jsonable(value):
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return str(value)


def execute(job_id: int) -> None:
    """Run one queued job. A job already claimed (a redelivered message) is left alone."""
    if not Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(status=JobStatus.RUNNING,
                                                                        message="正在执行"):
        return
    job = Job.objects.select_related("user", "user__org").get(pk=job_id)
    handle = JobHandle(job)
    token = request_context.bind(request_context.RequestContext(user=job.user, request_id=f"job-{job.pk}"))
    try:
        function = resolve(job.task)
        result = function(handle)
    except ValidationError as exc:
        _finish(job.pk, JobStatus.FAILED, "任务未完成：" + "；".join(exc.messages))
    except Exception:
        log.exception("后台任务 %s（%s）执行出错", job.pk, job.task)
        _finish(job.pk, JobStatus.FAILED, "任务执行出错，请稍后重试或联系系统管理员。")
    else:
        _finish(job.pk, JobStatus.DONE, handle.last_message or "已完成", _jsonable(result), progress=100)
    finally:
        request_context.reset(token)
    _tell_owner(job.pk)


def _tell_owner(job_id: int) -> None:
    from .notify import notify

    job = Job.objects.select_related("user").get(pk=job_id)
    if job.user is None:
        return
    outcome = "已完成" if job.status == JobStatus.DONE else "未能完成"
    notify(job.user, f"后台任务“{job.name}”{outcome}", body=job.message,
           link=reverse("core:job_detail", args=[job.pk]), category="后台任务")


def result_path(job: Job) -> Path | None:
    """The result file on disk, if it exists and lies inside the jobs storage."""
    if not job.result_file:
        return None
    root = result_root().resolve()
    path = (Path(settings.MEDIA_ROOT) / job.result_file).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path
