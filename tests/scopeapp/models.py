import uuid

from django.db import models

from sifa.core.models import ScopedModel


class MemoStatus(models.TextChoices):
    OPEN = "open", "办理中"
    CLOSED = "closed", "已办结"


class Memo(ScopedModel):
    """A minimal business record: an org, a status set by the server, an int id and a public UUID."""

    uuid = models.UUIDField("公开编号", default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("内容", blank=True)
    status = models.CharField("状态", max_length=10, choices=MemoStatus.choices, default=MemoStatus.OPEN)

    class Meta:
        verbose_name = "备忘"
        verbose_name_plural = "备忘"
        ordering = ["-id"]

    def __str__(self):
        return self.title
