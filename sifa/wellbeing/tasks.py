"""The background job that evaluates every subject in the submitting user's scope (also run by
`sifa wellbeing evaluate`)."""

from sifa.core import jobs


@jobs.task
def evaluate_warnings(job):
    from . import actions

    job.report(10, "正在评估心理预警")
    counts = actions.evaluate_all(job.user, on=job.params.get("on"))
    job.report(100, f"已评估{counts['subjects']}人：高风险{counts['high']}人，中风险{counts['medium']}人，"
                    f"新发预警{counts['new']}条")
    return counts
