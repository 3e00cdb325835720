import pytest

from . import factories


def pytest_configure(config):
    # The test-only business line probed by the scope matrix (tests/scopeapp); never part of a deployment.
    from .scopeapp.install import install

    install()


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    """Test-sized Argon2id for every test; tests/security checks the production parameters explicitly."""
    settings.PASSWORD_HASHERS = ["tests.hashers.QuickArgon2Hasher", *settings.PASSWORD_HASHERS]


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
