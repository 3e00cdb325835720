"""The track pages: alerts with their offline map and 核查 forms, uploads, areas, runs, the second screen —
corrections officers only, scoped, bad input answered in Chinese with nothing written. And the report sentence."""

import datetime as dt
import re

import pytest

from sifa.core.models import AuditEvent, Role
from sifa.core.models.audit import AuditEventType
from sifa.reports import registry as reports
from sifa.tracks import actions
from sifa.tracks.models import Alert, AlertStatus, LocationPoint, PermittedArea, ScreeningRun
from tests import factories

from . import builders as b

pytestmark = pytest.mark.django_db
DAY = dt.date.today() - dt.timedelta(days=10)


@pytest.fixture
def alert(cor, tree, subject, src):
    b.points(subject, src, DAY, outside_hours=(10, 11))
    actions.run_screening(cor["county"], org=tree["bureau"], start=DAY, end=DAY)
    return Alert.objects.get()


def test_alert_page_shows_evidence_map_offline_and_audits_the_read(client, cor, alert, subject):
    client.force_login(cor["a"])
    listing = client.get("/tracks/")
    assert listing.status_code == 200 and f"/tracks/alerts/{alert.pk}/" in listing.content.decode()
    page = client.get(f"/tracks/alerts/{alert.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="alert-map-data"' in html and "vendor/echarts.min.js" in html and "http" not in re.sub(
        r'(href|action)="[^"]*"', "", html.split('id="alert-map-data"')[1].split("</script>")[0])
    assert subject.id_number not in html
    assert AuditEvent.objects.filter(event=AuditEventType.READ_SENSITIVE, verb="查看预警轨迹证据").count() == 1


def test_alert_map_draws_the_path_in_time_order_with_local_times_and_distances(client, cor, alert):
    """Evidence stored out of order (as an upload may deliver it) is drawn in time order; every point carries its
    local time and its distance from the permitted area — no raw ISO timestamp reaches the page."""
    import json

    stored = alert.evidence["points"]
    alert.evidence = {**alert.evidence, "points": list(reversed(stored))}
    alert.save(update_fields=["evidence"])
    client.force_login(cor["a"])
    html = client.get(f"/tracks/alerts/{alert.pk}/").content.decode()
    data = json.loads(html.split('id="alert-map-data" type="application/json">')[1].split("</script>")[0])
    times = [p["time"] for p in data["points"]]
    assert times == sorted(times) and len(times) == len(stored) > 2
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", t) for t in times)
    assert times[0] == dt.datetime.fromisoformat(min(p[0] for p in stored)).strftime("%Y-%m-%d %H:%M")
    assert all(isinstance(p["distance_m"], int) and p["distance_m"] > 0 for p in data["points"])  # all outside
    assert data["ends"] == [data["points"][0], data["points"][-1]]
    assert "T10:" not in html and "+08:00" not in html
    table = html[html.index('id="alert-points"'):]
    assert f"{data['points'][0]['distance_m']}米" in table and times[-1] in table


def test_alert_pages_are_for_the_responsible_officers_only(client, cor, tree, alert):
    client.force_login(cor["b"])
    assert client.get(f"/tracks/alerts/{alert.pk}/").status_code == 404
    assert AuditEvent.objects.filter(event=AuditEventType.DENIED, object_id=str(alert.pk)).exists()
    assert str(alert.pk) not in re.findall(r"/tracks/alerts/(\d+)/", client.get("/tracks/?status=all").content.decode())
    for role in (Role.LEADER, Role.MEDIATOR, Role.OFFICE_STAFF):
        client.force_login(factories.user(tree["office_a"], role=role, username=f"u_{role}"))
        assert client.get(f"/tracks/alerts/{alert.pk}/").status_code == 403
        assert client.get("/tracks/upload/").status_code == 403


def test_confirm_and_exclude_through_the_page(client, cor, alert):
    client.force_login(cor["a"])
    url = f"/tracks/alerts/{alert.pk}/"
    empty = client.post(url, {"exclude": "1", "x-reason": ""})
    assert empty.status_code == 200 and "必填" in empty.content.decode()
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN
    done = client.post(url, {"confirm": "1", "c-finding": "对象承认前往徐州", "c-handover": "admonition",
                             "c-ground": "minor_breach"})
    assert done.status_code == 302
    alert.refresh_from_db()
    assert alert.status == AlertStatus.CONFIRMED and alert.sanction is not None


def test_upload_page_names_the_bad_row_and_writes_nothing(client, cor, subject, src):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cor["a"])
    assert str(src) in client.get("/tracks/upload/").content.decode()
    data = (f"person_id,ts,lon,lat\n{subject.number},2024-05-01T08:00:00+08:00,116.4,34.4\n"
            f"{subject.number},2024-05-01T08:05:00+08:00,116.4,134.4\n").encode()
    answer = client.post("/tracks/upload/", {"source": src.pk, "file": SimpleUploadedFile("t.csv", data)})
    assert answer.status_code == 200 and "第3行" in answer.content.decode()
    assert not LocationPoint.objects.exists()
    good = data.split(b"\n")[0] + b"\n" + data.split(b"\n")[1] + b"\n"
    assert client.post("/tracks/upload/", {"source": src.pk, "file": SimpleUploadedFile("t.csv", good)}
                       ).status_code == 302
    assert LocationPoint.objects.count() == 1


def test_area_page_rejects_broken_geojson(client, cor, subject):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cor["county"])
    answer = client.post("/tracks/areas/", {"boundary": "1", "b-crs": "wgs84", "b-name": "",
                                            "b-file": SimpleUploadedFile("b.geojson", b'{"type": "Point"}')})
    assert answer.status_code == 200 and "FeatureCollection" in answer.content.decode()
    assert not PermittedArea.objects.exists()


def test_run_page_starts_a_background_job(client, cor, tree, subject, src, django_capture_on_commit_callbacks):
    b.points(subject, src, DAY, outside_hours=(10, 11))
    client.force_login(cor["county"])
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/tracks/runs/", {"start": DAY, "end": DAY, "buffer_m": 200, "min_minutes": 30})
    assert answer.status_code == 302
    run = ScreeningRun.objects.get()
    assert run.found == 1
    assert client.get(f"/tracks/runs/{run.pk}/").status_code == 200


def test_police_page(client, cor, subject):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cor["county"])
    bad = SimpleUploadedFile("p.csv", "身份证号码\n123\n".encode())
    answer = client.post("/tracks/police/", {"provider": "县公安局", "received_on": dt.date.today(), "file": bad})
    assert answer.status_code == 200 and "第2行" in answer.content.decode()
    ok = SimpleUploadedFile("p.csv", f"身份证号码\n{subject.id_number}\n".encode())
    assert client.post("/tracks/police/", {"provider": "县公安局", "received_on": dt.date.today(), "file": ok}
                       ).status_code == 302
    assert Alert.objects.filter(kind="offence", subject=subject).exists()


def test_the_screening_sentence_is_printed_once_from_the_track_indicators():
    sentences = [(p.key, s.template) for p in reports.paragraphs() for s in p.sentences]
    screening = [(key, t) for key, t in sentences if "智能化数据排查" in t]
    assert len(screening) == 1
    assert "{tracks.screened}" in screening[0][1] and "{tracks.found}" in screening[0][1]
