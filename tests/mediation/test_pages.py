"""Staff pages: a case is registered, accepted, mediated and closed through the forms; bad input re-displays."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sifa.core.models import Role
from sifa.mediation.models import Dispute, DisputeStatus, Mediator, PetitionTransfer, Screening
from tests import factories

from . import builders

ID_RE = re.compile(r"\d{17}[\dX]")


def _party_post(parties):
    data = {"p-TOTAL_FORMS": str(len(parties)), "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "2",
            "p-MAX_NUM_FORMS": "20"}
    for i, p in enumerate(parties):
        for key in ("side", "kind", "name", "id_number", "credit_code", "mobile", "address"):
            data[f"p-{i}-{key}"] = p.get(key, "person" if key == "kind" else "")
    return data


def _register(client, org, parties, **extra):
    data = {"org": org.pk, "summary": "两家因宅基地界址争执", "dispute_type": "housing", "source": "application",
            "applied_on": "2021-04-01", "method": "onsite", **_party_post(parties), **extra}
    return client.post(reverse("mediation:dispute_create"), data)


def test_pages_render_for_office_staff(logged_in, med, open_dispute):
    for name in ("dispute_list", "dispute_create", "committee_list", "committee_create", "mediator_list",
                 "screening_list", "screening_create", "transfer_list", "transfer_create", "templates"):
        response = logged_in.get(reverse(f"mediation:{name}"))
        assert response.status_code == 200, name
    page = logged_in.get(reverse("mediation:dispute_detail", args=[open_dispute.pk])).content.decode()
    assert open_dispute.number in page and "记录调解" in page and "调解期限" in page
    assert not ID_RE.search(page), "ID numbers must be masked on the detail page"
    assert logged_in.get(reverse("mediation:committee_detail", args=[med["village"].pk])).status_code == 200
    assert logged_in.get(reverse("mediation:mediator_detail", args=[med["village_mediators"][0].pk])).status_code == 200
    home = logged_in.get("/").content.decode()
    assert "纠纷台账" in home  # side navigation


def test_register_and_accept_through_the_form(logged_in, med, office_user):
    response = _register(logged_in, office_user.org, builders.parties(), committee=med["village"].pk,
                         mediators=[med["village_mediators"][0].pk])
    assert response.status_code == 302, response.content.decode()[:2000]
    dispute = Dispute.objects.get()
    assert dispute.status == DisputeStatus.ACCEPTED and dispute.number.startswith("（2021）城关村调字第")


def test_invalid_party_redisplays_with_chinese_message_and_writes_nothing(logged_in, office_user, tree):
    parties = builders.parties()
    parties[1]["id_number"] = "341321198001010000"
    response = _register(logged_in, office_user.org, parties)
    assert response.status_code == 400
    assert "当事人“李四”：身份证号码校验位不正确" in response.content.decode()
    assert Dispute.objects.count() == 0


def test_case_steps_through_the_detail_page(logged_in, open_dispute):
    url = lambda step: reverse("mediation:dispute_step", args=[open_dispute.pk, step])  # noqa: E731
    mediator = open_dispute.lead_mediator.pk
    # an agreement before any session: re-displayed with the reason
    response = logged_in.post(url("agreement"), {"form": "written", "terms": "赔偿", "signed_on": "2021-03-02"})
    assert response.status_code == 400 and "尚未进行调解" in response.content.decode()
    assert logged_in.post(url("session"), {"held_on": "2021-03-05", "method": "onsite", "mediators": [mediator],
                                           "minutes": "双方陈述"}).status_code == 302
    assert logged_in.post(url("agreement"), {"form": "written", "terms": "赔偿500元",
                                             "signed_on": "2021-03-08"}).status_code == 302
    assert logged_in.post(url("close"), {"result": "succeeded", "closed_on": "2021-03-08"}).status_code == 302
    open_dispute.refresh_from_db()
    assert open_dispute.status == DisputeStatus.SUCCEEDED
    response = logged_in.get(reverse("mediation:dispute_document", args=[open_dispute.pk, "agreement"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    # a GET on a step URL only shows the case
    assert logged_in.get(url("close")).status_code == 302


def test_other_office_gets_404_on_every_page_of_the_case(client, other_office_user, open_dispute, med):
    client.force_login(other_office_user)
    for url in (reverse("mediation:dispute_detail", args=[open_dispute.pk]),
                reverse("mediation:dispute_document", args=[open_dispute.pk, "application"]),
                reverse("mediation:committee_detail", args=[med["village"].pk]),
                reverse("mediation:mediator_detail", args=[med["village_mediators"][0].pk])):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("mediation:dispute_step", args=[open_dispute.pk, "session"]),
                           {"held_on": "2021-03-05", "method": "onsite", "minutes": "x"})
    assert response.status_code == 404
    listing = client.get(reverse("mediation:dispute_list")).content.decode()
    assert open_dispute.number not in listing


def test_leader_reads_but_cannot_write(client, tree, open_dispute):
    leader = factories.user(tree["bureau"], role=Role.LEADER)
    client.force_login(leader)
    assert client.get(reverse("mediation:dispute_detail", args=[open_dispute.pk])).status_code == 200
    assert client.get(reverse("mediation:dispute_create")).status_code == 403
    response = client.post(reverse("mediation:dispute_step", args=[open_dispute.pk, "close"]),
                           {"result": "withdrawn", "closed_on": "2021-03-02"})
    assert response.status_code == 403


def test_committee_screening_and_transfer_forms(logged_in, tree, med):
    response = logged_in.post(reverse("mediation:committee_create"), {
        "parent": tree["office_a"].pk, "name": "李庄村人民调解委员会", "committee_type": "village", "member_count": "12"})
    assert response.status_code == 400 and "三至九人" in response.content.decode()
    response = logged_in.post(reverse("mediation:committee_step", args=[med["village"].pk, "mediator"]),
                              {"name": "柏老", "id_number": builders.resident_id(male=False), "employment": "part_time",
                               "position": "mediator"})
    assert response.status_code == 302
    assert Mediator.objects.get(name="柏老").sex == "女"
    response = logged_in.post(reverse("mediation:screening_create"), {
        "org": med["village"].org.pk, "held_on": "2021-03-01", "scope": "全村", "found_count": "3",
        "prevented_count": "2"})
    assert response.status_code == 302 and Screening.objects.get().found_count == 3
    response = logged_in.post(reverse("mediation:transfer_create"), {
        "org": tree["office_a"].pk, "received_on": "2021-05-10", "from_unit": "群众权益诉求服务中心",
        "person_name": "赵六", "id_number": "123", "matter": "拖欠工资"})
    assert response.status_code == 400 and "身份证号码" in response.content.decode()
    assert PetitionTransfer.objects.count() == 0


@pytest.mark.parametrize("name", ["dispute_list", "committee_list", "mediator_list", "screening_list"])
def test_list_export_masks_identifiers(logged_in, open_dispute, med, name):
    response = logged_in.get(reverse(f"mediation:{name}") + "?export=xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    text = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert not ID_RE.search(text)


def test_home_lists_near_due_and_overdue_cases(client, office_user, open_dispute):
    import time_machine

    assert open_dispute.due_on == dt.date(2021, 4, 1)
    for day, state in ((dt.datetime(2021, 3, 30, 9, 0), "临期"), (dt.datetime(2021, 4, 6, 9, 0), "超期")):
        with time_machine.travel(day, tick=False):
            client.force_login(office_user)
            page = client.get("/").content.decode()
            assert state in page and open_dispute.number in page


def test_dashboard_totals_of_open_work_are_counted_not_capped(office_user, open_dispute, monkeypatch):
    """The listing stops at MAX_ITEMS; the dashboard's 超期/临期 totals come from the line's counter and stay exact,
    and agree with the listed items' states when nothing is cut off."""
    import time_machine

    from sifa.core import deadlines
    from sifa.mediation import integration
    from sifa.mediation.models import Dispute
    from sifa.reports import dashboard

    org = office_user.org
    for due in (dt.date(2021, 3, 20), dt.date(2021, 3, 25), dt.date(2021, 4, 7), dt.date(2021, 6, 1)):
        Dispute.objects.filter(pk=open_dispute.pk).update(due_on=due)  # the same case, copied with other dues
        copy = Dispute.objects.get(pk=open_dispute.pk)
        copy.pk, copy.number, copy.tracking_code = None, f"{copy.number}-{due:%m%d}", ""
        copy.save()
    Dispute.objects.filter(pk=open_dispute.pk).update(due_on=dt.date(2021, 4, 1))
    with time_machine.travel(dt.datetime(2021, 4, 6, 9, 0), tick=False):
        full = dashboard._overdue(office_user, org, 15)
        assert (full["overdue"], full["near"]) == (3, 1)  # 03-20, 03-25, 04-01 overdue; 04-07 near; 06-01 normal
        listed = [i.state for i in deadlines.items_for(office_user) if i.kind == integration.SECTION]
        assert listed.count("超期") == 3 and listed.count("临期") == 1
        monkeypatch.setattr(integration, "MAX_ITEMS", 2)
        capped = dashboard._overdue(office_user, org, 15)
        assert (capped["overdue"], capped["near"]) == (3, 1) and len(capped["items"]) == 2
        assert capped["more"] == 2
        # the listing reads each open status in due order and merges them: the earliest of either status first
        Dispute.objects.filter(due_on=dt.date(2021, 3, 25)).update(status="mediating")
        titles = [i.title for i in dashboard._overdue(office_user, org, 15)["items"]]
        assert titles[0].startswith(f"{open_dispute.number}-0320") and titles[1].startswith(
            f"{open_dispute.number}-0325")
