"""Remote-visit indicators: seed 003 (红谷滩 2021): 592 applications with 1766 persons, 28 special with 84."""

import datetime as dt
import itertools

import pytest

from sifa.indicators import engine
from sifa.visits.models import Booking, Room, Slot
from tests import factories
from tests.corrections.builders import resident_id

D = dt.date
pytestmark = pytest.mark.django_db
_ids = itertools.count(1)
JUNE_1 = D(2021, 6, 1)


def unique_id() -> str:
    n = next(_ids)
    return resident_id(birth=(D(1960, 1, 1) + dt.timedelta(days=n)).strftime("%Y%m%d"), seq=n % 400)


def value(code, org, period, **kwargs):
    return engine.evaluate(code, org, period, **kwargs).value


def test_seed_003_remote_visits(db):
    tree = factories.county_tree("360113", "红谷滩区")
    office = tree["office_a"]
    room = Room.objects.create(org=office, name="会见室", location="中心一楼", capacity=3)
    slot = Slot.objects.create(org=office, room=room, date=D(2021, 6, 1), start_time=dt.time(9),
                               end_time=dt.time(9, 30), capacity=3)

    def bookings(n, visitors, special=False, applied=JUNE_1, **extra):
        Booking.objects.bulk_create([Booking(
            org=office, org_path=office.path, region_code=office.division_id, slot=slot, number=f"b{next(_ids)}",
            channel="phone", applied_on=applied, applicant_name="x", applicant_mobile="13900000000",
            applicant_id_number=unique_id(), relation="parent", prisoner_name="y", prison="z", visitors=visitors,
            special=special, elderly=special, **extra) for _ in range(n)])

    # 592 applications, 1766 persons; of which 28 special with 84 persons
    bookings(28, 3, special=True)
    bookings(554, 3)
    bookings(10, 2)
    bookings(5, 3, applied=D(2020, 12, 31))
    bureau = tree["bureau"]
    assert value("visits.applications", bureau, "2021") == 592
    assert value("visits.persons", bureau, "2021") == 1766
    assert value("visits.special_applications", bureau, "2021") == 28
    assert value("visits.special_persons", bureau, "2021") == 84
    assert str(value("visits.persons_per_application", bureau, "2021")) == "2.98"
    held = Booking.objects.filter(applied_on=D(2021, 6, 1))[:10]
    Booking.objects.filter(pk__in=[b.pk for b in held]).update(status="held", held_on=D(2021, 6, 1), attended=2)
    assert value("visits.held", bureau, "2021") == 10
    assert value("visits.held_persons", bureau, "2021") == 20
    assert value("visits.applications", bureau, "2021", dims={"special": "True"}) == 28


def test_report_sentence(db):
    from sifa.reports import document

    tree = factories.county_tree("360113", "红谷滩区")
    doc = document.build(tree["bureau"], "2021")
    # no bookings: the paragraph is listed for the writer, not printed as “申请0次，会见人数0人…” (issue 13)
    assert "远程会见申请" not in doc.plain_text()
    assert ("visits.remote", "本期各项数值均为0或无法计算，未写入报告") in [(p.key, r) for p, r in doc.waiting]
