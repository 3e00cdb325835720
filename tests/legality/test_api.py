"""/api/v1/legality/: a township's item through the API, with its machine findings, and the Chinese refusals."""

import base64

import pytest

from tests.api.conftest import ApiClient, issue

from . import builders


@pytest.fixture
def api(client, office_user):
    return ApiClient(client, issue(office_user))


def test_an_item_through_the_api(api, tree):
    created = api.post("legality/items", {"org": tree["office_a"].code, "title": "农村建房管理办法",
                                          "item_type": "township", "submitted_on": "2021-03-01"})
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    bad = api.post(f"legality/items/{pk}/drafts", {"file_name": "scan.pdf",
                                                   "content_base64": base64.b64encode(b"%PDF-1.4 x").decode()})
    assert bad.status_code == 422 and "PDF" in bad.json()["message"]
    body = api.post(f"legality/items/{pk}/drafts", {"file_name": "d.txt", "content_base64": base64.b64encode(
        builders.DRAFT.encode()).decode()}).json()
    assert {"no_basis_license", "no_basis_penalty"} <= {f["kind"] for f in body["findings"]}
    api.post(f"legality/items/{pk}/accept", {"received_on": "2021-03-02"})
    early = api.post(f"legality/items/{pk}/opinion", {"opinion": "amend", "reasons": "修改", "opinion_on": "2021-03-05"})
    assert early.status_code == 422 and "未判断" in early.json()["message"]
    for finding in body["findings"]:
        api.post(f"legality/items/{pk}/findings/{finding['id']}", {"accepted": True})
    done = api.post(f"legality/items/{pk}/opinion", {"opinion": "amend", "reasons": "修改", "opinion_on": "2021-03-05"})
    assert done.json()["status"] == "opined" and done.json()["opinion_number"]


def test_another_township_cannot_read(client, office_user, other_office_user, tree):
    item = builders.item(office_user, tree["office_a"])
    other = ApiClient(client, issue(other_office_user))
    assert other.get(f"legality/items/{item.pk}").status_code == 404
