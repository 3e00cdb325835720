"""Test records of the lawyers line, made through its actions."""

from __future__ import annotations

import datetime as dt
import itertools

from sifa.lawyers import actions
from sifa.lawyers.models import Category, FirmForm
from tests import factories

D = dt.date
_seq = itertools.count(1)


def firm_code(form: str = FirmForm.GENERAL) -> str:
    return factories.credit_code("33" if form == FirmForm.LEGAL_SERVICE else "31")


def licence(digit: str = "1", year: int = 2015, n: int | None = None) -> str:
    return f"13413{year}{digit}{next(_seq) if n is None else n:07d}"


def firm(actor, org, name="安徽梨都律师事务所", form=FirmForm.GENERAL, **extra):
    fields = {"credit_code": firm_code(form), "address": "砀山县梨都大道1号", "director": "王主任",
              "partners": 0 if form in (FirmForm.SOLE, FirmForm.LEGAL_SERVICE) else 3} | extra
    return actions.register_firm(actor, org=org, name=name, form=form, **fields)


def lawyer(actor, firm, name="张律师", category=Category.FULL_TIME, **extra):
    fields = {"licence_number": licence("2" if category == Category.PART_TIME else "1"),
              "licensed_on": D(2015, 7, 1), "areas": ["civil", "contract"]} | extra
    return actions.register_lawyer(actor, name=name, category=category, firm=firm, **fields)
