"""Pages of the staff shell: inbox, background jobs, the org directory. Included by sifa.core.urls, so the
names live in the `core` namespace (core:inbox, core:jobs, core:org_list …)."""

from django.urls import path

from . import navigation, views_due, views_inbox, views_jobs, views_orgs

urlpatterns = [
    path("due/", views_due.due_list, name="due"),
    path("inbox/", views_inbox.inbox, name="inbox"),
    path("inbox/read-all/", views_inbox.mark_all_read, name="inbox_read_all"),
    path("inbox/<int:pk>/open/", views_inbox.open_message, name="inbox_open"),
    path("inbox/<int:pk>/read/", views_inbox.mark_read, name="inbox_read"),
    path("jobs/", views_jobs.job_list, name="jobs"),
    path("jobs/<int:pk>/", views_jobs.job_detail, name="job_detail"),
    path("jobs/<int:pk>/progress/", views_jobs.job_progress, name="job_progress"),
    path("jobs/<int:pk>/download/", views_jobs.job_download, name="job_download"),
    path("orgs/", views_orgs.OrgUnitList.as_view(), name="org_list"),
    path("orgs/directory/", views_orgs.org_directory_job, name="org_directory_job"),
    path("orgs/<int:pk>/", views_orgs.OrgUnitDetail.as_view(), name="org_detail"),
]

# Side navigation of these pages (the system administrator manages org units in the administration console).
for entry in (
    navigation.NavEntry("基础信息", "机构", "core:org_list", capability="read_records", order=900),
    navigation.NavEntry("个人事务", "站内消息", "core:inbox", capability="read_records", order=950),
    navigation.NavEntry("个人事务", "后台任务", "core:jobs", capability="read_records", order=950),
    navigation.NavEntry("系统管理", "后台任务", "core:jobs", capability="manage_jobs", order=900),
):
    navigation.register(entry)
