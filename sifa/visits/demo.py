"""Demo records of 远程会见预约 for 砀山县, made through the actions: video rooms at the 公共法律服务中心 and
three 司法所, a year of phone bookings in 2021 (most held, some special arrangements), and open slots for the
next two weeks with bookings waiting to be confirmed — the workers' lists and the public page have something
to show."""

from __future__ import annotations

import datetime as dt

from sifa.core.models import Notification
from sifa.core.notify import mark_read
from sifa.demo.people import People
from sifa.demo.registry import DemoContext, register

from . import actions
from .models import Booking, Room

D = dt.date
TIMES = [(dt.time(9), dt.time(9, 30)), (dt.time(10), dt.time(10, 30)), (dt.time(14, 30), dt.time(15)),
         (dt.time(15, 30), dt.time(16))]
PRISONS = ("安徽省宿州监狱", "安徽省蚌埠监狱", "安徽省女子监狱", "安徽省未成年犯管教所", "安徽省潜川监狱")
RELATIONS = ("parent", "parent", "spouse", "spouse", "child", "sibling", "grandparent")


class Builder:
    def __init__(self, ctx: DemoContext):
        self.ctx, self.rng, self.today = ctx, ctx.rng, ctx.today
        self.clerk = ctx.users["office_staff"]
        self.section = ctx.users["section_staff"]
        self.people = People(ctx.rng)

    def family(self) -> dict:
        special = self.rng.random() < 0.06
        return {"applicant_name": self.people.name(), "applicant_id_number": self.people.resident_id(first=1945),
                "applicant_mobile": self.people.mobile(),
                "relation": self.rng.choice(RELATIONS), "prisoner_name": self.people.name(),
                "prison": self.rng.choice(PRISONS), "visitors": self.rng.choices((1, 2, 3, 4, 5), (8, 20, 40, 22, 10))[0],
                "elderly": special and self.rng.random() < 0.6, "ill": special and self.rng.random() < 0.4,
                "far": special}

    def rooms(self) -> list[Room]:
        ctx = self.ctx
        rooms = [actions.create_room(self.section, org=ctx.units["pls_center"], name="远程视频会见室",
                                     location="砀山县公共法律服务中心一楼", capacity=3, phone="0557-8021234")]
        for office in ctx.offices[:3]:
            actor = self.clerk if office == self.clerk.org else self.section
            rooms.append(actions.create_room(actor, org=office, name="远程视频会见室", location=f"{office.name}二楼",
                                             capacity=1))
        return rooms

    def history(self, rooms: list[Room], first: D, last: D, per_week: int) -> None:
        for room in rooms:
            slots = actions.open_slots(self.section, room, first_day=first, last_day=last, times=TIMES[:2],
                                       weekdays=(1, 3))
            for slot in self.rng.sample(slots, min(len(slots), per_week * ((last - first).days // 7))):
                applied = slot.date - dt.timedelta(days=self.rng.randrange(1, 6))
                booking = actions.book_by_staff(self.section, slot, applied_on=applied,
                                                channel="phone" if self.rng.random() < 0.85 else "counter",
                                                **self.family())
                actions.confirm(self.section, booking, confirmed_on=min(applied + dt.timedelta(days=1), slot.date))
                if self.rng.random() < 0.95:
                    actions.record_attendance(self.section, booking, attended=booking.visitors)
                else:
                    actions.mark_no_show(self.section, booking)

    def upcoming(self, rooms: list[Room]) -> None:
        first = self.today + dt.timedelta(days=1)
        for room in rooms:
            slots = actions.open_slots(self.section, room, first_day=first, last_day=first + dt.timedelta(days=13),
                                       times=TIMES, weekdays=(0, 1, 2, 3, 4))
            for slot in self.rng.sample(slots, min(len(slots), 4)):
                booking = actions.book_by_staff(self.section, slot, **self.family())
                if self.rng.random() < 0.5:
                    actions.confirm(self.section, booking)


def build(ctx: DemoContext) -> None:
    if Room.objects.filter(org_path__startswith=ctx.bureau.path).exists():
        ctx.log("远程会见演示数据已存在，跳过。")
        return
    first_note = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
    b = Builder(ctx)
    rooms = b.rooms()
    b.history(rooms, D(2021, 1, 4), D(2021, 12, 30), per_week=1)
    for note in Notification.objects.filter(id__gt=first_note).select_related("user"):
        mark_read(note.user, note)
    b.upcoming(rooms)
    ctx.log(f"远程会见：会见室{len(rooms)}个，预约{Booking.objects.filter(org_path__startswith=ctx.bureau.path).count()}次。")


register("远程会见", build, order=45)
