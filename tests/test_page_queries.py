"""The staff pages a user waits for make as many queries with three times the records: no page reads record by
record (an N+1), whether its figures come from a cold cache or a warm one (bench/pages_bench.py measures the
times; here only query counts are compared, never times).

Records come from every business line's scope-matrix builder (tests/<line>/scope_factories.py), so a new line's
records are in the count without editing this file; the platform's own records (org units, users, tokens) are
left out — they change the tree, not the records a page lists."""

import time

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sifa.core.models import Role
from tests import factories, scope_factories
from tests.scope_matrix import advance_sequences

PAGES = {
    "首页": "/",
    "驾驶舱": "/reports/dashboard/",
    "法治驾驶舱": "/reports/cockpit/",
    "指标查询": "/indicators/",
    "工作总结": "/reports/",
    "人民调解": "/mediation/",
    "社区矫正": "/corrections/",
    "法律援助": "/legalaid/",
    "公证": "/notary/",
    "行政复议": "/reconsideration/",
    "行政应诉": "/litigation/",
    "合法性审查": "/legality/",
    "执法监督": "/enforcement/",
    "律师": "/lawyers/",
    "普法": "/publicity/",
    "法治督察": "/inspection/",
    "队伍建设": "/team/",
}


# Pages of figures: whether a 同比 basis comes from records or from a baseline depends on the dates the builders
# draw, a query or two either way. A page reading record by record would add one per record: 2 × every model.
SLACK = {"驾驶舱": 3, "法治驾驶舱": 3, "指标查询": 3, "工作总结": 3}


@pytest.fixture(autouse=True)
def lighter_requests(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _build_records(org, author, rounds: int) -> None:
    """`rounds` records of every business model; a line that refuses a second one for the same parties (a second
    pending 表扬 of one subject) keeps its one."""
    builders = {label: build for label, build in scope_factories.load_all().items() if not label.startswith("core.")}
    for _ in range(rounds):
        for label in sorted(builders):
            try:
                with transaction.atomic():
                    builders[label](org, author)
            except ValidationError:
                continue


# Read again by time, not by records: the session renewed once a minute, the holiday schedules kept per process
# for a while (core.workdays). Left out of the counts, so the comparison does not depend on the clock.
TIMED = ("django_session", "core_holidayschedule")


def _count(captured) -> int:
    return sum(1 for q in captured.captured_queries if not any(table in q["sql"] for table in TIMED))


def _counts(client) -> dict[str, tuple[int, int]]:
    """{page: (queries with the figure cache cleared, queries on the next request)}."""
    counts = {}
    for name, path in PAGES.items():
        cache.clear()
        client.get(path)  # the per-process look-ups, read once whatever the records
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            response = client.get(path)
        assert response.status_code == 200, f"{name} {path} 答复 {response.status_code}"
        with CaptureQueriesContext(connection) as warm:
            client.get(path)
        counts[name] = (_count(cold), _count(warm))
    return counts


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)  # as a server runs: figures cached once committed, roll-ups in use
def test_page_queries_do_not_grow_with_the_records(tree):
    advance_sequences()
    author = factories.user(tree["office_a"], username="records_author")
    leader = factories.user(tree["bureau"], role=Role.LEADER, username="bureau_leader")
    client = Client()
    client.force_login(leader)
    started = time.perf_counter()
    _build_records(tree["office_a"], author, 1)
    built = time.perf_counter()
    with_n = _counts(client)
    counted = time.perf_counter()
    _build_records(tree["office_a"], author, 2)
    with_3n = _counts(client)
    print(f"records built in {built - started:.1f}s, pages counted in {counted - built:.1f}s:", with_3n)
    grown = {name: (with_n[name], with_3n[name]) for name in PAGES
             if any(after > before + SLACK.get(name, 0)
                    for before, after in zip(with_n[name], with_3n[name], strict=True))}
    assert not grown, "以下页面的查询数随记录数增长（冷缓存, 热缓存）：N → 3N " + "；".join(
        f"{name} {before} → {after}" for name, (before, after) in grown.items())
