import factory.random
import pytest

from . import factories


def pytest_configure(config):
    # The test-only business line probed by the scope matrix (tests/scopeapp); never part of a deployment.
    from .scopeapp.install import install

    install()


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
