"""Work report and dashboard benchmark: one county-year and a province-year (100 counties) of mediation records.

    python bench/reports_bench.py [--per-county 20000] [--backends sqlite,postgres]

The province of bench/indicators_bench.py (10 cities × 10 counties; each county a 司法局, 15 司法所 and 30
village 调委会) gets, per county and year, `--per-county` mediation cases (纠纷) and a tenth as many sweeps
(矛盾纠纷排查) for 2020 and 2021 — the default gives 22,000 records per county-year and 4.4 million in all — loaded
straight into the real tables of the mediation line (COPY / executemany; the line's own indexes built after).

Figures (seconds; “cold” = figure and dashboard caches emptied, database pages warm; “warm” = cached):
  the county's full 2021H1 report (every paragraph's figures: on a first run with no stored roll-ups yet, then
  cold with the roll-ups the job — `sifa rollups`, timed too — has built), the same rendered to .docx and PDF, the county
  dashboard (key figures with 同比, monthly trends, split by township, map), the dashboard page through Django's
  test client (p50 of repeated requests), and the same report and dashboard for the whole province; each set
  against a naive per-record Python loop that reads the same records and computes the report's figures.
Targets (issue 3): county-year report < 1 s, province-year < 10 s, dashboard pages p50 < 20 ms.

Loading 4.4 million rows takes a while on this machine; with --keep the PostgreSQL database stays (as
sifa_bench_reports) and the next --keep run measures on it straight away.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import indicators_bench as ib  # noqa: E402  the province tree, timing and database helpers of the engine's bench

BENCH_DB = "sifa_bench_reports"
YEARS = (2020, 2021)
PERIOD = "2021H1"
PAGE_REPEAT = 40


# ------------------------------------------------------------------------------------------------ parent

def parent(args) -> int:
    ib.BENCH_DB = BENCH_DB  # the engine bench's database helpers, on a database of our own
    failed = 0
    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory(prefix="sifa-rep-bench-") as tmp:
            env = {**os.environ, "SIFA_VAR_DIR": tmp, "SIFA_LOG_LEVEL": "WARNING"}
            env.pop("REDIS_URL", None)
            server = ib._pg_server_url(args.pg_url)
            if backend == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
            elif backend == "postgres":
                url = _kept_pg_database(server) if args.keep else None
                url = url or ib._recreate_pg_database(server)
                if url is None:
                    continue
                env["DATABASE_URL"] = url
            else:
                print(f"unknown backend {backend}")
                return 2
            print(f"--- {backend}: {args.per_county:,} cases per county-year", flush=True)
            code = subprocess.call([sys.executable, __file__, "--child", "--per-county", str(args.per_county),
                                    "--seed", str(args.seed)], env=env, cwd=HERE.parent)
            if backend == "postgres" and not args.keep:
                ib._drop_pg_database(server)
            failed |= code != 0
    return 1 if failed else 0


def _kept_pg_database(server_url: str) -> str | None:
    """The bench database of an earlier `--keep` run, if there is one (its records are reused when complete)."""
    import psycopg

    try:
        with psycopg.connect(server_url, autocommit=True, connect_timeout=3) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
    except psycopg.Error:
        return None
    return server_url.rsplit("/", 1)[0] + "/" + BENCH_DB if found else None


# ------------------------------------------------------------------------------------------------- child

class RowMaker:
    """Full rows of a model's table, fast: each field's default ("" for text, else NULL) with the given values
    set in place. Built once per model, so millions of rows cost one list copy and a few assignments each."""

    def __init__(self, model, fields: tuple[str, ...]):
        concrete = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.template = [f.get_default() for f in concrete]
        index = {f.attname: i for i, f in enumerate(concrete)}
        self.positions = [index[name] for name in fields]

    def __call__(self, *values) -> list:
        row = self.template.copy()
        for position, value in zip(self.positions, values, strict=True):
            row[position] = value
        return row


def _columns(model) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if not f.primary_key]


def disputes(county_units, per_county: int, seed: int):
    """Case rows for every county and year; 10% of cases at the bureau, the rest over its units."""
    from sifa.mediation.models import Dispute, DisputeStatus, DisputeType, Level, Source

    rng = random.Random(seed)
    now = dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
    types, sources = [c for c, _ in DisputeType.choices], [c for c, _ in Source.choices]
    levels = [Level.VILLAGE] * 70 + [Level.TOWNSHIP] * 20 + [Level.COUNTY] * 10
    outcomes = [DisputeStatus.SUCCEEDED] * 96 + [DisputeStatus.FAILED] * 2 + [DisputeStatus.TERMINATED]
    make = RowMaker(Dispute, ("org_id", "org_path", "region_code", "created_at", "updated_at", "summary",
                              "dispute_type", "source", "level", "status", "applied_on", "accepted_on", "due_on",
                              "closed_on"))
    days = [dt.timedelta(days=d) for d in range(400)]
    for units in county_units:
        bureau, others = units[0], units[1:]
        for year in YEARS:
            first = dt.date(year, 1, 1)
            for _ in range(per_county):
                path, org_id, region = bureau if rng.random() < 0.1 else others[rng.randrange(len(others))]
                accepted = first + days[rng.randrange(365)]
                status = rng.choice(outcomes) if rng.random() < 0.97 else DisputeStatus.MEDIATING
                closed = None if status == DisputeStatus.MEDIATING else accepted + days[rng.randrange(45)]
                yield make(org_id, path, region, now, now, "基准测试纠纷", rng.choice(types), rng.choice(sources),
                           rng.choice(levels), status, accepted, accepted, accepted + days[30], closed)


def sweeps(county_units, per_county: int, seed: int):
    """Sweep rows: a tenth as many as cases, over the county's offices and committees."""
    from sifa.mediation.models import Screening

    rng = random.Random(seed + 1)
    now = dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
    make = RowMaker(Screening, ("org_id", "org_path", "region_code", "created_at", "updated_at", "held_on", "scope",
                                "found_count", "prevented_count"))
    for units in county_units:
        others = units[1:]
        for year in YEARS:
            first = dt.date(year, 1, 1)
            for _ in range(per_county // 10):
                path, org_id, region = others[rng.randrange(len(others))]
                yield make(org_id, path, region, now, now, first + dt.timedelta(days=rng.randrange(365)), "全村",
                           rng.randrange(3), rng.randrange(3))


def load(model, rows) -> int:
    """Drop the table's secondary indexes, insert in bulk, rebuild them, analyse."""
    from django.db import connection

    table = model._meta.db_table
    with connection.cursor() as cursor:
        indexes = {name: c for name, c in connection.introspection.get_constraints(cursor, table).items()
                   if c["index"] and not c["primary_key"] and not c["unique"]}
    sqls = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
            sqls = [d for n, d in cursor.fetchall() if n in indexes]
            for name in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            count = 0
            with cursor.cursor.copy(f"COPY {table} ({', '.join(_columns(model))}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            for sql in sqls:
                cursor.execute(sql)
            cursor.execute(f"VACUUM ANALYZE {table}")
        return count
    connection.ensure_connection()
    raw = connection.connection
    sqls = [sql for name, sql in raw.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND "
                                             "tbl_name=? AND sql IS NOT NULL", [table]) if name in indexes]
    for name in indexes:
        raw.execute(f'DROP INDEX "{name}"')
    cols = _columns(model)
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(['?'] * len(cols))})"

    date_columns = [i for i, f in enumerate(f for f in model._meta.concrete_fields if not f.primary_key)
                    if f.get_internal_type() in ("DateField", "DateTimeField")]

    raw.execute("PRAGMA synchronous=OFF")
    raw.execute("BEGIN")
    count, batch = 0, []
    for row in rows:
        for i in date_columns:  # as Django stores them: ISO text
            value = row[i]
            if value is not None:
                row[i] = value.isoformat(" ") if isinstance(value, dt.datetime) else value.isoformat()
        batch.append(row)
        if len(batch) == 100_000:
            raw.executemany(sql, batch)
            count += len(batch)
            batch.clear()
    raw.executemany(sql, batch)
    count += len(batch)
    raw.execute("COMMIT")
    for index_sql in sqls:
        raw.execute(index_sql)
    raw.execute("ANALYZE")
    return count


def naive_figures(org_path: str, period) -> tuple[dict, float]:
    """What a clerk's script would do: read every case and sweep, and count the report's figures in Python."""
    from sifa.mediation.models import Dispute, Screening

    started = time.perf_counter()
    f = {"screenings": 0, "found": 0, "prevented": 0, "accepted": 0, "succeeded": 0, "village": 0, "township": 0,
         "county": 0}
    start, end = period.start, period.end
    for path, held_on, found, prevented in Screening.objects.values_list(
            "org_path", "held_on", "found_count", "prevented_count").iterator(chunk_size=20_000):
        if start <= held_on <= end and path.startswith(org_path):
            f["screenings"] += 1
            f["found"] += found
            f["prevented"] += prevented
    for path, accepted, closed, status, level in Dispute.objects.values_list(
            "org_path", "accepted_on", "closed_on", "status", "level").iterator(chunk_size=20_000):
        if accepted and start <= accepted <= end and path.startswith(org_path):
            f["accepted"] += 1
            if level in f:
                f[level] += 1
            if status == "succeeded" and closed and closed <= end:
                f["succeeded"] += 1
    return f, time.perf_counter() - started


def check_against_naive(doc, naive: dict) -> None:
    by_code = {(x.result.code, x.placeholder.dims): x.result.value for x in doc.figures}
    expected = {("mediation.screenings", ()): naive["screenings"], ("mediation.screening_found", ()): naive["found"],
                ("mediation.screening_prevented", ()): naive["prevented"],
                ("mediation.accepted", ()): naive["accepted"], ("mediation.succeeded", ()): naive["succeeded"]}
    for key, value in expected.items():
        assert by_code.get(key) == value, f"{key}: report {by_code.get(key)} ≠ naive {value}"


def timed(fn, repeat: int) -> dict:
    """p50 and p95 in milliseconds of `repeat` calls after one warm-up."""
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"p50": statistics.median(samples), "p95": samples[int(0.95 * (len(samples) - 1))]}


def seconds(fn, repeat: int = 3) -> float:
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best


HOT = ("mediation.accepted", "mediation.succeeded", "mediation.succeeded_closed", "mediation.accepted_village",
       "mediation.screening_found")


def print_plans(org, period) -> None:
    """The plan of each hot indicator query of one county (PostgreSQL: index-only scans on the covering indexes
    expected, with few heap fetches)."""
    from django.db import connection
    from django.db.models import Count, Q

    from sifa.indicators import registry
    from sifa.indicators.orgscope import org_scope

    scope = org_scope(org)
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    for code in HOT:
        indicator = registry.get(code)
        paths, dims_q = indicator.paths_and_q(scope, {})
        qs = indicator._queryset(Q(org_path__in=paths) & indicator.where_q(period, dims_q))
        sql, params = qs.values_list("org_path").annotate(n=Count("*")).values_list("org_path", "n").query \
            .sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            lines = [" ".join(str(c) for c in row) for row in cursor.fetchall()]
        shown = [line.strip()[:120] for line in lines if any(
            k in line for k in ("Scan", "SEARCH", "SCAN", "Heap Fetches", "Execution Time"))]
        print(f"  plan of {code}: " + " | ".join(shown), flush=True)


def child(args) -> int:
    ib.setup_django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from sifa.core.models import OrgUnit, Population, Role, User
    from sifa.indicators import registry, rollups
    from sifa.indicators.periods import parse_period
    from sifa.mediation.models import Dispute, Screening
    from sifa.reports import dashboard, document, export_docx, export_pdf

    expected = ib.CITIES * ib.COUNTIES_PER_CITY * len(YEARS) * args.per_county
    started = time.perf_counter()
    if OrgUnit.objects.filter(code="34-SFT").exists() and Dispute.objects.count() == expected:
        n_cases, n_sweeps = expected, Screening.objects.count()
        counties = list(OrgUnit.objects.filter(kind="county_bureau").values_list("division_id", flat=True))
        print(f"  {connection.vendor}: reusing the kept database ({n_cases:,} cases, {n_sweeps:,} sweeps)", flush=True)
    else:
        if OrgUnit.objects.filter(code="34-SFT").exists():
            print("  the kept database does not hold this volume: run without --keep once to rebuild it")
            return 2
        county_units, unit_count = ib.build_tree()
        n_cases = load(Dispute, disputes(county_units, args.per_county, args.seed))
        n_sweeps = load(Screening, sweeps(county_units, args.per_county, args.seed))
        counties = [units[0][2] for units in county_units]
        print(f"  {connection.vendor}: {unit_count:,} org units; {n_cases:,} cases and {n_sweeps:,} sweeps "
              f"({(n_cases + n_sweeps) // (len(counties) * len(YEARS)):,} records per county-year); generated, "
              f"loaded and indexed in {time.perf_counter() - started:.0f} s", flush=True)
    Population.objects.bulk_create([Population(division_id=code, year=2021, residents=800_000, source="基准测试参数")
                                    for code in counties], ignore_conflicts=True)

    county = OrgUnit.objects.get(code="340101-SFJ")
    province = OrgUnit.objects.get(code="34-SFT")
    period = parse_period(PERIOD)
    from django.urls import reverse

    reverse("reports:dashboard")  # load the URL configuration once, as a running server has (not a cold figure)
    leaders = {}
    for org in (county, province):
        leaders[org.code], _ = User.objects.update_or_create(
            username=f"bench_{org.code}", defaults={"org": org, "role": Role.LEADER, "must_change_password": False,
                                                    "password_changed_at": timezone.now()})
    rows = []

    def measure(label, org, repeat, job=False):
        def report():
            cache.clear()
            return document.build(org, period)

        def report_files():
            doc = document.build(org, period)
            export_docx.render(doc)
            export_pdf.render(doc)

        def dash_cold():
            cache.clear()
            dashboard.data_for(org, period)

        started = time.perf_counter()
        doc = report()
        first = time.perf_counter() - started
        naive, naive_s = naive_figures(org.path, period)
        if job:  # the nightly job: every roll-up of every indicator and county, from the records
            started = time.perf_counter()
            written = rollups.rebuild(registry.all_indicators())
            rows.append((f"roll-up job (sifa rollups): {sum(written.values()):,} rows, {len(written)} indicators",
                         time.perf_counter() - started, naive_s))
        check_against_naive(doc, naive)
        cold = seconds(report, repeat)
        warm = seconds(lambda: document.build(org, period))
        files = seconds(report_files, repeat)
        dash = seconds(dash_cold, 1)
        client = Client()
        client.force_login(leaders[org.code])
        url = f"/reports/dashboard/?org={org.code}&period={PERIOD}"
        response = client.get(url)
        assert response.status_code == 200, (response.status_code, response.get("Location"))
        page = timed(lambda: client.get(url), repeat=PAGE_REPEAT)
        overdue = seconds(lambda: dashboard._overdue(leaders[org.code], org, dashboard.OVERDUE_SHOWN), repeat)
        rows.extend([
            (f"{label} report, first run (no roll-ups yet)", first, naive_s),
            (f"{label} report, cold (figure cache empty, roll-ups current)", cold, naive_s),
            (f"{label} report, warm (cached figures)", warm, naive_s),
            (f"{label} report + .docx + PDF, warm", files, naive_s),
            (f"{label} dashboard data, cold", dash, naive_s),
            (f"{label} dashboard page p50, warm", page["p50"] / 1000, naive_s),
            (f"{label} overdue list, live (lines' sources)", overdue, naive_s),
        ])
        print(f"  {label}: {len(doc.figures)} figures; 调处{naive['accepted']:,}件, 成功{naive['succeeded']:,}件, "
              f"排查{naive['screenings']:,}次 (report = naive loop ✓); dashboard page p95 {page['p95']:.1f} ms",
              flush=True)
        return cold, page["p50"]

    print_plans(county, period)
    county_cold, county_page = measure("county 340101 2021H1", county, 3)
    province_cold, province_page = measure("province 34 2021H1", province, 1, job=True)
    width = max(len(r[0]) for r in rows)
    print(f"  {'measure':<{width}}  {'seconds':>9}  {'naive loop s':>12}  {'× faster':>9}")
    for name, s, naive_s in rows:
        print(f"  {name:<{width}}  {s:>9.4f}  {naive_s:>12.2f}  {naive_s / s:>9,.0f}")
    print(f"  targets: county-year report < 1 s: {'met' if county_cold < 1 else 'MISSED'} ({county_cold:.2f} s cold); "
          f"province-year < 10 s: {'met' if province_cold < 10 else 'MISSED'} ({province_cold:.2f} s cold); "
          f"dashboard page p50 < 20 ms: county {'met' if county_page < 20 else 'MISSED'} ({county_page:.1f} ms), "
          f"province {'met' if province_page < 20 else 'MISSED'} ({province_page:.1f} ms)")
    cache.clear()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-county", type=int, default=20_000, help="cases per county and year")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--pg-url", default="")
    parser.add_argument("--keep", action="store_true",
                        help="keep the PostgreSQL bench database afterwards, and reuse a kept one of the same volume")
    parser.add_argument("--seed", type=int, default=20210813)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args()
    return child(args) if args.child else parent(args)


if __name__ == "__main__":
    sys.exit(main())
