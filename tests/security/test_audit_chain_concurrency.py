"""Appends from many connections at once keep one chain: the head row's lock serialises them, each row continues
from the newest committed row, and the chain verifies with no fork. Also: a long transaction of many appends
(as the demo builders make) keeps its chain."""

import threading

import pytest
from django.db import connection, connections, transaction

from sifa.core import audit
from sifa.core.models.audit import AuditEvent, AuditEventType


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_chain():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite has one writer)")
    errors = []
    start = threading.Barrier(8)

    def writer(n):
        try:
            start.wait()
            for i in range(15):
                with transaction.atomic():
                    audit.record(AuditEventType.CONFIG, username=f"w{n}", verb=f"并发写入{i}")
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = list(AuditEvent.objects.order_by("id").values_list("prev_hash", "hash"))
    assert len(rows) == 8 * 15
    assert len({prev for prev, _ in rows}) == len(rows)  # no two rows continue from the same hash: no fork
    checked, broken = audit.verify_chain()
    assert (checked, broken) == (120, [])


@pytest.mark.django_db
def test_a_long_transaction_of_appends_keeps_its_chain():
    with transaction.atomic():
        for i in range(300):
            audit.record(AuditEventType.CONFIG, username="builder", verb=f"批量{i}")
    checked, broken = audit.verify_chain()
    assert checked == 300 and broken == []
