import pytest

from tests.api.client import ApiClient, issue  # noqa: F401  (used by the tests through this module)


@pytest.fixture
def api_for(client):
    """api_for(user) → an ApiClient authenticated with a fresh token of that user."""

    def make(user, **kw):
        return ApiClient(client, issue(user, **kw))

    return make


@pytest.fixture
def api(api_for, office_user):
    return api_for(office_user)


@pytest.fixture
def anon_api(client):
    return ApiClient(client)


@pytest.fixture
def sysadmin(tree):
    from sifa.core.models import Role
    from tests import factories

    return factories.user(tree["bureau"], role=Role.SYSTEM_ADMIN, username="sysadmin")


@pytest.fixture
def admin_api(api_for, sysadmin):
    return api_for(sysadmin)


def denied_rows(object_type: str = "", object_id=None):
    from sifa.core.models import AuditEvent
    from sifa.core.models.audit import AuditEventType

    rows = AuditEvent.objects.filter(event=AuditEventType.DENIED)
    if object_type:
        rows = rows.filter(object_type=object_type)
    if object_id is not None:
        rows = rows.filter(object_id=str(object_id))
    return rows
