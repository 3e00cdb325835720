import pytest

from . import builders


@pytest.fixture
def cor(tree):
    return builders.staff(tree)


@pytest.fixture
def subject(cor, tree):
    """A man on probation (3 years from 2021-01-10) at office A, reported on 2021-01-13."""
    return builders.subject(cor["a"], tree["office_a"])
