import datetime

from django.urls import reverse

from sifa.core.models import Population

from .conftest import audit_rows, page_text

URL = "admin_console:population"


def test_set_population_with_source_is_audited(as_sys_admin, tree, sys_admin):
    response = as_sys_admin.post(reverse(URL), {"division": tree["county"].code, "year": 2024,
                                                "residents": 818000, "source": "  2024年统计公报  "})
    assert response.status_code == 302 and response.url.endswith("?year=2024")
    figure = Population.objects.get(division=tree["county"], year=2024)
    assert (figure.residents, figure.source) == (818000, "2024年统计公报")
    row = audit_rows(event="config", verb="设置常住人口").get()
    assert row.user_id == sys_admin.pk and row.after["residents"] == 818000

    # a second entry for the same division and year replaces the first
    as_sys_admin.post(reverse(URL), {"division": tree["county"].code, "year": 2024, "residents": 820000,
                                     "source": "2024年统计年鉴"})
    assert Population.objects.get(division=tree["county"], year=2024).residents == 820000
    html = page_text(as_sys_admin.get(reverse(URL) + "?year=2024"))
    assert "820000" in html and "2024年统计年鉴" in html and "周寨镇" in html


def test_bad_input_is_explained_and_writes_nothing(as_sys_admin, tree, other_county):
    next_year = datetime.date.today().year + 1
    cases = [
        ({"residents": 0}, "常住人口必须大于0"),
        ({"residents": "很多"}, "输入整数"),
        ({"source": "   "}, "这个字段是必填项"),
        ({"year": next_year}, "年度不能晚于今年"),
        ({"year": 1990}, "年度不能早于2000年"),
        ({"division": other_county["county"].code}, "选择一个有效的选项"),
    ]
    for override, message in cases:
        data = {"division": tree["county"].code, "year": 2024, "residents": 818000, "source": "统计公报"}
        data.update(override)
        response = as_sys_admin.post(reverse(URL), data)
        assert response.status_code == 200, override
        assert message in page_text(response), override
    assert not Population.objects.exists()
    assert not audit_rows(verb="设置常住人口").exists()


def test_only_divisions_in_scope_are_listed(as_sys_admin, tree, other_county):
    html = page_text(as_sys_admin.get(reverse(URL)))
    assert "砀城镇" in html and "环翠区" not in html
