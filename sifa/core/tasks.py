"""Celery entry point of the job runner, and the platform's own job functions.

Lines put their job functions in their own modules with `@jobs.task`; Celery only ever runs `run_job`, which
looks the function up in the job registry, so a message on the queue cannot name arbitrary code."""

from sifa.celery_app import app

from . import audit, jobs
from .models.audit import AuditEventType


@app.task(name="sifa.core.run_job", ignore_result=True)
def run_job(job_id: int) -> None:
    jobs.execute(job_id)


@jobs.task
def org_directory(job):
    """机构名录: the submitting user's org subtree as an .xlsx file."""
    from .access import orgs_within_reach
    from .listing import write_xlsx
    from .models.orgs import OrgUnit
    from .org_directory import ORG_COLUMNS

    orgs = orgs_within_reach(job.user).select_related("division", "parent")
    total = orgs.count()
    job.report(5, f"共 {total} 个机构，开始整理")
    rows = []
    for index, org in enumerate(orgs.iterator(), start=1):
        rows.append([c.display(org, OrgUnit) for c in ORG_COLUMNS])
        if index % 50 == 0 or index == total:
            job.report(5 + int(85 * index / max(total, 1)), f"已整理 {index}/{total} 个机构")
    content = write_xlsx("机构名录", [c.label_for(OrgUnit) for c in ORG_COLUMNS], rows)
    job.save_file("机构名录.xlsx", content)
    audit.record(AuditEventType.EXPORT, user=job.user, object_type="core.orgunit", verb="导出机构名录",
                 after={"rows": total})
    job.report(100, f"已生成机构名录，共 {total} 个机构")
    return {"rows": total}
