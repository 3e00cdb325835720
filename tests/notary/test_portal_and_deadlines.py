"""公证网上预申请 on the portal (idempotent, only online items), and the home page's deadline lists of both lines."""

import datetime as dt
import re

import pytest
from django.core.cache import cache

from sifa.core import actions as core_actions
from sifa.core import deadlines
from sifa.core.models import OrgKind, Role
from sifa.notary import actions
from sifa.notary.models import NotaryMatter
from tests import factories
from tests.mediation.builders import resident_id
from tests.portal.conftest import portal_login


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def office(tree):
    unit = core_actions.create_org_unit(None, code="341321-GZC", name="砀山县公证处", kind=OrgKind.NOTARY_OFFICE,
                                        division=tree["county"], parent=tree["bureau"])
    clerk = factories.user(unit, role=Role.SECTION_STAFF, username="gz_clerk")
    birth = actions.create_item(clerk, org=unit, name="出生公证", category="personal", base_fee="80", online=True,
                                one_visit=True, effective_from=dt.date(2020, 1, 1))
    will = actions.create_item(clerk, org=unit, name="遗嘱公证", category="entrustment", base_fee="300",
                               effective_from=dt.date(2020, 1, 1))
    return {"unit": unit, "clerk": clerk, "birth": birth, "will": will}


def test_pre_application_on_the_portal(client, office):
    assert portal_login(client).status_code == 302
    page = client.get("/portal/notary/apply/").content.decode()
    assert "出生公证" in page and "遗嘱公证" not in page  # only items offered online
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    data = {"form_token": token, "item": office["birth"].pk, "applicant_name": "王芳",
            "applicant_id": resident_id(), "copies": 2}
    first = client.post("/portal/notary/apply/", data)
    assert first.status_code == 302 and client.post("/portal/notary/apply/", data).url == first.url
    matter = NotaryMatter.objects.get()
    assert matter.status == "pre_applied" and matter.fee == 80
    assert "已收到网上预申请" in client.get(first.url).content.decode()
    bad = client.post("/portal/notary/apply/", {**data, "form_token": token + "x", "item": office["will"].pk})
    assert bad.status_code == 400 and NotaryMatter.objects.count() == 1


def test_due_items_reach_the_home_page(office, tree):
    today = dt.date.today()
    start = today - dt.timedelta(days=10)
    matter = actions.register_matter(office["clerk"], org=office["unit"], item=office["birth"], accepted_on=start,
                                     notary="李明", applicant_name="王芳", applicant_id=resident_id())
    bureau_user = factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="home_viewer")
    items = [i for i in deadlines.items_for(bureau_user) if i.kind == "公证"]
    if matter.due_on is None:  # past the published holiday calendar: nothing to show yet
        assert items == []
    else:
        assert items and items[0].due == matter.due_on and "出证" in items[0].title
    other = factories.user(tree["office_b"], username="elsewhere")
    assert [i for i in deadlines.items_for(other) if i.kind == "公证"] == []


