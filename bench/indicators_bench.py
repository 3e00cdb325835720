"""Indicator engine benchmark: one county's and a whole province's figures over millions of records.

    python bench/indicators_bench.py [--rows 5000000] [--backends sqlite,postgres] [--cache locmem|redis]

A province of 100 counties (10 cities × 10 counties; each county a 司法局, 15 司法所 and 30 village 调委会: 4,611
org units) and `--rows` records of a bench-only dispute model spread over five years (2017–2021), so the default
5,000,000 rows give 10,000 records per county-year. The records are loaded with COPY (PostgreSQL) or one
executemany per 100,000 rows (SQLite) into a throwaway database, indexed as a business line would index them —
(org_path, intake_date, case_type) and (org_path, closure_date, outcome) — and analysed.

Figures (milliseconds, median of repeated runs after one warm-up; "uncached" = the engine's SQL with the
figure cache bypassed, database pages warm):
  county count, rate, breakdown by township, sum; the same count with a prefix LIKE instead of the org IN-list;
  province count and breakdown by city straight from the records and from the stored monthly roll-ups
  (sifa/indicators/rollups.py; rebuilt first, as the nightly job does, and checked equal to the records); each
  also served from the figure cache; and a naive per-record Python loop over the same records (every row of the
  table) for the ratio.
Targets (issue 3): one county's indicator query < 10 ms warm with 5 million records; a province-wide view < 50 ms.

Each backend runs in a fresh process against a new database: a SQLite file in a temporary directory, and a new
database `sifa_bench_indicators` on the PostgreSQL server of --pg-url (default: DATABASE_URL when it is a
PostgreSQL URL, else postgres://postgres@127.0.0.1:5432/postgres); a server that cannot be reached is skipped.
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CITIES, COUNTIES_PER_CITY, TOWNSHIPS, VILLAGES = 10, 10, 15, 2
YEARS = range(2017, 2022)
BENCH_DB = "sifa_bench_indicators"
TABLE = "bench_indicator_case"
PERIOD = "2021H1"
REPEAT = 30
WRITTEN = 0  # `persons` of the records the bench itself saves while measuring (generated rows have 1–5)


# ------------------------------------------------------------------------------------------------ parent


def _pg_server_url(explicit: str) -> str:
    if explicit:
        return explicit
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/postgres"


def _recreate_pg_database(server_url: str, keep: bool = False) -> str | None:
    import psycopg

    try:
        with psycopg.connect(server_url, autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
            if not (keep and exists):
                conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
                conn.execute(f"CREATE DATABASE {BENCH_DB}")
    except psycopg.Error as exc:
        print(f"PostgreSQL unreachable ({exc.__class__.__name__}): skipped", flush=True)
        return None
    return server_url.rsplit("/", 1)[0] + "/" + BENCH_DB


def _drop_pg_database(server_url: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def parent(args) -> int:
    failed = 0
    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory(prefix="sifa-ind-bench-") as scratch:
            tmp = args.keep or scratch
            env = {**os.environ, "SIFA_VAR_DIR": tmp, "SIFA_LOG_LEVEL": "WARNING"}
            env.pop("REDIS_URL", None)
            if args.cache == "redis":
                env["REDIS_URL"] = args.redis_url
            if backend == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{tmp}/indicators-bench-{args.rows}.sqlite3"
            elif backend == "postgres":
                url = _recreate_pg_database(_pg_server_url(args.pg_url), keep=bool(args.keep))
                if url is None:
                    continue
                env["DATABASE_URL"] = url
            else:
                print(f"unknown backend {backend}")
                return 2
            print(f"--- {backend}: {args.rows:,} records, cache {args.cache}", flush=True)
            code = subprocess.call([sys.executable, __file__, "--child", "--rows", str(args.rows),
                                    "--seed", str(args.seed)], env=env, cwd=ROOT)
            if backend == "postgres" and not args.keep:
                _drop_pg_database(_pg_server_url(args.pg_url))
            failed |= code != 0
    return 1 if failed else 0


# ------------------------------------------------------------------------------------------------- child


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sifa.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def define_model():
    """A bench-only line: disputes with intake/closure dates, a type, an outcome and persons involved."""
    from django.db import models

    from sifa.core.models import ScopedModel

    class BenchCase(ScopedModel):
        intake_date = models.DateField("受理日期")
        closure_date = models.DateField("结案日期", null=True)
        case_type = models.CharField("纠纷类型", max_length=20, blank=True,
                                     choices=[("marriage", "婚姻家庭"), ("neighbour", "邻里纠纷"), ("land", "土地纠纷")])
        outcome = models.CharField("结果", max_length=20, blank=True,
                                   choices=[("success", "调解成功"), ("failed", "调解不成")])
        persons = models.PositiveIntegerField("涉及人次", default=1)

        class Meta:
            app_label = "indicators"
            db_table = TABLE
            indexes = [models.Index(fields=["org_path", "intake_date", "case_type"], name="bench_case_scope_intake"),
                       models.Index(fields=["org_path", "closure_date", "outcome"], name="bench_case_scope_close")]

    return BenchCase


def register_indicators(model):
    from django.db.models import Q

    from sifa.indicators import Count, Ratio, Sum, register

    line, note = "基准测试", "基准测试用口径。"
    register(
        Count("bench.intake", "受理纠纷", model=model, date="intake_date", dimensions=["case_type"], line=line,
              note=note),
        Count("bench.success", "调解成功", model=model, date="closure_date", filter=Q(outcome="success"),
              line=line, note=note),
        Ratio("bench.success_rate", "调解成功率", numerator="bench.success", denominator="bench.intake", line=line,
              note=note),
        Sum("bench.persons", "涉及人次", model=model, date="intake_date", field="persons", unit="人次", line=line,
            note=note),
    )


def build_tree():
    """Divisions and org units of the province, inserted in bulk (paths computed here, as save() would)."""
    from sifa.core.models import Division, OrgKind, OrgUnit

    divisions = [Division(code="34", name="安徽省", level="province")]
    units = [OrgUnit(code="34-SFT", name="省司法厅", kind=OrgKind.PROVINCE_BUREAU, division_id="34", path="/34-SFT/")]
    county_paths, town_count = [], 0
    for c in range(1, CITIES + 1):
        city = f"34{c:02d}"
        divisions.append(Division(code=city, name=f"第{c}市", level="city", parent_id="34"))
        city_unit = OrgUnit(code=f"{city}-SJ", name=f"第{c}市司法局", kind=OrgKind.CITY_BUREAU, division_id=city,
                            path=f"/34-SFT/{city}-SJ/")
        units.append(city_unit)
        for k in range(1, COUNTIES_PER_CITY + 1):
            county = f"{city}{k:02d}"
            divisions.append(Division(code=county, name=f"第{c}市第{k}县", level="county", parent_id=city))
            bureau_path = f"{city_unit.path}{county}-SFJ/"
            units.append(OrgUnit(code=f"{county}-SFJ", name=f"第{c}市第{k}县司法局", kind=OrgKind.COUNTY_BUREAU,
                                 division_id=county, path=bureau_path))
            paths = [bureau_path]
            for t in range(100, 100 + TOWNSHIPS):
                town = f"{county}{t}"
                town_count += 1
                divisions.append(Division(code=town, name=f"第{t - 99}镇", level="township", parent_id=county))
                office_path = f"{bureau_path}{town}-SFS/"
                units.append(OrgUnit(code=f"{town}-SFS", name=f"第{t - 99}镇司法所", kind=OrgKind.JUSTICE_OFFICE,
                                     division_id=town, path=office_path))
                paths.append(office_path)
                for v in range(1, VILLAGES + 1):
                    village = f"{town}{v:03d}"
                    divisions.append(Division(code=village, name=f"第{v}村", level="village", parent_id=town))
                    path = f"{office_path}{village}-TWH/"
                    units.append(OrgUnit(code=f"{village}-TWH", name=f"第{v}村调委会",
                                         kind=OrgKind.MEDIATION_COMMITTEE, division_id=village, path=path))
                    paths.append(path)
            county_paths.append(paths)
    Division.objects.bulk_create(divisions, batch_size=2000)
    OrgUnit.objects.bulk_create(units, batch_size=2000)
    by_path = dict(OrgUnit.objects.values_list("path", "pk"))
    by_path_division = dict(OrgUnit.objects.values_list("path", "division_id"))
    return [[(p, by_path[p], by_path_division[p]) for p in paths] for paths in county_paths], len(units)


def connection_vendor() -> str:
    from django.db import connection

    return connection.vendor


def generate_rows(county_units, rows: int, seed: int):
    """Rows spread evenly over counties and years; within a county 10% at the bureau, the rest over its units."""
    rng = random.Random(seed)
    now = dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
    if connection_vendor() == "sqlite":
        now = now.isoformat(" ")  # as Django stores it
    first, days = dt.date(YEARS[0], 1, 1), (dt.date(YEARS[-1], 12, 31) - dt.date(YEARS[0], 1, 1)).days + 1
    types = ["marriage"] * 40 + ["neighbour"] * 35 + ["land"] * 23 + [""] * 2
    per_county = rows // len(county_units)
    for units in county_units:
        bureau, others = units[0], units[1:]
        for _ in range(per_county):
            path, org_id, region = bureau if rng.random() < 0.1 else others[rng.randrange(len(others))]
            intake = first + dt.timedelta(days=rng.randrange(days))
            closed = intake + dt.timedelta(days=rng.randrange(90)) if rng.random() < 0.85 else None
            outcome = ("success" if rng.random() < 0.97 else "failed") if closed else ""
            yield (org_id, path, region, now, now, intake, closed, types[rng.randrange(100)], outcome,
                   1 + rng.randrange(5))


COLUMNS = ("org_id", "org_path", "region_code", "created_at", "updated_at", "intake_date", "closure_date",
           "case_type", "outcome", "persons")


def load(model, rows_iter, total: int) -> float:
    """Insert without indexes, then build them (as a bulk load should), and analyse."""
    from django.db import connection

    started = time.perf_counter()
    with connection.schema_editor() as editor:
        editor.create_model(model)
    with connection.cursor() as cursor:
        secondary = [name for name, c in connection.introspection.get_constraints(cursor, TABLE).items()
                     if c["index"] and not c["primary_key"]]
        for name in secondary:
            cursor.execute(f'DROP INDEX "{name}"')
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY {TABLE} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows_iter:
                    copy.write_row(row)
    else:
        # the driver's own executemany: Django's cursor wrapper would adapt every parameter in Python
        sql = f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({', '.join(['?'] * len(COLUMNS))})"
        connection.ensure_connection()
        raw = connection.connection
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("BEGIN")  # one transaction: Django's connection autocommits every statement
        batch = []
        for org_id, path, region, created, updated, intake, closed, *rest in rows_iter:
            batch.append((org_id, path, region, created, updated, intake.isoformat(),
                          closed.isoformat() if closed else None, *rest))
            if len(batch) == 100_000:
                raw.executemany(sql, batch)
                batch.clear()
        if batch:
            raw.executemany(sql, batch)
        raw.execute("COMMIT")
    loaded = time.perf_counter()
    with connection.schema_editor() as editor:
        # the indexes create_model made: ScopedModel's org_path and region_code (PostgreSQL adds a LIKE index to
        # each), then the line's own composite ones
        for field in (f for f in model._meta.local_fields if f.db_index and not f.unique):
            editor.execute(editor._create_index_sql(model, fields=[field]))
            like = editor._create_like_index_sql(model, field) if connection.vendor == "postgresql" else None
            if like is not None:
                editor.execute(like)
        for index in model._meta.indexes:
            editor.add_index(model, index)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {TABLE}" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"  loaded {total:,} rows in {loaded - started:.1f} s, indexed and analysed in "
          f"{time.perf_counter() - loaded:.1f} s", flush=True)
    return loaded - started


def _summary(walls: list[float], cpus: list[float]) -> dict:
    walls, cpus = sorted(walls), sorted(cpus)
    return {"p50": statistics.median(walls), "p95": walls[int(0.95 * (len(walls) - 1))], "min": walls[0],
            "cpu_p50": statistics.median(cpus)}


def measure_round_robin(plan: list[tuple[str, object, int]]) -> dict[str, dict]:
    """Run every measure once as a warm-up, then in turns (so that load from other processes on the machine
    spreads over all of them), recording wall time and this process's CPU time."""
    walls: dict[str, list[float]] = {name: [] for name, _, _ in plan}
    cpus: dict[str, list[float]] = {name: [] for name, _, _ in plan}
    for _name, fn, _ in plan:
        fn()
    for turn in range(max(repeat for _, _, repeat in plan)):
        for name, fn, repeat in plan:
            if turn >= repeat:
                continue
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            cpus[name].append((time.process_time() - cpu) * 1000)
            walls[name].append((time.perf_counter() - wall) * 1000)
    return {name: _summary(walls[name], cpus[name]) for name, _, _ in plan}


def after_a_write(model, engine, province, period, repeat: int = 10) -> dict:
    """The roll-up at work: a record saved in one county, then the province-wide figure (only that county's
    cache entry is recomputed)."""
    from sifa.core.models import OrgUnit

    offices = list(OrgUnit.objects.filter(kind="justice_office").order_by("?")[:repeat + 1])
    engine.evaluate("bench.intake", province, period)
    walls, cpus = [], []
    for office in offices:
        model.objects.create(org=office, intake_date=dt.date(2021, 3, 1), case_type="land", persons=WRITTEN)
        wall, cpu = time.perf_counter(), time.process_time()
        engine.evaluate("bench.intake", province, period)
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return _summary(walls[1:], cpus[1:])


def naive_loop(model, county_path: str, province_path: str, start: dt.date, end: dt.date) -> tuple:
    """What one would write without the engine: read every record and count in Python."""
    started = time.perf_counter()
    county = province = 0
    for path, intake in model.objects.values_list("org_path", "intake_date").iterator(chunk_size=20_000):
        if start <= intake <= end and path.startswith(province_path):
            province += 1
            if path.startswith(county_path):
                county += 1
    return county, province, (time.perf_counter() - started) * 1000


def explain(model, q) -> list[str]:
    from django.db import connection

    qs = model.objects.filter(q).order_by()
    sql, params = qs.values("pk").query.sql_with_params()
    count_sql = "SELECT COUNT(*) FROM (" + sql + ") AS sub"
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + count_sql, params)
        return [" ".join(str(c) for c in row) for row in cursor.fetchall()]


def _existing_rows(model) -> int:
    """Rows of a kept database, without the ones a previous run wrote while measuring."""
    from django.db import connection

    if TABLE not in connection.introspection.table_names():
        return -1
    model.objects.filter(persons=WRITTEN).delete()
    return model.objects.count()


def _reset(model) -> None:
    """A kept database whose load did not finish (or of another size): start it over."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE core_orgunit, core_division CASCADE")
        else:
            cursor.execute("DELETE FROM core_orgunit")
            cursor.execute("DELETE FROM core_division")


def child(args) -> int:
    setup_django()
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import Q

    from sifa.core.models import OrgUnit
    from sifa.indicators import engine, registry, rollups
    from sifa.indicators.orgscope import org_scope

    model = define_model()
    register_indicators(model)
    counties = CITIES * COUNTIES_PER_CITY
    rows = (args.rows // counties) * counties
    if _existing_rows(model) == rows:
        print(f"  {connection.vendor}: reusing the kept database of {rows:,} rows", flush=True)
    else:
        _reset(model)
        county_units, unit_count = build_tree()
        print(f"  {connection.vendor}: {unit_count:,} org units, {len(county_units)} counties", flush=True)
        load(model, generate_rows(county_units, rows, args.seed), rows)

    county = OrgUnit.objects.get(code="340101-SFJ")
    province = OrgUnit.objects.get(code="34-SFT")
    period = engine.parse_period(PERIOD)

    def run(code, org, by=None, use_cache=True, empty_cache=False, records=False):
        """records=True: straight from the records (no stored roll-ups); else the engine chooses (a province
        figure sums the stored monthly roll-ups)."""
        def figure():
            return engine.breakdown(code, org, period, by) if by else engine.evaluate(code, org, period)

        def go():
            if empty_cache:
                cache.clear()
            with ExitStack() as stack:
                if records:
                    stack.enter_context(engine.from_records())
                if not use_cache:
                    stack.enter_context(engine.uncached())
                return figure()
        return go

    intake = registry.get("bench.intake")
    county_scope, province_scope = org_scope(county), org_scope(province)

    def like_prefix():
        q = Q(org_path__startswith=county.path) & intake.period_q(period)
        return model.objects.filter(q).order_by().count()

    few = max(3, REPEAT // 3)
    started = time.perf_counter()
    built = rollups.rebuild([registry.get(code) for code in ("bench.intake", "bench.success", "bench.persons")],
                            breakdowns=True)
    print(f"  stored roll-ups rebuilt (the nightly job): {sum(built.values()):,} rows in "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    figures = measure_round_robin([
        ("county count (uncached)", run("bench.intake", county, use_cache=False, records=True), REPEAT),
        ("county count, LIKE prefix instead of IN", like_prefix, few),
        ("county success rate (uncached, 2 queries)", run("bench.success_rate", county, use_cache=False,
                                                          records=True), REPEAT),
        ("county breakdown by township (uncached)", run("bench.intake", county, "township", False, records=True),
         REPEAT),
        ("county breakdown by type (uncached)", run("bench.intake", county, "case_type", False, records=True),
         REPEAT),
        ("county sum of persons (uncached, not covered)", run("bench.persons", county, use_cache=False,
                                                              records=True), REPEAT),
        ("county count (cached)", run("bench.intake", county), REPEAT),
        ("county breakdown by township (cached)", run("bench.intake", county, "township"), REPEAT),
        ("province count (uncached, from the records)", run("bench.intake", province, use_cache=False,
                                                            records=True), few),
        ("province breakdown by city (uncached, from the records)", run("bench.intake", province, "org", False,
                                                                        records=True), few),
        ("province count (uncached, stored roll-ups)", run("bench.intake", province, use_cache=False), REPEAT),
        ("province breakdown by city (uncached, stored roll-ups)", run("bench.intake", province, "org", False),
         REPEAT),
        ("province breakdown by type (uncached, stored roll-ups)", run("bench.intake", province, "case_type",
                                                                       False), REPEAT),
        ("province success rate (uncached, stored roll-ups)", run("bench.success_rate", province,
                                                                  use_cache=False), REPEAT),
        ("province count (rolled up from cache)", run("bench.intake", province), REPEAT),
        ("province breakdown by city (rolled up from cache)", run("bench.intake", province, "org"), REPEAT),
        ("province success rate (rolled up from cache)", run("bench.success_rate", province), REPEAT),
    ])
    # apart from the others, since emptying the cache would make every cached measure after it cold
    figures.update(measure_round_robin([("province count, cache empty (fills the 100 county entries)",
                                         run("bench.intake", province, empty_cache=True), few)]))
    figures["province count after a write in one county"] = after_a_write(model, engine, province, period)

    county_value = engine.evaluate("bench.intake", county, period).value
    province_value = engine.evaluate("bench.intake", province, period).value
    assert engine.breakdown("bench.intake", province, period, "org").sums_to_total, "breakdown ≠ total"
    with engine.uncached(), engine.from_records():
        direct = [engine.evaluate(c, province, period).value for c in ("bench.intake", "bench.success_rate")]
    with engine.uncached():
        rolled = [engine.evaluate(c, province, period).value for c in ("bench.intake", "bench.success_rate")]
    assert rolled == direct, f"roll-ups {rolled} ≠ records {direct}"
    naive_county, naive_province, naive_ms = naive_loop(model, county.path, province.path, period.start,
                                                        period.end)
    assert (naive_county, naive_province) == (county_value, province_value), "naive loop disagrees"

    load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  {PERIOD}: county 340101 {county_value:,} records in {len(county_scope.paths)} units; province "
          f"{province_value:,} in {len(province_scope.paths):,} units; table {rows:,} rows")
    print(f"  machine load average {load_avg} on {os.cpu_count()} CPUs (wall times include waiting for a CPU)")
    width = max(len(n) for n in figures)
    print(f"  {'measure':<{width}}  {'p50 ms':>8}  {'p95 ms':>8}  {'CPU ms':>7}  {'× naive':>9}")
    for name, f in figures.items():
        print(f"  {name:<{width}}  {f['p50']:>8.2f}  {f['p95']:>8.2f}  {f['cpu_p50']:>7.2f}  "
              f"{naive_ms / f['p50']:>9,.0f}")
    print(f"  {'naive Python loop over every record (both counts)':<{width}}  {naive_ms:>8.0f}")
    print("  (CPU ms: this process — on SQLite that includes the query; on PostgreSQL the server's share is not "
          "in it, see the plans)")
    verdict = {True: "met", False: "MISSED"}
    print(f"  targets: county query < 10 ms {verdict[figures['county count (uncached)']['p50'] < 10]}; "
          f"province view < 50 ms "
          f"{verdict[figures['province breakdown by city (uncached, from the records)']['p50'] < 50]} "
          f"straight from the records, "
          f"{verdict[figures['province breakdown by city (uncached, stored roll-ups)']['p50'] < 50]} from the "
          f"stored roll-ups, "
          f"{verdict[figures['province breakdown by city (rolled up from cache)']['p50'] < 50]} rolled up, "
          f"{verdict[figures['province count after a write in one county']['p50'] < 50]} after a write")
    for label, scope in (("county", county_scope), ("province", province_scope)):
        print(f"  plan of the {label} count:")
        for line in explain(model, intake.records_q(scope, period, {})):
            if any(k in line for k in ("Scan", "SEARCH", "SCAN", "Heap Fetches", "Execution Time", "Workers")):
                print("    " + line.strip()[:140])
    model.objects.filter(persons=WRITTEN).delete()
    cache.clear()
    if args.json:
        print(json.dumps({"vendor": connection.vendor, "rows": rows, "naive_ms": naive_ms, "figures": figures}))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--cache", choices=["locmem", "redis"], default="locmem")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--pg-url", default="")
    parser.add_argument("--seed", type=int, default=20210813)
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    parser.add_argument("--keep", default="", help="keep the databases (SQLite file in this directory, the "
                        "PostgreSQL database) and reuse them on the next run with the same --rows")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args()
    return child(args) if args.child else parent(args)


if __name__ == "__main__":
    sys.exit(main())
