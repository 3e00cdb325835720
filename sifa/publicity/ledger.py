"""普法活动台账, 新媒体普法信息台账 and 法律明白人台账: .xlsx import (all-or-nothing, each row through the actions, so a village outside
the importer's area, an absurd attendance or an ID already registered in another village rejects the file with
the row named) and export."""

from __future__ import annotations

from sifa.ledger.registry import Column, ImportContext, RecordKind, call_action, need_user, register
from sifa.ledger.registry import ColumnType as T

from . import actions
from .models import (
    Activity,
    Assessment,
    Audience,
    Backbone,
    BackboneKind,
    BackboneSource,
    Form,
    MediaPost,
    Platform,
    Topic,
)

ACTIVITY_COLUMNS = (
    Column("活动日期", "held_on", T.DATE, required=True, example="2021-03-15"),
    Column("活动名称", "title", required=True, max_length=200, example="“3·15”消费者权益保护法宣传"),
    Column("活动形式", "form", T.ENUM, required=True, choices=tuple(Form.choices), example=Form.PUBLICITY.label),
    Column("普法主题", "topic", T.ENUM, required=True, choices=tuple(Topic.choices), example=Topic.CONSUMER.label),
    Column("对象", "audience", T.ENUM, choices=tuple(Audience.choices), example=Audience.PUBLIC.label),
    Column("村（社区）区划代码", "village", T.DIVISION_CODE, example="341321100200",
           help="12位村级区划代码；全镇、全县性活动不填"),
    Column("活动地点", "place", max_length=200, example="砀城镇文化广场"),
    Column("责任单位", "organiser", required=True, max_length=100, example="砀城司法所"),
    Column("受众人次", "attendance", T.INT, min_value=0, example=300),
    Column("发放资料（份）", "materials", T.INT, min_value=0, example=500),
    Column("发放宣传品（件）", "giveaways", T.INT, min_value=0, example=50),
    Column("悬挂标语（条）", "banners", T.INT, min_value=0, example=2),
    Column("展板板报（块）", "boards", T.INT, min_value=0, example=4),
    Column("现场咨询（人次）", "consultations", T.INT, min_value=0, example=20),
)


def _import_activities(rows, ctx: ImportContext) -> int:
    need_user(ctx, ledger="普法活动台账")
    count = 0
    for row in rows:
        v = row.values
        call_action(row, "held_on", actions.record_activity, ctx.user, held_on=v["held_on"], title=v["title"],
                    form=v["form"], topic=v["topic"], audience=v["audience"] or Audience.PUBLIC,
                    village=v["village"] or None, place=v["place"] or "", organiser=v["organiser"],
                    attendance=v["attendance"], materials=v["materials"], giveaways=v["giveaways"],
                    banners=v["banners"], boards=v["boards"], consultations=v["consultations"])
        count += 1
    return count


def _activity_row(a: Activity) -> dict:
    return {"held_on": a.held_on, "title": a.title, "form": a.form, "topic": a.topic, "audience": a.audience,
            "village": a.village_id or "", "place": a.place, "organiser": a.organiser, "attendance": a.attendance,
            "materials": a.materials, "giveaways": a.giveaways, "banners": a.banners, "boards": a.boards,
            "consultations": a.consultations}


ACTIVITIES = register(RecordKind(
    code="publicity_activities", name="普法活动台账", columns=ACTIVITY_COLUMNS, key=("held_on", "title"),
    description="各类普法活动：日期、形式、主题、村（社区）、受众人次、资料、标语、展板、现场咨询。",
    row_to_action=_import_activities,
    export_queryset=lambda user, filters: Activity.objects.for_user(user).under(filters["org"]).order_by("held_on", "pk"),
    row_for=_activity_row,
))

POST_COLUMNS = (
    Column("发布日期", "published_on", T.DATE, required=True, example="2021-03-15"),
    Column("平台", "platform", T.ENUM, required=True, choices=tuple(Platform.choices), example=Platform.WECHAT.label),
    Column("账号名称", "account", required=True, max_length=100, example="砀山司法"),
    Column("标题", "title", required=True, max_length=200, example="民法典里的相邻关系"),
    Column("普法主题", "topic", T.ENUM, required=True, choices=tuple(Topic.choices), example=Topic.CIVIL_CODE.label),
    Column("篇数", "posts", T.INT, required=True, min_value=1, max_value=1000, example=1),
)


def _import_posts(rows, ctx: ImportContext) -> int:
    need_user(ctx, ledger="新媒体普法信息台账")
    count = 0
    for row in rows:
        v = row.values
        call_action(row, "published_on", actions.record_post, ctx.user, published_on=v["published_on"],
                    platform=v["platform"], account=v["account"], title=v["title"], topic=v["topic"],
                    posts=v["posts"])
        count += 1
    return count


def _post_row(p: MediaPost) -> dict:
    return {"published_on": p.published_on, "platform": p.platform, "account": p.account, "title": p.title,
            "topic": p.topic, "posts": p.posts}


POSTS = register(RecordKind(
    code="publicity_posts", name="新媒体普法信息台账", columns=POST_COLUMNS, key=("published_on", "title"),
    description="微信公众号、微博、抖音等新媒体发布的普法信息：日期、平台、账号、标题、主题、篇数。",
    row_to_action=_import_posts,
    export_queryset=lambda user, filters: MediaPost.objects.for_user(user).under(filters["org"]).order_by("published_on", "pk"),
    row_for=_post_row,
))

BACKBONE_COLUMNS = (
    Column("类别", "kind", T.ENUM, required=True, choices=tuple(BackboneKind.choices), example=BackboneKind.UNDERSTANDER.label),
    Column("姓名", "name", required=True, max_length=50, example="王某某", sensitive=True, mask="name"),
    Column("身份证号", "id_number", T.ID_NUMBER, required=True, sensitive=True, example="34132119800101001X"),
    Column("手机号码", "mobile", T.MOBILE, sensitive=True, example="13800000000"),
    Column("村（社区）区划代码", "village", T.DIVISION_CODE, required=True, example="341321100200"),
    Column("人员来源", "source", T.ENUM, required=True, choices=tuple(BackboneSource.choices),
           example=BackboneSource.CADRE.label),
    Column("培训学时", "training_hours", T.INT, min_value=0, max_value=500, example=12),
    Column("考核", "assessment", T.ENUM, choices=tuple(Assessment.choices), example=Assessment.PASSED.label),
    Column("登记日期", "registered_on", T.DATE, required=True, example="2021-03-01"),
)


def _import_backbones(rows, ctx: ImportContext) -> int:
    need_user(ctx, ledger="法律明白人台账")
    count = 0
    for row in rows:
        v = row.values
        call_action(row, "id_number", actions.register_backbone, ctx.user, kind=v["kind"], name=v["name"],
                    id_number=v["id_number"], mobile=v["mobile"] or "", village=v["village"], source=v["source"],
                    training_hours=v["training_hours"] or 0, assessment=v["assessment"] or Assessment.PENDING,
                    registered_on=v["registered_on"])
        count += 1
    return count


def _backbone_row(b: Backbone) -> dict:
    return {"kind": b.kind, "name": b.name, "id_number": b.id_number, "mobile": b.mobile, "village": b.village_id,
            "source": b.source, "training_hours": b.training_hours, "assessment": b.assessment,
            "registered_on": b.registered_on}


BACKBONES = register(RecordKind(
    code="publicity_backbones", name="法律明白人台账", columns=BACKBONE_COLUMNS, key=("id_number", "kind"),
    description="乡村“法律明白人”和“法治带头人”：所在村、来源、培训学时、考核。同一人只能在一个村登记。",
    row_to_action=_import_backbones,
    export_queryset=lambda user, filters: Backbone.objects.for_user(user).under(filters["org"]).order_by("village_id", "pk"),
    row_for=_backbone_row,
))
