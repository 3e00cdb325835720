import pytest

from tests.enforcement import builders


@pytest.fixture
def bodies(tree, bureau_user):
    return builders.bodies(tree["bureau"], bureau_user)


@pytest.fixture
def market(bodies):
    return bodies["market"]
