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


def test_a_write_in_one_county_recomputes_only_that_county(django_assert_num_queries):
    """A city's figure is rolled up from per-county cache entries; a new record in one county re-queries that
    county alone."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sifa.core import actions as core_actions
    from sifa.core.models import OrgKind, OrgUnit

    a, b = factories.county_tree("341321", "砀山县"), factories.county_tree("341322", "萧县")
    city = OrgUnit.objects.create(code="3413-SJ", name="宿州市司法局", kind=OrgKind.CITY_BUREAU, division=a["city"])
    for bureau in (a["bureau"], b["bureau"]):
        core_actions.update_org_unit(None, bureau, parent=city)
    make_cases(OrgUnit.objects.get(code="341321100-SFS"), 3)
    make_cases(OrgUnit.objects.get(code="341322101-SFS"), 4)
    city.refresh_from_db()
    assert intake(city) == 7
    with django_assert_num_queries(0):
        assert intake(city) == 7
    Case.objects.create(org=OrgUnit.objects.get(code="341322100-SFS"), intake_date=dt.date(2021, 5, 1))
    with CaptureQueriesContext(connection) as ctx:
        assert intake(city) == 8
    on_cases = [q["sql"] for q in ctx.captured_queries if Case._meta.db_table in q["sql"]]
    assert len(on_cases) == 1 and "341322" in on_cases[0] and "341321" not in on_cases[0]


def test_a_record_moved_to_another_county_leaves_both_counties_right():
    from sifa.core import actions as core_actions
    from sifa.core.models import OrgKind, OrgUnit

    a, b = factories.county_tree("341321", "砀山县"), factories.county_tree("341322", "萧县")
    city = OrgUnit.objects.create(code="3413-SJ", name="宿州市司法局", kind=OrgKind.CITY_BUREAU, division=a["city"])
    for bureau in (a["bureau"], b["bureau"]):
        core_actions.update_org_unit(None, bureau, parent=city)
    case = Case.objects.create(org=OrgUnit.objects.get(code="341321100-SFS"), intake_date=dt.date(2021, 3, 1))
    city.refresh_from_db()

    def by_county():
        return {r.key: r.result.value for r in engine.breakdown("itest.intake", city, H1, "org").rows}

    assert by_county() == {"341321-SFJ": 1, "341322-SFJ": 0, "": 0}
    case = Case.objects.get(pk=case.pk)  # loaded as a page would load it
    case.org = OrgUnit.objects.get(code="341322100-SFS")
    case.save()
    assert by_county() == {"341321-SFJ": 0, "341322-SFJ": 1, "": 0}


def test_model_version_moves_on_every_write(office):
    """Other caches over records (dashboards) key on the model's version: any single write must move it."""
    from sifa.indicators import versions

    def version():
        return versions.versions(["indicators_testapp.case"])

    first = version()
    case = Case.objects.create(org=office, intake_date=dt.date(2021, 2, 1))
    second = version()
    case.case_type = "land"
    case.save()
    third = version()
    case.delete()
    assert len({first, second, third, version()}) == 4


def test_a_write_inside_a_request_snapshot_shows_in_the_next_figure(office, django_assert_num_queries):
    """Within one request the versions are read once (versions.snapshot); a write made in it forgets them, so the
    figure computed after the write counts the new record."""
    from sifa.indicators import versions

    make_cases(office, 3)
    assert intake(office) == 3
    with versions.snapshot():
        assert intake(office) == 3
        with django_assert_num_queries(0):
            assert intake(office) == 3
        Case.objects.create(org=office, intake_date=dt.date(2021, 2, 1), case_type="land")
        assert intake(office) == 4
    assert intake(office) == 4


def test_a_write_between_requests_shows_on_the_next_page(office, client):
    """The page path: a figure shown, a record written, the next page shows the new figure."""
    from sifa.core.models import Role

    leader = factories.user(office.parent, role=Role.LEADER, username="snapshot_leader")
    client.force_login(leader)
    url = f"/indicators/itest.intake/?org={office.code}&period={H1}"
    make_cases(office, 3)
    assert client.get(url).context["result"].value == 3
    Case.objects.create(org=office, intake_date=dt.date(2021, 2, 1), case_type="land")
    assert client.get(url).context["result"].value == 4
