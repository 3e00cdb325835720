import pytest

from . import factories


def pytest_configure(config):
    # The test-only business line probed by the scope matrix (tests/scopeapp); never part of a deployment.
    from .scopeapp.install import install

    install()


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
