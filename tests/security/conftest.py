"""Fixtures of the security tests.

`sample_model` is a concrete ScopedModel with sensitive fields that exists only while a test runs: the class
is registered in the app registry for the test and removed afterwards, and its table is created inside the
test's transaction (so it is rolled back with it). Nothing of it leaks into other lines' tests.
"""

import pytest
from django.apps import apps
from django.db import connection, models

from sifa.core.models import Role, ScopedModel
from tests import factories

_sample_class = None


def _define_sample():
    global _sample_class
    if _sample_class is None:
        class SampleRecord(ScopedModel):
            party_name = models.CharField("当事人姓名", max_length=50)
            id_number = models.CharField("身份证号码", max_length=18)
            mobile = models.CharField("联系电话", max_length=11, blank=True)
            summary = models.CharField("摘要", max_length=100, blank=True)

            sensitive_fields = ("id_number", "mobile")

            class Meta:
                app_label = "security"

            def __str__(self):
                return f"样例记录{self.pk}"

        _sample_class = SampleRecord
        _unregister(SampleRecord)
    return _sample_class


def _unregister(model):
    apps.all_models[model._meta.app_label].pop(model._meta.model_name, None)
    apps.clear_cache()


@pytest.fixture
def sample_model(db):
    model = _define_sample()
    apps.register_model(model._meta.app_label, model)
    editor = connection.schema_editor(collect_sql=True)
    editor.deferred_sql = []
    editor.create_model(model)
    with connection.cursor() as cursor:
        for statement in editor.collected_sql:
            cursor.execute(statement)
    yield model
    _unregister(model)


SEEDED_ID = "11010519491231002X"  # the worked example of GB 11643-1999, a valid check digit
SEEDED_MOBILE = "13812341234"


@pytest.fixture
def record_a(sample_model, tree, office_user):
    return sample_model.objects.create(org=tree["office_a"], party_name="张小三", id_number=SEEDED_ID,
                                       mobile=SEEDED_MOBILE, created_by=office_user)


@pytest.fixture
def corrections_a(tree):
    """A corrections officer of office A: holds the `unmask` capability."""
    return factories.user(tree["office_a"], role=Role.CORRECTIONS_OFFICER, username="corr_a")


@pytest.fixture
def corrections_b(tree):
    return factories.user(tree["office_b"], role=Role.CORRECTIONS_OFFICER, username="corr_b")


@pytest.fixture
def audit_admin(tree):
    return factories.user(tree["bureau"], role=Role.AUDIT_ADMIN, username="auditor")
