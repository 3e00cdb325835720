"""Builders for mediation tests: valid identifiers, parties, and a county with committees and mediators."""

import datetime as dt
import itertools

from sifa.core.models import Role
from sifa.mediation import actions
from sifa.mediation.models import CommitteeType, PartyKind, PartySide
from tests import factories

_seq = itertools.count(1)
resident_id = factories.resident_id  # the kit's (tests/factories.py); here for the mediation tests that use it


def parties(applicant: str = "张三", respondent: str = "李四") -> list[dict]:
    return [
        {"side": PartySide.APPLICANT, "kind": PartyKind.PERSON, "name": applicant, "id_number": resident_id(),
         "mobile": "13800000001"},
        {"side": PartySide.RESPONDENT, "kind": PartyKind.PERSON, "name": respondent, "id_number": resident_id()},
    ]


def county(tree) -> dict:
    """Committees at the three levels under the factory county, each with two mediators."""
    staff = factories.user(tree["bureau"], role=Role.SECTION_STAFF, username=f"med_admin{next(_seq)}")
    village_div = factories.division(tree["town_a"].code + "001", "城关村", tree["town_a"])
    village = actions.create_committee(staff, parent=tree["office_a"], name="城关村人民调解委员会",
                                       committee_type=CommitteeType.VILLAGE, member_count=5, division=village_div,
                                       established_on=dt.date(2015, 3, 1))
    township = actions.create_committee(staff, parent=tree["office_a"], name="砀城镇人民调解委员会",
                                        committee_type=CommitteeType.TOWNSHIP, member_count=7)
    county_c = actions.create_committee(staff, parent=tree["bureau"], name="砀山县医疗纠纷人民调解委员会",
                                        committee_type=CommitteeType.SECTOR, sector="医疗", member_count=9)
    other = actions.create_committee(staff, parent=tree["office_b"], name="周寨镇人民调解委员会",
                                     committee_type=CommitteeType.TOWNSHIP, member_count=5)
    out = {"staff": staff, "village": village, "township": township, "county": county_c, "other": other}
    for key in ("village", "township", "county", "other"):
        out[key + "_mediators"] = [
            actions.create_mediator(staff, committee=out[key], name=f"{out[key].name[:2]}调解员{i}",
                                    joined_on=dt.date(2016, 1, 1))
            for i in (1, 2)]
    return out
