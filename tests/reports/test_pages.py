"""The report and dashboard pages as staff use them: scope (404 outside), roles, bad input (400 with a Chinese
message), editing sentences and the free text, downloads, and boundary uploads."""

import io
import json

import pytest
from docx import Document

from sifa.core.models import AuditEvent, Role
from sifa.core.models.audit import AuditEventType
from sifa.reports.models import SentenceEdit, WorkReport
from tests import factories

from . import builders

REPORT = "/reports/"
DASHBOARD = "/reports/dashboard/"


@pytest.fixture
def seeded(tree):
    builders.seed_000_mediation(tree["office_a"])
    return tree


@pytest.fixture
def as_writer(client, writer):
    client.force_login(writer)
    return client


def test_report_page_shows_figures_linked_to_records(seeded, as_writer):
    response = as_writer.get(REPORT, {"org": "341321", "period": "2021H1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "砀山县司法局2021年上半年工作总结" in html
    assert 'href="/indicators/mediation.screenings/records/?org=341321-SFJ&amp;period=2021H1"' in html
    assert ">528</a>" in html and ">98</a>%" in html
    assert "/reports/download/docx/?org=341321-SFJ&amp;period=2021H1" in html
    assert "修改本节句子" in html  # the writer may edit


def test_leader_reads_but_does_not_edit(seeded, client, leader):
    client.force_login(leader)
    html = client.get(REPORT, {"org": "341321", "period": "2021H1"}).content.decode()
    assert "调处纠纷" in html and "修改本节句子" not in html
    response = client.post("/reports/save/?org=341321&period=2021H1", {"version": 0, "problems": "x",
                                                                        "percent_decimals": 0})
    assert response.status_code == 403 and not WorkReport.objects.exists()


def test_office_staff_may_not_open_the_report(tree, logged_in):
    assert logged_in.get(REPORT).status_code == 403


@pytest.mark.parametrize(("params", "status", "message"), [
    ({"org": "341321", "period": "2021H3"}, 400, "无法识别的统计期间“2021H3”"),
    ({"org": "341321", "period": "2021-02-30..2021-03-01"}, 400, "日期“2021-02-30”不存在"),
    ({"org": "341322", "period": "2021H1"}, 404, "不在您的数据范围内"),
    ({"org": "nonsense", "period": "2021H1"}, 404, "不在您的数据范围内"),
])
def test_bad_selection_is_answered_in_chinese(tree, other_county, as_writer, params, status, message):
    response = as_writer.get(REPORT, params)
    assert response.status_code == status
    assert message in response.content.decode()


def test_writer_edits_a_sentence_and_resets_it(seeded, as_writer):
    url = "/reports/sentence/?org=341321&period=2021H1"
    response = as_writer.post(url, {"key": "mediation.disputes:sweep",
                                    "text": "全县共排查{mediation.screenings}次，调处{mediation.accepted=650}件。"})
    assert response.status_code == 302 and response["Location"].endswith("#p-mediation_disputes-sweep")
    html = as_writer.get(REPORT, {"org": "341321", "period": "2021H1"}).content.decode()
    assert "全县共排查" in html and "<mark>650</mark>" in html and "人工修改·注" in html
    assert "系统计算值为640件" in html
    audit = AuditEvent.objects.filter(verb="修改报告句子").get()
    assert audit.after["overrides"] == ["mediation.accepted=650"]
    as_writer.post(url, {"key": "mediation.disputes:sweep", "text": "x", "reset": "1"})
    assert not SentenceEdit.objects.exists()


@pytest.mark.parametrize(("text", "message"), [
    ("全县共排查528次。", "数字“528”没有绑定指标"),
    ("全县共排查{mediation.nothing}次。", "指标“mediation.nothing”不存在"),
    ("全县共排查{mediation.accepted[level=天上]}次。", "没有取值“天上”"),
    ("全县共排查{mediation.accepted次。", "花括号不配对"),
    ("", "句子不能为空"),
])
def test_bad_sentence_edit_writes_nothing(seeded, as_writer, text, message):
    response = as_writer.post("/reports/sentence/?org=341321&period=2021H1",
                              {"key": "mediation.disputes:sweep", "text": text})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SentenceEdit.objects.exists() and not WorkReport.objects.exists()


def test_unknown_sentence_key_is_refused(seeded, as_writer):
    response = as_writer.post("/reports/sentence/?org=341321&period=2021H1",
                              {"key": "mediation.disputes:nope", "text": "x"})
    assert response.status_code == 400 and "要修改的句子不存在" in response.content.decode()


def test_free_text_saves_and_a_stale_form_is_refused(seeded, as_writer):
    url = "/reports/save/?org=341321&period=2021H1"
    data = {"version": 0, "title": "", "signer": "", "signed_on": "2021-08-13", "percent_decimals": 0,
            "problems": "(一)基层调查研究开展不深入。调研不足。", "plans": "(一)全力维护社会和谐稳定。"}
    assert as_writer.post(url, data).status_code == 302
    report = WorkReport.objects.get()
    assert report.version == 1 and report.problems.startswith("(一)基层")
    html = as_writer.get(REPORT, {"org": "341321", "period": "2021H1"}).content.decode()
    assert '<span class="head2-inline">（一）基层调查研究开展不深入。</span>调研不足。' in html
    assert "2021年8月13日" in html
    response = as_writer.post(url, {**data, "problems": "别人的旧稿"})  # still version 0: someone saved since
    assert response.status_code == 400 and "已被他人修改" in response.content.decode()
    report.refresh_from_db()
    assert report.problems.startswith("(一)基层")


def test_free_text_bad_date_and_decimals(seeded, as_writer):
    url = "/reports/save/?org=341321&period=2021H1"
    response = as_writer.post(url, {"version": 0, "signed_on": "2021-13-01", "percent_decimals": 7})
    assert response.status_code == 400
    html = response.content.decode()
    assert "日期格式不正确" in html and "选择一个有效的选项" in html  # both fields are refused, each with its reason
    response = as_writer.post(url, {"version": 0, "signed_on": "2020-12-31", "percent_decimals": 0})
    assert response.status_code == 400 and "成文日期不能早于统计期间的开始日期" in response.content.decode()
    assert not WorkReport.objects.exists()


def test_download_docx_and_pdf_are_audited(seeded, as_writer):
    response = as_writer.get("/reports/download/docx/", {"org": "341321", "period": "2021H1"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "调处纠纷640件" in text
    response = as_writer.get("/reports/download/pdf/", {"org": "341321", "period": "2021H1"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(event=AuditEventType.EXPORT, verb__startswith="导出工作总结").count() == 2
    assert as_writer.get("/reports/download/exe/", {"org": "341321", "period": "2021H1"}).status_code == 404
    assert as_writer.get("/reports/download/docx/", {"org": "341322", "period": "2021H1"}).status_code == 404


# --- dashboards ---

def test_county_dashboard(seeded, as_writer):
    response = as_writer.get(DASHBOARD, {"org": "341321", "period": "2021H1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "县（区）司法局视图" in html and "按乡镇（街道）分布" in html
    assert "vendor/echarts.min.js" in html and "cdn" not in html.lower()
    payload = json.loads(html.split('id="dashboard-data" type="application/json">')[1].split("</script>")[0])
    key = {f["code"]: f for block in payload["lines"] for f in block["figures"]}
    assert key["mediation.accepted"]["value"] == 640 and key["mediation.screenings"]["value"] == 528
    assert key["mediation.accepted"]["url"].startswith("/indicators/mediation.accepted/records/")
    trend = next(t for t in payload["trends"] if t["line"] == "人民调解")
    assert trend["months"] == ["1月", "2月", "3月", "4月", "5月", "6月"]
    accepted = next(s for s in trend["series"] if s["code"] == "mediation.accepted")
    assert accepted["values"] == [0, 0, 640, 0, 0, 0]
    split = payload["split"]
    assert split["keys"][:2] == ["341321100", "341321101"]
    accepted = next(s for s in split["series"] if s["code"] == "mediation.accepted")
    assert accepted["values"][:2] == [640, 0]
    assert payload["map"]["available"] and not payload["map"]["by_subdivision"]
    assert "尚未上传乡镇边界，地图仅显示县域轮廓" in html
    assert '<td class="value"><a href="/indicators/mediation.accepted/records/' in html  # the table, server-side


def test_office_and_city_dashboards(seeded, client):
    office_user = factories.user(seeded["office_a"], role=Role.OFFICE_STAFF, username="o")
    client.force_login(office_user)
    html = client.get(DASHBOARD, {"period": "2021H1"}).content.decode()
    assert "司法所视图" in html and "按下级机构分布" in html
    assert client.get(DASHBOARD, {"org": "341321", "period": "2021H1"}).status_code == 404
    from sifa.core.models import OrgKind, OrgUnit

    city = OrgUnit.objects.create(code="3413-SFJ", name="宿州市司法局", kind=OrgKind.CITY_BUREAU,
                                  division=seeded["city"])
    county = seeded["bureau"]
    county.parent = city
    county.save()
    client.force_login(factories.user(city, role=Role.LEADER, username="city"))
    response = client.get(DASHBOARD, {"org": "3413-SFJ", "period": "2021H1"})
    html = response.content.decode()
    assert response.status_code == 200 and "市（州）司法局视图" in html and "砀山县司法局" in html
    payload = json.loads(html.split('id="dashboard-data" type="application/json">')[1].split("</script>")[0])
    assert payload["map"]["codes"][0] == "341321" and payload["map"]["by_subdivision"]


def test_dashboard_bad_period_and_map_choice(seeded, as_writer):
    response = as_writer.get(DASHBOARD, {"org": "341321", "period": "上上周"})
    assert response.status_code == 400 and "无法识别的统计期间“上上周”" in response.content.decode()
    html = as_writer.get(DASHBOARD, {"org": "341321", "period": "2021H1", "map": "x.y"}).content.decode()
    assert "地图着色指标“x.y”不可用" in html


@pytest.mark.django_db(transaction=True)  # committed writes: the cache never serves uncommitted figures
def test_dashboard_is_cached_until_a_record_changes(seeded, as_writer, django_assert_max_num_queries):
    as_writer.get(DASHBOARD, {"org": "341321", "period": "2021H1"})
    with django_assert_max_num_queries(15) as queries:  # session, user, org, overdue sources — no figure
        as_writer.get(DASHBOARD, {"org": "341321", "period": "2021H1"})
    figures = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "mediation_" in q["sql"]]
    assert not figures and not any("mediation_screening" in q["sql"] for q in queries.captured_queries)
    builders.cases(seeded["office_a"], 1)
    html = as_writer.get(DASHBOARD, {"org": "341321", "period": "2021H1"}).content.decode()
    payload = json.loads(html.split('id="dashboard-data" type="application/json">')[1].split("</script>")[0])
    key = {f["code"]: f for block in payload["lines"] for f in block["figures"]}
    assert key["mediation.accepted"]["value"] == 641


def test_map_geojson_is_the_packaged_outline(tree, as_writer):
    response = as_writer.get("/reports/dashboard/map.geojson", {"org": "341321"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/geo+json")
    doc = json.loads(response.content)
    assert doc["type"] == "FeatureCollection" and doc["features"][0]["properties"]["code"] == "341321"
    assert as_writer.get("/reports/dashboard/map.geojson", {"org": "341322"}).status_code == 404


def test_nav_entries(tree, as_writer):
    html = as_writer.get("/").content.decode()
    assert 'href="/reports/dashboard/"' in html and 'href="/reports/"' in html


def test_trend_stops_at_the_current_month():
    import datetime as dt

    from sifa.indicators.periods import parse_period
    from sifa.reports.dashboard import trend_months

    assert [m.key for m in trend_months(parse_period("2021"), dt.date(2021, 3, 15))] == ["2021-01", "2021-02",
                                                                                          "2021-03"]
    assert len(trend_months(parse_period("2021"), dt.date(2026, 1, 1))) == 12
    assert [m.key for m in trend_months(parse_period("2021Q3"), dt.date(2022, 1, 1))][-1] == "2021-09"


def test_zero_denominator_shows_a_dash_and_the_reason(tree, as_writer):
    html = as_writer.get(REPORT, {"org": "341321", "period": "2021H1"}).content.decode()
    assert ">—</a>" not in html and "调解成功率—" not in html  # nothing to say: not printed, the writer is told
    assert "“大力排查化解矛盾纠纷”（人民调解）暂未写入报告：本期各项数值均为0或无法计算，未写入报告" in html
    html = as_writer.get(DASHBOARD, {"org": "341321", "period": "2021H1"}).content.decode()
    assert "分母“受理（调处）矛盾纠纷”为0，无法计算调解成功率。" in html


def test_map_colours_townships_once_their_polygons_are_uploaded(seeded, writer, as_writer):
    from sifa.reports import actions

    square = [[[116.3, 34.4], [116.4, 34.4], [116.4, 34.5], [116.3, 34.5], [116.3, 34.4]]]
    data = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": code}, "geometry": {"type": "Polygon", "coordinates": square}}
        for code in ("341321100", "341321101")]}
    actions.upload_boundary(writer, org=seeded["bureau"], name="乡镇边界", data=json.dumps(data).encode())
    html = as_writer.get(DASHBOARD, {"org": "341321", "period": "2021H1", "map": "mediation.succeeded"}).content.decode()
    payload = json.loads(html.split('id="dashboard-data" type="application/json">')[1].split("</script>")[0])
    assert payload["map"]["by_subdivision"] and payload["map_indicator"] == "mediation.succeeded"
    assert "颜色深浅表示所选指标的数值" in html and "尚未上传乡镇边界" not in html


def test_org_selector_lists_two_levels_below_the_viewer(tree, client):
    from sifa.core.models import Division, OrgKind, OrgUnit

    province = OrgUnit.objects.create(code="34-SFT", name="安徽省司法厅", kind=OrgKind.PROVINCE_BUREAU,
                                      division=Division.objects.get(code="34"))
    city = OrgUnit.objects.create(code="3413-SFJ", name="宿州市司法局", kind=OrgKind.CITY_BUREAU,
                                  division=tree["city"], parent=province)
    bureau = tree["bureau"]
    bureau.parent = city
    bureau.save()
    client.force_login(factories.user(province, role=Role.LEADER, username="sheng"))
    html = client.get(DASHBOARD, {"period": "2021H1"}).content.decode()
    assert "宿州市司法局" in html and "砀山县司法局" in html and "砀城司法所" not in html
    html = client.get(DASHBOARD, {"org": "341321100-SFS", "period": "2021H1"}).content.decode()
    assert '<option value="341321100-SFS" selected>' in html  # a deeper unit stays selectable once chosen


def test_overdue_block_lists_the_units_items_after_the_page(tree, other_county, as_writer):
    import datetime as dt

    from sifa.core import deadlines
    from sifa.core.access import reaches

    def source(user):  # scoped to the viewer, as every line's source is (core.deadlines.items_for)
        for org, title in ((tree["office_a"], "砀城纠纷调解"), (other_county["office_a"], "萧县纠纷调解")):
            if reaches(user, org):
                yield deadlines.DueItem.make(title=title, url="/x/", due=dt.date(2021, 1, 4), org=org,
                                             kind="测试条线")

    deadlines.register_source(source)
    try:
        page = as_writer.get(DASHBOARD, {"org": "341321", "period": "2021H1"}).content.decode()
        assert 'hx-get="/reports/dashboard/overdue/?org=341321-SFJ&amp;period=2021H1"' in page
        fragment = as_writer.get("/reports/dashboard/overdue/", {"org": "341321"}, HTTP_HX_REQUEST="true")
        html = fragment.content.decode()
        assert "<html" not in html and "超期 1" in html
        assert "砀城纠纷调解" in html and "萧县纠纷调解" not in html
        full = as_writer.get("/reports/dashboard/overdue/", {"org": "341321-SFJ"}).content.decode()
        assert "<html" in full and "砀城纠纷调解" in full
        assert as_writer.get("/reports/dashboard/overdue/", {"org": "341322"}).status_code == 404
    finally:
        deadlines.unregister_source(source)
