"""Staff pages and the portal as a user would use them: the list, the case page with its steps and deadlines,
a refused step re-displayed with its reason, documents in scope only, the home page's deadlines, and the online
application with its tracking code."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from sifa.core import deadlines
from sifa.reconsideration import actions
from sifa.reconsideration.models import Case, CaseStatus
from tests import factories
from tests.portal.conftest import MOBILE, portal_login

from . import builders

D = dt.date


@pytest.fixture
def staff(client, bureau_user):
    return builders.sign_in(client, bureau_user)


def test_list_detail_and_a_step_with_its_refusal(staff, tree, bureau_user, agencies):
    case = builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 3, 4))
    assert "待受理（收件第" in staff.get(reverse("reconsideration:case_list")).content.decode()
    page = staff.get(reverse("reconsideration:case_detail", args=[case.pk])).content.decode()
    assert "受理审查（逾期视为受理）：2024-03-11" in page and 'id="step-accept"' in page
    refused = staff.post(reverse("reconsideration:case_step", args=[case.pk, "accept"]),
                         {"accepted_on": "2024-03-01", "procedure": "ordinary"})
    assert refused.status_code == 400 and "受理日期（2024-03-01）不能早于收到日期（2024-03-04）" in refused.content.decode()
    done = staff.post(reverse("reconsideration:case_step", args=[case.pk, "accept"]),
                      {"accepted_on": "2024-03-05", "procedure": "ordinary"})
    assert done.status_code == 302 and Case.objects.get(pk=case.pk).status == CaseStatus.HEARING
    document = staff.get(reverse("reconsideration:case_document", args=[case.pk, "accept"]))
    assert document.status_code == 200 and document["X-Content-Type-Options"] == "nosniff"


def test_a_township_office_sees_none_of_it(client, tree, bureau_user, office_user, agencies):
    case = builders.application(bureau_user, tree["bureau"], agencies["market"], D(2024, 3, 4))
    builders.sign_in(client, office_user)
    assert client.get(reverse("reconsideration:case_detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("reconsideration:case_document", args=[case.pk, "accept"])).status_code == 404


def test_receiving_at_the_window_and_the_settings_page(staff, agencies):
    form = {"respondent": agencies["market"].pk, "applicant_name": "李四", "act_type": "penalty",
            "act_description": "罚款", "request": "撤销", "channel": "oral", "oral_record": "",
            "filed_on": "2024-03-04", "received_on": "2024-03-04"}
    refused = staff.post(reverse("reconsideration:case_create"), form)
    assert refused.status_code == 400 and "请填写口头申请笔录" in refused.content.decode()
    assert not Case.objects.exists()
    ok = staff.post(reverse("reconsideration:case_create"), form | {"oral_record": "申请人口述，工作人员记录。"})
    assert ok.status_code == 302 and Case.objects.get().channel == "oral"
    saved = staff.post(reverse("reconsideration:settings"), {"mode": "concentrated", "correction_denominator": "accepted",
                                                            "settlement_denominator": "closed"})
    assert saved.status_code == 302
    assert actions.settings_for(agencies["market"].org).correction_denominator == "accepted"


def test_deadlines_reach_the_home_page(tree, bureau_user, agencies):
    today = timezone.localdate()
    builders.application(bureau_user, tree["bureau"], agencies["market"], today - dt.timedelta(days=14))
    items = [i for i in deadlines.items_for(bureau_user) if i.kind == "行政复议"]
    assert len(items) == 1 and items[0].title.endswith("受理审查") and items[0].state == deadlines.OVERDUE
    assert deadlines.counts_for(bureau_user)["行政复议"] == {deadlines.OVERDUE: 1, deadlines.NEAR: 0}
    assert not [i for i in deadlines.items_for(factories.user(tree["office_a"])) if i.kind == "行政复议"]


@pytest.fixture
def citizen(client, tree):
    cache.clear()
    assert portal_login(client).status_code == 302
    return client


def test_online_application_gets_a_tracking_code(citizen, tree, bureau_user, agencies):
    page = citizen.get("/portal/reconsideration/apply/")
    token = re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)
    form = {"form_token": token, "respondent": agencies["market"].pk, "applicant_name": "张三",
            "applicant_id_number": factories.resident_id(seq=901), "act_type": "penalty",
            "act_description": "罚款五千元", "request": "撤销", "agree": "on"}
    first = citizen.post("/portal/reconsideration/apply/", form)
    again = citizen.post("/portal/reconsideration/apply/", form)
    assert first.status_code == 302 and again.url == first.url and Case.objects.count() == 1
    case = Case.objects.get()
    assert (case.channel, case.org, case.applicant_mobile) == ("online", tree["bureau"], MOBILE)
    receipt = citizen.get(first.url).content.decode()
    assert case.tracking_code in receipt and "已收到，正在进行受理审查" in receipt
