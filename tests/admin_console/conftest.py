import pytest

from sifa.core.models import Role
from tests import factories


@pytest.fixture
def sys_admin(tree):
    return factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN, username="sysadmin")


@pytest.fixture
def sec_admin(tree):
    return factories.user(tree["bureau"], role=Role.SECURITY_ADMIN, username="secadmin")


@pytest.fixture
def other_county(db):
    """A second county with its own bureau: outside the reach of the first county's administrators."""
    return factories.county_tree("371002", "环翠区")


@pytest.fixture
def as_sys_admin(client, sys_admin):
    client.force_login(sys_admin)
    return client


@pytest.fixture
def as_sec_admin(client, sec_admin):
    client.force_login(sec_admin)
    return client


def audit_rows(**filters):
    from sifa.core.models import AuditEvent

    return AuditEvent.objects.filter(**filters)


def page_text(response) -> str:
    return response.content.decode()
