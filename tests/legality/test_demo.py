"""The line's demo builder on a small county: seed 000's 砀山2021 figures (进行合法性审查50余项，出具合法性审查意见
43件) come out of the records it makes through the actions, and its township drafts carry real findings."""

import datetime as dt
import random

from sifa.demo.registry import DemoContext
from sifa.indicators import engine
from sifa.legality import demo
from sifa.legality.models import Draft, ReviewItem
from tests.reconsideration import builders as rc_builders


def test_demo_gives_seed_000(tree, bureau_user, office_user, other_office_user):
    rc_builders.agencies(tree["bureau"], bureau_user)
    ctx = DemoContext(county=tree["county"], bureau=tree["bureau"], offices=[tree["office_a"], tree["office_b"]],
                      sections={}, units={}, committees=[], users={"section_staff": bureau_user},
                      extra_users={"a": office_user, "b": other_office_user}, today=dt.date(2021, 8, 13),
                      rng=random.Random(1), log=lambda message: None)
    demo.build(ctx)
    reviewed = engine.evaluate("legality.reviewed", "341321", "2021H1").value
    assert 50 < reviewed < 60
    assert engine.evaluate("legality.opinions", "341321", "2021H1").value == 43
    assert engine.evaluate("legality.review_rate", "341321", "2021H1").value == 100
    drafts = Draft.objects.filter(kind="draft")
    assert drafts.count() == 3 and all(d.findings.exists() for d in drafts)
    kinds = {f.kind for d in drafts for f in d.findings.all()}
    assert {"no_basis_license", "no_basis_penalty", "competition", "cited_law", "rights_obligations"} <= kinds
    count = ReviewItem.objects.count()
    demo.build(ctx)
    assert ReviewItem.objects.count() == count
