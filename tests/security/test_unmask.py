"""Break-glass unmasking (SECURITY.md B3) through the generic /sensitive/<model>/<pk>/<field>/ page and the
`sensitive_value` helper other lines use."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from sifa.core.models import AuditEvent, Role
from sifa.core.models.audit import AuditEventType
from sifa.security.models import UnmaskGrant
from sifa.security.unmask import grant_unmask, sensitive_value
from tests import factories

from .conftest import SEEDED_ID, SEEDED_MOBILE

FULL_ID = re.compile(r"\d{17}[\dXx]")
REASON = "核对当事人身份以办理社区矫正报到"


def url(obj, field="id_number"):
    return f"/sensitive/{obj._meta.label_lower}/{obj.pk}/{field}/"


def events(kind):
    return list(AuditEvent.objects.filter(event=kind).order_by("id"))


def test_default_page_shows_only_the_masked_value(client, record_a, corrections_a):
    client.force_login(corrections_a)
    response = client.get(url(record_a))
    html = response.content.decode()
    assert response.status_code == 200
    assert FULL_ID.findall(html) == []
    assert "1101**********002X" in html
    assert "解除脱敏事由" in html
    assert not events(AuditEventType.READ_SENSITIVE)


def test_no_reason_is_400_in_chinese_and_grants_nothing(client, record_a, corrections_a):
    client.force_login(corrections_a)
    for reason in ("", "   ", "看看"):
        response = client.post(url(record_a), {"reason": reason})
        assert response.status_code == 400
        assert "请填写解除脱敏的事由" in response.content.decode()
        assert SEEDED_ID not in response.content.decode()
    assert not UnmaskGrant.objects.exists()
    failed = events(AuditEventType.UNMASK)  # each refused attempt leaves a trace, and nothing succeeded
    assert [(e.outcome, e.user_id, e.object_id) for e in failed] == [("failure", corrections_a.pk, str(record_a.pk))] * 3
    assert all("事由" in e.reason for e in failed)


def test_reason_reveals_for_three_hours_and_every_read_is_audited(client, record_a, corrections_a):
    client.force_login(corrections_a)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        response = client.post(url(record_a), {"reason": REASON})
        assert response.status_code == 302
        assert SEEDED_ID in client.get(url(record_a)).content.decode()
        assert SEEDED_ID in client.get(url(record_a)).content.decode()

        [unmask_row] = events(AuditEventType.UNMASK)
        assert (unmask_row.user_id, unmask_row.reason) == (corrections_a.pk, REASON)
        assert (unmask_row.object_type, unmask_row.object_id) == ("security.samplerecord", str(record_a.pk))
        assert len(events(AuditEventType.READ_SENSITIVE)) == 2

        traveller.move_to(start + timedelta(hours=2, minutes=59))
        client.force_login(corrections_a)  # the idle timeout ended the session meanwhile
        assert SEEDED_ID in client.get(url(record_a)).content.decode()

        traveller.move_to(start + timedelta(hours=3, seconds=1))
        client.force_login(corrections_a)
        html = client.get(url(record_a)).content.decode()
        assert SEEDED_ID not in html and FULL_ID.findall(html) == []
        assert "1101**********002X" in html
    assert len(events(AuditEventType.READ_SENSITIVE)) == 3


def test_grant_covers_one_field_of_one_record_for_one_user(client, sample_model, record_a, corrections_a, tree):
    other = sample_model.objects.create(org=tree["office_a"], party_name="李四", id_number="360426199101010071")
    colleague = factories.user(tree["office_a"], role=Role.CORRECTIONS_OFFICER)
    grant_unmask(corrections_a, record_a, "id_number", REASON)
    assert sensitive_value(corrections_a, record_a, "id_number") == SEEDED_ID
    assert sensitive_value(corrections_a, record_a, "mobile") == "138****1234"
    assert sensitive_value(corrections_a, other, "id_number") == "3604**********0071"
    assert sensitive_value(colleague, record_a, "id_number") == "1101**********002X"


def test_out_of_scope_record_is_404_with_a_denied_row(client, record_a, corrections_b):
    client.force_login(corrections_b)
    for response in (client.get(url(record_a)), client.post(url(record_a), {"reason": REASON})):
        assert response.status_code == 404
        assert "不在您的数据范围内" in response.content.decode()
    denied = events(AuditEventType.DENIED)
    assert len(denied) == 2
    assert all(d.user_id == corrections_b.pk and d.object_id == str(record_a.pk) and d.outcome == "denied"
               for d in denied)
    assert not UnmaskGrant.objects.exists()


def test_role_without_unmask_capability_is_403(client, record_a, office_user):
    client.force_login(office_user)  # 司法所工作人员: reads records, may not unmask
    response = client.post(url(record_a), {"reason": REASON})
    assert response.status_code == 403
    assert "无权解除脱敏" in response.content.decode()
    denied = events(AuditEventType.DENIED)[0]
    assert (denied.user_id, denied.outcome) == (office_user.pk, "denied") and "解除脱敏" in denied.reason
    assert not UnmaskGrant.objects.exists()
    with pytest.raises(Exception, match="无权"):
        grant_unmask(office_user, record_a, "id_number", REASON)


@pytest.mark.parametrize("path", [
    "/sensitive/security.samplerecord/{pk}/party_name/",   # not declared sensitive
    "/sensitive/core.user/{pk}/password/",                  # not a scoped record
    "/sensitive/nosuch.model/{pk}/id_number/",
    "/sensitive/security.samplerecord/abc/id_number/",
    "/sensitive/security.samplerecord/999999/id_number/",
])
def test_anything_else_is_404(client, record_a, corrections_a, path):
    client.force_login(corrections_a)
    response = client.get(path.format(pk=record_a.pk))
    assert response.status_code == 404
    assert events(AuditEventType.DENIED)


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_the_three_administrators_cannot_reach_records(client, record_a, tree, role):
    admin = factories.user(tree["bureau"], role=role)
    client.force_login(admin)
    assert client.get(url(record_a)).status_code == 404
    assert client.post(url(record_a), {"reason": REASON}).status_code == 404


def test_next_redirect_is_kept_on_site(client, record_a, corrections_a):
    client.force_login(corrections_a)
    response = client.post(url(record_a) + "?next=/ledger/", {"reason": REASON})
    assert response["Location"] == "/ledger/"
    response = client.post(url(record_a), {"reason": REASON, "next": "https://evil.example/"})
    assert response["Location"] == url(record_a)


def test_htmx_request_gets_the_panel_only(client, record_a, corrections_a):
    client.force_login(corrections_a)
    html = client.get(url(record_a), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="unmask-panel"' in html and "<html" not in html


def render_tag(user, obj, field="id_number"):
    request = RequestFactory().get("/records/1/")
    request.user = user
    return Template('{% load masking %}{% sensitive obj field %}').render(
        Context({"request": request, "obj": obj, "field": field}))


def test_template_tag_masks_and_offers_the_link(record_a, corrections_a, office_user):
    html = render_tag(corrections_a, record_a)
    assert "1101**********002X" in html and "查看完整信息" in html and "next=/records/1/" in html
    plain = render_tag(office_user, record_a, "mobile")
    assert "138****1234" in plain and "查看完整信息" not in plain
    assert SEEDED_MOBILE not in plain


def test_template_tag_reveals_during_a_grant_and_audits(record_a, corrections_a):
    grant_unmask(corrections_a, record_a, "id_number", REASON)
    assert SEEDED_ID in render_tag(corrections_a, record_a)
    assert len(events(AuditEventType.READ_SENSITIVE)) == 1


def test_audit_rows_of_unmasking_hold_no_personal_values(client, record_a, corrections_a):
    client.force_login(corrections_a)
    client.post(url(record_a), {"reason": REASON})
    client.get(url(record_a))
    client.post(url(record_a, "mobile"), {"reason": REASON})
    client.get(url(record_a, "mobile"))
    rows = AuditEvent.objects.filter(event__in=[AuditEventType.UNMASK, AuditEventType.READ_SENSITIVE])
    assert rows.count() == 4
    for row in rows:
        text = repr([getattr(row, f.attname) for f in AuditEvent._meta.fields])
        assert SEEDED_ID not in text and SEEDED_MOBILE not in text and "张小三" not in text


def test_failed_audit_write_rolls_back_the_grant(record_a, corrections_a, monkeypatch):
    from sifa.core import audit

    def broken(*args, **kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        grant_unmask(corrections_a, record_a, "id_number", REASON)
    assert not UnmaskGrant.objects.exists()


def test_a_model_can_demand_a_narrower_capability(client, record_a, tree, corrections_a, monkeypatch):
    section = factories.user(tree["bureau"], role=Role.SECTION_STAFF)  # holds `unmask`, not `read_tracks`
    monkeypatch.setattr(type(record_a), "unmask_capability", "read_tracks", raising=False)
    client.force_login(section)
    assert client.post(url(record_a), {"reason": REASON}).status_code == 403
    client.force_login(corrections_a)
    assert client.post(url(record_a), {"reason": REASON}).status_code == 302
