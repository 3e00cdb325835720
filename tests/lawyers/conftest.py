import pytest

from tests.lawyers import builders
from tests.reconsideration import builders as agency_builders


@pytest.fixture
def agencies(tree, bureau_user):
    return agency_builders.agencies(tree["bureau"], bureau_user)


@pytest.fixture
def firm(tree, bureau_user):
    return builders.firm(bureau_user, tree["bureau"])


@pytest.fixture
def lawyer(firm, bureau_user):
    return builders.lawyer(bureau_user, firm)
