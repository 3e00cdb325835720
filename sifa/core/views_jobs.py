"""My background jobs: list, a page that polls progress (htmx), and the result download (own jobs only)."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import jobs
from .listing import get_scoped_or_404, paginate
from .models.jobs import Job, JobStatus
from .roles import has_capability


def _own_jobs(request):
    return Job.objects.filter(user=request.user)


def _job_context(job) -> dict:
    return {"job": job, "running": job.status in (JobStatus.QUEUED, JobStatus.RUNNING),
            "has_file": job.status == JobStatus.DONE and jobs.result_path(job) is not None}


@require_GET
def job_list(request):
    everyone = request.GET.get("all") == "1" and has_capability(request.user, "manage_jobs")
    queryset = Job.objects.select_related("user") if everyone else _own_jobs(request)
    page = paginate(request, queryset.order_by("-id"), 20)
    return render(request, "core/jobs.html", {"page": page, "everyone": everyone,
                                              "can_see_all": has_capability(request.user, "manage_jobs")})


@require_GET
def job_detail(request, pk):
    job = get_scoped_or_404(_own_jobs(request), Job, pk)
    return render(request, "core/job_detail.html", _job_context(job))


@require_GET
def job_progress(request, pk):
    job = get_scoped_or_404(_own_jobs(request), Job, pk)
    return render(request, "core/_job_progress.html", _job_context(job))


@require_GET
def job_download(request, pk):
    job = get_scoped_or_404(_own_jobs(request), Job, pk, verb="下载任务结果")
    path = jobs.result_path(job)
    if job.status != JobStatus.DONE or path is None:
        raise Http404("该任务没有可下载的结果文件。")
    response = FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
