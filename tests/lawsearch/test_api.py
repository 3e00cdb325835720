"""/api/v1/laws/search: what the consultation form calls to suggest articles."""

import pytest

from sifa.lawsearch.models import SearchLog
from tests.api.client import ApiClient, issue

pytestmark = pytest.mark.django_db


def test_api_suggests_articles_and_explains_empty_results(client, use_small_engine, office_user):
    api = ApiClient(client, issue(office_user))
    body = api.get("laws/search", q="老板拖欠工资", top=2).json()
    assert [r["id"] for r in body["results"]] == ["劳动合同法第三十条", "劳动合同法第四十七条"]
    assert body["results"][0]["status"] == "有效"
    body = api.get("laws/search", q="。。").json()
    assert body["results"] == [] and "只有标点" in body["message"]
    assert api.get("laws/search", q="工资", top=500).status_code == 422
    assert SearchLog.objects.filter(channel="api", org=office_user.org).count() == 2
    assert ApiClient(client).get("laws/search", q="工资").status_code == 401
