import pytest

from . import builders


@pytest.fixture
def la(tree):
    return builders.centre_for(tree)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
