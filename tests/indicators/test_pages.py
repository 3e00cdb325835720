import datetime as dt

import pytest

from sifa.core.models import AuditEvent, Role
from sifa.indicators.models import Baseline
from tests import factories

from .builders import make_cases

H1 = "2021H1"


@pytest.fixture
def records(county):
    make_cases(county["office_a"], 3, case_type="land", closure=dt.date(2021, 4, 1), outcome="success")
    make_cases(county["office_b"], 2, case_type="marriage")
    make_cases(county["other_office"], 7)
    return county


@pytest.fixture
def bureau_client(client, records):
    client.force_login(factories.user(records["bureau"], role=Role.SECTION_STAFF, username="bureau_staff"))
    return client


@pytest.fixture
def office_client(client, records):
    client.force_login(factories.user(records["office_a"], username="office_a_staff"))
    return client


def page(client, url, **params):
    response = client.get(url, params)
    return response, response.content.decode()


def test_browser_shows_every_indicator_with_value_unit_and_links(bureau_client):
    response, html = page(bureau_client, "/indicators/", org="341321-SFJ", period=H1)
    assert response.status_code == 200
    assert "砀山县司法局 · 2021年上半年" in html
    assert "测试条线" in html and "受理纠纷" in html and "调解成功率" in html
    assert "/indicators/itest.intake/records/?org=341321-SFJ&amp;period=2021H1" in html
    assert "60.00" in html            # 3 succeeded of 5 taken in
    assert "系统内无记录" in html       # 同比 without records or baseline says why


def test_browser_defaults_to_own_org_and_year_to_date(office_client):
    response, html = page(office_client, "/indicators/")
    assert response.status_code == 200
    assert "砀城司法所" in html and "（截至目前）" in html


def test_browser_bad_period_is_a_chinese_400(bureau_client):
    response, html = page(bureau_client, "/indicators/", period="2021Q9")
    assert response.status_code == 400
    assert "无法识别的统计期间“2021Q9”" in html


@pytest.mark.parametrize("org", ["341321-SFJ", "341321101-SFS", "341322-SFJ", "no-such-org"])
def test_org_outside_scope_is_404_in_chinese(office_client, org):
    for url in ("/indicators/", "/indicators/itest.intake/", "/indicators/itest.intake/records/"):
        response, html = page(office_client, url, org=org, period=H1)
        assert response.status_code == 404, url
        assert "不在您的数据范围内" in html


def test_roles_without_dashboards_are_refused(client, records):
    client.force_login(factories.user(records["office_a"], role=Role.MEDIATOR, username="mediator"))
    response, html = page(client, "/indicators/")
    assert response.status_code == 403 and "不能查看统计指标" in html


def test_unknown_indicator_is_404(bureau_client):
    response, html = page(bureau_client, "/indicators/nope.nothing/records/", org="341321-SFJ", period=H1)
    assert response.status_code == 404 and "不存在" in html


def test_detail_shows_breakdowns_that_sum_to_total(bureau_client):
    response, html = page(bureau_client, "/indicators/itest.intake/", org="341321-SFJ", period=H1)
    assert response.status_code == 200
    assert "按乡镇（街道）" in html and "按纠纷类型" in html and "按下级机构" in html and "按是否紧急" in html
    assert html.count("分项之和与合计一致") == 4
    assert "受理类：按受理日期计" in html


def test_detail_of_a_rate_links_numerator_and_denominator(bureau_client):
    response, html = page(bureau_client, "/indicators/itest.success_rate/", org="341321-SFJ", period=H1)
    assert "分子：调解成功 3件" in html and "分母：受理纠纷 5件" in html
    assert "part=numerator" in html and "part=denominator" in html


def test_drill_down_lists_exactly_the_records_behind_the_value(bureau_client):
    response, html = page(bureau_client, "/indicators/itest.intake/records/", org="341321-SFJ", period=H1)
    assert response.status_code == 200
    assert "共 <strong>5</strong> 条" in html
    assert html.count("测试纠纷#") == 5
    response, html = page(bureau_client, "/indicators/itest.intake/records/", org="341321-SFJ", period=H1,
                          dim="case_type:land")
    assert "共 <strong>3</strong> 条" in html and "纠纷类型：土地纠纷" in html
    response, html = page(bureau_client, "/indicators/itest.success_rate/records/", org="341321-SFJ", period=H1,
                          part="denominator")
    assert "共 <strong>5</strong> 条" in html


def test_drill_down_for_an_office_user_stays_in_their_office(office_client):
    response, html = page(office_client, "/indicators/itest.intake/records/", org="341321100-SFS", period=H1)
    assert response.status_code == 200 and "共 <strong>3</strong> 条" in html


@pytest.mark.parametrize(("params", "message"), [
    ({"dim": "colour:red"}, "没有维度“colour”"),
    ({"dim": "nocolon"}, "格式不正确"),
    ({"part": "everything"}, "part 应为"),
])
def test_drill_down_bad_input(bureau_client, params, message):
    response, html = page(bureau_client, "/indicators/itest.intake/records/", org="341321-SFJ", period=H1,
                          **params)
    assert response.status_code == 400 and message in html


def test_enter_and_delete_a_baseline(bureau_client):
    before = AuditEvent.objects.count()
    response = bureau_client.post("/indicators/baselines/", {
        "code": "itest.intake", "org": "341321-SFJ", "period": "2020H1", "value": "4",
        "source": "2020年上半年工作总结", "note": ""})
    assert response.status_code == 302
    baseline = Baseline.objects.get()
    assert (baseline.value, baseline.period_key, baseline.entered_by.username) == (4, "2020H1", "bureau_staff")
    assert AuditEvent.objects.count() == before + 1
    response, html = page(bureau_client, "/indicators/", org="341321-SFJ", period=H1)
    assert "历史基数：2020年上半年工作总结" in html and "基数" in html
    response = bureau_client.post(f"/indicators/baselines/{baseline.pk}/delete/")
    assert response.status_code == 302 and not Baseline.objects.exists()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("period", "2099", "只能录入已结束的统计期间"),
    ("period", "2020Q7", "无法识别的统计期间"),
    ("value", "十二", "不是有效的数字"),
    ("value", "-3", "不能为负数"),
    ("value", "4.5", "应为整数"),
    ("source", "  ", "数据来源"),
    ("org", "341322-SFJ", "选择一个有效的选项"),
])
def test_bad_baseline_writes_nothing(bureau_client, field, value, message):
    data = {"code": "itest.intake", "org": "341321-SFJ", "period": "2020H1", "value": "4",
            "source": "2020年上半年工作总结", field: value}
    response = bureau_client.post("/indicators/baselines/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Baseline.objects.exists()


def test_baselines_of_another_office_are_invisible_and_undeletable(office_client, records):
    from sifa.indicators import actions

    other = actions.set_baseline(None, code="itest.intake", org="341321101-SFS", period="2020", value="9",
                                 source="周寨所2020年总结")
    response, html = page(office_client, "/indicators/baselines/")
    assert response.status_code == 200 and "周寨所2020年总结" not in html
    response = office_client.post(f"/indicators/baselines/{other.pk}/delete/")
    assert response.status_code == 404 and Baseline.objects.filter(pk=other.pk).exists()


def test_nav_entry_for_dashboard_roles(bureau_client):
    html = bureau_client.get("/").content.decode()
    assert "统计分析" in html and 'href="/indicators/"' in html
