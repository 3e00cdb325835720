"""Records of the track line for the cross-org scope matrix, owned by the given 司法所: a source, an approved
extra area, a screening run with its screened subject and alert, and a police list with its hit."""

import datetime as dt
import json

from sifa.tracks import actions
from sifa.tracks.models import Alert, LocationPoint, ScreenedSubject, TrackSource
from tests.corrections.scope_factories import _people, _subject
from tests.scope_factories import register

from . import builders as b

DAY = dt.date.today() - dt.timedelta(days=5)


@register("tracks.tracksource")
def source(org, user):
    # A 司法所 rarely runs its own feed, but nothing forbids it; built directly (the action files sources under the
    # county) so the matrix has a source owned by the office.
    return TrackSource.objects.get_or_create(org=org, name=f"{org.name}签到", defaults={"kind": "app"})[0]


@register("tracks.permittedarea")
def permitted_area(org, user):
    officer = _people(org)[0]
    square = {"type": "Polygon", "coordinates": [[[117.1, 34.2], [117.3, 34.2], [117.3, 34.4], [117.1, 34.2]]]}
    return actions.add_extra_area(officer, _subject(org, user), data=json.dumps(
        {"type": "Feature", "geometry": square}).encode(), crs="wgs84", name="矩阵工作地", basis="矩阵批准")


def _run(org, user):
    officer = _people(org)[0]
    subject = _subject(org, user, fresh=True)
    src = source(org, user)
    if not LocationPoint.objects.filter(subject=subject).exists():
        b.points(subject, src, DAY, outside_hours=(10, 11))
    run = actions.run_screening(officer, org=org, start=DAY, end=DAY)
    return run, subject


@register("tracks.screeningrun")
def screening_run(org, user):
    return _run(org, user)[0]


@register("tracks.screenedsubject")
def screened_subject(org, user):
    return list(ScreenedSubject.objects.filter(run=_run(org, user)[0]))


@register("tracks.alert")
def alert(org, user):
    _run(org, user)
    return list(Alert.objects.filter(org=org))


@register("tracks.policelist")
def police_list(org, user):
    officer = _people(org)[0]
    subject = _subject(org, user)
    return actions.import_police_list(officer, data=f"身份证号码\n{subject.id_number}\n".encode(), name="矩阵名单.csv",
                                      provider="县公安局", received_on=dt.date.today())
