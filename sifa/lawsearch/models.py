"""The law corpus as records: laws (one row per published version), their articles and the citations between
them, plus the log of searches that the indicators count. Laws are public: no data scope; the search log
carries the searching user's org path so topics can be counted by township."""

from django.db import models

from sifa.core.models import ScopedModel


class Level(models.TextChoices):
    CONSTITUTION = "宪法", "宪法"
    LAW = "法律", "法律"
    ADMINISTRATIVE = "行政法规", "行政法规"
    JUDICIAL = "司法解释", "司法解释"
    DEPARTMENTAL = "部门规章", "部门规章"
    LOCAL = "地方性法规", "地方性法规"
    NORMATIVE = "规范性文件", "规范性文件"
    CASE = "案例", "案例"
    OTHER = "其他", "其他"


class LawStatus(models.TextChoices):
    CURRENT = "有效", "有效"
    AMENDED = "已修改", "已修改"
    REPEALED = "已废止", "已废止"


class Law(models.Model):
    source_path = models.CharField("来源文件", max_length=300, unique=True)
    content_hash = models.CharField("内容摘要", max_length=64)
    title = models.CharField("标题", max_length=300)
    subtitle = models.CharField("分编", max_length=100, blank=True)
    short_name = models.CharField("简称", max_length=200, db_index=True)
    level = models.CharField("效力级别", max_length=20, choices=Level.choices, db_index=True)
    issuer = models.CharField("制定机关", max_length=100, blank=True)
    published = models.DateField("公布日期", null=True, blank=True)
    effective = models.DateField("施行日期", null=True, blank=True)
    status = models.CharField("时效性", max_length=10, choices=LawStatus.choices, db_index=True)
    history = models.TextField("沿革", blank=True)
    preamble = models.TextField("序言", blank=True)
    superseded_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="earlier_versions", verbose_name="被新版本取代")
    imported_at = models.DateTimeField("导入时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "法律法规"
        ordering = ["short_name", "subtitle", "-published"]

    def __str__(self):
        return f"{self.title}（{self.published or '日期不详'}）"

    def versions(self):
        return Law.objects.filter(short_name=self.short_name, subtitle=self.subtitle).order_by("-published")


class Article(models.Model):
    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="articles", verbose_name="法规")
    number = models.PositiveIntegerField("条号")
    sub_number = models.PositiveSmallIntegerField("之几", default=0)
    label = models.CharField("条", max_length=30)
    part = models.CharField("编", max_length=100, blank=True)
    chapter = models.CharField("章", max_length=100, blank=True)
    section = models.CharField("节", max_length=100, blank=True)
    text = models.TextField("条文")
    clauses = models.JSONField("款项", default=list)
    source_line = models.PositiveIntegerField("源文件行号", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "条文"
        ordering = ["law", "number", "sub_number"]
        constraints = [models.UniqueConstraint(fields=["law", "number", "sub_number"], name="lawsearch_article_unique")]

    def __str__(self):
        return self.cite_id

    @property
    def cite_id(self) -> str:
        return f"{self.law.short_name}{self.label}"


class Citation(models.Model):
    """A citation in an article's text; ``target`` stays empty when the cited article does not exist."""

    source = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="citations", verbose_name="引用条文")
    text = models.CharField("引用文字", max_length=120)
    target_law_name = models.CharField("被引法规", max_length=200, blank=True)
    target_number = models.PositiveIntegerField("被引条号", null=True, blank=True)
    target_clause = models.SmallIntegerField("被引款", null=True, blank=True)
    target = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="cited_by", verbose_name="被引条文")

    class Meta:
        verbose_name = verbose_name_plural = "条文引用"

    def __str__(self):
        return self.text

    @property
    def resolved(self) -> bool:
        return self.target_id is not None


class Channel(models.TextChoices):
    PORTAL = "portal", "群众门户"
    STAFF = "staff", "工作人员"
    API = "api", "接口"


class Outcome(models.TextChoices):
    FOUND = "found", "有结果"
    NOTHING = "nothing", "无结果"
    REFUSED = "refused", "无法检索"


class Topic(models.TextChoices):
    LABOUR = "劳动", "劳动与社保"
    FAMILY = "婚姻家庭", "婚姻家庭与继承"
    CONTRACT = "合同债务", "合同与债务"
    TORT = "侵权赔偿", "侵权与赔偿"
    TRAFFIC = "交通", "道路交通"
    CRIMINAL = "刑事", "刑事"
    CONSUMER = "消费", "消费者权益"
    LAND = "土地房产", "土地与房产"
    ADMINISTRATIVE = "行政", "行政管理与诉讼"
    OTHER = "其他", "其他"


class SearchLog(ScopedModel):
    """One search, owned by the searching staff member's unit, or by the county bureau for the public portal;
    what was asked is kept (to improve the corpus and the Q&A), who asked is not."""

    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    query = models.CharField("检索内容", max_length=500)
    kind = models.CharField("类型", max_length=20)
    outcome = models.CharField("结果", max_length=10, choices=Outcome.choices)
    result_count = models.PositiveSmallIntegerField("结果数")
    top_id = models.CharField("首条结果", max_length=200, blank=True)
    topic = models.CharField("主题", max_length=10, choices=Topic.choices, default=Topic.OTHER)

    class Meta:
        verbose_name = verbose_name_plural = "法搜检索记录"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["org_path", "created_at"], name="ls_searchlog_scope_at")]

    def __str__(self):
        return self.query[:40]


class QAEntry(ScopedModel):
    """A question answered by staff (from a consultation, personal data removed), linked to the articles it
    rests on; published entries are searched with the same ranker and shown to citizens."""

    question = models.CharField("问题", max_length=500)
    answer = models.TextField("解答")
    article_ids = models.JSONField("依据条文", default=list)
    source = models.CharField("来源", max_length=100, blank=True)
    published = models.BooleanField("已发布", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "法律问答"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["org_path", "created_at"], name="ls_qa_scope_at")]

    def __str__(self):
        return self.question[:40]
