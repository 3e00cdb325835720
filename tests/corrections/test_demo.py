"""The demo county's corrections records reproduce seed 000's figures when the indicators are evaluated:
在册 on 2021-06-30 = 401 (缓刑384, 假释9, 管制0, 暂予监外执行8), 调查评估 262 in 2021H1, and up to the report's
date (截至2021-08-13) 404 subjects screened with 50 found 私自外出. One test: building the county is the cost."""

import random

import pytest

from sifa.corrections import demo
from sifa.corrections.models import LeaveRequest, Subject, SubjectStatus
from sifa.demo import county
from sifa.indicators import engine

pytestmark = pytest.mark.slow


def test_demo_records_give_seed_000(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ctx = county.build_county(log=lambda message: None)
    ctx.rng = random.Random("sifa-demo:社区矫正")
    demo.build(ctx)

    def value(code, period="2021H1", **dims):
        return engine.evaluate(code, "341321-SFJ", period, dims=dims).value

    assert value("corrections.registered") == 401
    table = engine.breakdown("corrections.registered", "341321-SFJ", "2021H1", by="category")
    assert {row.label: row.result.value for row in table.rows} == {
        "管制": 0, "缓刑": 384, "假释": 9, "暂予监外执行": 8, "未填写": 0}
    assert value("corrections.investigations") == 262
    assert value("corrections.checked", "截至2021-08-13") == 404
    assert value("corrections.unauthorised_departures", "截至2021-08-13") == 50
    assert value("corrections.registered", "截至2021-08-13") == 404
    # the half-year has the rest of a ledger too: discharges, a revocation, visits, file reviews
    assert value("corrections.discharged") == 95
    assert value("corrections.committed") == 1
    assert value("corrections.visit_coverage", "2021Q2") > 90
    assert value("corrections.file_reviews") > 100
    # spread over the county's offices
    by_office = engine.breakdown("corrections.registered", "341321-SFJ", "2021H1", by="org")
    assert sum(1 for row in by_office.rows if row.result.value) >= 10
    # today: a register with work on it
    assert Subject.objects.filter(status=SubjectStatus.ACTIVE).count() > 30
    assert Subject.objects.filter(status=SubjectStatus.PENDING).count() == 3
    assert LeaveRequest.objects.filter(status__in=("pending", "reviewed")).count() == 2
    # running again adds nothing
    before = Subject.objects.count()
    demo.build(ctx)
    assert Subject.objects.count() == before
