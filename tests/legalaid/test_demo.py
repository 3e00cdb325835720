"""The demo county's legal-aid and notary records reproduce seed 000's 2021H1 figures when the indicators are
evaluated (法律援助受理办理892件, 法律咨询500余件 — stored exactly, 公证1657件), and running the demo again adds
nothing."""

import random

import pytest

from sifa.demo import county
from sifa.indicators import engine
from sifa.legalaid import demo as legalaid_demo
from sifa.legalaid.models import Application, Consultation
from sifa.notary import demo as notary_demo
from sifa.notary.models import NotaryMatter
from sifa.reports import templating

pytestmark = pytest.mark.slow


@pytest.fixture
def demo_county(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "private"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ctx = county.build_county(log=lambda message: None)
    for name, module in (("法律援助", legalaid_demo), ("公证", notary_demo)):
        ctx.rng = random.Random(f"sifa-demo:{name}")
        module.build(ctx)
    return ctx


def value(code, period="2021H1"):
    return engine.evaluate(code, "341321-SFJ", period).value


def test_seed_000_figures_follow_from_the_records(demo_county):
    assert value("legalaid.accepted") == 892
    consultations = value("legalaid.consultations")
    assert consultations == 517 and templating.approximate(consultations, "余") == "500余"
    assert value("notary.issued") == 1657
    # spread like a real register: every area and channel, most decided and assigned on time
    areas = {r.key: r.result.value for r in engine.breakdown("legalaid.accepted", "341321-SFJ", "2021H1",
                                                              by="case_area").rows}
    assert all(areas[a] > 0 for a in ("criminal", "civil", "administrative"))
    assert 95 <= value("legalaid.decision_on_time_rate") < 100
    assert 95 <= value("notary.on_time_rate") < 100
    assert value("legalaid.closed") > 300 and value("legalaid.plea_cases") > 0
    assert value("notary.accepted", "2021") > value("notary.issued")
    assert value("legalaid.accepted", "2020Q4") > 0 and value("notary.issued", "2021H2") > 0
    # running the demo again adds nothing
    before = Application.objects.count(), Consultation.objects.count(), NotaryMatter.objects.count()
    legalaid_demo.build(demo_county)
    notary_demo.build(demo_county)
    assert (Application.objects.count(), Consultation.objects.count(), NotaryMatter.objects.count()) == before
