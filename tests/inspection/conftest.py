import pytest

from tests.reconsideration import builders


@pytest.fixture
def agencies(tree, bureau_user):
    return builders.agencies(tree["bureau"], bureau_user)
