import pytest

from tests import factories
from tests.lawsearch.conftest import small_engine, use_small_engine  # noqa: F401  (the quiz banks cite it)


@pytest.fixture
def villages(tree):
    """Two villages of 砀城镇 (office_a's township) and one of 周寨镇 (office_b's)."""
    return {
        "yangmiao": factories.division("341321100200", "杨庙村委会", tree["town_a"]),
        "litun": factories.division("341321100201", "李屯村委会", tree["town_a"]),
        "zhouzhai": factories.division("341321101200", "周寨社区村委会", tree["town_b"]),
    }
