from django.apps import apps

from sifa.core.models import ScopedModel


def test_sample_model_lives_only_inside_the_test(record_a, office_user, other_office_user):
    model = type(record_a)
    assert model in ScopedModel.concrete_subclasses()
    assert list(model.objects.for_user(office_user)) == [record_a]
    assert not model.objects.for_user(other_office_user).exists()


def test_sample_model_is_gone_afterwards(db):
    assert "samplerecord" not in apps.all_models["security"]
