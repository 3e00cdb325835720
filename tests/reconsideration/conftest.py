import pytest

from . import builders


@pytest.fixture
def agencies(tree, bureau_user):
    return builders.agencies(tree["bureau"], bureau_user)
