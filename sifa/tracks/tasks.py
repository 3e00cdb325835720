"""Background jobs of the track line (sifa.core.jobs): a screening run and a 失联 check for an org."""

from __future__ import annotations

from sifa.core import jobs
from sifa.core.models import OrgUnit

from . import actions, screening


@jobs.task
def run_screening(job):
    p = job.params
    org = OrgUnit.objects.get(pk=p["org"])
    rule = screening.EpisodeRule(buffer_m=float(p.get("buffer_m", 200)), min_minutes=float(p.get("min_minutes", 30)),
                                 min_points=int(p.get("min_points", 3)), gap_hours=float(p.get("gap_hours", 3)))
    job.report(10, "正在读取定位点")
    run = actions.run_screening(job.user, org=org, start=p["start"], end=p["end"], rule=rule)
    job.report(100, f"排查{run.subjects}人、{run.points}个定位点，发现{run.found}人{run.episodes}段外出，"
                    f"新增预警{run.new_alerts}条")
    return {"run": run.pk, "subjects": run.subjects, "found": run.found, "episodes": run.episodes}


@jobs.task
def check_silence(job):
    org = OrgUnit.objects.get(pk=job.params["org"])
    alerts = actions.check_silence(job.user, org=org, hours=job.params.get("hours"))
    job.report(100, f"新增失联预警{len(alerts)}条")
    return {"alerts": len(alerts)}
