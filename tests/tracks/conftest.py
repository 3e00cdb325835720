import pytest

from tests.corrections import builders as cb

from . import builders


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cor(tree):
    return cb.staff(tree)


@pytest.fixture
def subject(cor, tree):
    return builders.current_subject(cor["a"], tree["office_a"])


@pytest.fixture
def src(cor):
    return builders.source(cor["county"])
