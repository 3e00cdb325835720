import datetime as dt

import pytest

from sifa.mediation import actions
from sifa.mediation.models import DisputeType, Source

from . import builders


@pytest.fixture
def med(tree):
    return builders.county(tree)


@pytest.fixture
def open_dispute(med, office_user):
    """A neighbour dispute accepted by the village committee on 2021-03-01."""
    return actions.open_case(
        office_user, org=med["village"].org, parties=builders.parties(), committee=med["village"],
        accepted_on=dt.date(2021, 3, 1), mediators=med["village_mediators"][:1], summary="两家因排水沟发生争执",
        dispute_type=DisputeType.NEIGHBOUR, source=Source.APPLICATION)
