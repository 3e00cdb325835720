"""The test data kit: a county with its bureau and two 司法所, users of any role, and made-up people.

Every line's tests build on these, so they live in one place. Built on factory_boy with Faker's zh_CN locale:
names are Chinese; ID numbers (GB 11643), unified social credit codes (GB 32100) and mobiles are well-formed,
so they pass the product's own validation (sifa/core/identifiers.py). The check digits come from the demo's
generator (sifa/demo/people.py), the one place the product makes numbers up. Faker and factory_boy share one
random generator, reseeded before every test (tests/conftest.py), so a test makes the same people each run."""

import datetime as dt
import itertools

import factory
from factory.django import DjangoModelFactory
from faker.providers import BaseProvider

from sifa.core.models import Division, OrgKind, OrgUnit, Role, User
from sifa.demo import people

PASSWORD = "Test-Passw0rd!2026"
_seq = itertools.count(1)


def resident_id(region: str = "341321", birth: str = "19800101", seq: int | None = None, male: bool = True) -> str:
    """A 居民身份证号码 with a correct GB 11643 check digit (the 17th digit odd for men, even for women); a new
    order code on every call unless `seq` is given, so the numbers a test makes do not repeat."""
    n = next(_seq) if seq is None else seq
    return people.resident_id(region, birth, n * 2 + (1 if male else 0))


def credit_code(org_kind: str = "11", region: str = "341321", seq: int | None = None) -> str:
    """A 统一社会信用代码 with a correct GB 32100 check character: registration authority and kind (`org_kind`,
    "11" an organ of state, "91" a company), the region, then a made-up organisation code."""
    n = next(_seq) if seq is None else seq
    return people.credit_code(f"{org_kind}{region}MB{n:07d}")


class SifaProvider(BaseProvider):
    """Faker provider: `fake.resident_id()`, `fake.credit_code()` and `fake.mobile()` for factories' fields."""

    def resident_id(self, region: str = "341321", female: bool | None = None) -> str:
        born = self.generator.date_between_dates(dt.date(1950, 1, 1), dt.date(2003, 12, 31))
        male = self.generator.boolean() if female is None else not female
        return resident_id(region, f"{born:%Y%m%d}", male=male)

    def credit_code(self) -> str:
        return credit_code()

    def mobile(self) -> str:
        return self.random_element(people.MOBILE_PREFIXES) + self.numerify("########")


factory.Faker.add_provider(SifaProvider, locale="zh_CN")


def zh(field: str) -> factory.Faker:
    return factory.Faker(field, locale="zh_CN")


class PersonFactory(factory.DictFactory):
    """A natural person as the lines' actions take one (party, applicant, visitor): name, ID number, mobile."""

    name = zh("name")
    id_number = zh("resident_id")
    mobile = zh("mobile")


class DivisionFactory(DjangoModelFactory):
    """A township (乡镇) under the factory county unless told otherwise."""

    class Meta:
        model = Division
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"341321{200 + n % 800:03d}")
    name = factory.Sequence(lambda n: f"第{n}镇")
    level = factory.LazyAttribute(lambda o: Division.level_for_code(o.code))
    parent = factory.LazyFunction(lambda: division("341321", "砀山县", division("3413", "宿州市", division("34", "安徽省"))))


class OrgUnitFactory(DjangoModelFactory):
    """A 司法所 of its own township (unless kind, division or parent say otherwise)."""

    class Meta:
        model = OrgUnit
        django_get_or_create = ("code",)

    division = factory.SubFactory(DivisionFactory)
    code = factory.LazyAttribute(lambda o: f"{o.division.code}-SFS")
    name = factory.LazyAttribute(lambda o: f"{o.division.name.removesuffix('镇')}司法所")
    kind = OrgKind.JUSTICE_OFFICE
    parent = None


class UserFactory(DjangoModelFactory):
    """A staff account that can sign in with PASSWORD (test-sized Argon2id, tests/settings.py)."""

    class Meta:
        model = User

    username = factory.LazyFunction(lambda: f"u{next(_seq)}")
    full_name = zh("name")
    org = factory.SubFactory(OrgUnitFactory)
    role = Role.OFFICE_STAFF
    must_change_password = False
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Through set_password, as accounts are made in production: the time it was set (or every page sends
        the user to change it) and the history that refuses reusing it."""
        raw = kwargs.pop("password")
        user = model_class(*args, **kwargs)
        user.set_password(raw)
        user.save()
        return user


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
    bureau = OrgUnitFactory(code=f"{county_code}-SFJ", name=f"{county_name}司法局", kind=OrgKind.COUNTY_BUREAU,
                            division=county)
    office_a = OrgUnitFactory(division=town_a, name="砀城司法所", parent=bureau)
    office_b = OrgUnitFactory(division=town_b, name="周寨司法所", parent=bureau)
    return {"province": province, "city": city, "county": county, "town_a": town_a, "town_b": town_b,
            "bureau": bureau, "office_a": office_a, "office_b": office_b}


def user(org: OrgUnit, role: str = Role.OFFICE_STAFF, username: str | None = None, **extra) -> User:
    """A user of `org`; its full name is the username unless given (pages and audit rows are easy to check)."""
    username = username or f"u{next(_seq)}"
    return UserFactory(org=org, role=role, username=username, full_name=extra.pop("full_name", username), **extra)
