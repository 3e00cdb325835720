"""Builders for corrections tests: valid ID numbers, corrections staff at the three levels, and subjects."""

import datetime as dt
import itertools

from sifa.core.models import OrgKind, OrgUnit, Role
from sifa.corrections import actions
from sifa.corrections.models import AuthorityKind, Category
from tests import factories

_seq = itertools.count(1)
D = dt.date
JAN_10 = D(2021, 1, 10)


def resident_id(region: str = "341321", birth: str = "19900101", seq: int | None = None, male: bool = True) -> str:
    """The kit's ID number (tests/factories.py), born in 1990 unless told: an adult for every corrections rule."""
    return factories.resident_id(region, birth, seq, male)


def staff(tree) -> dict:
    """Corrections officers of office A, office B and the county's 社区矫正中心, and the bureau's head."""
    center = OrgUnit.objects.filter(code=f"{tree['bureau'].code}-SJZX").first() or OrgUnit.objects.create(
        code=f"{tree['bureau'].code}-SJZX", name="砀山县社区矫正中心", kind=OrgKind.CORRECTIONS_CENTER,
        division=tree["county"], parent=tree["bureau"])
    n = next(_seq)
    return {
        "a": factories.user(tree["office_a"], role=Role.CORRECTIONS_OFFICER, username=f"jz_a{n}", full_name="甲所矫正员"),
        "b": factories.user(tree["office_b"], role=Role.CORRECTIONS_OFFICER, username=f"jz_b{n}", full_name="乙所矫正员"),
        "county": factories.user(center, role=Role.CORRECTIONS_OFFICER, username=f"jz_c{n}", full_name="县矫正员"),
        "head": factories.user(tree["bureau"], role=Role.LEADER, username=f"jz_h{n}", full_name="局长"),
        "center": center,
    }


def subject(actor, org, *, category=Category.PROBATION, effective_on=JAN_10, years=3, months=0,
            male=True, report=True, **extra):
    fields = {"name": "张某", "id_number": resident_id(male=male), "crime": "危险驾驶罪",
              "sentence": "拘役四个月，缓刑六个月" if category == Category.PROBATION else "有期徒刑二年",
              "authority_kind": AuthorityKind.COURT, "authority": "砀山县人民法院", "effective_on": effective_on,
              "term_years": years, "term_months": months, "category": category}
    if category == Category.OUTSIDE:
        fields["outside_reason"] = "medical"
    fields.update(extra)
    s = actions.register_subject(actor, org=org, **fields)
    if report:
        s = actions.record_report_in(actor, s, reported_on=effective_on + dt.timedelta(days=3))
    return s
