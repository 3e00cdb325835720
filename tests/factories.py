"""Small builders for tests: a county with its bureau and two 司法所, and users of any role.

Every line's tests build on these, so they live in one place."""

import itertools

from sifa.core.models import Division, OrgKind, OrgUnit, Role, User

PASSWORD = "Test-Passw0rd!2026"
_seq = itertools.count(1)


def division(code: str, name: str, parent: Division | None = None) -> Division:
    obj, _ = Division.objects.get_or_create(
        code=code, defaults={"name": name, "level": Division.level_for_code(code), "parent": parent})
    return obj


def county_tree(county_code: str = "341321", county_name: str = "砀山县") -> dict:
    """A province→city→county chain, two townships, their 司法所 under the county 司法局."""
    province = division(county_code[:2], "安徽省")
    city = division(county_code[:4], "宿州市", province)
    county = division(county_code, county_name, city)
    town_a = division(county_code + "100", "砀城镇", county)
    town_b = division(county_code + "101", "周寨镇", county)
    bureau, _ = OrgUnit.objects.get_or_create(
        code=f"{county_code}-SFJ", defaults={"name": f"{county_name}司法局", "kind": OrgKind.COUNTY_BUREAU,
                                             "division": county})
    office_a, _ = OrgUnit.objects.get_or_create(
        code=f"{town_a.code}-SFS", defaults={"name": "砀城司法所", "kind": OrgKind.JUSTICE_OFFICE,
                                             "division": town_a, "parent": bureau})
    office_b, _ = OrgUnit.objects.get_or_create(
        code=f"{town_b.code}-SFS", defaults={"name": "周寨司法所", "kind": OrgKind.JUSTICE_OFFICE,
                                             "division": town_b, "parent": bureau})
    return {"province": province, "city": city, "county": county, "town_a": town_a, "town_b": town_b,
            "bureau": bureau, "office_a": office_a, "office_b": office_b}


def user(org: OrgUnit, role: str = Role.OFFICE_STAFF, username: str | None = None, **extra) -> User:
    username = username or f"u{next(_seq)}"
    obj = User(username=username, org=org, role=role, full_name=extra.pop("full_name", username),
               must_change_password=extra.pop("must_change_password", False), **extra)
    obj.set_password(PASSWORD)
    obj.save()
    return obj
