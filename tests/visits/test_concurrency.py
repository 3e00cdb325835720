"""No double booking under concurrency (SECURITY.md G4): 20 threads book a capacity-1 slot at once on
PostgreSQL → exactly 1 booked and 19 told 已约满."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from sifa.core.models import Role
from sifa.visits import actions
from sifa.visits.models import Booking
from tests import factories

from .builders import family

THREADS = 20

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def one_place(tree):
    if connection.vendor != "postgresql":
        pytest.skip("行级锁（SELECT … FOR UPDATE）的并发测试须在 PostgreSQL 上运行（设置 DATABASE_URL）")
    clerk = factories.user(tree["office_a"], role=Role.OFFICE_STAFF, username="race_clerk")
    room = actions.create_room(clerk, org=tree["office_a"], name="会见室", location="二楼", capacity=1)
    day = dt.date.today() + dt.timedelta(days=3)
    slot = actions.open_slots(clerk, room, first_day=day, last_day=day, weekdays=range(7),
                              times=[(dt.time(9), dt.time(9, 30))])[0]
    return clerk, slot


def _race(target, n=THREADS):
    barrier = threading.Barrier(n)
    outcomes, lock = [], threading.Lock()

    def run(i):
        try:
            barrier.wait()
            target(i)
            result = "booked"
        except ValidationError as exc:
            result = " ".join(exc.messages)
        except Exception as exc:  # a deadlock or a unique-constraint crash would show up here
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_twenty_staff_bookings_of_one_place(one_place):
    clerk, slot = one_place
    outcomes = _race(lambda i: actions.book_by_staff(clerk, slot, **family(applicant_mobile=f"139000000{i:02d}")))
    assert outcomes.count("booked") == 1, outcomes
    assert outcomes.count(actions.FULL_MESSAGE) == THREADS - 1, outcomes
    assert Booking.objects.filter(slot=slot).count() == 1


def test_twenty_citizens_booking_online(one_place):
    _, slot = one_place
    outcomes = _race(lambda i: actions.book_online(slot=slot, citizen_mobile=f"139000000{i:02d}", **family()))
    assert outcomes.count("booked") == 1, outcomes
    assert outcomes.count(actions.FULL_MESSAGE) == THREADS - 1, outcomes
    assert Booking.objects.filter(slot=slot).count() == 1
