import pytest

from sifa.core.models import Role
from tests import factories


@pytest.fixture
def writer(tree):
    """A bureau staff member who drafts the report (股室工作人员: view_reports + write_records)."""
    return factories.user(tree["bureau"], role=Role.SECTION_STAFF, username="writer")


@pytest.fixture
def leader(tree):
    return factories.user(tree["bureau"], role=Role.LEADER, username="leader")


@pytest.fixture
def other_county(db):
    return factories.county_tree("341322", "萧县")
