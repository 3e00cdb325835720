"""Test records of the enforcement line, made through its actions."""

from __future__ import annotations

import datetime as dt
import itertools

from sifa.enforcement import actions
from sifa.enforcement.models import Category
from tests.reconsideration import builders as agency_builders

D = dt.date
_serial = itertools.count(1)
ISSUED, UNTIL = D(2020, 1, 6), D(2030, 1, 5)


def cert(kind_digit: str = "1", region: str = "341321") -> str:
    return f"{region}{kind_digit}{next(_serial):05d}"


def bodies(bureau, actor, liaison=None) -> dict:
    agencies = agency_builders.agencies(bureau, actor)
    return {key: actions.register_body(actor, agency=agencies[key], liaison=liaison, duties="负责本行业行政执法",
                                       matters="无照经营查处\n食品安全监督检查", procedure="立案、调查、告知、决定、送达",
                                       remedy="可依法申请行政复议或提起行政诉讼")
            for key in ("market", "resources")}


def officer(actor, body, name="张执法", issued=ISSUED, until=UNTIL, **extra):
    return actions.add_officer(actor, body=body, name=name, cert_number=extra.pop("cert_number", None) or cert(),
                               issued_on=issued, valid_until=until, **extra)


def pair(actor, body):
    return [officer(actor, body, "张执法"), officer(actor, body, "李执法")]


def decision(actor, body, officers, number, decided, published=None, category=Category.PENALTY, **extra):
    fields = {"title": "无照经营案", "party_name": "王小明", "party_id_number": "", "basis": "《无证无照经营查处办法》第十三条",
              "content": "罚款五千元"} | extra
    return actions.publish_decision(actor, body=body, category=category, number=number, decided_on=decided,
                                    published_on=published or decided, officers=officers, **fields)
