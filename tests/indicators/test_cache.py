"""Figures are cached, and any change to the records they read — save, delete, queryset update, bulk insert —
changes the next evaluation. These tests commit for real (transaction=True), as production does."""

import datetime as dt

import pytest
from django.db import transaction

from sifa.indicators import engine
from tests import factories
from tests.indicators_testapp.models import Case

from .builders import make_cases

pytestmark = pytest.mark.django_db(transaction=True)

H1 = "2021H1"


@pytest.fixture
def office():
    return factories.county_tree()["office_a"]


def intake(org):
    return engine.evaluate("itest.intake", org, H1).value


def test_second_evaluation_is_served_from_cache(office, django_assert_num_queries):
    make_cases(office, 3)
    with django_assert_num_queries(2):    # the org subtree, then one COUNT
        assert intake(office) == 3
    engine.evaluate("itest.success_rate", office, H1)
    with django_assert_num_queries(0):
        assert intake(office) == 3
        assert engine.evaluate("itest.success_rate", office, H1).denominator.value == 3


def test_a_new_record_changes_the_next_evaluation(office):
    make_cases(office, 3)
    assert intake(office) == 3
    Case.objects.create(org=office, intake_date=dt.date(2021, 2, 1), case_type="land")
    assert intake(office) == 4


def test_queryset_update_bulk_insert_and_delete_invalidate(office):
    make_cases(office, 3)
    assert intake(office) == 3
    Case.objects.filter(org=office).update(intake_date=dt.date(2021, 8, 1))       # moved out of H1
    assert intake(office) == 0
    make_cases(office, 2)                                                         # bulk_create
    assert intake(office) == 2
    Case.objects.filter(intake_date=dt.date(2021, 3, 1)).first().delete()
    assert intake(office) == 1
    assert engine.breakdown("itest.intake", office, H1, "case_type").total.value == 1


def test_breakdown_cache_invalidates_too(office):
    make_cases(office, 2, case_type="land")
    before = {r.key: r.result.value for r in engine.breakdown("itest.intake", office, H1, "case_type").rows}
    make_cases(office, 1, case_type="marriage")
    after = {r.key: r.result.value for r in engine.breakdown("itest.intake", office, H1, "case_type").rows}
    assert (before["marriage"], after["marriage"], after["land"]) == (0, 1, 2)


def test_uncommitted_writes_never_reach_the_cache(office):
    make_cases(office, 1)
    assert intake(office) == 1

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        make_cases(office, 5)
        assert intake(office) == 6    # the writing transaction sees its own records…
        raise Abort
    assert intake(office) == 1        # …and nobody keeps them once it rolls back


def test_org_tree_change_invalidates_roll_up(office):
    from sifa.core.models import OrgKind, OrgUnit

    make_cases(office, 2)
    bureau = office.parent
    assert intake(bureau) == 2
    newcomer = OrgUnit.objects.create(code="341321101-TWH", name="周寨镇调委会", kind=OrgKind.MEDIATION_COMMITTEE,
                                      division=office.division, parent=bureau)
    make_cases(newcomer, 4)
    assert intake(bureau) == 6
