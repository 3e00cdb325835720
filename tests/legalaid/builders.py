"""Builders for legal-aid tests: a legal-aid centre under the factory county's bureau, its hardship standard,
subsidy rates, service organisations and providers, and valid applicants."""

import datetime as dt
import itertools

from sifa.core import actions as core_actions
from sifa.core.models import OrgKind, Role
from sifa.legalaid import actions
from sifa.legalaid.models import Category, ProviderKind, ServiceOrgKind
from tests import factories
from tests.mediation.builders import resident_id

_seq = itertools.count(1)
D = dt.date


def licence(n: int | None = None) -> str:
    """A 17-digit 律师执业证号 (type 1, province 34, city 13, first year 2010, 专职, sequence)."""
    return f"1341320101{next(_seq) if n is None else n:07d}"


def applicant(**extra) -> dict:
    return {"name": "王桂兰", "id_number": resident_id(birth="19700315", male=False), "mobile": "13800000011",
            "address": "砀山县砀城镇", **extra}


def centre_for(tree) -> dict:
    """The centre, its staff, a bureau staff member, the hardship standard and the rate table."""
    bureau = tree["bureau"]
    staff = factories.user(bureau, role=Role.SECTION_STAFF, username=f"la_bureau{next(_seq)}")
    centre = core_actions.create_org_unit(None, code=f"{bureau.division_id}-FYZX{next(_seq)}", name="砀山县法律援助中心",
                                          kind=OrgKind.LEGAL_AID_CENTER, division=bureau.division, parent=bureau)
    clerk = factories.user(centre, role=Role.SECTION_STAFF, username=f"la_clerk{next(_seq)}")
    actions.set_hardship_standard(staff, org=bureau, monthly_income_per_capita="1200", effective_from=D(2020, 1, 1),
                                  basis="砀山县城乡最低生活保障标准的2倍")
    for category, amount in ((Category.CRIMINAL_DEFENCE, "2000"), (Category.CIVIL, "1500"),
                             (Category.LABOUR_ARBITRATION, "1200"), (Category.ADMINISTRATIVE, "1500")):
        actions.set_subsidy_rate(staff, org=bureau, category=category, base_amount=amount, extra_person_amount="200",
                                 effective_from=D(2020, 1, 1))
    firm = actions.create_service_org(clerk, org=centre, name="安徽砀城律师事务所", kind=ServiceOrgKind.LAW_FIRM)
    service_firm = actions.create_service_org(clerk, org=centre, name="砀城镇法律服务所",
                                              kind=ServiceOrgKind.LEGAL_SERVICE_FIRM)
    senior = actions.create_provider(clerk, service_org=firm, name="周文涛", kind=ProviderKind.LAWYER,
                                     licence_number=licence(), practice_since=D(2010, 5, 1),
                                     specialities="criminal,civil")
    junior = actions.create_provider(clerk, service_org=firm, name="李明", kind=ProviderKind.LAWYER,
                                     licence_number=licence(), practice_since=D(2020, 9, 1),
                                     specialities="criminal,civil,administrative")
    worker = actions.create_provider(clerk, service_org=service_firm, name="赵刚", kind=ProviderKind.LEGAL_WORKER,
                                     licence_number="32130119990001", practice_since=D(2015, 1, 1),
                                     specialities="civil")
    return {"bureau_staff": staff, "centre": centre, "clerk": clerk, "firm": firm, "service_firm": service_firm,
            "senior": senior, "junior": junior, "worker": worker}


def civil_application(la, received_on=dt.date(2021, 3, 1), **extra):  # noqa: B008
    fields = {"org": la["centre"], "channel": "visit", "category": Category.CIVIL, "civil_matter": "maintenance",
              "summary": "请求前夫给付子女抚养费", "received_on": received_on, "applicant": applicant(),
              "household_size": 3, "household_income": "2400"}
    fields.update(extra)
    return actions.register_application(la["clerk"], **fields)
