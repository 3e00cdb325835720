"""The demo's made-up people (sifa/demo/people.py) and the test kit built on them (tests/factories.py): numbers
that the product's own validation accepts, the same people on every run."""

import datetime as dt
import random

from sifa.core import identifiers
from sifa.demo.people import People, credit_code
from tests import factories


def test_the_demo_makes_the_same_valid_people_from_the_same_seed():
    first, second = People(random.Random("seed")), People(random.Random("seed"))
    made = [(first.name(), first.resident_id(), first.mobile()) for _ in range(200)]
    assert made == [(second.name(), second.resident_id(), second.mobile()) for _ in range(200)]
    for name, number, mobile in made:
        assert 2 <= len(name) <= 3
        assert identifiers.validate_resident_id(number) == number and number.startswith("341321")
        assert identifiers.validate_mobile(mobile) == mobile
    assert len({number for _, number, _ in made}) == 200


def test_sex_birth_date_and_region_are_as_asked():
    people = People(random.Random(1))
    woman = people.resident_id(female=True, born=dt.date(1962, 3, 4), region="320322")
    assert identifiers.sex(woman) == "女" and identifiers.birth_date(woman) == dt.date(1962, 3, 4)
    assert woman.startswith("320322")
    assert identifiers.sex(people.resident_id(female=False)) == "男"


def test_credit_codes_carry_the_gb_32100_check_character():
    code = credit_code("91341321MA2NK6QX4")
    assert identifiers.validate_credit_code(code) == code
    assert identifiers.validate_credit_code(factories.credit_code("91")).startswith("91341321")


def test_the_kit_makes_people_the_product_accepts():
    person = factories.PersonFactory()
    assert set(person) == {"name", "id_number", "mobile"}
    assert identifiers.validate_resident_id(person["id_number"]) == person["id_number"]
    assert identifiers.validate_mobile(person["mobile"]) == person["mobile"]
    assert factories.resident_id(seq=501) == factories.resident_id(seq=501) != factories.resident_id(seq=502)


def test_the_kit_makes_offices_and_users(db):
    office = factories.OrgUnitFactory()
    assert office.kind == "justice_office" and office.code == f"{office.division.code}-SFS"
    user = factories.UserFactory(org=office)
    assert user.check_password(factories.PASSWORD) and user.full_name and not user.must_change_password
    tree = factories.county_tree()
    assert tree["office_a"].parent == tree["bureau"] and tree["office_a"].is_within(tree["bureau"])
