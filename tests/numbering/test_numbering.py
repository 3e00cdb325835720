import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from sifa.core.models import CaseNumberCounter
from sifa.core.numbering import next_case_number, next_sequence


def test_numbers_run_from_one_per_line_org_and_year(tree):
    office = tree["office_a"]
    assert next_case_number("mediation", office, 2026, "砀司调") == "（2026）砀司调字第1号"
    assert next_case_number("mediation", office, 2026, "砀司调") == "（2026）砀司调字第2号"
    assert next_case_number("mediation", office, 2025, "砀司调") == "（2025）砀司调字第1号"
    assert next_case_number("mediation", tree["office_b"], 2026, "砀周调") == "（2026）砀周调字第1号"
    assert next_case_number("legalaid", office, 2026, "砀法援") == "（2026）砀法援字第1号"
    assert CaseNumberCounter.objects.get(line="mediation", org=office, year=2026).last == 2


def test_format_is_configurable(tree, settings):
    assert next_case_number("notary", tree["bureau"], 2026, "皖宿砀", fmt="（{year}）{prefix}证字第{number:04d}号") \
        == "（2026）皖宿砀证字第0001号"
    settings.SIFA_CASE_NUMBER_FORMAT = "{prefix}〔{year}〕{number}号"
    assert next_case_number("decision", tree["bureau"], 2026, "砀司复决") == "砀司复决〔2026〕1号"


def test_a_rolled_back_creation_gives_its_number_back(tree):
    office = tree["office_a"]
    next_sequence("mediation", office, 2026)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_sequence("mediation", office, 2026) == 2
        raise RuntimeError("保存案件失败")
    assert next_sequence("mediation", office, 2026) == 2


def test_bad_arguments_are_refused(tree):
    with pytest.raises(ValidationError):
        next_sequence("", tree["office_a"], 2026)
    with pytest.raises(ValidationError):
        next_sequence("mediation", tree["office_a"], 20260)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_creations_never_duplicate_or_skip():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks); SQLite serialises writers")
    from tests import factories

    office = factories.county_tree()["office_a"]
    workers = 20
    barrier = threading.Barrier(workers)
    numbers, errors = [], []

    def take():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            with transaction.atomic():
                numbers.append(next_sequence("mediation", office, 2026))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=take) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, workers + 1))
    assert CaseNumberCounter.objects.get(line="mediation", org=office, year=2026).last == workers
