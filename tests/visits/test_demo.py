"""The demo county's remote-visit records: a year of bookings in 2021 and bookable slots ahead."""

import random

import pytest

from sifa.demo import county
from sifa.indicators import engine
from sifa.visits import actions, demo
from sifa.visits.models import Booking

pytestmark = pytest.mark.slow


def test_demo_bookings(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ctx = county.build_county(log=lambda message: None)
    ctx.rng = random.Random("sifa-demo:远程会见")
    demo.build(ctx)
    applications = engine.evaluate("visits.applications", "341321-SFJ", "2021").value
    persons = engine.evaluate("visits.persons", "341321-SFJ", "2021").value
    assert 150 < applications < persons
    assert engine.evaluate("visits.held", "341321-SFJ", "2021").value > 0.9 * applications
    assert engine.evaluate("visits.special_applications", "341321-SFJ", "2021").value > 0
    assert actions.bookable_slots().count() > 50
    assert Booking.objects.filter(status="applied").exists()
    before = Booking.objects.count()
    demo.build(ctx)
    assert Booking.objects.count() == before
