import factory.random
import pytest

from . import factories


def pytest_configure(config):
    # The test-only lines (tests/scopeapp, probed by the scope matrix; tests/indicators_testapp, the engine's),
    # never part of a deployment: installed in every test process, so that all start from one migrated template.
    from .migrated_db import install_test_apps

    install_test_apps()


def pytest_collection_modifyitems(config, items):
    """Tests that read the demo county's template run last, so that on a parallel run the template (built beside
    the suite by tools/run_tests.py) is ready when they start; Spark tests are skipped, with the reason, where
    Spark cannot run."""
    items.sort(key=lambda item: item.get_closest_marker("demo_county") is not None)
    if any(item.get_closest_marker("spark") for item in items):
        from sifa.tracks.spark_engine import unavailable_reason

        reason = unavailable_reason()
        if reason:
            skip = pytest.mark.skip(reason=f"Spark 测试跳过：{reason}")
            for item in items:
                if item.get_closest_marker("spark"):
                    item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """pytest-django's set-up of the test databases, except that each starts as a copy of a database migrated
    once for the current code (tests/migrated_db.py) instead of migrating from scratch in every process."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from .migrated_db import seed_test_database

    verbosity = request.config.option.verbose
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        seed_test_database(connections["default"])
        databases = setup_databases(verbosity=verbosity, interactive=False, keepdb=True, aliases=aliases,
                                    serialized_aliases=serialized_aliases)
    yield
    with django_db_blocker.unblock():
        teardown_databases(databases, verbosity=verbosity)


@pytest.fixture(autouse=True)
def same_people_every_run():
    """Faker and factory_boy draw from one generator: reseeded, each test makes the same people on every run."""
    factory.random.reseed_random("sifa-tests")


@pytest.fixture(autouse=True)
def mfa_off_unless_tested(request, settings):
    """Tests sign staff in with force_login, which has no second step; the MFA tests (marker `mfa`) and the
    deployment keep it on (settings.SIFA_MFA_ENFORCED defaults to True)."""
    if request.node.get_closest_marker("mfa") is None:
        settings.SIFA_MFA_ENFORCED = False


@pytest.fixture(autouse=True)
def audit_rows_flushable_after_the_test(request):
    """A transactional test's database is emptied after it with DELETE on SQLite, which the audit log's triggers
    refuse; the guard is lifted for that clean-up only (PostgreSQL empties with TRUNCATE, which they allow).
    Requesting the database fixture here makes this teardown run before the database's."""
    from django.db import connections

    marker = request.node.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        request.getfixturevalue("_django_db_helper")
    elif "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    for conn in connections.all(initialized_only=True):
        conn.sifa_audit_lifted = False
    yield
    for conn in connections.all(initialized_only=True):
        conn.sifa_audit_lifted = True


@pytest.fixture
def tree(db):
    return factories.county_tree()


@pytest.fixture
def office_user(tree):
    return factories.user(tree["office_a"], username="clerk_a")


@pytest.fixture
def other_office_user(tree):
    return factories.user(tree["office_b"], username="clerk_b")


@pytest.fixture
def bureau_user(tree):
    from sifa.core.models import Role

    return factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="bureau_staff")


@pytest.fixture
def logged_in(client, office_user):
    client.force_login(office_user)
    return client
