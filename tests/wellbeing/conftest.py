import pytest

from tests.corrections import builders


@pytest.fixture
def cor(tree):
    """Corrections officers of office A, office B and the county's 社区矫正中心, and the bureau's head."""
    return builders.staff(tree)


@pytest.fixture
def subject(cor, tree):
    """A man on probation at office A, reported on 2021-01-13, supervised until 2024-01-09."""
    return builders.subject(cor["a"], tree["office_a"], effective_on=recent(400), years=3)


def recent(days: int):
    import datetime as dt

    return dt.date.today() - dt.timedelta(days=days)
