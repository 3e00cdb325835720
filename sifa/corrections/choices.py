"""The choices the corrections rules are written in (矫正类别, 分类管理, 外出, 考核奖惩), apart from the models so that
rules.py can read them and the models can ask the rules (a leave that needs the county, a sanction's ground)
without the two modules importing each other. The models module re-exports them.
"""

from django.db import models


class Category(models.TextChoices):
    """矫正类别 (《社区矫正法》第二条)."""

    CONTROL = "control", "管制"
    PROBATION = "probation", "缓刑"
    PAROLE = "parole", "假释"
    OUTSIDE = "outside", "暂予监外执行"


class Level(models.TextChoices):
    """分类管理 (第二十四条); the tiers and their duties are set by the province."""

    STRICT = "strict", "严管"
    NORMAL = "normal", "普管"
    LENIENT = "lenient", "宽管"


class LeaveKind(models.TextChoices):
    TRIP = "trip", "外出请假"
    FREQUENT = "frequent", "经常性跨市、县活动"


class SanctionKind(models.TextChoices):
    PRAISE = "praise", "表扬"
    ADMONITION = "admonition", "训诫"
    WARNING = "warning", "警告"
    PUBLIC_SECURITY = "public_security", "提请治安管理处罚"
    REVOKE_PROBATION = "revoke_probation", "提请撤销缓刑"
    REVOKE_PAROLE = "revoke_parole", "提请撤销假释"
    COMMIT = "commit", "提请收监执行"
