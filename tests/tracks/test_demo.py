"""The demo builder: on a handful of subjects (the counts scaled down) it yields exactly the screened and found
figures it aims for, alerts checked, today's work. That the full county gives seed 000's 404 and 50 is tested
with the whole demo county built once, in tests/demo/test_demo_lines.py."""

import datetime as dt
import random

import pytest

from sifa.core.models import Division
from sifa.demo.registry import DemoContext
from sifa.indicators import engine
from sifa.tracks import demo
from sifa.tracks.models import Alert, AlertKind, AlertStatus, LocationPoint, ScreeningRun
from tests.corrections import builders as cb

from . import builders as b


@pytest.mark.django_db
def test_builder_reaches_its_figures_on_a_small_county(cor, tree, monkeypatch):
    monkeypatch.setattr(demo, "SCREENED", 7)
    monkeypatch.setattr(demo, "FOUND", 3)
    for _ in range(8):
        cb.subject(cor["a"], tree["office_a"])
    for _ in range(3):
        b.current_subject(cor["b"], tree["office_b"])
    ctx = DemoContext(county=Division.objects.get(code="341321"), bureau=tree["bureau"], offices=[], sections={},
                      units={}, committees=[], users={"corrections_officer": cor["county"]}, today=dt.date.today(),
                      rng=random.Random("sifa-demo:智慧矫正"), log=lambda message: None)
    demo.build(ctx)
    h1 = ScreeningRun.objects.get(period_end=dt.date(2021, 6, 30))
    assert (h1.subjects, h1.found) == (7, 3)
    assert Alert.objects.filter(run=h1, status=AlertStatus.CONFIRMED).count() == h1.episodes == 3
    assert engine.evaluate("tracks.screened", "341321-SFJ", "2021H1").value == 7
    assert engine.evaluate("tracks.found", "341321-SFJ", "截至2021-08-13").value == 3
    assert Alert.objects.filter(status=AlertStatus.OPEN, kind=AlertKind.DEPARTURE).count() == 1
    assert Alert.objects.filter(kind=AlertKind.SILENCE).count() == 1
    assert Alert.objects.filter(kind=AlertKind.OFFENCE).count() == 1
    points = LocationPoint.objects.count()
    demo.build(ctx)  # idempotent
    assert LocationPoint.objects.count() == points

