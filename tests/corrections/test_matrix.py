"""The cross-org scope matrix again, as a *corrections officer* of the other 司法所 (the platform-wide matrix
probes as ordinary office staff, whom these lines refuse outright): every route of the corrections family
(corrections, remote visits, track screening, psychological assessment) × every id of office A's records × every
verb → no read, no change."""

import pytest
from django.test import Client
from django.urls import get_resolver

from sifa.core.models import ApiToken, Role
from sifa.corrections.models import CorrectionsRecord
from sifa.visits.models import VisitsRecord
from tests import factories, scope_factories
from tests.scope_matrix import Matrix, Record, advance_sequences, form_payload

pytestmark = pytest.mark.django_db


def test_a_corrections_officer_of_another_office_reads_and_changes_nothing(tree):
    advance_sequences()
    registry = scope_factories.load_all()
    author = factories.user(tree["office_a"], username="matrix_author")
    records = []
    for label in sorted(registry):
        if not label.startswith(("corrections.", "visits.", "tracks.", "wellbeing.")):
            continue
        built = registry[label](tree["office_a"], author)
        records += [Record.of(obj) for obj in (built if isinstance(built, list | tuple) else [built])]
    every_model = set(CorrectionsRecord.concrete_subclasses()) | set(VisitsRecord.concrete_subclasses())
    assert {type(r.obj) for r in records} == every_model
    outsider = factories.user(tree["office_b"], role=Role.CORRECTIONS_OFFICER, username="other_officer")
    client = Client()
    client.force_login(outsider)
    _, key = ApiToken.issue(outsider, "矩阵")
    matrix = Matrix(client, key, records)
    resolver = get_resolver("tests.corrections.matrix_urls")
    matrix.probe_pages(form_payload(), resolver=resolver)
    matrix.check_page_listings(resolver=resolver)
    matrix.check_unchanged("全部探测")
    outcome = matrix.outcome
    models = {r.label.split("#")[0] for r in records}
    print(f"corrections matrix: {outcome.probes} probes, {len(outcome.leaks)} leaks over {len(models)} models")
    assert outcome.probes > 200 and len(models) >= 20
    assert not outcome.leaks, "\n".join(outcome.leaks[:30])
    assert not outcome.changed, "\n".join(outcome.changed[:30])
    assert not outcome.errors, "\n".join(outcome.errors[:30])
