"""普法与依法治理 and 法治乡村 (DOMAIN.md §8): activities of every form, media posts, 法治阵地, 民主法治示范村,
法律明白人/法治带头人, the yearly plan and each agency's 谁执法谁普法 list, and the 学法考法 question banks and
attempts. A village is a `core.Division` (12 digits); an activity or a person in a village is owned by the
司法所 of its township (or the unit that recorded it), so scope is the org tree as everywhere.

Field changes happen only through sifa.publicity.actions.
"""

from django.db import models
from django.urls import reverse

from sifa.core.models import ScopedModel


class Form(models.TextChoices):
    PUBLICITY = "publicity", "宣传"
    LECTURE = "lecture", "讲座"
    CASE = "case", "以案释法"
    COUNTRYSIDE = "countryside", "送法下乡"
    NEW_MEDIA = "new_media", "新媒体"
    ARTS = "arts", "文艺"
    QUIZ = "quiz", "学法考法"


class Audience(models.TextChoices):
    PUBLIC = "public", "村（居）民群众"
    MIGRANT = "migrant", "农民工"
    ELDERLY = "elderly", "老年人"
    STUDENTS = "students", "青少年学生"
    ENTERPRISES = "enterprises", "企业经营者和职工"
    OFFICIALS = "officials", "领导干部和公职人员"
    CADRES = "cadres", "村（社区）干部"
    WOMEN = "women", "妇女儿童"


class Topic(models.TextChoices):
    """普法主题. The first ten are the needs Sifa can measure from consultations and disputes (needs.py maps
    each consultation category and dispute type onto one of them)."""

    MARRIAGE = "marriage", "婚姻家庭与继承"
    LABOUR = "labour", "劳动就业与欠薪维权"
    LAND = "land", "土地、宅基地与房产"
    CONTRACT = "contract", "合同与民间借贷"
    TORT = "tort", "人身财产损害赔偿"
    TRAFFIC = "traffic", "道路交通安全"
    NEIGHBOUR = "neighbour", "邻里关系与相邻权"
    CONSUMER = "consumer", "消费者权益保护"
    ADMINISTRATIVE = "administrative", "依法行政与行政争议"
    CRIMINAL = "criminal", "刑事法律与预防犯罪"
    CONSTITUTION = "constitution", "宪法"
    CIVIL_CODE = "civil_code", "民法典（综合）"
    ANTI_FRAUD = "anti_fraud", "防范电信网络诈骗"
    MINORS = "minors", "未成年人保护"
    OTHER = "other", "其他"


class Activity(ScopedModel):
    """One 普法 event: a stall, a lecture, a case explained, 送法下乡, a show, a quiz…"""

    held_on = models.DateField("活动日期")
    title = models.CharField("活动名称", max_length=200)
    form = models.CharField("活动形式", max_length=15, choices=Form.choices)
    topic = models.CharField("普法主题", max_length=20, choices=Topic.choices)
    audience = models.CharField("对象", max_length=15, choices=Audience.choices, default=Audience.PUBLIC)
    village = models.ForeignKey("core.Division", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                verbose_name="村（社区）")
    township_code = models.CharField("乡镇区划代码", max_length=9, blank=True, db_index=True, editable=False)
    place = models.CharField("活动地点", max_length=200, blank=True)
    organiser = models.CharField("责任单位", max_length=100)
    duty_item = models.ForeignKey("DutyItem", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="activities", verbose_name="落实的普法责任清单事项")
    attendance = models.PositiveIntegerField("受众人次", default=0)
    materials = models.PositiveIntegerField("发放资料（份）", default=0)
    giveaways = models.PositiveIntegerField("发放宣传品（件）", default=0)
    banners = models.PositiveIntegerField("悬挂标语（条）", default=0)
    boards = models.PositiveIntegerField("展板板报（块）", default=0)
    consultations = models.PositiveIntegerField("现场咨询（人次）", default=0)
    note = models.TextField("活动情况", blank=True)
    source_system = models.CharField("来源系统", max_length=50, blank=True)

    class Meta:
        verbose_name = "普法活动"
        verbose_name_plural = "普法活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org_path", "held_on"], name="pub_activity_scope_date",
                                include=["form", "topic", "audience", "attendance", "materials"])]

    def __str__(self):
        return f"{self.held_on} {self.title}"

    def get_absolute_url(self):
        return reverse("publicity:activity_detail", args=[self.pk])


class Platform(models.TextChoices):
    WEBSITE = "website", "门户网站"
    WECHAT = "wechat", "微信公众号"
    WEIBO = "weibo", "微博"
    VIDEO = "video", "抖音等短视频"
    OTHER = "other", "其他平台"


class MediaPost(ScopedModel):
    published_on = models.DateField("发布日期")
    platform = models.CharField("平台", max_length=10, choices=Platform.choices)
    account = models.CharField("账号名称", max_length=100)
    title = models.CharField("标题", max_length=200)
    topic = models.CharField("普法主题", max_length=20, choices=Topic.choices, default=Topic.OTHER)
    posts = models.PositiveIntegerField("篇数", default=1)
    url = models.URLField("链接", blank=True)

    class Meta:
        verbose_name = "新媒体普法信息"
        verbose_name_plural = "新媒体普法信息"
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["org_path", "published_on"], name="pub_post_scope_date",
                                include=["platform", "posts"])]

    def __str__(self):
        return f"{self.get_platform_display()} {self.title}"

    def get_absolute_url(self):
        return reverse("publicity:post_detail", args=[self.pk])


class VenueKind(models.TextChoices):
    PARK = "park", "法治文化公园（广场）"
    BASE = "base", "法治教育基地"
    CORRIDOR = "corridor", "法治长廊（文化墙）"
    CORNER = "corner", "法治书屋（角）"
    BOARD = "board", "法治宣传栏"


class Level(models.TextChoices):
    NATIONAL = "national", "全国"
    PROVINCIAL = "provincial", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"


class Venue(ScopedModel):
    """法治阵地."""

    name = models.CharField("阵地名称", max_length=100)
    kind = models.CharField("类型", max_length=10, choices=VenueKind.choices)
    level = models.CharField("级别", max_length=10, choices=Level.choices, default=Level.COUNTY)
    village = models.ForeignKey("core.Division", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                verbose_name="所在村（社区）")
    built_on = models.DateField("建成日期")

    class Meta:
        verbose_name = "法治阵地"
        verbose_name_plural = "法治阵地"
        ordering = ["-built_on", "-id"]
        indexes = [models.Index(fields=["org_path", "built_on"], name="pub_venue_scope_date", include=["kind", "level"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("publicity:venue_detail", args=[self.pk])


class VillageStatus(models.TextChoices):
    APPLIED = "applied", "已申报"
    NAMED = "named", "已命名"
    REVOKED = "revoked", "复核未通过（撤销）"
    REJECTED = "rejected", "未获命名"


class ModelVillage(ScopedModel):
    """民主法治示范村（社区）: one application at one level; named, then re-checked."""

    village = models.ForeignKey("core.Division", on_delete=models.PROTECT, related_name="+",
                                verbose_name="村（社区）")
    level = models.CharField("级别", max_length=10, choices=Level.choices)
    year = models.PositiveSmallIntegerField("创建年度")
    status = models.CharField("状态", max_length=10, choices=VillageStatus.choices, default=VillageStatus.APPLIED)
    applied_on = models.DateField("申报日期")
    named_on = models.DateField("命名日期", null=True, blank=True)
    naming_body = models.CharField("命名机关", max_length=100, blank=True)
    rechecked_on = models.DateField("最近复核日期", null=True, blank=True)
    recheck_note = models.CharField("复核意见", max_length=200, blank=True)
    revoked_on = models.DateField("撤销日期", null=True, blank=True)

    class Meta:
        verbose_name = "民主法治示范村"
        verbose_name_plural = "民主法治示范村"
        ordering = ["-year", "level", "id"]
        indexes = [models.Index(fields=["org_path", "named_on"], name="pub_village_scope_named",
                                include=["level", "revoked_on"])]
        constraints = [models.UniqueConstraint(fields=["village", "level"], name="uniq_model_village_level")]

    def __str__(self):
        return f"{self.village.name}（{self.get_level_display()}）"

    def get_absolute_url(self):
        return reverse("publicity:model_village_detail", args=[self.pk])


TARGET_PER_VILLAGE = 3  # 《乡村“法律明白人”培养工作规范（试行）》: 2025年每村不少于3名


class BackboneKind(models.TextChoices):
    UNDERSTANDER = "understander", "法律明白人"
    LEADER = "leader", "法治带头人"


class BackboneSource(models.TextChoices):
    """《乡村“法律明白人”培养工作规范（试行）》: 优先村干部、调解员、网格员、党员、“五老”."""

    CADRE = "cadre", "村（社区）干部"
    MEDIATOR = "mediator", "人民调解员"
    GRID = "grid", "网格员"
    PARTY = "party", "党员"
    ELDER = "elder", "“五老”人员"
    OTHER = "other", "其他群众"


class Assessment(models.TextChoices):
    PENDING = "pending", "待考核"
    PASSED = "passed", "考核合格"
    FAILED = "failed", "考核不合格"


class Backbone(ScopedModel):
    """A 法律明白人 or 法治带头人 of one village."""

    kind = models.CharField("类别", max_length=15, choices=BackboneKind.choices)
    name = models.CharField("姓名", max_length=50)
    id_number = models.CharField("身份证号", max_length=18)
    mobile = models.CharField("手机号码", max_length=11, blank=True)
    village = models.ForeignKey("core.Division", on_delete=models.PROTECT, related_name="+", verbose_name="村（社区）")
    township_code = models.CharField("乡镇区划代码", max_length=9, db_index=True, editable=False)
    source = models.CharField("人员来源", max_length=10, choices=BackboneSource.choices)
    training_hours = models.PositiveSmallIntegerField("培训学时", default=0)
    assessment = models.CharField("考核", max_length=10, choices=Assessment.choices, default=Assessment.PENDING)
    registered_on = models.DateField("登记日期")
    left_on = models.DateField("退出日期", null=True, blank=True)

    sensitive_fields = ("id_number", "mobile")

    class Meta:
        verbose_name = "法律明白人（法治带头人）"
        verbose_name_plural = "法律明白人（法治带头人）"
        ordering = ["village_id", "kind", "id"]
        indexes = [models.Index(fields=["org_path", "registered_on"], name="pub_backbone_scope_date",
                                include=["kind", "left_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"

    def get_absolute_url(self):
        return reverse("publicity:backbone_detail", args=[self.pk])


# --- 普法责任制 -----------------------------------------------------------------------------------------------


class Plan(ScopedModel):
    """The county's yearly 普法 plan (年度普法依法治理工作要点)."""

    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("计划名称", max_length=200)
    focus = models.TextField("工作重点")
    adopted_on = models.DateField("印发日期")

    class Meta:
        verbose_name = "年度普法计划"
        verbose_name_plural = "年度普法计划"
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="uniq_publicity_plan_year")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publicity:plan_detail", args=[self.pk])


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class DutyList(ScopedModel):
    """One agency's 谁执法谁普法 responsibility list for a year, and its year-end evaluation."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="duty_lists", verbose_name="年度普法计划")
    agency = models.ForeignKey("reconsideration.Agency", on_delete=models.PROTECT, related_name="publicity_duties",
                               verbose_name="责任单位")
    evaluated_on = models.DateField("考核日期", null=True, blank=True)
    planned_total = models.PositiveIntegerField("计划场次", default=0)
    done_total = models.PositiveIntegerField("完成场次", default=0)
    grade = models.CharField("考核等次", max_length=10, choices=Grade.choices, blank=True)
    evaluation = models.TextField("考核意见", blank=True)

    class Meta:
        verbose_name = "普法责任清单"
        verbose_name_plural = "普法责任清单"
        ordering = ["plan_id", "agency_id"]
        constraints = [models.UniqueConstraint(fields=["plan", "agency"], name="uniq_duty_list_agency")]

    def __str__(self):
        return f"{self.agency}{self.plan.year}年普法责任清单"

    def get_absolute_url(self):
        return reverse("publicity:duty_detail", args=[self.pk])


class DutyItem(ScopedModel):
    duty_list = models.ForeignKey(DutyList, on_delete=models.CASCADE, related_name="items", verbose_name="责任清单")
    content = models.CharField("普法内容", max_length=200)
    topic = models.CharField("普法主题", max_length=20, choices=Topic.choices, default=Topic.OTHER)
    audience = models.CharField("普法对象", max_length=15, choices=Audience.choices)
    planned_times = models.PositiveSmallIntegerField("计划场次", default=1)
    due_on = models.DateField("完成时限")

    class Meta:
        verbose_name = "责任清单事项"
        verbose_name_plural = "责任清单事项"
        ordering = ["duty_list_id", "due_on", "id"]

    def __str__(self):
        return self.content


# --- 学法考法 -------------------------------------------------------------------------------------------------


class QuizAudience(models.TextChoices):
    PUBLIC = "public", "社会公众"
    OFFICIALS = "officials", "领导干部和公职人员"


class QuestionBank(ScopedModel):
    code = models.SlugField("题库代码", max_length=40, unique=True)
    title = models.CharField("题库名称", max_length=100)
    audience = models.CharField("对象", max_length=10, choices=QuizAudience.choices)
    year = models.PositiveSmallIntegerField("年度")
    minutes = models.PositiveSmallIntegerField("答题时限（分钟）", default=10)
    per_quiz = models.PositiveSmallIntegerField("每次抽题数", default=10)
    pass_score = models.PositiveSmallIntegerField("合格分数", default=60)
    active = models.BooleanField("开放答题", default=True)

    class Meta:
        verbose_name = "学法考法题库"
        verbose_name_plural = "学法考法题库"
        ordering = ["-year", "code"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publicity:bank_detail", args=[self.pk])


class Question(ScopedModel):
    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="questions", verbose_name="题库")
    number = models.PositiveSmallIntegerField("题号")
    text = models.TextField("题干")
    options = models.JSONField("选项", default=list)
    answer = models.CharField("正确答案", max_length=10)
    article_id = models.CharField("法律依据（条文）", max_length=100)
    explanation = models.TextField("解析", blank=True)

    class Meta:
        verbose_name = "试题"
        verbose_name_plural = "试题"
        ordering = ["bank_id", "number"]
        constraints = [models.UniqueConstraint(fields=["bank", "number"], name="uniq_question_number")]

    def __str__(self):
        return f"{self.bank.code}-{self.number}"


class Attempt(ScopedModel):
    """One timed quiz: the questions drawn, the deadline, the answers and the score. A citizen's attempt is
    known by their portal digest; an official's by their account."""

    bank = models.ForeignKey(QuestionBank, on_delete=models.PROTECT, related_name="attempts", verbose_name="题库")
    started_at = models.DateTimeField("开始时间")
    deadline_at = models.DateTimeField("截止时间")
    submitted_at = models.DateTimeField("交卷时间", null=True, blank=True)
    taken_on = models.DateField("答题日期")
    question_ids = models.JSONField("抽到的试题", default=list)
    answers = models.JSONField("作答", default=dict)
    score = models.PositiveSmallIntegerField("得分", null=True, blank=True)
    passed = models.BooleanField("合格", default=False)
    unit_name = models.CharField("所在单位（乡镇）", max_length=100)
    participant = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    verbose_name="答题人（干部）")
    citizen_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = "答题记录"
        verbose_name_plural = "答题记录"
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["org_path", "taken_on"], name="pub_attempt_scope_date",
                                include=["passed", "score"])]

    def __str__(self):
        return f"{self.bank} {self.taken_on}"
