"""Ledger benchmark: import and export of a realistic register at 10,000 and 100,000 rows.

    python bench/ledger_bench.py [--sizes 10000,100000]

The kind is a 人员名册 of ten columns (name, ID number with checksum, mobile, division code checked against
the database, address, category, date, yes/no, note), imported through the full framework (streaming read,
per-cell validation, duplicate check, batched code look-ups, one transaction, audit) with a batch action
(bulk_create plus one audit row per batch). For contrast, 2,000 org units go through the per-row action
sifa.core.actions.create_org_unit.

Each measurement runs in a fresh process, which samples its resident memory while it works: the rise it
reports belongs to that one import or export, and should not grow with the number of rows. The database is a throwaway: a new SQLite file by default, or a new database on the PostgreSQL server of
DATABASE_URL when that is set. Targets: ≥5,000 rows/s import, ≥20,000 rows/s export, flat memory.
"""

import argparse
import dataclasses
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
KIND_CODE = "bench_people"
CATEGORIES = (("resident", "常住居民"), ("migrant", "流动人口"), ("released", "刑满释放人员"),
              ("corrections", "社区矫正对象"), ("assisted", "帮扶对象"))
VILLAGES = 200


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sifa.settings")
    os.environ.setdefault("SIFA_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def define_bench_kind():
    """A bench-only model and kind; the table is created by the parent process."""
    from django.db import models

    from sifa.core import audit
    from sifa.ledger.registry import Column, ColumnType, RecordKind, chunks, register

    class BenchPerson(models.Model):
        org = models.ForeignKey("core.OrgUnit", on_delete=models.PROTECT, related_name="+")
        name = models.CharField(max_length=20)
        id_number = models.CharField(max_length=18, unique=True)
        mobile = models.CharField(max_length=11, blank=True)
        division_code = models.CharField(max_length=12)
        address = models.CharField(max_length=200, blank=True)
        category = models.CharField(max_length=20)
        registered_on = models.DateField()
        key_person = models.BooleanField(default=False)
        note = models.CharField(max_length=200, blank=True)

        class Meta:
            app_label = "ledger"
            db_table = "bench_ledger_person"

    def register_people(rows, ctx):
        """The batch action: bulk_create per batch, one audit row per batch."""
        total = 0
        for batch in chunks(rows, 2000):
            BenchPerson.objects.bulk_create([BenchPerson(org_id=ctx.org.pk, **r.values) for r in batch])
            audit.record("action", user=ctx.user, verb="批量登记人员", object_type="bench.person",
                         after={"rows": len(batch), "first_row": batch[0].number, "last_row": batch[-1].number})
            total += len(batch)
        return total

    kind = RecordKind(
        code=KIND_CODE, name="人员名册", key=("id_number",),
        columns=(
            Column("姓名", "name", required=True, max_length=20, example="张三"),
            Column("公民身份号码", "id_number", ColumnType.ID_NUMBER, required=True, sensitive=True,
                   example="11010519491231002X"),
            Column("手机号码", "mobile", ColumnType.MOBILE, sensitive=True, example="13800138000"),
            Column("所在区划代码", "division_code", ColumnType.DIVISION_CODE, required=True, example="341321100001"),
            Column("居住地址", "address", max_length=200, example="砀城镇人民路1号"),
            Column("人员类别", "category", ColumnType.ENUM, required=True, choices=CATEGORIES, example="常住居民"),
            Column("登记日期", "registered_on", ColumnType.DATE, required=True, example="2024-03-01"),
            Column("是否重点人员", "key_person", ColumnType.BOOL, example="否"),
            Column("备注", "note", max_length=200, example=""),
        ),
        row_to_action=register_people,
        export_queryset=lambda user, filters: BenchPerson.objects.filter(org=filters["org"]).order_by("id"),
        row_for=lambda p: {"name": p.name, "id_number": p.id_number, "mobile": p.mobile,
                           "division_code": p.division_code, "address": p.address, "category": p.category,
                           "registered_on": p.registered_on, "key_person": p.key_person, "note": p.note},
        import_capability="import", export_capability="export",
    )
    register(kind)
    return kind, BenchPerson


# --- data -----------------------------------------------------------------------------------------


def unique_ids(n: int):
    """n distinct valid ID numbers: the birth date and order code together encode i."""
    from datetime import date, timedelta

    from stdnum.cn import ric

    start = date(1940, 1, 1)
    for i in range(n):
        born = start + timedelta(days=i // 999)
        body = f"341321{born:%Y%m%d}{i % 999 + 1:03d}"
        yield body + ric.calc_check_digit(body + "0")


def generate(path: Path, rows: int) -> None:
    from datetime import date, timedelta

    from sifa.ledger.xlsx_writer import XlsxStreamWriter

    kind = define_or_get_kind()
    surnames, given = "王李张刘陈杨赵黄周吴", "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀英华"
    with open(path, "wb") as fh, XlsxStreamWriter(fh, kind.sheet_name, kind.headers) as writer:
        for i, number in enumerate(unique_ids(rows)):
            writer.write_row([
                surnames[i % 10] + given[i % 17] + given[(i // 17) % 17],
                number,
                f"13{i % 10}{i:08d}"[-11:] if i % 3 else "",
                f"341321100{1 + i % VILLAGES:03d}",
                f"砀城镇第{1 + i % VILLAGES}村{i % 50}组{i % 97}号",
                CATEGORIES[i % 5][1],
                date(2020, 1, 1) + timedelta(days=i % 1500),
                "是" if i % 7 == 0 else "否",
                "" if i % 4 else f"备注{i}",
            ])


_kind_cache = {}


def define_or_get_kind():
    if "kind" not in _kind_cache:
        _kind_cache["kind"], _kind_cache["model"] = define_bench_kind()
    return _kind_cache["kind"]


# --- child processes: one measurement each ------------------------------------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class RssSampler(threading.Thread):
    """Samples this process's resident memory every 20 ms; `growth_mb` is the largest rise over the start."""

    def __init__(self):
        super().__init__(daemon=True)
        self.page_mb = os.sysconf("SC_PAGE_SIZE") / 1048576
        self.start_mb = self.peak_mb = self.current()
        self.done = threading.Event()

    def current(self) -> float:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * self.page_mb

    def run(self):
        while not self.done.wait(0.02):
            self.peak_mb = max(self.peak_mb, self.current())

    def stop(self) -> float:
        self.done.set()
        self.join()
        self.peak_mb = max(self.peak_mb, self.current())
        return self.peak_mb - self.start_mb


def child(args) -> None:
    setup_django()
    kind = define_or_get_kind()
    from sifa.core.models import OrgUnit, User
    from sifa.ledger.exporter import export_kind
    from sifa.ledger.importer import import_file

    user = User.objects.select_related("org").get(username="bench_clerk")
    org = OrgUnit.objects.get(code=args.org)
    baseline = peak_rss_mb()
    sampler = RssSampler()
    sampler.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    if args.child in ("import", "validate"):
        target = kind if args.kind == KIND_CODE else _builtin(args.kind)
        if args.child == "validate":   # everything but the writes: the action only drains the rows
            target = dataclasses.replace(target, row_to_action=lambda rows, ctx: sum(1 for _ in rows))
        with open(args.file, "rb") as fh:
            result = import_file(target, fh, org=org, user=user if args.kind == KIND_CODE else None,
                                 filename="bench.xlsx")
        assert result.ok, result.errors[:5]
        rows = result.imported
    else:
        with tempfile.TemporaryFile() as out:
            rows = export_kind(kind, user, org, out)
            size = out.tell()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    growth = sampler.stop()
    print(json.dumps({"rows": rows, "seconds": seconds, "cpu": cpu, "baseline_mb": baseline, "peak_mb": peak_rss_mb(),
                      "growth_mb": growth,
                      **({"bytes": size} if args.child == "export" else {})}))


def _builtin(code):
    from sifa.ledger import registry

    return registry.get(code)


def run_child(kind: str, action: str, org: str, file: Path | None, env) -> dict:
    cmd = [sys.executable, __file__, "--child", action, "--kind", kind, "--org", org]
    if file:
        cmd += ["--file", str(file)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"child failed: {' '.join(cmd)}\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- parent ---------------------------------------------------------------------------------------


def prepare_database(workdir: Path) -> tuple[dict, callable]:
    """A throwaway database; returns the environment for children and a cleanup function."""
    env = dict(os.environ, SIFA_VAR_DIR=str(workdir), SIFA_LOG_LEVEL="WARNING",
               SIFA_UPLOAD_MAX_BYTES=str(200 * 1024 * 1024), DJANGO_SETTINGS_MODULE="sifa.settings")
    url = os.environ.get("DATABASE_URL", "")
    cleanup = lambda: None  # noqa: E731
    if url.startswith("postgres"):
        import psycopg

        name = f"sifa_ledger_bench_{os.getpid()}"
        base, _, _ = url.rpartition("/")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"{base}/{name}"

        def cleanup():
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    os.environ.update(env)
    return env, cleanup


def seed():
    from django.core.management import call_command
    from django.db import connection

    from sifa.core.models import Division, OrgKind, OrgUnit, Role, User
    from sifa.core.models.orgs import DivisionLevel

    call_command("migrate", verbosity=0)
    _, model = _kind_cache["kind"], _kind_cache["model"]
    with connection.schema_editor() as editor:
        editor.create_model(model)
    province = Division.objects.create(code="34", name="安徽省", level=DivisionLevel.PROVINCE)
    city = Division.objects.create(code="3413", name="宿州市", level=DivisionLevel.CITY, parent=province)
    county = Division.objects.create(code="341321", name="砀山县", level=DivisionLevel.COUNTY, parent=city)
    town = Division.objects.create(code="341321100", name="砀城镇", level=DivisionLevel.TOWNSHIP, parent=county)
    Division.objects.bulk_create([
        Division(code=f"341321100{i:03d}", name=f"第{i}村", level=DivisionLevel.VILLAGE, parent=town)
        for i in range(1, VILLAGES + 1)])
    bureau = OrgUnit.objects.create(code="341321-SFJ", name="砀山县司法局", kind=OrgKind.COUNTY_BUREAU, division=county)
    office = OrgUnit.objects.create(code="341321100-SFS", name="砀城司法所", kind=OrgKind.JUSTICE_OFFICE,
                                    division=town, parent=bureau)
    User.objects.create(username="bench_clerk", role=Role.OFFICE_STAFF, org=office, must_change_password=False)
    return model


def generate_orgs(path: Path, rows: int) -> None:
    from sifa.ledger import registry
    from sifa.ledger.xlsx_writer import XlsxStreamWriter

    kind = registry.get("orgs")
    with open(path, "wb") as fh, XlsxStreamWriter(fh, kind.sheet_name, kind.headers) as writer:
        for i in range(rows):
            writer.write_row([f"BENCH-{i:05d}", f"第{i}人民调解委员会", "人民调解委员会",
                              f"341321100{1 + i % VILLAGES:03d}", "341321100-SFS", "", "", ""])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--org-rows", type=int, default=2000)
    parser.add_argument("--child", choices=["validate", "import", "export"])
    parser.add_argument("--kind", default=KIND_CODE)
    parser.add_argument("--org", default="341321100-SFS")
    parser.add_argument("--file")
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0

    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="sifa-ledger-bench-") as tmp:
        workdir = Path(tmp)
        env, cleanup = prepare_database(workdir)
        try:
            setup_django()
            define_or_get_kind()
            model = seed()
            from django.db import connection

            engine = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
            print(f"ledger bench · database: {engine} · kind: 人员名册 (9 columns, ID checksum, code look-ups)")
            print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
                  "(wall-clock rates fall when other work shares the machine; CPU-time rates much less)")
            print(f"{'rows':>8} | {'validate':>8} | {'import s':>8} {'rows/s':>7} {'cpu r/s':>7} {'+MB':>7} | "
                  f"{'export s':>8} {'rows/s':>7} {'cpu r/s':>7} {'+MB':>7} | {'file MB':>7}")
            figures = []
            for n in sizes:
                path = workdir / f"people_{n}.xlsx"
                generate(path, n)
                val = run_child(KIND_CODE, "validate", "341321100-SFS", path, env)
                imp = run_child(KIND_CODE, "import", "341321100-SFS", path, env)
                exp = run_child(KIND_CODE, "export", "341321100-SFS", None, env)
                model.objects.all().delete()
                figures.append((n, imp, exp))
                print(f"{n:>8,} | {n / val['cpu']:>8,.0f} | {imp['seconds']:>8.2f} {n / imp['seconds']:>7,.0f} {n / imp['cpu']:>7,.0f} "
                      f"{imp['growth_mb']:>7.1f} | {exp['seconds']:>8.2f} {n / exp['seconds']:>7,.0f} "
                      f"{n / exp['cpu']:>7,.0f} {exp['growth_mb']:>7.1f} | {path.stat().st_size / 1048576:>7.1f}",
                      flush=True)
            print("validate = rows per CPU-second of read + per-cell validation + duplicate and code checks "
                  "(no writes)")
            print("+MB = largest rise of resident memory during that one import or export, over the "
                  f"{figures[0][1]['baseline_mb']:.0f} MB of a started process; cpu r/s = rows per CPU-second "
                  "of that process" + (" (PostgreSQL's own CPU not included)" if engine == "PostgreSQL" else ""))
            path = workdir / "orgs.xlsx"
            generate_orgs(path, args.org_rows)
            org = run_child("orgs", "import", "341321-SFJ", path, env)
            print(f"orgs via per-row create_org_unit: {args.org_rows:,} rows in {org['seconds']:.2f} s = "
                  f"{args.org_rows / org['seconds']:,.0f} rows/s ({args.org_rows / org['cpu']:,.0f} per CPU-second)")
            n, imp, exp = figures[-1]
            for label, fig, target in (("import", imp, 5000), ("export", exp, 20000)):
                wall, cpu = n / fig["seconds"], n / fig["cpu"]
                verdict = "met" if wall >= target else ("met in CPU time only" if cpu >= target else "MISSED")
                print(f"target {label} ≥{target:,} rows/s at {n:,} rows: {verdict} "
                      f"(wall {wall:,.0f}, CPU {cpu:,.0f})")
        finally:
            from django.db import connections

            connections.close_all()
            cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
