"""The public search and article pages and the staff search, as a user meets them."""

import pytest
from django.urls import reverse

from sifa.lawsearch import actions
from sifa.lawsearch.models import SearchLog

from .conftest import CORPUS

pytestmark = pytest.mark.django_db


def test_public_search_shows_ranked_articles_highlighted_with_services(client, use_small_engine, tree):
    response = client.get(reverse("lawsearch_portal:search"), {"q": "老板拖欠工资不给怎么办"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("《劳动合同法》第三十条") < html.index("《劳动合同法》第四十六条")
    assert "<mark>用人单位拖欠</mark>或者" in html and "法律 · <span class=\"ls-status ls-status-有效\">有效</span>" in html
    assert "申请人民调解" in html and "12348" in html
    log = SearchLog.objects.get()
    assert (log.channel, log.top_id, log.outcome, log.topic) == ("portal", "劳动合同法第三十条", "found", "劳动")
    assert log.org == tree["bureau"]  # public searches count for the county bureau


def test_public_search_explains_an_empty_query_and_a_bad_date(client, use_small_engine, tree):
    html = client.get(reverse("lawsearch_portal:search"), {"q": "。。。"}).content.decode()
    assert "只有标点或符号" in html
    html = client.get(reverse("lawsearch_portal:search"), {"q": "工资", "in_force": "昨天"}).content.decode()
    assert "应为 年-月-日" in html
    assert SearchLog.objects.count() == 1  # the refused query is logged as without result, the bad form is not
    assert SearchLog.objects.get().outcome == "refused"


def test_article_page_shows_versions_and_citations(client, use_small_engine):
    actions.import_corpus(None, CORPUS)
    html = client.get(reverse("lawsearch_portal:article", args=["劳动合同法第三十条"])).content.decode()
    assert "2012-12-28 公布 · 有效（本页）" in html and "2007-06-29 公布 · 已修改" in html
    html = client.get(reverse("lawsearch_portal:article", args=["民法典第五百七十七条"])).content.decode()
    assert "《劳动合同法》第九十八条" in html  # what cites it
    html = client.get(reverse("lawsearch_portal:article", args=["劳动合同法第四十六条"])).content.decode()
    assert "本法第三十八条 <span class=\"ls-unresolved\">（未找到对应条文）</span>" in html
    assert client.get(reverse("lawsearch_portal:article", args=["劳动合同法第九百条"])).status_code == 404


def test_staff_search_needs_login_and_logs_the_unit(client, use_small_engine, office_user):
    url = reverse("lawsearch:search")
    assert client.get(url, {"q": "工资"}).status_code == 302
    client.force_login(office_user)
    assert "《劳动合同法》第三十条" in client.get(url, {"q": "工资"}).content.decode()
    assert SearchLog.objects.get().org_path == office_user.org.path


def test_indicators_count_searches_by_channel_topic_and_township(client, use_small_engine, tree, office_user):
    from django.utils import timezone

    from sifa.indicators import engine

    client.get(reverse("lawsearch_portal:search"), {"q": "拖欠工资"})
    client.get(reverse("lawsearch_portal:search"), {"q": "量子计算机"})
    client.force_login(office_user)
    client.get(reverse("lawsearch:search"), {"q": "离婚后孩子跟谁"})
    year = str(timezone.localdate().year)
    bureau = tree["bureau"]
    assert engine.evaluate("lawsearch.searches", bureau, year).value == 3
    assert engine.evaluate("lawsearch.no_result", bureau, year).value == 1
    channels = engine.breakdown("lawsearch.searches", bureau, year, by="channel").rows
    assert {r.key: r.result.value for r in channels if r.result.value} == {"portal": 2, "staff": 1}
    topics = engine.breakdown("lawsearch.searches", tree["office_a"], year, by="topic").rows
    assert {r.key: r.result.value for r in topics if r.result.value} == {"婚姻家庭": 1}
