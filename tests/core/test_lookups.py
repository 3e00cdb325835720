"""`__any_of` selects what `__in` selects; on PostgreSQL it is sent as one array parameter."""

import pytest
from django.db import connection

from sifa.core.models import OrgUnit
from tests import factories

pytestmark = pytest.mark.django_db


def test_any_of_selects_what_in_selects():
    tree = factories.county_tree()
    paths = [tree["office_a"].path, tree["bureau"].path, "/不存在/"]
    for values in (paths, paths[:1], [], [tree["office_a"].path] * 3):
        expected = set(OrgUnit.objects.filter(path__in=values).values_list("pk", flat=True))
        assert set(OrgUnit.objects.filter(path__any_of=values).values_list("pk", flat=True)) == expected
    assert OrgUnit.objects.exclude(path__any_of=paths).count() == OrgUnit.objects.exclude(path__in=paths).count()


def test_any_of_is_one_parameter_on_postgresql():
    paths = [f"/p{i}/" for i in range(500)]
    sql, params = OrgUnit.objects.filter(path__any_of=paths).query.sql_with_params()
    if connection.vendor == "postgresql":
        assert "= ANY(%s)" in sql and len(params) == 1
    else:
        assert len(params) == 500
