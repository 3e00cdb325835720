
import pytest

from tests import factories


@pytest.fixture(autouse=True)
def test_line_indicators():
    """The test line's indicators, registered for the duration of each engine test only."""
    from tests.indicators_testapp import declared

    declared.register_all()
    yield
    declared.unregister_all()


@pytest.fixture
def county(tree):
    """The county tree plus a village mediation committee under office A and a second county elsewhere."""
    from sifa.core.models import OrgKind, OrgUnit

    village = factories.division("341321100001", "城关村", tree["town_a"])
    tree["committee_a"] = OrgUnit.objects.create(code="341321100001-TWH", name="城关村调委会",
                                                 kind=OrgKind.MEDIATION_COMMITTEE, division=village,
                                                 parent=tree["office_a"])
    other = factories.county_tree("341322", "萧县")
    tree["other_bureau"] = other["bureau"]
    tree["other_office"] = other["office_a"]
    return tree
