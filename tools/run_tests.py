"""`make test`: the whole suite, fast and slow, with browser tests when Debian's Chromium is present.

The suite runs on every core (pytest-xdist) without the browser tests; then each file of browser tests runs in
a process of its own, because Playwright's sync API cannot start twice in one process — as many side by side as
there are workers, each with its own test database. Exits non-zero when any
run fails (pytest's "no tests collected", 5, counts as a failure too)."""

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSER_MARK = re.compile(r"mark\.browser")


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_test_files() -> list[str]:
    # tests/browser/conftest.py marks every test of that folder as a browser test, marked in the file or not
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("test_*.py")
                  if BROWSER_MARK.search(p.read_text(encoding="utf-8")) or p.parent.name == "browser")


def main() -> int:
    env = dict(os.environ)
    base = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    print("database:", "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "embedded SQLite",
          flush=True)
    workers = min(os.cpu_count() or 1, 4)
    # loadscope: a module's tests stay on one worker, so a module-scoped fixture is set up once.
    parallel = ["-n", str(workers), "--dist", "loadscope"] if workers > 1 else []
    # On a whole run the demo county's template database is built beside the suite; the tests that read it run
    # last and wait for it if it is not ready yet (tests/demo/template.py). With unchanged code the last run's
    # is reused. On a partial run the demo tests, if selected, build it themselves.
    template = None if sys.argv[1:] else subprocess.Popen([sys.executable, "-m", "tests.demo.template"], env=env,
                                                          cwd=ROOT)
    status = subprocess.call([*base, *parallel, "-m", "not browser", *sys.argv[1:]], env=env, cwd=ROOT)
    if template:
        template.wait()

    chromium = chromium_path()
    if not chromium:
        print("未找到 Chromium（Debian 的 chromium 包）：浏览器测试已跳过。", flush=True)
        print("No Chromium found (Debian package 'chromium'): browser tests skipped.", flush=True)
        return status
    env["SIFA_CHROMIUM"] = chromium
    for path, result, output in run_side_by_side(base, browser_test_files(), env, workers):
        print(f"== browser tests: {path}\n{output}", end="", flush=True)
        if result not in (0, 5):  # 5: a file whose browser tests are all deselected by marks
            status = status or result
    return status


def run_side_by_side(base: list[str], paths: list[str], env: dict, workers: int):
    """Each browser-test file in a pytest process of its own, `workers` at a time, each with its own test
    database; yields (path, exit status, output) in the files' order."""
    def run(numbered):
        number, path = numbered
        done = subprocess.run([*base, "-m", "browser", path], cwd=ROOT, text=True, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, env={**env, "SIFA_TEST_DB_SUFFIX": f"browser{number}"})
        return path, done.returncode, done.stdout

    with ThreadPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(run, enumerate(paths))


if __name__ == "__main__":
    sys.exit(main())
