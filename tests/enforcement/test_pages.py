"""The enforcement line as staff and the public use it: the staff pages (a campaign scored and notified through
the pages, an opinion closed through its step buttons), the 通报 .docx, the roster and decision ledgers (all or
nothing), the API upload, and the public 执法公示 site with the parties' data masked."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from docx import Document

from sifa.enforcement import actions
from sifa.enforcement.models import Category, Decision, Officer, Opinion, OpinionSource, OpinionStatus
from sifa.ledger import registry
from sifa.ledger.importer import import_file
from tests import factories
from tests.api.conftest import ApiClient, issue
from tests.enforcement import builders
from tests.ledger.helpers import filled_template

D = dt.date
ID_RE = re.compile(r"\d{17}[\dX]")


@pytest.fixture
def staff(client, bureau_user):
    client.force_login(bureau_user)
    return client


@pytest.fixture
def scored_campaign(tree, bureau_user, market):
    officers = builders.pair(bureau_user, market)
    for n in range(3):
        builders.decision(bureau_user, market, officers, f"砀市监罚〔2021〕{n + 1}号", D(2021, 3, 1 + n))
    sheet = actions.standard_sheet(bureau_user, tree["bureau"])
    campaign = actions.open_campaign(bureau_user, org=tree["bureau"], title="2021年上半年行政执法案卷评查", sheet=sheet,
                                     files_from=D(2021, 1, 1), files_to=D(2021, 6, 30), started_on=D(2021, 6, 1))
    return campaign, sheet


def test_campaign_through_the_pages_to_the_notice(staff, bureau_user, market, scored_campaign):
    campaign, sheet = scored_campaign
    url = reverse("enforcement:campaign_detail", args=[campaign.pk])
    sampled = staff.post(reverse("enforcement:campaign_step", args=[campaign.pk, "sample"]),
                         {"body": market.pk, "category": Category.PENALTY, "count": 3, "sampled_on": "2021-06-02"})
    assert sampled.status_code == 302, sampled.content.decode()[:2000]
    staff.post(reverse("enforcement:campaign_step", args=[campaign.pk, "start"]), {})
    page = staff.get(url).content.decode()
    assert "评查中" in page and page.count("评分</a>") == 3
    items = list(sheet.items.all())
    for n, review in enumerate(campaign.files.order_by("pk")):
        data = {"reviewed_on": "2021-06-10", "comments": "基本规范"}
        if n:
            data |= {f"d_{items[1].pk}": "15", f"n_{items[1].pk}": "证据不充分"}
        response = staff.post(reverse("enforcement:file_score", args=[review.pk]), data)
        assert response.status_code == 302
    too_much = staff.post(reverse("enforcement:file_score", args=[review.pk]),
                          {"reviewed_on": "2021-06-10", f"d_{items[0].pk}": "11"})
    assert too_much.status_code == 400 and "应在0至10.0分之间" in too_much.content.decode()
    assert "共评查行政处罚卷3卷，经评查，1份被推荐为优秀卷宗，其余均为合格卷宗。" in staff.get(url).content.decode()
    staff.post(reverse("enforcement:campaign_step", args=[campaign.pk, "notify"]),
               {"notice_number": "砀司通〔2021〕8号", "notified_on": "2021-06-28", "rectify_due": "2021-07-30"})
    notice = staff.get(reverse("enforcement:campaign_notice", args=[campaign.pk]))
    assert notice.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(notice.content)).paragraphs)
    assert "关于2021年上半年行政执法案卷评查情况的通报" in text and "砀司通〔2021〕8号" in text
    assert "共评查行政处罚卷3卷，经评查，1份被推荐为优秀卷宗" in text and "证据确凿充分" in text
    assert "满分100分，90分以上为优秀，60分以上为合格" in text
    assert "于2021年7月30日前完成2卷案卷的整改" in text
    table = Document(io.BytesIO(notice.content)).tables[0]
    assert [c.text for c in table.rows[1].cells][:5] == [market.name, "3", "1", "2", "0"]
    for review in campaign.files.filter(needs_rectification=True):
        staff.post(reverse("enforcement:file_rectify", args=[review.pk]),
                   {"rectified_on": "2021-07-20", "rectification": "已补充证据"})
    staff.post(reverse("enforcement:campaign_step", args=[campaign.pk, "close"]), {"closed_on": "2021-07-30"})
    assert "整改完成" in staff.get(url).content.decode()


def test_opinion_steps_refuse_closing_before_recheck(staff, tree, bureau_user, market):
    opinion = actions.issue_opinion(bureau_user, org=tree["bureau"], number="砀司执监〔2021〕1号",
                                    source=OpinionSource.COMPLAINT, body=market, subject="投诉执法态度",
                                    content="规范执法用语", issued_on=D(2021, 3, 2))
    url = reverse("enforcement:opinion_detail", args=[opinion.pk])
    page = staff.get(url).content.decode()
    assert "已逾期" in page and "签收并开始整改" in page and "销号</button>" not in page
    refused = staff.post(reverse("enforcement:opinion_step", args=[opinion.pk, "close"]), {"closed_on": "2021-03-20"})
    assert refused.status_code == 400 and "尚未复查" in refused.content.decode()
    for step, data in (("receive", {"received_on": "2021-03-03"}),
                       ("reply", {"replied_on": "2021-03-20", "reply": "已整改"}),
                       ("recheck", {"rechecked_on": "2021-03-25", "passed": "1", "note": "到位"}),
                       ("close", {"closed_on": "2021-03-26"})):
        assert staff.post(reverse("enforcement:opinion_step", args=[opinion.pk, step]), data).status_code == 302, step
    assert Opinion.objects.get(pk=opinion.pk).status == OpinionStatus.CLOSED


def test_lists_and_create_pages_render(staff, bureau_user, market):
    builders.officer(bureau_user, market, id_number=factories.resident_id())
    for name in ("body_list", "officer_list", "decision_list", "campaign_list", "opinion_list", "supervisor_list",
                 "body_create", "officer_create", "decision_create", "campaign_create", "opinion_create",
                 "supervisor_create", "contact_point_create", "check_create"):
        response = staff.get(reverse(f"enforcement:{name}"))
        assert response.status_code == 200, name
        assert not ID_RE.search(response.content.decode()), name
    created = staff.post(reverse("enforcement:officer_create"), {
        "body": market.pk, "name": "新执法", "cert_kind": "enforcement", "cert_number": "3413211000",
        "issued_on": "2021-01-05", "valid_until": "2027-01-04", "training_hours": 0})
    assert created.status_code == 400 and "格式不正确" in created.content.decode()


# ------------------------------------------------------------------------------------------- public site

@pytest.fixture
def published(bureau_user, market):
    officers = builders.pair(bureau_user, market)
    actions.publish_basis(bureau_user, body=market, matter="无照经营查处", clause="《无证无照经营查处办法》第十三条",
                          published_on=D(2021, 1, 5))
    actions.publish_benchmark(bureau_user, body=market, title="市场监管行政处罚裁量基准", published_on=D(2021, 1, 5),
                              local=True, items=[{"area": "食品安全", "matter": "销售过期食品", "tier": "较重",
                                                  "sanction": "罚款五万元至十万元"}])
    person = builders.decision(bureau_user, market, officers, "砀市监罚〔2021〕1号", D(2021, 3, 1), D(2021, 3, 15),
                               party_name="王小明", party_id_number=factories.resident_id())
    firm = builders.decision(bureau_user, market, officers, "砀市监许〔2021〕2号", D(2021, 3, 1),
                             category=Category.LICENCE, title="食品经营许可", party_name="砀山县果园食品有限公司",
                             party_is_person=False)
    return officers, person, firm


def test_public_site_shows_before_and_after_information_with_parties_masked(client, market, published):
    officers, person, firm = published
    home = client.get(reverse("enforcement_portal:home")).content.decode()
    assert market.name in home and "超期公示" in home and "王小明" not in home and "砀山县果园食品有限公司" in home
    page = client.get(reverse("enforcement_portal:body", args=[market.pk])).content.decode()
    for text in (officers[0].cert_number, "无照经营查处", "《无证无照经营查处办法》第十三条", "销售过期食品", "较重",
                 "立案、调查、告知", "行政复议", "本地制定"):
        assert text in page, text
    assert "王小明" not in page and not ID_RE.search(page)
    detail = client.get(reverse("enforcement_portal:decision", args=[person.pk])).content.decode()
    assert "王**" in detail or "王*" in detail
    assert "应于2021-03-10前公示" in detail and person.party_id_number not in detail
    searched = client.get(reverse("enforcement_portal:home"), {"q": "食品经营"}).content.decode()
    assert "砀市监许〔2021〕2号" in searched and "砀市监罚〔2021〕1号" not in searched


def test_unpublished_agencies_are_not_on_the_site(client, bureau_user, market, published):
    actions.update_body(bureau_user, market, published=False)
    assert client.get(reverse("enforcement_portal:body", args=[market.pk])).status_code == 404
    assert client.get(reverse("enforcement_portal:decision", args=[published[1].pk])).status_code == 404


# ------------------------------------------------------------------------------------------------ ledgers

def _import(code, rows, tree, user):
    kind = registry.get(code)
    return import_file(kind, filled_template(kind, rows), org=tree["bureau"], user=user)


def _officer_row(number, name="张某", issued="2020-01-06", until="2026-01-05"):
    return ["砀山县市场监督管理局", name, "", "队员", "行政执法证", number, issued, until, "", 40]


def test_roster_import_is_all_or_nothing_with_the_row_named(tree, bureau_user, market):
    builders.officer(bureau_user, market, cert_number="341321100001")
    for bad, column, reason in (
            (_officer_row("341321100001", "重号"), "证件号码", "证件号码“341321100001”已被砀山县市场监督管理局的张执法使用"),
            (_officer_row("34132110010", "短号"), "证件号码", "格式不正确"),
            (_officer_row("341321100102", "倒序", issued="2021-01-01", until="2020-01-01"), "有效期至",
             "有效期截止日期应晚于发证日期")):
        result = _import("enforcement_officers", [_officer_row("341321100101"), bad], tree, bureau_user)
        assert not result.ok and Officer.objects.count() == 1
        assert [e.column for e in result.errors] == [column] and reason in result.errors[0].reason
        assert result.errors[0].row > 1
    good = _import("enforcement_officers", [_officer_row("341321100101"), _officer_row("341321100102", "李某")], tree,
                   bureau_user)
    assert good.ok, [e.reason for e in good.errors]
    assert Officer.objects.count() == 3


def test_decisions_upload_by_xlsx_and_api(client, tree, bureau_user, market):
    a, b = builders.pair(bureau_user, market)
    row = ["砀山县市场监督管理局", "行政处罚", "砀市监罚〔2021〕9号", "无照经营案", "李四", "是", "", "", "罚款",
           "2021-03-01", "2021-03-05", f"{a.cert_number}、{b.cert_number}", "是"]
    early = _import("enforcement_decisions", [row[:10] + ["2021-02-28"] + row[11:]], tree, bureau_user)
    assert not early.ok and "不能早于决定日期" in early.errors[0].reason and not Decision.objects.exists()
    assert _import("enforcement_decisions", [row], tree, bureau_user).ok
    api = ApiClient(client, issue(bureau_user))
    payload = {"body": market.pk, "category": "licence", "number": "砀市监许〔2021〕3号", "title": "食品经营许可",
               "party_name": "某公司", "party_is_person": False, "decided_on": "2021-03-01",
               "published_on": "2021-03-20", "officers": [a.cert_number, b.cert_number]}
    created = api.post("enforcement/decisions", payload)
    assert created.status_code == 201, created.json()
    assert created.json()["late"] is True and created.json()["publish_due"] == "2021-03-10"
    wrong = api.post("enforcement/decisions", payload | {"number": "x", "officers": [a.cert_number, "341321199999"]})
    assert wrong.status_code == 422 and "341321199999" in wrong.json()["message"]
    assert sorted(Decision.objects.values_list("channel", flat=True)) == ["api", "xlsx"]
