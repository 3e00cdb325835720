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
