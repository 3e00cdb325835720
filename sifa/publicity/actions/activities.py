"""普法活动, 新媒体普法信息 and 法治阵地."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from sifa.core import action_checks as checks
from sifa.core import audit
from sifa.core.models import Division, OrgUnit

from ..models import Activity, Audience, DutyItem, Form, Level, MediaPost, Platform, Topic, Venue, VenueKind
from .common import count, ensure_can_write, owner_for, village_of

ACTIVITY_FIELDS = ("held_on", "title", "form", "topic", "audience", "village", "place", "organiser", "attendance",
                   "materials", "giveaways", "banners", "boards", "consultations", "duty_item")
# Attendance bounds: a village holds a few thousand people; a township or county event (a fair, a square) tens of
# thousands; an online event (直播、网络答题) may reach a million views.
MAX_ATTENDANCE = {"village": 5000, "area": 50000, "online": 1000000}
ONLINE_FORMS = {Form.NEW_MEDIA}
MAX_MATERIALS = 100000
MAX_DISPLAYS = 1000


def _attendance(value, form: str, village: Division | None) -> int:
    if form in ONLINE_FORMS:
        return count(value, "受众人次", MAX_ATTENDANCE["online"])
    if village is not None:
        limit = MAX_ATTENDANCE["village"]
        number = count(value, "受众人次", 10 ** 9)
        if number > limit:
            raise ValidationError(f"在村（社区）举办的活动，受众人次（{number}）不应超过{limit}，请核对；"
                                  f"全镇、全县性活动请不填村（社区）。")
        return number
    return count(value, "受众人次", MAX_ATTENDANCE["area"])


@transaction.atomic
def record_activity(actor, *, held_on: dt.date, title: str, form: str, topic: str, organiser: str,
                    audience: str = Audience.PUBLIC, village=None, place: str = "", attendance=0, materials=0, giveaways=0,
                    banners=0, boards=0, consultations=0, note: str = "", duty_item: DutyItem | None = None,
                    org: OrgUnit | None = None, source_system: str = "") -> Activity:
    """登记 one event, at the event or after it. The village must be in the clerk's area; attendance and the
    figures are bounded; nothing is written on a refusal."""
    village = village_of(village) if village not in (None, "") else None
    org = owner_for(actor, village, org)
    if held_on is None:
        raise ValidationError("请填写活动日期。")
    checks.not_future(held_on, "活动日期")
    form = checks.choice(form, Form, "活动形式")
    people = _attendance(attendance, form, village)
    consulted = count(consultations, "现场咨询人次", MAX_ATTENDANCE["area"])
    if people and consulted > people:
        raise ValidationError(f"现场咨询人次（{consulted}）不能多于受众人次（{people}）。")
    if duty_item is not None and duty_item.duty_list.plan.year != held_on.year:
        raise ValidationError("活动日期不在所落实的责任清单的年度内。")
    activity = Activity.objects.create(
        org=org, held_on=held_on, title=checks.required(title, "活动名称", 200), form=form,
        topic=checks.choice(topic, Topic, "普法主题"), audience=checks.choice(audience, Audience, "对象"),
        village=village, township_code=village.code[:9] if village else (org.division_id if len(org.division_id) == 9
                                                                         else ""),
        place=(place or "").strip()[:200], organiser=checks.required(organiser, "责任单位", 100),
        attendance=people, materials=count(materials, "发放资料份数", MAX_MATERIALS),
        giveaways=count(giveaways, "发放宣传品件数", MAX_MATERIALS),
        banners=count(banners, "悬挂标语条数", MAX_DISPLAYS), boards=count(boards, "展板板报块数", MAX_DISPLAYS),
        consultations=consulted, note=(note or "").strip()[:2000], duty_item=duty_item,
        source_system=source_system, created_by=actor)
    audit.action(actor, "登记普法活动", activity, after=audit.snapshot(activity, ACTIVITY_FIELDS, readable=True))
    return activity


@transaction.atomic
def record_post(actor, *, published_on: dt.date, platform: str, account: str, title: str, posts=1,
                topic: str = Topic.OTHER, url: str = "", org: OrgUnit | None = None) -> MediaPost:
    org = org or actor.org
    ensure_can_write(actor, org)
    if published_on is None:
        raise ValidationError("请填写发布日期。")
    checks.not_future(published_on, "发布日期")
    number = count(posts, "篇数", 10000)
    if number < 1:
        raise ValidationError("篇数应不少于1篇。")
    post = MediaPost.objects.create(
        org=org, published_on=published_on, platform=checks.choice(platform, Platform, "平台"),
        account=checks.required(account, "账号名称", 100), title=checks.required(title, "标题", 200),
        topic=checks.choice(topic, Topic, "普法主题"), posts=number, url=(url or "").strip()[:200], created_by=actor)
    audit.action(actor, "登记新媒体普法信息", post,
                 after=audit.snapshot(post, ("published_on", "platform", "account", "title", "posts"), readable=True))
    return post


@transaction.atomic
def record_venue(actor, *, name: str, kind: str, level: str, built_on: dt.date, village=None,
                 org: OrgUnit | None = None) -> Venue:
    village = village_of(village) if village not in (None, "") else None
    org = owner_for(actor, village, org)
    if built_on is None:
        raise ValidationError("请填写建成日期。")
    checks.not_future(built_on, "建成日期")
    venue = Venue.objects.create(org=org, name=checks.required(name, "阵地名称", 100),
                                 kind=checks.choice(kind, VenueKind, "阵地类型"), level=checks.choice(level, Level, "级别"),
                                 village=village, built_on=built_on, created_by=actor)
    audit.action(actor, "登记法治阵地", venue,
                 after=audit.snapshot(venue, ("name", "kind", "level", "village", "built_on"), readable=True))
    return venue
