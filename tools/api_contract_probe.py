"""Probe /api/v1/ with schemathesis against a built demo county (issue #14, item 3; SECURITY.md F6).

    .venv/bin/python tools/api_contract_probe.py [--var-dir var/api-probe] [--examples 5] [--max-time 180]

Builds (or reuses) the demo in its own data directory, so the probe's writes never touch the demo a person uses,
issues an API token for the county's 科室 account (demo_section: every line of the county in scope), serves the
site on a free loopback port, and runs schemathesis over every operation of /api/v1/openapi.json with two
checks: no 5xx, and every response conforms to the documented schema. Bounded in examples per operation and in
time. Prints the operations, cases, 5xx and schema violations, and exits 1 on any failure of a check (errors of
schemathesis itself while generating, e.g. a recursion limit in a deep schema, are counted and shown, not
failures of the API).
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ACCOUNT = "demo_section"
CHECKS = "not_a_server_error,response_schema_conformance"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sifa(env, *args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sifa.cli", *args], cwd=ROOT, env=env, check=True, **kwargs)


def issue_token(env) -> str:
    code = ("from sifa.core.models import ApiToken, User;"
            f"_, key = ApiToken.issue(User.objects.get(username='{ACCOUNT}'), '接口契约探测');print(key)")
    done = sifa(env, "shell", "-c", code, capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1]


def wait_until_up(url: str, seconds: int = 240) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"网站未能在{seconds}秒内启动：{url}")


def summarise(report_path: Path) -> dict:
    """Counts from schemathesis' ndjson event stream: operations, cases, 5xx, schema violations."""
    counts = {"operations": 0, "cases": 0, "server_errors": 0, "schema_violations": 0, "other_failures": 0,
              "tool_errors": 0}
    for line in report_path.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        finished = event.get("ScenarioFinished")
        if finished and finished.get("recorder"):
            counts["cases"] += len(finished["recorder"].get("cases", {}))
            for check_list in finished["recorder"].get("checks", {}).values():
                for check in check_list:
                    if str(check.get("status", "")).lower() != "failure":
                        continue
                    name = check.get("name", "")
                    key = {"not_a_server_error": "server_errors",
                           "response_schema_conformance": "schema_violations"}.get(name, "other_failures")
                    counts[key] += 1
        if "NonFatalError" in event:  # schemathesis' own trouble generating for one operation, not an API fault
            counts["tool_errors"] += 1
        loaded = event.get("LoadingFinished")
        if loaded:
            counts["operations"] = loaded.get("statistic", {}).get("operations", {}).get("total", 0)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "api-probe"))
    parser.add_argument("--examples", type=int, default=5, help="examples per operation")
    parser.add_argument("--max-time", type=int, default=180, help="time budget of the schemathesis run, seconds")
    parser.add_argument("--reuse", action="store_true", help="use the demo already built in --var-dir as it is")
    parser.add_argument("--accounts-only", action="store_true",
                        help="build only the demo county's org tree and accounts, not the lines' records (faster)")
    args = parser.parse_args()

    var_dir = Path(args.var_dir).resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SIFA_VAR_DIR": str(var_dir), "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)  # the probe always runs on its own embedded database
    print(f"== 接口契约探测：演示数据目录 {var_dir}", flush=True)
    sifa(env, "migrate", "--noinput", "-v0")
    if args.reuse:
        pass
    elif args.accounts_only:
        sifa(env, "shell", "-c", "from sifa.demo import county; county.build_county(log=lambda *a: None)")
    else:
        sifa(env, "demo", "--no-serve", stdout=subprocess.DEVNULL)
    # 法搜 builds its index on the first search (a minute or two); build it now so the probe's 10 s read timeout
    # measures the API, not the one-time build
    sifa(env, "laws", "search", "劳动合同", "--top", "1", stdout=subprocess.DEVNULL)
    token = issue_token(env)

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "import django;django.setup();"
         "from django.core.wsgi import get_wsgi_application;"
         "from sifa.demo.management.commands.demo import make_server;"
         f"make_server(get_wsgi_application(), '127.0.0.1', {port}).run()"],
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "sifa.settings"},
        stdout=subprocess.DEVNULL, stderr=open(var_dir / "server.log", "w"))
    events = var_dir / "schemathesis-events.ndjson"
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/api/v1/openapi.json")
        command = [str(BIN / "st"), "run", f"{base}/api/v1/openapi.json", "--header", f"Authorization: Bearer {token}",
                   "--checks", CHECKS, "--max-examples", str(args.examples), "--max-time", str(args.max_time),
                   "--seed", "14", "--workers", "2", "--no-shrink", "--report", "ndjson",
                   "--report-ndjson-path", str(events), "--warnings", "off"]
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    finally:
        server.terminate()
        server.wait(30)
    (var_dir / "schemathesis-output.txt").write_text(run.stdout + run.stderr, encoding="utf-8")
    counts = summarise(events) if events.exists() else {}
    print(f"schemathesis: {counts.get('operations', '?')} operations, {counts.get('cases', '?')} cases, "
          f"{counts.get('server_errors', '?')} 5xx, {counts.get('schema_violations', '?')} schema violations, "
          f"{counts.get('other_failures', '?')} other failures; {counts.get('tool_errors', '?')} errors of "
          f"schemathesis itself (st exit {run.returncode})")
    failed = not counts or any(counts[k] for k in ("server_errors", "schema_violations", "other_failures"))
    if failed or run.returncode != 0:
        print("\n".join(run.stdout.splitlines()[-60:]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
