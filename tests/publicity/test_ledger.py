"""普法活动台账 and 法律明白人台账: rows go through the actions, all or nothing; the export masks identifiers."""

import io

from django.test import Client
from openpyxl import load_workbook

from sifa.ledger import registry
from sifa.ledger.exporter import export_to_file
from sifa.ledger.importer import import_file
from sifa.publicity.models import Activity, Backbone, MediaPost
from tests import factories
from tests.ledger.helpers import filled_template


def _import(code, rows, org, user):
    kind = registry.get(code)
    return import_file(kind, filled_template(kind, rows), org=org, user=user)


def _event(title, village="341321100200", attendance=300):
    return ["2024-03-15", title, "宣传", "消费者权益保护", "村（居）民群众", village, "文化广场", "砀城司法所",
            attendance, 500, 50, 2, 4, 20]


def test_a_file_with_a_village_out_of_scope_writes_nothing(tree, office_user, villages):
    result = _import("publicity_activities", [_event("宣传一"), _event("宣传二", village="341321101200")], tree["office_a"], office_user)
    assert not result.ok and "不在您的管辖范围" in " ".join(e.reason for e in result.errors)
    assert Activity.objects.count() == 0
    result = _import("publicity_activities", [_event("宣传一"), _event("宣传二", attendance=250)], tree["office_a"], office_user)
    assert result.ok, [e.reason for e in result.errors]
    assert sorted(Activity.objects.values_list("attendance", flat=True)) == [250, 300]


def test_backbones_import_and_the_export_masks_the_id(tree, office_user, villages):
    number = factories.resident_id()
    row = ["法律明白人", "王明白", number, "13800000000", "341321100200", "村（社区）干部", 12, "考核合格", "2024-03-01"]
    result = _import("publicity_backbones", [row], tree["office_a"], office_user)
    assert result.ok, [e.reason for e in result.errors]
    assert Backbone.objects.get().id_number == number
    out = io.BytesIO()
    kind = registry.get("publicity_backbones")
    export_to_file(kind, kind.export_queryset(office_user, {"org": tree["office_a"]}), office_user, out,
                   org=tree["office_a"])
    values = [c.value for c in list(load_workbook(io.BytesIO(out.getvalue())).active.iter_rows(min_row=2, max_row=2))[0]]
    assert values[0] == "法律明白人" and number not in [str(v) for v in values] and "*" in str(values[2])


def test_media_posts_import_and_export_from_the_list_page(tree, office_user, villages):
    rows = [["2024-03-15", "微信公众号", "砀城司法", "民法典里的相邻关系", "民法典（综合）", 2],
            ["2024-03-16", "抖音等短视频", "砀城司法", "防诈骗三招", "防范电信网络诈骗", 0]]
    result = _import("publicity_posts", rows, tree["office_a"], office_user)
    assert not result.ok and MediaPost.objects.count() == 0  # 篇数 0 rejects the whole file
    rows[1][5] = 1
    result = _import("publicity_posts", rows, tree["office_a"], office_user)
    assert result.ok, [e.reason for e in result.errors]
    assert sorted(MediaPost.objects.values_list("posts", flat=True)) == [1, 2]
    client = Client()
    client.force_login(office_user)
    response = client.get("/publicity/posts/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)).active
    titles = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(titles) == ["民法典里的相邻关系", "防诈骗三招"]
