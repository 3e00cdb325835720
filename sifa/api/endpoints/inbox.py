"""The caller's own inbox (站内消息) and background jobs. Nobody reads another person's."""

from datetime import datetime
from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema

from sifa.core import notify
from sifa.core.models import Job, Notification
from sifa.core.models.jobs import JobStatus

from ..auth import acting_user
from ..pagination import Page, PageParams, paginate
from ..scope import get_scoped_or_404, scoped

notifications = Router(tags=["站内消息"])
jobs = Router(tags=["后台任务"])


class NotificationOut(Schema):
    id: int
    title: str = Field(..., title="标题")
    body: str = Field(..., title="内容")
    link: str = Field(..., title="链接")
    category: str = Field(..., title="类别")
    created_at: datetime = Field(..., title="时间")
    read_at: datetime | None = Field(None, title="阅读时间")


class NotificationFilter(FilterSchema):
    unread: Annotated[bool | None, FilterLookup("read_at__isnull")] = Field(None, title="仅未读")
    category: Annotated[str | None, FilterLookup("category")] = Field(None, title="类别", max_length=30)


class MarkedOut(Schema):
    marked: int = Field(..., title="标记为已读的条数")


@notifications.get("", response=Page[NotificationOut], summary="我的站内消息")
def list_notifications(request, filters: Query[NotificationFilter], paging: Query[PageParams]):
    return paginate(filters.filter(scoped(request, Notification)).order_by("-id"), paging)


@notifications.post("/{int:id}/read", response=NotificationOut, summary="标记为已读")
def mark_read(request, id: int):
    notification = get_scoped_or_404(request, Notification, id)
    notify.mark_read(acting_user(request), notification)
    return notification


@notifications.post("/read-all", response=MarkedOut, summary="全部标记为已读")
def mark_all_read(request):
    return {"marked": notify.mark_all_read(acting_user(request))}


class JobOut(Schema):
    id: int
    name: str = Field(..., title="任务")
    status: JobStatus = Field(..., title="状态")
    status_label: str = Field(..., title="状态名称")
    progress: int = Field(..., title="进度(%)")
    message: str = Field(..., title="说明")
    result: dict | list | None = Field(None, title="结果")
    has_file: bool = Field(..., title="有结果文件")
    created_at: datetime = Field(..., title="提交时间")
    finished_at: datetime | None = Field(None, title="完成时间")

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_has_file(obj):
        return bool(obj.result_file)


class JobFilter(FilterSchema):
    status: Annotated[JobStatus | None, FilterLookup("status")] = Field(None, title="状态")


@jobs.get("", response=Page[JobOut], summary="我的后台任务")
def list_jobs(request, filters: Query[JobFilter], paging: Query[PageParams]):
    return paginate(filters.filter(scoped(request, Job)).order_by("-id"), paging)


@jobs.get("/{int:id}", response=JobOut, summary="后台任务状态")
def get_job(request, id: int):
    return get_scoped_or_404(request, Job, id)
