"""Builders of synthetic records for the engine tests."""

import datetime as dt


def make_cases(org, n, *, intake=dt.date(2021, 3, 1), closure=None, case_type="marriage", outcome="",
               persons=1, person_key=""):
    """n cases of one shape, inserted in one statement (bulk_create bypasses save, so org_path is set here)."""
    from tests.indicators_testapp.models import Case

    return Case.objects.bulk_create([
        Case(org=org, org_path=org.path, region_code=org.division_id, intake_date=intake, closure_date=closure,
             case_type=case_type, outcome=outcome, persons=persons, person_key=person_key)
        for _ in range(n)])
