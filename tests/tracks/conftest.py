import pytest

from tests.corrections import builders as cb

from . import builders


@pytest.fixture
def cor(tree):
    return cb.staff(tree)


@pytest.fixture
def subject(cor, tree):
    return builders.current_subject(cor["a"], tree["office_a"])


@pytest.fixture
def src(cor):
    return builders.source(cor["county"])
