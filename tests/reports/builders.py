"""Records for the report and dashboard tests: mediation sweeps and cases bulk-inserted (as a ledger import
would leave them), so every figure of a test is known by construction."""

import datetime as dt

from sifa.mediation.models import Dispute, DisputeStatus, Level, Screening, Source

D = dt.date
MARCH_1, MARCH_20 = D(2021, 3, 1), D(2021, 3, 20)
FEBRUARY_1 = D(2021, 2, 1)


def sweeps(org, n, *, found=0, prevented=0, held_on=MARCH_1):
    """n sweeps; `found` and `prevented` are totals spread over them (the first sweep takes the remainder)."""
    rows = []
    for i in range(n):
        f = found // n + (found % n if i == 0 else 0)
        p = prevented // n + (prevented % n if i == 0 else 0)
        rows.append(Screening(org=org, org_path=org.path, region_code=org.division_id, held_on=held_on,
                              scope="全村", found_count=f, prevented_count=p))
    Screening.objects.bulk_create(rows)


def cases(org, n, *, status=DisputeStatus.SUCCEEDED, accepted=MARCH_1, closed=MARCH_20,
          level=Level.VILLAGE, source=Source.APPLICATION, dispute_type="neighbour"):
    Dispute.objects.bulk_create([
        Dispute(org=org, org_path=org.path, region_code=org.division_id, summary="测试纠纷", dispute_type=dispute_type,
                source=source, level=level, status=status, applied_on=accepted, accepted_on=accepted,
                closed_on=closed if status not in (DisputeStatus.MEDIATING, DisputeStatus.ACCEPTED) else None)
        for _ in range(n)])


def seed_000_mediation(org):
    """The mediation figures of seed [000] in 2021H1: 排查528次, 发现205件, 预防264件, 调处640件, 成功627件."""
    sweeps(org, 528, found=205, prevented=264)
    cases(org, 600)
    cases(org, 27, level=Level.TOWNSHIP)
    cases(org, 13, status=DisputeStatus.FAILED)


def lawsuits(org, user, n, *, filed_on=FEBRUARY_1):
    """n first-instance lawsuits of a county filed on `filed_on`, registered through the litigation line's actions
    (答辩 on the 10th day)."""
    from sifa.litigation import actions as litigation
    from tests.reconsideration.scope_factories import agency

    for i in range(n):
        suit = litigation.register(user, org=org, number=f"（2021）皖1321行初{i + 1}号", court="砀山县人民法院",
                                   plaintiff="原告甲", cause="不服行政处罚", agency=agency(org, user),
                                   filed_on=filed_on, notice_received_on=filed_on + dt.timedelta(days=2))
        litigation.answer(user, suit, answered_on=filed_on + dt.timedelta(days=10))
