"""Staff page benchmark: each page of the demo county loaded once cold and 20 times warm, as a user feels it.

    python bench/pages_bench.py [--user demo_leader] [--repeat 20] [--only 驾驶舱,指标查询]

Runs against the demo county's database (build it first: `sifa demo --no-serve`; SIFA_VAR_DIR / DATABASE_URL
choose which). Every page is fetched through Django's test client, signed in as `--user` (default the bureau
leader, who sees the whole county), with the server's own middleware, templates and caches:

- start: what the process loads before it listens (sifa.api.warmup: every URLconf, the API reference), as the
  server does at start;
- cold: the first request of a fresh process for that page, with the cache cleared before it — what the first
  visitor after a restart waits for (page templates compiled, indicator figures computed, queries from cold
  caches);
- warm: the next `--repeat` requests; p50 and p90 are printed;
- queries: the SQL statements of the cold request and of the last warm one (steadier than times on a busy machine).

Targets (issue 13, item 8): cold < 1 s, warm p50 < 100 ms on 2 cores. The figures are printed, never asserted.
Each page is measured in its own process, so one page's warm caches never make another page look fast.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = {
    "首页": "/",
    "驾驶舱": "/reports/dashboard/",
    "指标查询": "/indicators/",
    "指标详情": "/indicators/mediation.accepted/",
    "工作总结": "/reports/",
    "API文档": "/api/v1/docs/",
    "人民调解列表": "/mediation/",
    "社区矫正列表": "/corrections/",
    "法律援助列表": "/legalaid/",
    "公证列表": "/notary/",
    "法治驾驶舱": "/reports/cockpit/",
    "行政复议列表": "/reconsideration/",
    "行政应诉列表": "/litigation/",
    "合法性审查列表": "/legality/",
    "执法监督列表": "/enforcement/",
    "律师列表": "/lawyers/",
    "普法列表": "/publicity/",
    "法治督察列表": "/inspection/",
    "队伍建设列表": "/team/",
}


def measure(name: str, path: str, user: str, repeat: int) -> dict:
    """In this process: one cold request, then `repeat` warm ones (milliseconds)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sifa.settings")
    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from sifa.api.warmup import warm
    from sifa.core.models import User

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    started_in = warm()  # as the server does before it listens (sifa.wsgi, the demo's server)
    cache.clear()
    client = Client()
    account = User.objects.get(username=user)
    client.force_login(account)
    times, queries, status = [], [], None
    for _ in range(repeat + 1):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        queries.append(len(captured))
        status = response.status_code
    warm = sorted(times[1:])
    return {"page": name, "path": path, "status": status, "cold_ms": round(times[0], 1),
            "warm_p50_ms": round(statistics.median(warm), 1),
            "warm_p90_ms": round(warm[int(0.9 * (len(warm) - 1))], 1),
            "cold_queries": queries[0], "warm_queries": queries[-1], "start_ms": round(started_in * 1000, 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--user", default="demo_leader")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print one JSON object per page")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, PAGES[args.child], args.user, args.repeat), ensure_ascii=False))
        return
    names = [n for n in PAGES if not args.only or n in args.only.split(",")]
    if not args.json:
        print(f"{'页面':<10}{'地址':<34}{'状态':>4}{'冷启动ms':>10}{'热p50ms':>10}{'热p90ms':>10}"
              f"{'冷查询':>8}{'热查询':>8}{'启动ms':>9}")
    for name in names:
        out = subprocess.run([sys.executable, __file__, "--child", name, "--user", args.user,
                              "--repeat", str(args.repeat)], capture_output=True, text=True, cwd=ROOT)
        line = next((ln for ln in out.stdout.splitlines() if ln.startswith("{")), "")
        if not line:
            print(f"{name}: 失败\n{out.stderr[-2000:]}")
            continue
        row = json.loads(line)
        if args.json:
            print(line)
        else:
            print(f"{row['page']:<10}{row['path']:<34}{row['status']:>4}{row['cold_ms']:>10}{row['warm_p50_ms']:>10}"
                  f"{row['warm_p90_ms']:>10}{row['cold_queries']:>8}{row['warm_queries']:>8}{row['start_ms']:>9}")


if __name__ == "__main__":
    main()
