"""The demo county's mediation records reproduce seed 000's 2021H1 figures when the indicators are evaluated.
One test, because building the county's year of mediation work is the expensive part."""

import datetime as dt
import random
from collections import Counter

import pytest

from sifa.demo import county
from sifa.indicators import engine
from sifa.indicators.results import round_half_up
from sifa.mediation import demo
from sifa.mediation.models import Dispute, MediationCommittee, Screening

pytestmark = pytest.mark.slow


def test_demo_records_give_seed_000_and_look_like_a_real_ledger(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ctx = county.build_county(log=lambda message: None)
    ctx.rng = random.Random("sifa-demo:人民调解")
    demo.build(ctx)

    # 排查528次, 发现205件, 预防264件, 调处640件, 调解成功627件, 成功率98% — evaluated on the records
    values = {code: engine.evaluate(f"mediation.{code}", "341321-SFJ", "2021H1").value
              for code in ("screenings", "screening_found", "screening_prevented", "accepted", "succeeded")}
    assert values == {"screenings": 528, "screening_found": 205, "screening_prevented": 264, "accepted": 640,
                      "succeeded": 627}
    assert round_half_up(engine.evaluate("mediation.success_rate", "341321-SFJ", "2021H1").exact, 0) == 98
    # other periods have records of their own
    assert engine.evaluate("mediation.accepted", "341321-SFJ", "2021").value > 640
    assert engine.evaluate("mediation.accepted", "341321-SFJ", "2020Q4").value > 0

    # spread over months, types, sources, levels and townships
    h1 = Dispute.objects.filter(accepted_on__range=(dt.date(2021, 1, 1), dt.date(2021, 6, 30)))
    assert {d.month for d in h1.values_list("accepted_on", flat=True)} == {1, 2, 3, 4, 5, 6}
    assert len(set(h1.values_list("dispute_type", flat=True))) >= 8
    assert len(set(h1.values_list("source", flat=True))) >= 5
    levels = Counter(h1.values_list("level", flat=True))
    assert levels["village"] > levels["township"] > 0 and levels["county"] > 0
    offices = {d.org.parent_id for d in h1.select_related("org__parent") if d.org.parent.kind == "justice_office"}
    assert len(offices) >= 10
    assert MediationCommittee.objects.filter(committee_type="village").count() > 100
    linked = Counter(Dispute.objects.exclude(screening=None).values_list("screening", flat=True))
    assert linked and all(Screening.objects.get(pk=pk).found_count >= n for pk, n in linked.items())

    # running the demo again adds nothing
    before = Dispute.objects.count(), MediationCommittee.objects.count()
    demo.build(ctx)
    assert (Dispute.objects.count(), MediationCommittee.objects.count()) == before
