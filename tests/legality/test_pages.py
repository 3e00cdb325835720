"""The pages through the Django client: submission with a draft, findings judged, opinion document, portal list."""

import datetime as dt
import io

from django.urls import reverse

from sifa.legality import actions
from sifa.legality.models import Finding, ReviewItem

from . import builders


def test_submit_review_and_opinion_pages(client, office_user, tree):
    client.force_login(office_user)
    upload = io.BytesIO(builders.DRAFT.encode())
    upload.name = "办法.txt"
    response = client.post(reverse("legality:item_create"), {
        "title": "砀城镇农村建房管理办法", "item_type": "township", "submitted_on": "2021-03-01", "basis": "土地管理法",
        "draft": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    item = ReviewItem.objects.get()
    page = client.get(reverse("legality:item_detail", args=[item.pk])).content.decode()
    assert "行政处罚法第十六条" in page and "采纳" in page
    finding = Finding.objects.filter(kind="no_basis_penalty").get()
    response = client.post(reverse("legality:finding_decide", args=[finding.pk]), {"decision": "dismiss", "note": ""})
    assert Finding.objects.get(pk=finding.pk).status == "open"  # a dismissal needs its reason
    for f in Finding.objects.all():
        client.post(reverse("legality:finding_decide", args=[f.pk]), {"decision": "accept"})
    assert not Finding.objects.filter(status="open").exists()
    client.post(reverse("legality:item_step", args=[item.pk, "accept"]), {"received_on": "2021-03-02"})
    page = client.get(reverse("legality:item_detail", args=[item.pk])).content.decode()
    assert "无依据设定行政处罚" in page  # the opinion template lists accepted findings
    response = client.post(reverse("legality:item_step", args=[item.pk, "opinion"]), {
        "opinion": "amend", "reasons": "建议删除第二、三条。", "opinion_on": "2021-03-10"})
    assert response.status_code == 302
    response = client.get(reverse("legality:opinion_document", args=[item.pk]))
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_other_township_cannot_open_the_item(client, office_user, other_office_user, tree):
    item = builders.item(office_user, tree["office_a"])
    client.force_login(other_office_user)
    assert client.get(reverse("legality:item_detail", args=[item.pk])).status_code == 404


def test_portal_lists_valid_documents(client, bureau_user, tree):
    doc = actions.register_document(bureau_user, org=tree["bureau"], kind="government", title="砀山县停车管理办法",
                                    issuer="砀山县人民政府", registration_number="砀政规〔2021〕3号",
                                    published_on=dt.date(2021, 3, 1))
    page = client.get(reverse("legality_portal:documents")).content.decode()
    assert "砀山县停车管理办法" in page
    actions.clean_up(bureau_user, doc, validity="repealed", cleaned_on=dt.date(2021, 5, 1))
    assert "砀山县停车管理办法" not in client.get(reverse("legality_portal:documents")).content.decode()
