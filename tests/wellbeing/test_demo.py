"""The demo builder on a handful of subjects (not the whole county): assessments, some positive, warnings and
interventions, idempotent on a second run."""

import datetime as dt
import random

import pytest

from sifa.demo.registry import DemoContext, autodiscover, builders
from sifa.wellbeing import demo
from sifa.wellbeing.models import Assessment, EarlyWarning, Intervention
from tests.corrections import builders as subjects

pytestmark = pytest.mark.django_db


def test_demo_builds_assessments_warnings_and_interventions(cor, tree):
    for i in range(8):
        subjects.subject(cor["a"], tree["office_a"], name=f"演示{i}",
                         effective_on=dt.date.today() - dt.timedelta(days=300), years=2)
    ctx = DemoContext(county=tree["county"], bureau=tree["bureau"], offices=[tree["office_a"]], sections={},
                      units={}, committees=[], users={"corrections_officer": cor["county"]},
                      rng=random.Random("sifa-demo:心理评估与预警"), log=lambda message: None)
    demo.build(ctx)
    assessed = Assessment.objects.values("subject").distinct().count()
    assert assessed == 8
    assert Assessment.objects.filter(positive=True).exists()
    assert EarlyWarning.objects.exists() and Intervention.objects.exists()   # these subjects all missed reports
    count = Assessment.objects.count()
    demo.build(ctx)
    assert Assessment.objects.count() == count
    autodiscover()
    names = [b.name for b in builders()]
    assert names.index("心理评估与预警") > names.index("社区矫正")
